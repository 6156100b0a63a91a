package newsroom_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/newsroom"
)

// racing is a node's store on which other nodes store articles just as a
// new leader starts scanning the stored window: a takeover during
// ingestion.
type racing struct {
	newsroom.Store
	once   sync.Once
	late   []news.Article
	stored chan struct{}
}

func (r *racing) ScanArticles(ctx context.Context, fn func(*news.Article) error) error {
	r.once.Do(func() {
		defer close(r.stored)
		for i := range r.late {
			a := r.late[i]
			if _, err := r.Store.(news.Store).UpsertArticle(ctx, &a); err != nil {
				panic(err)
			}
		}
	})
	return r.Store.ScanArticles(ctx, fn)
}

// TestRebuildSkipsArticlesStoredDuringTakeover: articles that arrive while
// a new leader rebuilds its window are analysed in queue order like any
// other, not mistaken for the previous leader's settled window.
func TestRebuildSkipsArticlesStoredDuringTakeover(t *testing.T) {
	as := testArticles(t, testArticleCount)
	half := len(as) / 2
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			stores := b.open(t, 1)
			ingestAll(t, stores, as[:half])
			log := newCommitLog()
			r := &racing{Store: stores[0], late: as[half:], stored: make(chan struct{})}
			startWorker(t, &newsroom.Worker{Store: &recorder{Store: r, log: log}, Owner: "node-a",
				Poll: 10 * time.Millisecond, TTL: 10 * time.Second, Batch: 16})
			select {
			case <-r.stored:
			case <-time.After(30 * time.Second):
				t.Fatal("the worker never rebuilt its window")
			}
			drained(t, stores[0])
			order, _ := log.analysedOrder(t)
			if len(order) != len(as) {
				t.Fatalf("%d articles analysed, %d stored", len(order), len(as))
			}
			ids := make([]string, len(order))
			for i, a := range order {
				ids[i] = a.ID
			}
			compare(t, derivedOf(t, stores[0].(news.Store), ids), reference(t, order), nil)
		})
	}
}
