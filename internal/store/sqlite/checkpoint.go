package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Checkpoints. In WAL mode a commit that finds the log past
// wal_autocheckpoint pages copies the log into the database file (and syncs
// it) before returning, so bulk writes paid for checkpoints on the single
// writer's critical path, once per batch. A checkpointer goroutine on its
// own connection does that work beside the writer instead: PASSIVE
// checkpoints never block the writer or readers, and run at most every
// checkpointEvery after commits. The writer's own autocheckpoint stays as a
// backstop at a higher threshold (see dsn), for a checkpointer that cannot
// keep up or another process writing the same file.

const (
	checkpointEvery = 250 * time.Millisecond
	// writerAutocheckpoint is the writer's backstop, in pages (64 MiB of
	// 4 KiB pages); SQLite's default is 1000.
	writerAutocheckpoint = 16384
)

type checkpointer struct {
	db   *sql.DB
	kick chan struct{}
	stop chan struct{}
	done chan struct{}
}

func startCheckpointer(ctx context.Context, path string, o Options) (*checkpointer, error) {
	db, err := sql.Open("sqlite", checkpointDSN(path, o))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open checkpointer for %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open checkpointer for %s: %w", path, err)
	}
	c := &checkpointer{db: db, kick: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go c.loop()
	return c, nil
}

// committed tells the checkpointer there is new log to copy; it never
// blocks the writer.
func (c *checkpointer) committed() {
	select {
	case c.kick <- struct{}{}:
	default:
	}
}

func (c *checkpointer) loop() {
	defer close(c.done)
	for {
		select {
		case <-c.stop:
			return
		case <-c.kick:
		}
		// Best effort: a failed or partial checkpoint loses nothing (the
		// log still holds every frame) and the next commit retries it.
		_, _ = c.db.Exec(`PRAGMA wal_checkpoint(PASSIVE)`)
		t := time.NewTimer(checkpointEvery)
		select {
		case <-c.stop:
			t.Stop()
			return
		case <-t.C:
		}
	}
}

func (c *checkpointer) close() error {
	close(c.stop)
	<-c.done
	return c.db.Close()
}
