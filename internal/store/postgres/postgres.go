// Package postgres is nashra's PostgreSQL store, for deployments with
// several crawler or web processes on one database. It passes the same
// conformance suite as the SQLite store (internal/store/storetest).
package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/nashra/nashra/internal/news"
)

// Options tune a store; the zero value is production-ready.
type Options struct {
	// Now is the clock used for fetched/updated stamps (default time.Now).
	Now func() time.Time
	// RankWindow is how many of the newest matches of a query relevance
	// ranking scores (default DefaultRankWindow); see Search.
	RankWindow int
	// MaxConns caps the pool (default: the DSN's pool_max_conns, else DefaultMaxConns).
	MaxConns int32
}

// Store implements news.Store on PostgreSQL.
type Store struct {
	pool       *pgxpool.Pool
	now        func() time.Time
	rankWindow int
}

var _ news.Store = (*Store)(nil)

// DefaultMaxConns is the pool size when neither Options nor the DSN sets one.
const DefaultMaxConns = 16

// Open connects to the database a pgx connection string names
// (postgres://user@host:port/db?sslmode=disable&search_path=schema) and
// applies pending migrations.
func Open(ctx context.Context, dsn string) (*Store, error) {
	return OpenWith(ctx, dsn, Options{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, dsn string, o Options) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: parse connection string: %w", err)
	}
	switch {
	case o.MaxConns > 0:
		cfg.MaxConns = o.MaxConns
	case !strings.Contains(dsn, "pool_max_conns"):
		// pgxpool's default, max(4, CPUs), makes a web node's requests
		// queue for a connection: an article page needs several short
		// queries, and on 2 cores 4 connections capped it at ~110 pages/s
		// where 16 serve ~445. A DSN's pool_max_conns still wins.
		cfg.MaxConns = DefaultMaxConns
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.RankWindow <= 0 {
		o.RankWindow = DefaultRankWindow
	}
	// Times are compared and returned in UTC whatever the server's zone.
	cfg.ConnConfig.RuntimeParams["timezone"] = "UTC"
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: connect to %s:%d: %w", cfg.ConnConfig.Host, cfg.ConnConfig.Port, err)
	}
	s := &Store{pool: pool, now: o.Now, rankWindow: o.RankWindow}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

// Close releases every connection.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// write runs fn in one transaction.
func (s *Store) write(ctx context.Context, what string, fn func(tx pgx.Tx) error) error {
	err := pgx.BeginFunc(ctx, s.pool, fn)
	if err == nil {
		return nil
	}
	var ne *news.Error
	if errors.As(err, &ne) {
		return err
	}
	return fmt.Errorf("postgres: %s: %w", what, err)
}
