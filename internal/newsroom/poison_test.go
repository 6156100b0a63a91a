package newsroom_test

import (
	"context"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/newsroom"
)

// rejecting is a store that refuses, as invalid, any batch that analyses
// one article, as a store would the story update adding it if that update
// merged a story into itself.
type rejecting struct {
	newsroom.Store
	bad string
}

func (r rejecting) CompleteAnalysis(ctx context.Context, l news.Lease, as []news.Analysis, st []news.StoryUpdate, done []news.QueueEntry) error {
	for _, e := range done {
		if e.ArticleID == r.bad && len(as) > 0 {
			return news.Errorf(news.EINVALID, "analysis of %s rejected", r.bad)
		}
	}
	return r.Store.CompleteAnalysis(ctx, l, as, st, done)
}

// TestUnsaveableArticleDoesNotStallQueue: one article whose analysis the
// store always rejects is dropped alone; every other article is analysed.
func TestUnsaveableArticleDoesNotStallQueue(t *testing.T) {
	as := generated(40)
	stores := backends[0].open(t, 1)
	ingestAll(t, stores, as)
	bad := as[17].ID
	reg := prometheus.NewRegistry()
	startWorker(t, &newsroom.Worker{Store: rejecting{stores[0], bad}, Owner: "node-a", Poll: 5 * time.Millisecond,
		TTL: 10 * time.Second, Batch: 8, Registerer: reg})
	drained(t, stores[0])
	st := stores[0].(news.Store)
	for _, a := range as {
		got, err := st.Article(context.Background(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		// The rejected article itself may still gain a story later, when
		// articles analysed after it join it.
		if a.ID != bad && got.StoryID == "" && got.DuplicateOf == "" {
			t.Errorf("article %s was not analysed", a.ID)
		}
	}
	if got := metricValue(t, reg, "nashra_newsroom_dropped_total"); got != 1 {
		t.Fatalf("dropped %v articles, want 1", got)
	}
	if got := metricValue(t, reg, "nashra_newsroom_analysed_total"); got != float64(len(as)-1) {
		t.Fatalf("analysed %v articles, want %d", got, len(as)-1)
	}
}
