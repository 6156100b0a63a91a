package crawl

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/fetch"
	"github.com/nashra/nashra/internal/fixture"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store"
)

var (
	corpusOnce sync.Once
	corpusRecs []corpus.Record
	corpusErr  error
)

// fixtureRecords samples the SaudiNewsNet corpus (read once per test
// binary): every step-th article.
func fixtureRecords(tb testing.TB, step int) []corpus.Record {
	tb.Helper()
	corpusOnce.Do(func() {
		var dir string
		dir, corpusErr = corpus.Locate("saudinewsnet", "")
		if corpusErr == nil {
			corpusRecs, corpusErr = corpus.ReadDir(dir)
		}
	})
	if errors.Is(corpusErr, corpus.ErrNotFound) {
		tb.Skip("saudinewsnet corpus not found; set NASHRA_CORPUS")
	}
	if corpusErr != nil {
		tb.Fatal(corpusErr)
	}
	var out []corpus.Record
	for i := 0; i < len(corpusRecs); i += step {
		out = append(out, corpusRecs[i])
	}
	return out
}

type fixtureRun struct {
	fx      *fixture.Server
	store   news.Store
	crawler *Crawler
	took    time.Duration
	logs    *syncBuffer
}

// crawlFixture starts the fake publishers, registers them and polls every
// feed once.
func crawlFixture(tb testing.TB, recs []corpus.Record, feedSize int, faults map[string]fixture.Faults, timeout time.Duration) *fixtureRun {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	tb.Cleanup(cancel)
	fx, err := fixture.New(fixture.Config{Records: recs, FeedSize: feedSize, Faults: faults, Seed: 7})
	if err != nil {
		tb.Fatal(err)
	}
	if err := fx.Start(ctx); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { fx.Close() })
	st, err := store.Open(ctx, tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	for _, src := range fx.Sources(false) {
		if err := st.PutSource(ctx, &src); err != nil {
			tb.Fatal(err)
		}
	}
	logs := &syncBuffer{}
	fc := fetch.New(fetch.Config{PerHostDelay: -1, PerHostConcurrency: 4, Timeout: timeout, Retries: 1,
		RetryBackoff: 10 * time.Millisecond})
	c, err := New(st, fc, storeSink{st}, Config{
		Owner: "bench", Workers: 4, PageConcurrency: 4, MaxItemsPerPoll: 1000, MaxChildSitemaps: 3,
		Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: fixtureLogLevel})),
	})
	if err != nil {
		tb.Fatal(err)
	}
	start := time.Now()
	if _, err := c.PollDue(ctx, 1000); err != nil {
		tb.Fatal(err)
	}
	return &fixtureRun{fx: fx, store: st, crawler: c, took: time.Since(start), logs: logs}
}

// TestFixtureEndToEnd crawls the fixture publishers (every feed format, two
// windows-1256 outlets, full-text and teaser feeds, varied page chrome) and
// compares what was stored with the corpus originals.
func TestFixtureEndToEnd(t *testing.T) {
	step, feedSize := 60, 8
	if os.Getenv("NASHRA_LONG") != "" {
		step, feedSize = 10, 50
	}
	run := crawlFixture(t, fixtureRecords(t, step), feedSize, nil, 5*time.Second)
	ctx := context.Background()
	stored, titleOK, bodyOK := 0, 0, 0
	err := run.store.ScanArticles(ctx, func(a *news.Article) error {
		stored++
		rec, ok := run.fx.Record(a.URL)
		if !ok {
			t.Errorf("stored URL %s is not a fixture article", a.URL)
			return nil
		}
		if normSpace(a.Title) == normSpace(rec.Title) {
			titleOK++
		}
		if recall(rec.Content, a.BodyText) >= 0.9 {
			bodyOK++
		}
		if a.PublishedAt.IsZero() || a.Language == "" || a.SourceID == "" {
			t.Errorf("incomplete article %s: published %v language %q source %q", a.URL, a.PublishedAt, a.Language, a.SourceID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s := run.crawler.Stats()
	t.Logf("polled %d feeds in %v: %d articles stored (%d created, %d skipped, %d item errors, %d poll errors); title exact %d/%d, body recall>=0.9 %d/%d",
		s.Polls, run.took.Round(time.Millisecond), stored, s.Created, s.Skipped, s.ItemErrors, s.PollErrors, titleOK, stored, bodyOK, stored)
	for _, st := range allStages {
		ss := s.Stages[st]
		t.Logf("  %-10s n=%-5d p50=%-10v p99=%-10v max=%v", st, ss.Count, ss.P50, ss.P99, ss.Max)
	}
	if os.Getenv("NASHRA_CRAWL_DEBUG") != "" {
		t.Log(run.logs)
	}
	// Items skipped as contentless must really be (near-)empty in the
	// corpus, not articles the extractor lost.
	for u := range run.crawler.memory.empty {
		rec, ok := run.fx.Record(u)
		if !ok {
			t.Errorf("skipped URL %s is not a fixture article", u)
			continue
		}
		if n := utf8.RuneCountInString(strings.TrimSpace(rec.Content)); n > 300 {
			t.Errorf("skipped %s but the corpus has %d runes of text: %.120q", u, n, rec.Content)
		}
	}
	if s.PollErrors != 0 || s.ItemErrors != 0 {
		t.Errorf("errors on a healthy fixture: %d poll, %d item\n%s", s.PollErrors, s.ItemErrors, run.logs)
	}
	if stored == 0 || int64(stored) != s.Created {
		t.Fatalf("stored %d, created %d", stored, s.Created)
	}
	if bodyOK*10 < stored*9 {
		t.Errorf("only %d of %d bodies match the corpus text", bodyOK, stored)
	}
}

// TestFixtureFaults switches one outlet into each fixture fault and checks
// the outcome: tolerable faults still yield faithful articles, fatal ones
// are recorded on the feed with a precise reason, and the other outlets are
// crawled regardless.
func TestFixtureFaults(t *testing.T) {
	recs := fixtureRecords(t, 120)
	tests := []struct {
		spec    string
		ok      bool   // the victim's articles are still stored intact
		reason  string // else: what its feed's last error must say
		minNext time.Duration
	}{
		{spec: "none", ok: true},
		{spec: "slow:300ms", ok: true},
		{spec: "slowloris:1ms,only:feed", ok: true},
		{spec: "wrongcharset", ok: true},
		{spec: "nocharset", ok: true},
		{spec: "dupguids", ok: true},
		{spec: "futuredates", ok: true},
		{spec: "crawldelay:1", ok: true},
		{spec: "500", reason: "status 500"},
		{spec: "502", reason: "status 502"},
		{spec: "503,retry-after:600", reason: "status 503", minNext: 10 * time.Minute},
		{spec: "429,retry-after:900", reason: "rate limited", minNext: 15 * time.Minute},
		{spec: "slowloris:400ms,only:feed", reason: "timeout"},
		{spec: "truncated,only:feed", reason: "body cut short"},
		{spec: "huge,only:feed", reason: "too large"},
		{spec: "redirectloop,only:feed", reason: "redirect loop"},
		{spec: "malformed", reason: "malformed"},
		{spec: "htmlasfeed", reason: "not a feed"},
		{spec: "gone", reason: "gone"},
		{spec: "disallow", reason: "robots.txt"},
	}
	dry, err := fixture.New(fixture.Config{Records: recs, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	victim := dry.Outlets()[0].Code
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			t.Parallel() // each case has its own publishers and store
			f, err := fixture.ParseFaults(tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			// Tolerable faults get a generous timeout so a loaded machine
			// cannot turn a slow-but-complete answer into a failure.
			timeout := 2 * time.Second
			if tt.ok {
				timeout = 30 * time.Second
			}
			run := crawlFixture(t, recs, 4, map[string]fixture.Faults{victim: f}, timeout)
			ctx := context.Background()
			mine, others, faithful := 0, 0, 0
			err = run.store.ScanArticles(ctx, func(a *news.Article) error {
				if a.SourceID != victim {
					others++
					return nil
				}
				mine++
				if rec, ok := run.fx.Record(a.URL); ok && recall(rec.Content, a.BodyText) >= 0.9 && normSpace(rec.Title) == normSpace(a.Title) {
					faithful++
				}
				if a.PublishedAt.After(time.Now()) {
					t.Errorf("future date stored: %v", a.PublishedAt)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if others == 0 {
				t.Errorf("fault on %s stopped the other outlets\n%s", victim, run.logs)
			}
			src, err := run.store.Source(ctx, victim)
			if err != nil {
				t.Fatal(err)
			}
			fd := src.Feeds[0]
			if tt.ok {
				if mine == 0 || faithful != mine || fd.LastError != "" {
					t.Errorf("victim stored %d, %d faithful; feed error %q\n%s", mine, faithful, fd.LastError, run.logs)
				}
				return
			}
			if !strings.Contains(fd.LastError, tt.reason) {
				t.Errorf("feed error %q does not say %q", fd.LastError, tt.reason)
			}
			if wait := fd.NextPollAt.Sub(time.Now()); tt.minNext > 0 && wait < tt.minNext-time.Minute {
				t.Errorf("next poll in %v, want >= %v (Retry-After)", wait, tt.minNext)
			}
			t.Logf("%s: feed error %q (gone=%v)", tt.spec, fd.LastError, fd.Gone)
		})
	}
}

// BenchmarkCrawlFixture reports crawl throughput and per-stage latency
// percentiles over the fixture publishers.
func BenchmarkCrawlFixture(b *testing.B) {
	recs := fixtureRecords(b, 20)
	b.ResetTimer()
	var articles int64
	var total time.Duration
	var last Stats
	for i := 0; i < b.N; i++ {
		run := crawlFixture(b, recs, 25, nil, 5*time.Second)
		last = run.crawler.Stats()
		articles += last.Created
		total += run.took
	}
	b.ReportMetric(float64(articles)/total.Seconds(), "articles/s")
	for _, st := range []string{StagePageFetch, StageExtract, StageStore} {
		b.ReportMetric(float64(last.Stages[st].P50.Microseconds()), st+"_p50_µs")
		b.ReportMetric(float64(last.Stages[st].P99.Microseconds()), st+"_p99_µs")
	}
}

func normSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// recall is the share of the original's words found in got.
func recall(orig, got string) float64 {
	have := map[string]int{}
	for _, w := range strings.Fields(got) {
		have[w]++
	}
	words := strings.Fields(orig)
	if len(words) == 0 {
		return 1
	}
	hit := 0
	for _, w := range words {
		if have[w] > 0 {
			have[w]--
			hit++
		}
	}
	return float64(hit) / float64(len(words))
}

// fixtureLogLevel is Warn; NASHRA_CRAWL_DEBUG=1 shows item-level decisions.
var fixtureLogLevel = func() slog.Level {
	if os.Getenv("NASHRA_CRAWL_DEBUG") != "" {
		return slog.LevelDebug
	}
	return slog.LevelWarn
}()
