// Package sqlite is nashra's default store: one SQLite file (WAL mode) with
// an FTS5 index over the pre-analysed token text. It uses modernc.org/sqlite,
// so the binary stays pure Go.
//
// All writes go through a single connection. SQLite allows one writer at a
// time anyway; funnelling writers through one *sql.DB connection turns lock
// contention inside this process into a Go-side queue instead of
// SQLITE_BUSY retries, and BEGIN IMMEDIATE makes a transaction take the
// write lock up front so it can never deadlock upgrading from a read lock
// when another process writes too. Reads use a separate pool of read-only
// connections that WAL lets run concurrently with the writer.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/nashra/nashra/internal/news"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Options tune a store; the zero value is production-ready.
type Options struct {
	// Readers caps the read connection pool (default: max(4, 2*GOMAXPROCS)).
	Readers int
	// BusyTimeout is how long a connection waits for another process's lock
	// before failing with SQLITE_BUSY (default 10s).
	BusyTimeout time.Duration
	// Now is the clock used for fetched/updated stamps (default time.Now).
	Now func() time.Time
	// RankWindow is how many of the newest matches of a query relevance
	// ranking scores (default DefaultRankWindow); see Search.
	RankWindow int
}

// Store implements news.Store on SQLite.
type Store struct {
	path       string
	w          *sql.DB // exactly one connection: every write transaction
	r          *sql.DB // read-only pool
	now        func() time.Time
	rankWindow int
	ckpt       *checkpointer // nil until open completes
}

var _ news.Store = (*Store)(nil)

// Open opens (creating if needed) the database file at path and applies
// pending migrations.
func Open(ctx context.Context, path string) (*Store, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, path string, o Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("sqlite: empty database path")
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("sqlite: create directory for %s: %w", path, err)
		}
	}
	if o.Readers <= 0 {
		o.Readers = max(4, 2*runtime.GOMAXPROCS(0))
	}
	if o.BusyTimeout <= 0 {
		o.BusyTimeout = 10 * time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.RankWindow <= 0 {
		o.RankWindow = DefaultRankWindow
	}

	w, err := sql.Open("sqlite", dsn(path, o, false))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)

	s := &Store{path: path, w: w, now: o.Now, rankWindow: o.RankWindow}
	// The writer must exist (and have switched the file to WAL) before the
	// read-only connections open it.
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	if err := s.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", dsn(path, o, true))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: open readers for %s: %w", path, err)
	}
	r.SetMaxOpenConns(o.Readers)
	r.SetMaxIdleConns(o.Readers)
	s.r = r
	if err := r.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("sqlite: open readers for %s: %w", path, err)
	}
	if s.ckpt, err = startCheckpointer(ctx, path, o); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func dsn(path string, o Options, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", o.BusyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	// Index pages of a 31k-article corpus fit in 64 MiB; default is 2 MiB.
	// Readers get 16 MiB each: there are several, each cache is private to
	// its connection, and at 64 MiB apiece they made a web node's resident
	// memory exceed 800 MB while the kernel's page cache serves the rest.
	if readOnly {
		q.Add("_pragma", "cache_size(-16384)")
	} else {
		q.Add("_pragma", "cache_size(-65536)")
	}
	q.Add("_pragma", "temp_store(MEMORY)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", fmt.Sprintf("wal_autocheckpoint(%d)", writerAutocheckpoint))
		q.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// checkpointDSN is the checkpointer's connection: it writes only the
// database file, from the log, and never checkpoints on commit itself.
func checkpointDSN(path string, o Options) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", o.BusyTimeout.Milliseconds()))
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "wal_autocheckpoint(0)")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Close checkpoints the WAL and closes every connection.
func (s *Store) Close() error {
	var errs []error
	if s.ckpt != nil {
		errs = append(errs, s.ckpt.close())
	}
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	if s.w != nil {
		// Best effort: a truncated WAL makes the next open faster and the
		// file self-contained for copying; failure loses nothing.
		_, _ = s.w.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
		errs = append(errs, s.w.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("sqlite: close: %w", err)
	}
	return nil
}

// write runs fn in one write transaction (BEGIN IMMEDIATE).
func (s *Store) write(ctx context.Context, what string, fn func(tx *sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: %s: begin: %w", what, err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		var ne *news.Error
		if errors.As(err, &ne) {
			return err
		}
		return fmt.Errorf("sqlite: %s: %w", what, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: %s: commit: %w", what, err)
	}
	if s.ckpt != nil {
		s.ckpt.committed()
	}
	return nil
}

// IntegrityCheck runs PRAGMA integrity_check and the FTS5 index's own
// integrity check; it returns nil when both report ok.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	rows, err := s.w.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("sqlite: integrity check: %w", err)
	}
	var problems []string
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			rows.Close()
			return fmt.Errorf("sqlite: integrity check: %w", err)
		}
		if msg != "ok" {
			problems = append(problems, msg)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: integrity check: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("sqlite: integrity check: %v", problems)
	}
	if _, err := s.w.ExecContext(ctx, "INSERT INTO article_fts(article_fts, rank) VALUES ('integrity-check', 1)"); err != nil {
		return fmt.Errorf("sqlite: fts integrity check: %w", err)
	}
	return nil
}
