package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/postgres"
)

// A feed added with a moved feed's new URL after FinishPoll checked that
// URL was free must cost the move, not the poll: the URL update fails on
// the unique index inside its savepoint and the conflict is recorded.
func TestFinishPollMoveRacesAnInsert(t *testing.T) {
	ctx := context.Background()
	dsn := tempSchema(t)
	s, err := postgres.OpenWith(ctx, dsn, postgres.Options{MaxConns: 4})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	const from, to = "https://racer.example/old", "https://racer.example/new"
	src := &news.Source{ID: "racer", NameEn: "Racer", Feeds: []news.Feed{{URL: from}}}
	if err := s.PutSource(ctx, src); err != nil {
		t.Fatal(err)
	}

	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	watch, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer watch.Close(ctx)
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	var lateID int64
	if err := tx.QueryRow(ctx, `INSERT INTO feeds (source_id, url, created_at) VALUES ('racer', $1, now()) RETURNING id`, to).
		Scan(&lateID); err != nil {
		t.Fatal(err)
	}

	done := make(chan error, 1)
	go func() {
		done <- s.FinishPoll(ctx, news.PollResult{FeedID: src.Feeds[0].ID, StartedAt: time.Unix(1438416000, 0).UTC(),
			Status: 200, Items: 5, MovedTo: to})
	}()
	// The uncommitted row is invisible to FinishPoll's check, so its URL
	// update waits on the unique index for our transaction to end.
	deadline := time.Now().Add(30 * time.Second)
	for {
		var waiting int
		if err := watch.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE feeds SET url = $2%' AND datname = current_database()`).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
		if waiting > 0 {
			break
		}
		select {
		case err := <-done:
			t.Fatalf("FinishPoll returned %v without waiting for the concurrent insert", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("FinishPoll never waited on the concurrent insert")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}

	err = <-done
	if news.ErrorCode(err) != news.ECONFLICT {
		t.Fatalf("FinishPoll = %v, want an ECONFLICT error", err)
	}
	got, err := s.Source(ctx, "racer")
	if err != nil {
		t.Fatal(err)
	}
	note := news.MoveConflictNote(from, to, lateID, "racer")
	for _, f := range got.Feeds {
		if f.ID == src.Feeds[0].ID && (f.URL != from || f.LastNote != note || f.LastError != "" || f.LastSuccessAt.IsZero()) {
			t.Fatalf("feed %+v, want URL %s, note %q, no error and the poll's success", f, from, note)
		}
	}
	log, err := s.FetchLog(ctx, "racer", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 1 || log[0].Items != 5 || log[0].Note != note || log[0].Err != "" {
		t.Fatalf("fetch log %+v, want the poll with the conflict noted and no error", log)
	}
}
