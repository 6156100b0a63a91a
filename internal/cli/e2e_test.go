package cli

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"os/exec"

	"strings"
	"syscall"
	"testing"
	"time"
	"unicode"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/fixture"
	"github.com/nashra/nashra/internal/ingest"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store"
)

// e2eRecords takes the first articles of the corpus, at most perOutlet per
// outlet, so every outlet's whole share fits in its first feed page.
func e2eRecords(t *testing.T, perOutlet int) []corpus.Record {
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
		// Records with a dozen words or fewer are scraps (a comment
		// counter, a caption) that the extractor rightly refuses to store
		// as articles; exact counts are asserted over real articles.
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

func registerOutlets(t *testing.T, st news.Store, fx *fixture.Server) {
	t.Helper()
	for _, s := range fx.Sources(false) {
		if err := st.PutSource(context.Background(), &s); err != nil {
			t.Fatal(err)
		}
	}
}

// waitFor polls cond until it holds; the deadline only guards against a hung
// test, it is not a performance assertion.
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

func TestEndToEndCrawlOfFixturePublishers(t *testing.T) {
	recs := e2eRecords(t, 30)
	fx := startFixture(t, recs, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, err := store.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	registerOutlets(t, st, fx)

	nr, err := newNewsroom(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	logger := newLogger(io.Discard, "error")
	p := &ingest.Pipeline{Store: st, Analyzer: analyzer{}, Newsroom: nr, Logger: logger}
	cr, err := newCrawler(st, p, Config{Node: "e2e", Workers: 8}, logger, newRegistry(), demoCrawlTuning)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cr.Run(ctx) }()
	want := fx.Published()
	if want != len(recs) {
		t.Fatalf("fixture published %d of %d records", want, len(recs))
	}
	waitFor(t, "every published article stored", 2*time.Minute, func() (bool, string) {
		n, _ := st.CountArticles(ctx)
		return n >= want, fmt.Sprintf("%d of %d stored, crawler stats %+v", n, want, cr.Stats())
	})
	// Let the crawler poll every feed again: nothing may be stored twice.
	time.Sleep(3 * time.Second)
	cancel()
	if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
	n, err := st.CountArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n != want {
		t.Fatalf("stored %d articles, want exactly %d", n, want)
	}

	chrome := fixture.ChromePhrases()
	checked, paras, found := 0, 0, 0
	var lost []string
	for _, u := range fx.ReleasedURLs() {
		rec, ok := fx.Record(u)
		if !ok {
			t.Fatalf("no record behind %s", u)
		}
		a, err := st.Article(context.Background(), news.ArticleID(u))
		if err != nil {
			t.Fatalf("%s (%s) not stored under its canonical URL: %v", u, rec.Source, err)
		}
		if comparable(a.Title) != comparable(unescapeAll(rec.Title)) {
			t.Errorf("%s: title %q, want %q", u, a.Title, rec.Title)
		}
		if !a.PublishedAt.Equal(rec.Date) {
			t.Errorf("%s: published %v, want %v", u, a.PublishedAt, rec.Date)
		}
		if a.SourceID != rec.Source {
			t.Errorf("%s: source %q, want %q", u, a.SourceID, rec.Source)
		}
		for _, ph := range chrome {
			if strings.Contains(a.BodyText, ph) {
				t.Errorf("%s (%s, %d corpus bytes): body keeps page chrome %q: %.300s", u, rec.Source, len(rec.Content), ph, a.BodyText)
			}
		}
		body := comparable(a.BodyText)
		for i, p := range corpus.Paragraphs(html.UnescapeString(rec.Content)) {
			paras++
			if strings.Contains(body, comparable(p)) {
				found++
			} else {
				lost = append(lost, fmt.Sprintf("%s paragraph %d: %.80s", rec.Source, i+1, p))
			}
		}
		if strings.Contains(a.BodyHTML, "<script") || strings.Contains(a.BodyHTML, "onclick") {
			t.Errorf("%s: unsanitized HTML", u)
		}
		checked++
	}
	if checked != want {
		t.Fatalf("checked %d articles, want %d", checked, want)
	}
	// Paragraph recall, not identity: publishers' bodies carry invisible
	// marks and odd spacing the extractor rightly normalises, and a rare
	// paragraph that looks like a caption may be dropped.
	recall := float64(found) / float64(paras)
	t.Logf("paragraph recall %.4f (%d of %d)", recall, found, paras)
	if recall < 0.98 {
		t.Errorf("paragraph recall %.4f < 0.98; lost:\n%s", recall, strings.Join(lost, "\n"))
	}
	srcs, err := st.Sources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range srcs {
		if s.LastSuccessAt.IsZero() || s.ConsecutiveFailures != 0 {
			t.Errorf("source %s health: last success %v, failures %d, error %q", s.ID, s.LastSuccessAt, s.ConsecutiveFailures, s.LastError)
		}
	}
}

// unescapeAll decodes entities until none are left: some corpus titles are
// escaped twice (&amp;quot;), and publishers' pages decode them fully.
func unescapeAll(s string) string {
	for i := 0; i < 3; i++ {
		u := html.UnescapeString(s)
		if u == s {
			break
		}
		s = u
	}
	return s
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// comparable folds what extraction may legitimately change: invisible
// format characters (bidi marks, zero-width spaces) and whitespace.
func comparable(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
	return squash(s)
}

func TestFaultyOutletsDoNotStopTheCrawler(t *testing.T) {
	recs := e2eRecords(t, 8)
	faults := map[string]fixture.Faults{
		"okaz":    {Error5xx: 1, Status5xx: 500, Only: "feed"},
		"sabq":    {MalformedXML: true},
		"alyaum":  {HTMLAsFeed: true},
		"alwatan": {Gone: true},
	}
	fx := startFixture(t, recs, faults)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, err := store.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	registerOutlets(t, st, fx)
	logger := newLogger(io.Discard, "error")
	p := &ingest.Pipeline{Store: st, Analyzer: analyzer{}, Logger: logger}
	cr, err := newCrawler(st, p, Config{Node: "faults", Workers: 8}, logger, newRegistry(), demoCrawlTuning)
	if err != nil {
		t.Fatal(err)
	}
	go cr.Run(ctx)
	healthy := 0
	for _, r := range recs {
		if _, bad := faults[r.Source]; !bad {
			healthy++
		}
	}
	waitFor(t, "healthy outlets stored and faulty ones reported", 2*time.Minute, func() (bool, string) {
		n, _ := st.CountArticles(ctx)
		srcs, _ := st.Sources(ctx)
		failing := 0
		for _, s := range srcs {
			if _, bad := faults[s.ID]; bad && s.LastError != "" {
				failing++
			}
		}
		return n >= healthy && failing == len(faults), fmt.Sprintf("%d/%d stored, %d/%d faulty sources with an error", n, healthy, failing, len(faults))
	})
	srcs, _ := st.Sources(ctx)
	for _, s := range srcs {
		if _, bad := faults[s.ID]; bad {
			t.Logf("%s: %d failures, last error: %s", s.ID, s.ConsecutiveFailures, s.LastError)
		}
	}
}

// TestKillDuringIngestion kills a crawling child process with SIGKILL in the
// middle of a run, restarts it, and checks that every article ends up stored
// exactly once and whole.
func TestKillDuringIngestion(t *testing.T) {
	if os.Getenv("NASHRA_E2E_CHILD") != "" {
		t.Skip("child process")
	}
	recs := e2eRecords(t, 40)
	fx := startFixture(t, recs, map[string]fixture.Faults{"*": {Slow: 20 * time.Millisecond, Only: "article"}})
	dir := t.TempDir()
	ctx := context.Background()
	st, err := store.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	registerOutlets(t, st, fx)
	st.Close()

	start := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrawlChild$", "-test.v")
		cmd.Env = append(os.Environ(), "NASHRA_E2E_CHILD="+dir)
		cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	count := func() int {
		s, err := store.Open(ctx, dir)
		if err != nil {
			return -1
		}
		defer s.Close()
		n, _ := s.CountArticles(ctx)
		return n
	}
	want := fx.Published()
	child := start()
	waitFor(t, "the child to store some articles", time.Minute, func() (bool, string) {
		n := count()
		return n > 20, fmt.Sprintf("%d stored", n)
	})
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = child.Wait()
	killedAt := count()
	t.Logf("killed the crawler with %d of %d articles stored", killedAt, want)
	if killedAt >= want {
		t.Fatalf("the child finished before it was killed (%d of %d); slow the fixture down", killedAt, want)
	}
	child = start()
	defer func() { _ = child.Process.Kill(); _ = child.Wait() }()
	waitFor(t, "the restarted child to finish", 2*time.Minute, func() (bool, string) {
		n := count()
		return n >= want, fmt.Sprintf("%d of %d stored", n, want)
	})
	_ = child.Process.Kill()
	_ = child.Wait()

	st, err = store.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, _ := st.CountArticles(ctx)
	if n != want {
		t.Fatalf("stored %d, want exactly %d", n, want)
	}
	seen := map[string]bool{}
	err = st.ScanArticles(ctx, func(a *news.Article) error {
		if seen[a.URL] {
			return fmt.Errorf("%s stored twice", a.URL)
		}
		seen[a.URL] = true
		if a.Title == "" || a.BodyText == "" || a.ContentHash != news.ContentHash(a.Title, a.BodyText) {
			return fmt.Errorf("%s half-written: title %q, %d bytes of body, hash %s", a.URL, a.Title, len(a.BodyText), a.ContentHash)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCrawlChild is the crawler process TestKillDuringIngestion kills.
func TestCrawlChild(t *testing.T) {
	dir := os.Getenv("NASHRA_E2E_CHILD")
	if dir == "" {
		t.Skip("only runs as TestKillDuringIngestion's child process")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	nr, err := newNewsroom(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	logger := newLogger(os.Stderr, "error")
	p := &ingest.Pipeline{Store: st, Analyzer: analyzer{}, Newsroom: nr, Logger: logger}
	tuning := demoCrawlTuning
	tuning.crawl.LeaseDuration = 2 * time.Second // the killed child's leases must expire quickly
	cr, err := newCrawler(st, p, Config{Node: fmt.Sprintf("child-%d", os.Getpid()), Workers: 4}, logger, newRegistry(), tuning)
	if err != nil {
		t.Fatal(err)
	}
	_ = cr.Run(ctx)
}
