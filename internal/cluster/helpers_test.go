package cluster_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/nashra/nashra/internal/cluster"
	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/fixture"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store"
)

// timing is a crawler node's schedule: seconds instead of production
// minutes, so a killed node's leases expire within the test.
type timing struct {
	lease, minInterval, interval, maxInterval, idle time.Duration
	newsroomTTL                                     time.Duration // the newsroom leader's lease
	workers                                         int
}

var fast = timing{lease: 4 * time.Second, minInterval: 500 * time.Millisecond, interval: time.Second,
	maxInterval: 3 * time.Second, idle: time.Second, newsroomTTL: 3 * time.Second, workers: 4}

// records takes up to perOutlet articles of each corpus outlet that have a
// title and real text, so every article fits in its outlet's first feed
// page and the expected count is exact. Records of a dozen words or fewer
// are scraps (a comment counter, a caption) the extractor rightly refuses
// to store as articles, as in internal/cli's end-to-end tests.
func records(t *testing.T, perOutlet int) []corpus.Record {
	t.Helper()
	dir, err := corpus.Locate("saudinewsnet", "")
	if errors.Is(err, corpus.ErrNotFound) {
		t.Skipf("SaudiNewsNet corpus absent: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	all, err := corpus.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	var out []corpus.Record
	for _, r := range all {
		if count[r.Source] >= perOutlet || strings.TrimSpace(r.Title) == "" || len(strings.Fields(r.Content)) <= 12 {
			continue
		}
		count[r.Source]++
		out = append(out, r)
	}
	return out
}

func startFixture(t *testing.T, recs []corpus.Record, faults map[string]fixture.Faults) *fixture.Server {
	t.Helper()
	fx, err := fixture.New(fixture.Config{Records: recs, Speedup: 0, FeedSize: 50, Seed: 1, Faults: faults})
	if err != nil {
		t.Fatal(err)
	}
	if err := fx.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fx.Close() })
	return fx
}

// testSchema creates a schema on the shared test server for this test
// only, dropped when it ends; the test is skipped when no server answers.
func testSchema(t *testing.T) *cluster.Schema {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s, err := cluster.NewSchema(ctx, cluster.TestServer(), "nashra_cluster_")
	if err != nil {
		t.Skipf("PostgreSQL test server unavailable (set NASHRA_TEST_POSTGRES): %v", err)
	}
	t.Cleanup(func() {
		if err := s.Drop(context.Background()); err != nil {
			t.Error(err)
		}
	})
	return s
}

// openStore opens dsn and registers the fixture outlets (with their sitemap
// indexes, so two feeds of one outlet list the same articles and two nodes
// may well fetch one article at the same moment).
func openStore(t *testing.T, dsn string, fx *fixture.Server) news.Store {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, s := range fx.Sources(true) {
		if err := st.PutSource(context.Background(), &s); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// startCrawler starts a crawler node process (see crawlerNode).
func startCrawler(t *testing.T, dsn, node string, tm timing) *cluster.Proc {
	t.Helper()
	args := append(append([]string(nil), crawlerNode.prefix...),
		"--child", "--db", dsn, "--node", node, "--workers", strconv.Itoa(tm.workers),
		"--lease", tm.lease.String(), "--min-interval", tm.minInterval.String(), "--interval", tm.interval.String(),
		"--max-interval", tm.maxInterval.String(), "--idle", tm.idle.String(), "--newsroom-ttl", tm.newsroomTTL.String(),
		"--log-level", "warn")
	p, err := cluster.StartProc(node, crawlerNode.env, crawlerNode.bin, args...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Kill() })
	t.Logf("started crawler %s (pid %d): %s", node, p.Pid(), crawlerNode.label)
	return p
}

// waitFor polls cond until it holds. The limit only guards against a hung
// test; it is not a performance assertion.
func waitFor(t *testing.T, what string, limit time.Duration, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		ok, state := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s: %s", what, state)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func stored(st news.Store) int {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	n, err := st.CountArticles(ctx)
	if err != nil {
		return -1
	}
	return n
}

// checkExactlyOnce asserts every published article with text is stored,
// once, whole.
func checkExactlyOnce(t *testing.T, st news.Store, fx *fixture.Server) {
	t.Helper()
	tally, err := cluster.Count(context.Background(), st, fx.OriginalURL)
	if err != nil {
		t.Fatal(err)
	}
	want := fx.Published() - len(fx.EmptyBodyURLs())
	if tally.Stored != want || tally.Originals != want {
		t.Errorf("stored %d rows of %d corpus articles, want exactly %d", tally.Stored, tally.Originals, want)
	}
	if len(tally.Duplicates) > 0 {
		t.Errorf("%d corpus articles stored more than once, e.g. %s", len(tally.Duplicates), tally.Duplicates[0])
	}
	if len(tally.Half) > 0 {
		t.Errorf("%d articles half-written, e.g. %s", len(tally.Half), tally.Half[0])
	}
	textless := map[string]bool{}
	for _, u := range fx.EmptyBodyURLs() {
		textless[u] = true
	}
	for _, u := range fx.ReleasedURLs() {
		if textless[u] {
			continue
		}
		if _, err := st.Article(context.Background(), news.ArticleID(u)); err != nil {
			t.Errorf("%s not stored under its canonical URL: %v", u, err)
		}
	}
}

func stopAll(t *testing.T, procs ...*cluster.Proc) {
	t.Helper()
	for _, p := range procs {
		if err := p.Stop(30 * time.Second); err != nil {
			t.Errorf("%v\n%s", err, p.Tail(3000))
		}
	}
}

func describe(procs ...*cluster.Proc) string {
	var b strings.Builder
	for _, p := range procs {
		fmt.Fprintf(&b, "--- %s (pid %d):\n%s\n", p.Name, p.Pid(), p.Tail(1500))
	}
	return b.String()
}

// waitAnalysed waits until the elected newsroom leader has analysed every
// stored article: the analysis queue is empty.
func waitAnalysed(t *testing.T, st news.Store, procs ...*cluster.Proc) {
	t.Helper()
	q, ok := st.(news.NewsroomQueue)
	if !ok {
		t.Fatalf("%T has no analysis queue", st)
	}
	waitFor(t, "the newsroom queue to empty", 2*time.Minute, func() (bool, string) {
		n, err := q.PendingCount(context.Background())
		return err == nil && n == 0, fmt.Sprintf("%d pending (%v)\n%s", n, err, describe(procs...))
	})
}

// newsroomLeader names the node holding the newsroom lease ("" if none).
func newsroomLeader(t *testing.T, dsn string) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var owner string
	err = conn.QueryRow(ctx, `SELECT owner FROM leases WHERE name = 'newsroom' AND until > clock_timestamp()`).Scan(&owner)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		t.Fatal(err)
	}
	return owner
}
