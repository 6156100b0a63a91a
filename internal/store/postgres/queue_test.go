package postgres_test

import (
	"context"
	"testing"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/postgres"
	"github.com/nashra/nashra/internal/store/storetest"
)

// TestQueueConformance opens two pools on one schema, as two nodes would.
func TestQueueConformance(t *testing.T) {
	storetest.RunQueue(t, func(t *testing.T) (news.Store, news.Store) {
		dsn := tempSchema(t)
		var out [2]news.Store
		for i := range out {
			s, err := postgres.OpenWith(context.Background(), dsn, postgres.Options{MaxConns: 4})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			out[i] = s
		}
		return out[0], out[1]
	})
}
