package newsroom_test

import (
	"context"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/newsroom"
	"github.com/nashra/nashra/internal/store/sqlite"
	"github.com/nashra/nashra/internal/story"
)

const testArticleCount = 240

// startWorker runs w until the returned stop is called; stop waits for Run
// to return.
func startWorker(t *testing.T, w *newsroom.Worker) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("worker %s: %v", w.Owner, err)
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

// derived is what the newsroom stored for one article.
type derived struct {
	Story, DuplicateOf string
	Hashtags           []string
	Related            []string
}

func derivedOf(t *testing.T, st news.Store, ids []string) map[string]derived {
	t.Helper()
	out := map[string]derived{}
	for _, id := range ids {
		a, err := st.Article(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		rel, err := st.Related(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		d := derived{Story: a.StoryID, DuplicateOf: a.DuplicateOf, Hashtags: a.Hashtags}
		for _, r := range rel {
			d.Related = append(d.Related, r.ArticleID)
		}
		out[id] = d
	}
	return out
}

// reference feeds one engine the articles in the given order and stores
// its results inline, as a single-process nashra would.
func reference(t *testing.T, order []news.Article) map[string]derived {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "ref.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ptrs := make([]*news.Article, len(order))
	ids := make([]string, len(order))
	for i := range order {
		a := order[i]
		ptrs[i], ids[i] = &a, a.ID
	}
	if _, err := st.UpsertArticles(context.Background(), ptrs); err != nil {
		t.Fatal(err)
	}
	eng := story.New(story.Config{})
	for _, a := range ptrs {
		r := eng.Add(a)
		if err := st.SaveAnalysis(context.Background(), r.Analyses, r.Stories); err != nil {
			t.Fatal(err)
		}
	}
	return derivedOf(t, st, ids)
}

// compare checks got against want; related lists may differ only for the
// articles in looseRelated.
func compare(t *testing.T, got, want map[string]derived, looseRelated map[string]bool) {
	t.Helper()
	stories := map[string]int{}
	loose := 0
	for id, w := range want {
		g := got[id]
		if g.Story != w.Story || g.DuplicateOf != w.DuplicateOf || !slices.Equal(g.Hashtags, w.Hashtags) {
			t.Errorf("article %s: stored %+v, a single engine derives %+v", id, g, w)
		}
		if !slices.Equal(g.Related, w.Related) {
			if !looseRelated[id] {
				t.Errorf("article %s: stored related %v, a single engine derives %v", id, g.Related, w.Related)
			}
			loose++
		}
		stories[w.Story]++
	}
	multi := 0
	for s, n := range stories {
		if s != "" && n > 1 {
			multi++
		}
	}
	t.Logf("%d articles, %d stories with more than one article, %d related lists differ", len(want), multi, loose)
	if multi == 0 {
		t.Fatal("the test articles formed no multi-article story; the comparison proves nothing")
	}
}

// TestNodesIngestOneLeaderAnalyses: two nodes ingest concurrently, each
// running a worker; one leads throughout, every article is analysed once,
// and the stored result is what one engine fed in commit order derives.
func TestNodesIngestOneLeaderAnalyses(t *testing.T) {
	as := testArticles(t, testArticleCount)
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			stores := b.open(t, 2)
			log := newCommitLog()
			reg := prometheus.NewRegistry()
			for i, owner := range []string{"node-a", "node-b"} {
				startWorker(t, &newsroom.Worker{Store: &recorder{Store: stores[i], log: log}, Owner: owner,
					Poll: 10 * time.Millisecond, TTL: 10 * time.Second, Batch: 16, Registerer: reg})
			}
			ingestAll(t, stores, as)
			drained(t, stores[0])
			order, perOwner := log.analysedOrder(t)
			if len(order) != len(as) {
				t.Fatalf("%d articles analysed, %d stored", len(order), len(as))
			}
			if len(perOwner) != 1 {
				t.Fatalf("batches committed by %v; with no failure one leader must do all", perOwner)
			}
			if got := metricValue(t, reg, "nashra_newsroom_analysed_total"); got != float64(len(as)) {
				t.Fatalf("analysed counter %v, want %d", got, len(as))
			}
			if got := metricValue(t, reg, "nashra_newsroom_pending"); got != 0 {
				t.Fatalf("pending gauge %v after draining", got)
			}
			ids := make([]string, len(order))
			for i, a := range order {
				ids[i] = a.ID
			}
			compare(t, derivedOf(t, stores[1].(news.Store), ids), reference(t, order), nil)
		})
	}
}

// TestLeaderCrashHandover: the leader dies without releasing its lease
// mid-stream; the follower takes over once the lease expires, and nothing
// is lost or analysed twice.
func TestLeaderCrashHandover(t *testing.T) {
	as := testArticles(t, testArticleCount)
	half := len(as) / 2
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			stores := b.open(t, 2)
			log := newCommitLog()
			leader := &recorder{Store: stores[0], log: log, crashed: true}
			stopA := startWorker(t, &newsroom.Worker{Store: leader, Owner: "node-a", Poll: 10 * time.Millisecond,
				TTL: 500 * time.Millisecond, Batch: 16})
			ingestAll(t, stores, as[:half])
			drained(t, stores[0])
			stopA() // a crash: the lease is left to expire
			ok, err := stores[1].TryLead(context.Background(), news.Lease{Name: newsroom.LeaseName, Owner: "probe", TTL: time.Hour})
			if err != nil {
				t.Fatal(err)
			}
			if ok {
				t.Fatal("the crashed leader's lease was free at once; the test did not simulate a crash")
			}
			startWorker(t, &newsroom.Worker{Store: &recorder{Store: stores[1], log: log}, Owner: "node-b",
				Poll: 10 * time.Millisecond, TTL: 500 * time.Millisecond, Batch: 16})
			ingestAll(t, stores, as[half:])
			drained(t, stores[1])
			order, perOwner := log.analysedOrder(t)
			if len(order) != len(as) {
				t.Fatalf("%d articles analysed, %d stored", len(order), len(as))
			}
			if perOwner["node-a"] != half || perOwner["node-b"] != len(as)-half {
				t.Fatalf("analysed per node %v, want %d then %d", perOwner, half, len(as)-half)
			}
			ids := make([]string, len(order))
			for i, a := range order {
				ids[i] = a.ID
			}
			// The successor rebuilt its window from the store; it must go on
			// exactly as the dead leader's engine would have.
			first := map[string]bool{}
			for _, a := range order[:half] {
				first[a.ID] = true
			}
			compare(t, derivedOf(t, stores[1].(news.Store), ids), reference(t, order), first)
		})
	}
}

// metricValue reads a counter or gauge from reg.
func metricValue(t *testing.T, reg *prometheus.Registry, name string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name || len(mf.GetMetric()) != 1 {
			continue
		}
		m := mf.GetMetric()[0]
		if c := m.GetCounter(); c != nil {
			return c.GetValue()
		}
		return m.GetGauge().GetValue()
	}
	t.Fatalf("metric %s not registered", name)
	return 0
}
