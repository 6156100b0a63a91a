package postgres

import (
	"context"
	"fmt"
)

// Optimize refreshes the planner's statistics after a bulk load. Until
// autovacuum gets to a freshly imported schema, PostgreSQL plans with
// default estimates, and some reads (related lists, story listings) fall to
// sequential or parallel plans that cost tens of milliseconds instead of
// well under one; `nashra import` calls this when it has written anything.
func (s *Store) Optimize(ctx context.Context) error {
	if _, err := s.pool.Exec(ctx, `ANALYZE`); err != nil {
		return fmt.Errorf("postgres: analyze: %w", err)
	}
	return nil
}
