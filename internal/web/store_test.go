package web

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/sqlite"
	"github.com/nashra/nashra/internal/web/webtest"
)

// openStore returns the real SQLite store in a temp dir: the site's tests
// run against what production runs on.
func openStore(t testing.TB) news.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "nashra.db"))
	if err != nil {
		t.Fatalf("open sqlite store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// openMemStore returns the in-memory store, for tests that count store
// calls (the N+1 guard, the page cache).
func openMemStore(t testing.TB) news.Store {
	return webtest.NewMemStore()
}
