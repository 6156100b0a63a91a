package postgres_test

import (
	"context"
	"testing"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/postgres"
	"github.com/nashra/nashra/internal/store/postgres/pgtest"
	"github.com/nashra/nashra/internal/store/storetest"
)

// tempSchema returns a DSN on a fresh schema, dropped when the test ends,
// so tests run in parallel on one database without seeing each other.
func tempSchema(t testing.TB) string { return pgtest.Schema(t, "nashra_test_") }

func openTemp(t testing.TB) *postgres.Store {
	t.Helper()
	dsn := tempSchema(t)
	s, err := postgres.OpenWith(context.Background(), dsn, postgres.Options{MaxConns: 8})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) news.Store { return openTemp(t) })
}

// TestConcurrentMigration opens several stores on one fresh schema at once:
// the advisory lock must let exactly one apply each migration.
func TestConcurrentMigration(t *testing.T) {
	dsn := tempSchema(t)
	const n = 4
	errs := make(chan error, n)
	stores := make(chan *postgres.Store, n)
	for range n {
		go func() {
			s, err := postgres.Open(context.Background(), dsn)
			errs <- err
			stores <- s
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
		s := <-stores
		defer s.Close()
		v, err := s.SchemaVersion(context.Background())
		if err != nil || v < 1 {
			t.Fatalf("schema version %d, %v", v, err)
		}
	}
}
