package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/postgres"
)

// A database at schema 2 holds feed moves as errors, the way FinishPoll
// recorded them before notes had columns; migration 3 must turn those into
// notes and leave real errors alone.
func TestMigrationMovesNotesOutOfErrors(t *testing.T) {
	ctx := context.Background()
	dsn := tempSchema(t)
	s, err := postgres.OpenWith(ctx, dsn, postgres.Options{MaxConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	src := &news.Source{ID: "mover", NameEn: "Mover", Feeds: []news.Feed{
		{URL: "https://mover.example/new"}, {URL: "https://mover.example/broken"}}}
	if err := s.PutSource(ctx, src); err != nil {
		t.Fatal(err)
	}
	moved, broken := src.Feeds[0].ID, src.Feeds[1].ID
	at := time.Unix(1438416000, 0).UTC()
	for _, r := range []news.PollResult{
		{FeedID: moved, StartedAt: at, Status: 200},
		{FeedID: broken, StartedAt: at, Status: 503, Err: "HTTP 503"},
	} {
		if err := s.FinishPoll(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	note := news.MovedNote("https://mover.example/old", "https://mover.example/new")
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`ALTER TABLE fetch_log DROP COLUMN note`, nil},
		{`ALTER TABLE feeds DROP COLUMN last_note`, nil},
		{`DELETE FROM schema_version WHERE version >= 3`, nil},
		{`UPDATE feeds SET last_error = $1 WHERE id = $2`, []any{note, moved}},
		{`UPDATE fetch_log SET error = $1 WHERE feed_id = $2`, []any{note, moved}},
	} {
		if _, err := conn.Exec(ctx, q.sql, q.args...); err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
	conn.Close(ctx)

	s, err = postgres.OpenWith(ctx, dsn, postgres.Options{MaxConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.SchemaVersion(ctx); err != nil || v < 3 {
		t.Fatalf("schema version %d, %v; want at least 3", v, err)
	}
	got, err := s.Source(ctx, "mover")
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64][2]string{moved: {"", note}, broken: {"HTTP 503", ""}} // error, note
	for _, f := range got.Feeds {
		if w := want[f.ID]; f.LastError != w[0] || f.LastNote != w[1] {
			t.Errorf("feed %d: error %q, note %q; want %q, %q", f.ID, f.LastError, f.LastNote, w[0], w[1])
		}
	}
	log, err := s.FetchLog(ctx, "mover", 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range log {
		if w := want[e.FeedID]; e.Err != w[0] || e.Note != w[1] {
			t.Errorf("fetch log of feed %d: error %q, note %q; want %q, %q", e.FeedID, e.Err, e.Note, w[0], w[1])
		}
	}
	if len(log) != 2 {
		t.Errorf("fetch log has %d rows, want 2", len(log))
	}
}
