package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/sqlite"
	"github.com/nashra/nashra/internal/store/storetest"
)

// TestQueueConformance opens two stores on one file, as two processes on
// one machine would.
func TestQueueConformance(t *testing.T) {
	storetest.RunQueue(t, func(t *testing.T) (news.Store, news.Store) {
		path := filepath.Join(t.TempDir(), "nashra.db")
		var out [2]news.Store
		for i := range out {
			s, err := sqlite.Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			out[i] = s
		}
		return out[0], out[1]
	})
}
