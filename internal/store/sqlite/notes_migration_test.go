package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/sqlite"
)

// A database at schema 2 holds feed moves as errors, the way FinishPoll
// recorded them before notes had columns; migration 3 must turn those into
// notes and leave real errors alone.
func TestMigrationMovesNotesOutOfErrors(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "nashra.db")
	s, err := sqlite.Open(ctx, path)
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
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	note := news.MovedNote("https://mover.example/old", "https://mover.example/new")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`ALTER TABLE fetch_log DROP COLUMN note`,
		`ALTER TABLE feeds DROP COLUMN last_note`,
		`DELETE FROM schema_version WHERE version >= 3`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if _, err := db.ExecContext(ctx, `UPDATE feeds SET last_error = ? WHERE id = ?`, note, moved); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `UPDATE fetch_log SET error = ? WHERE feed_id = ?`, note, moved); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = sqlite.Open(ctx, path)
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
