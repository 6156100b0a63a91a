package cli

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/crawl"
	"github.com/nashra/nashra/internal/fetch"
	"github.com/nashra/nashra/internal/fixture"
	"github.com/nashra/nashra/internal/ingest"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store"
)

// stageTimes collects every latency the crawler observes, per stage.
type stageTimes struct {
	mu sync.Mutex
	d  map[string][]time.Duration
}

func (s *stageTimes) observe(stage string, d time.Duration) {
	s.mu.Lock()
	s.d[stage] = append(s.d[stage], d)
	s.mu.Unlock()
}

func (s *stageTimes) report(w io.Writer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	names := make([]string, 0, len(s.d))
	for k := range s.d {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		v := s.d[k]
		sort.Slice(v, func(i, j int) bool { return v[i] < v[j] })
		fmt.Fprintf(w, "  %-11s n=%-6d p50 %-9s p99 %s\n", k, len(v), percentile(v, 50).Round(10*time.Microsecond), percentile(v, 99).Round(10*time.Microsecond))
	}
}

// benchIngest runs fixture publishers (everything published at once), the
// crawler and the store end to end over loopback HTTP.
func benchIngest(ctx context.Context, e *env, args []string) error {
	var c Config
	fs := newFlagSet(e, "bench ingest", "bench ingest [--corpus DIR] [--db URL] [--limit N] [--workers N]")
	configFlags(fs, &c, "corpus", "db", "workers", "node")
	var limit int
	var noNewsroom bool
	fs.IntVar(&limit, "limit", 0, "replay only the first N articles (0: the whole corpus)")
	fs.BoolVar(&noNewsroom, "no-newsroom", false, "leave out dedup/stories/related/hashtags")
	var backfill bool
	fs.BoolVar(&backfill, "backfill", true, "also poll each outlet's sitemap index, so every article is reachable (feeds list only the latest items)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file")
	memProfile := fs.String("memprofile", "", "write a heap profile at the end of the run to this file")
	memLimit := fs.Int("memory-limit", 700, "Go soft memory limit in MiB (0: none; $GOMEMLIMIT wins when set)")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	if limit < 0 {
		return usagef("--limit %d: want 0 or more", limit)
	}
	if *memLimit < 0 {
		return usagef("--memory-limit %d: want 0 or more MiB", *memLimit)
	}
	// The corpus, the fixture's pages and the newsroom's window are live at
	// once; without a limit the collector lets the heap double past them.
	// SQLite's page caches are outside the Go heap, hence the headroom
	// below the 1 GB target.
	if *memLimit > 0 && os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(int64(*memLimit) << 20))
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	dir, err := corpus.Locate("saudinewsnet", c.Corpus)
	if err != nil {
		return err
	}
	recs, err := corpus.ReadDir(dir)
	if err != nil {
		return err
	}
	if limit > 0 && limit < len(recs) {
		recs = recs[:limit]
	}
	fx, err := fixture.New(fixture.Config{Records: recs, Speedup: 0, FeedSize: 100, Seed: 1})
	if err != nil {
		return err
	}
	if err := fx.Start(ctx); err != nil {
		return err
	}
	defer fx.Close()

	dsn := c.DB
	if dsn == "" {
		tmp, err := os.MkdirTemp("", "nashra-bench-ingest-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dsn = tmp
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	if n, err := st.CountArticles(ctx); err != nil {
		return err
	} else if n > 0 {
		return fmt.Errorf("bench ingest needs an empty store; %s holds %d articles", dsn, n)
	}
	for _, s := range fx.Sources(backfill) {
		s := s
		if err := st.PutSource(ctx, &s); err != nil {
			return err
		}
	}
	logger := newLogger(e.stderr, "error")
	// Crawler workers return once an article is committed; the newsroom
	// follows in commit order (flushed before the clock stops).
	p := &ingest.Pipeline{Store: st, Analyzer: analyzer{}, Logger: logger, AsyncNewsroom: true}
	defer p.Close()
	if !noNewsroom {
		nr, err := newNewsroom(ctx, st)
		if err != nil {
			return err
		}
		p.Newsroom = nr
	}
	times := &stageTimes{d: map[string][]time.Duration{}}
	tuning := benchCrawlTuning
	tuning.crawl.Observe = times.observe
	cr, err := newCrawler(st, p, c, logger, newRegistry(), tuning)
	if err != nil {
		return err
	}
	want := fx.Published()
	fmt.Fprintf(e.stdout, "bench ingest: %d articles from %d fixture outlets, %d workers, store %s, newsroom %v, Go memory limit %s\n",
		want, len(fx.Outlets()), c.Workers, strings.SplitN(dsn, "?", 2)[0], !noNewsroom, memLimitString())
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	start := time.Now()
	done := make(chan error, 1)
	go func() { done <- cr.Run(runCtx) }()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	var n int
	idle := 0
	last := -1
	// Items the crawler skips for good (no title, no text) are done too.
	for n+int(cr.Stats().Skipped) < want {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case err := <-done:
			return fmt.Errorf("crawler stopped: %v", err)
		case <-tick.C:
		}
		n, err = st.CountArticles(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "\r  %d / %d stored, %.0f articles/s   ", n, want, float64(n)/time.Since(start).Seconds())
		if n == last {
			idle++
			if idle >= 30 {
				fmt.Fprintln(e.stderr)
				fmt.Fprintf(e.stdout, "stalled at %d of %d for 30 s; stopping\n", n, want)
				break
			}
		} else {
			idle = 0
		}
		last = n
	}
	stop()
	<-done
	// The run ends when the last article's analysis is saved too.
	if err := p.Flush(ctx); err != nil {
		return fmt.Errorf("newsroom: %w", err)
	}
	el := time.Since(start)
	fmt.Fprintln(e.stderr)
	if *memProfile != "" {
		if err := writeHeapProfile(*memProfile); err != nil {
			return err
		}
	}
	dups, err := countDuplicates(ctx, st, fx)
	if err != nil {
		return err
	}
	cs := cr.Stats()
	fmt.Fprintf(e.stdout, "stored %d articles (%d skipped as empty) in %s: %.0f articles/s end to end\n", n, cr.Stats().Skipped, el.Round(time.Millisecond), float64(n)/el.Seconds())
	fmt.Fprintf(e.stdout, "crawler: %d polls (%d errors, %d not modified), %d created, %d updated, %d item errors, %d MB fetched\n",
		cs.Polls, cs.PollErrors, cs.NotModified, cs.Created, cs.Updated, cs.ItemErrors, cs.Bytes>>20)
	ps := p.Stats()
	fmt.Fprintf(e.stdout, "ingest busy time (stages overlap): store %s, newsroom prepare %s, apply %s, save %s\n",
		ps.StoreTime.Round(time.Millisecond), ps.PrepareTime.Round(time.Millisecond), ps.ApplyTime.Round(time.Millisecond), ps.SaveTime.Round(time.Millisecond))
	fmt.Fprintln(e.stdout, "stage latencies:")
	times.report(e.stdout)
	fmt.Fprintf(e.stdout, "duplicates stored: %d\npeak RSS (crawler + store + fixture publishers in one process): %d MB\n", dups, peakRSS()>>20)
	return nil
}

func memLimitString() string {
	l := debug.SetMemoryLimit(-1)
	if l == math.MaxInt64 {
		return "none"
	}
	return fmt.Sprintf("%d MiB", l>>20)
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("heap profile: %w", err)
	}
	return f.Close()
}

var benchCrawlTuning = crawlTuning{
	fetch: fetch.Config{PerHostDelay: -1, PerHostConcurrency: 24, Retries: 1, RetryBackoff: 100 * time.Millisecond},
	crawl: crawl.Config{MinInterval: 500 * time.Millisecond, DefaultInterval: time.Second, MaxInterval: 5 * time.Second,
		LeaseDuration: 5 * time.Minute, PageConcurrency: 48, MaxItemsPerPoll: 100000, MaxChildSitemaps: 1000, IdleWait: 500 * time.Millisecond},
}

// countDuplicates counts corpus articles stored more than once (under two
// URLs): the fixture maps every stored URL back to its corpus original.
func countDuplicates(ctx context.Context, st news.Store, fx *fixture.Server) (int, error) {
	seen := map[string]bool{}
	dups := 0
	err := st.ScanArticles(ctx, func(a *news.Article) error {
		orig, ok := fx.OriginalURL(a.URL)
		if !ok {
			orig = a.URL
		}
		if seen[orig] {
			dups++
		}
		seen[orig] = true
		return nil
	})
	return dups, err
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, strings.TrimRight(p, "/"))
		}
	}
	return out
}
