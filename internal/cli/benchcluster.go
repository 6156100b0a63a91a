package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/nashra/nashra/internal/cluster"
	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/fixture"
	"github.com/nashra/nashra/internal/ingest"
	"github.com/nashra/nashra/internal/news"
	newsroomleader "github.com/nashra/nashra/internal/newsroom"
	"github.com/nashra/nashra/internal/store"
)

// benchCluster measures ingestion by 1, 2, 3 … crawler processes sharing one
// PostgreSQL database: the fixture publishers run in this process, every
// crawler is a child process (this binary in --child mode) on a fresh
// schema, and the run ends when every published article is stored.
func benchCluster(ctx context.Context, e *env, args []string) error {
	for _, a := range args {
		if a == "--child" || a == "-child" {
			return runClusterChild(ctx, e, args)
		}
	}
	var c Config
	fs := newFlagSet(e, "bench cluster", "bench cluster --db postgres://... [--procs 1,2,3] [--limit N] [--workers N]")
	configFlags(fs, &c, "corpus", "db", "workers")
	var procs string
	var limit int
	var noNewsroom, keep bool
	var settle time.Duration
	fs.StringVar(&procs, "procs", "1,2,3", "comma-separated crawler process counts to measure, one run each")
	fs.IntVar(&limit, "limit", 0, "replay only the first N articles (0: the whole corpus)")
	fs.BoolVar(&noNewsroom, "no-newsroom", false, "crawlers leave out dedup/stories/related/hashtags")
	fs.BoolVar(&keep, "keep", false, "keep each run's schema instead of dropping it")
	fs.DurationVar(&settle, "settle", 6*time.Second, "a run is over when no article was stored for this long")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	if limit < 0 {
		return usagef("--limit %d: want 0 or more", limit)
	}
	if kind, _, err := store.Parse(c.DB); err != nil || kind != "postgres" || c.DB == "" {
		return usagef("--db must name a PostgreSQL database (postgres://...): several processes cannot share a SQLite store")
	}
	counts, err := parseProcs(procs)
	if err != nil {
		return usageError{err.Error()}
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("bench cluster: find this binary to start crawler processes: %w", err)
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
	want := fx.Published()
	empty := len(fx.EmptyBodyURLs())
	fmt.Fprintf(e.stdout, "bench cluster: %d articles (%d without text) from %d fixture outlets, %d workers per process, newsroom %v, server %s\n",
		want, empty, len(fx.Outlets()), c.Workers, !noNewsroom, redactDSN(c.DB))
	var results []clusterRun
	for _, n := range counts {
		r, err := runClusterOnce(ctx, e, exe, fx, c, n, !noNewsroom, keep, settle)
		if err != nil {
			return fmt.Errorf("%d process(es): %w", n, err)
		}
		results = append(results, r)
		fmt.Fprintf(e.stdout, "%d process(es): %s\n", n, r)
	}
	fmt.Fprintln(e.stdout, "\nprocs  stored  seconds  articles/s  scaling  analysed by  duplicates")
	for _, r := range results {
		analysed := "-"
		if r.analysed > 0 {
			analysed = fmt.Sprintf("%.1f s", r.analysed.Seconds())
		}
		fmt.Fprintf(e.stdout, "%5d  %6d  %7.1f  %10.0f  %6.2fx  %11s  %10d\n", r.procs, r.stored, r.elapsed.Seconds(), r.rate(),
			r.rate()/results[0].rate(), analysed, r.duplicates)
	}
	for _, r := range results {
		if r.duplicates > 0 {
			return fmt.Errorf("%d process(es) stored %d corpus articles more than once", r.procs, r.duplicates)
		}
	}
	return nil
}

type clusterRun struct {
	procs      int
	stored     int
	duplicates int
	elapsed    time.Duration // until the last article was stored
	analysed   time.Duration // until the newsroom queue was empty (0: no newsroom)
	skipped    int           // items the nodes skipped for good (no title or text)
	stalled    bool
}

// skippedRe reads a node's closing summary (see runClusterChild).
var skippedRe = regexp.MustCompile(`, (\d+) skipped,`)

// waitQueueEmpty waits until nothing awaits analysis, failing when the
// backlog stops shrinking for stall (no leader, or a stuck one).
func waitQueueEmpty(ctx context.Context, q news.NewsroomQueue, stall time.Duration) error {
	last, since := -1, time.Now()
	for {
		n, err := q.PendingCount(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		if n != last {
			last, since = n, time.Now()
		} else if time.Since(since) > stall {
			return fmt.Errorf("newsroom queue stuck at %d articles for %s: no node leads", n, stall)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
}

func (r clusterRun) rate() float64 { return float64(r.stored) / max(r.elapsed.Seconds(), 1e-9) }

func (r clusterRun) String() string {
	s := fmt.Sprintf("stored %d in %s: %.0f articles/s, %d duplicates", r.stored, r.elapsed.Round(time.Millisecond), r.rate(), r.duplicates)
	if r.analysed > 0 {
		s += fmt.Sprintf("; newsroom queue empty after %s", r.analysed.Round(time.Millisecond))
	}
	if r.skipped > 0 {
		s += fmt.Sprintf("; %d skipped without text", r.skipped)
	}
	if r.stalled {
		s += " (settled short: some articles neither stored nor skipped)"
	}
	return s
}

// runClusterOnce measures one process count on its own fresh schema.
func runClusterOnce(ctx context.Context, e *env, exe string, fx *fixture.Server, c Config, n int, newsroom, keep bool, settle time.Duration) (clusterRun, error) {
	r := clusterRun{procs: n}
	schema, err := cluster.NewSchema(ctx, c.DB, "nashra_bench_")
	if err != nil {
		return r, err
	}
	if keep {
		fmt.Fprintf(e.stderr, "  schema %s kept\n", schema.Name)
	} else {
		defer func() {
			if err := schema.Drop(context.WithoutCancel(ctx)); err != nil {
				fmt.Fprintf(e.stderr, "  %v\n", err)
			}
		}()
	}
	st, err := store.Open(ctx, schema.DSN)
	if err != nil {
		return r, err
	}
	defer st.Close()
	for _, s := range fx.Sources(true) {
		if err := st.PutSource(ctx, &s); err != nil {
			return r, err
		}
	}
	var children []*cluster.Proc
	defer func() {
		for _, p := range children {
			_ = p.Stop(30 * time.Second)
		}
	}()
	start := time.Now()
	for i := range n {
		args := []string{"bench", "cluster", "--child", "--db", schema.DSN, "--node", fmt.Sprintf("bench-%d-%d", n, i+1),
			"--workers", strconv.Itoa(c.Workers), "--lease", "5m", "--min-interval", "500ms", "--interval", "1s",
			"--max-interval", "5s", "--idle", "500ms", "--page-concurrency", "16", "--max-items", "100000", "--max-sitemaps", "1000",
			"--log-level", "error"}
		if !newsroom {
			args = append(args, "--no-newsroom")
		}
		p, err := cluster.StartProc(fmt.Sprintf("crawler %d of %d", i+1, n), nil, exe, args...)
		if err != nil {
			return r, err
		}
		children = append(children, p)
	}
	want := fx.Published()
	textless := len(fx.EmptyBodyURLs())
	last, lastChange := -1, time.Now()
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return r, ctx.Err()
		case <-tick.C:
		}
		for _, p := range children {
			if done, err := p.Exited(); done {
				return r, fmt.Errorf("%s exited (%v):\n%s", p.Name, err, p.Tail(3000))
			}
		}
		got, err := st.CountArticles(ctx)
		if err != nil {
			return r, err
		}
		if got != last {
			last, lastChange = got, time.Now()
			fmt.Fprintf(e.stderr, "\r  %d process(es): %d / %d stored, %.0f articles/s   ", n, got, want, float64(got)/time.Since(start).Seconds())
		}
		// The crawlers' skip counts live in their processes, so a run is
		// over when everything is stored or the count has settled: every
		// feed is repolled within the 5 s max interval, so 5 s without a
		// new article means nothing is left that can be stored.
		if got >= want || (got > 0 && time.Since(lastChange) > settle) {
			break
		}
	}
	// Only articles without text may rightly be missing; the exact
	// account (stored + skipped) is checked once the nodes have reported.
	r.stalled = last < want-textless
	fmt.Fprintln(e.stderr)
	r.elapsed = lastChange.Sub(start)
	r.stored = last
	if q, ok := st.(news.NewsroomQueue); ok && newsroom {
		// Crawl nodes only store; the elected newsroom leader analyses
		// behind them. The run's analysis is done when its queue is empty.
		if err := waitQueueEmpty(ctx, q, time.Minute); err != nil {
			return r, err
		}
		r.analysed = time.Since(start)
	}
	for _, p := range children {
		if err := p.Stop(30 * time.Second); err != nil {
			return r, fmt.Errorf("%v:\n%s", err, p.Tail(3000))
		}
		// Each node's closing summary says what it skipped or failed,
		// which is where the articles missing from the count went.
		for _, line := range strings.Split(p.Output(), "\n") {
			if strings.HasPrefix(line, "node ") {
				fmt.Fprintf(e.stdout, "  %s\n", line)
				if m := skippedRe.FindStringSubmatch(line); m != nil {
					n, _ := strconv.Atoi(m[1])
					r.skipped += n
				}
			}
		}
	}
	children = nil
	if r.skipped > 0 {
		// The nodes' skips (no title or text: photo stories, scraps)
		// account for every article not stored.
		r.stalled = r.stored+r.skipped < want
	}
	t, err := cluster.Count(ctx, st, fx.OriginalURL)
	if err != nil {
		return r, err
	}
	r.duplicates = len(t.Duplicates)
	return r, nil
}

func parseProcs(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 || n > 64 {
			return nil, fmt.Errorf("--procs %q: want a list of process counts in 1..64, e.g. 1,2,3", s)
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("--procs %q names no process count", s)
	}
	return out, nil
}

func redactDSN(dsn string) string {
	if i := strings.IndexByte(dsn, '?'); i >= 0 {
		dsn = dsn[:i]
	}
	if at := strings.LastIndexByte(dsn, '@'); at >= 0 {
		if scheme := strings.Index(dsn, "://"); scheme >= 0 && strings.Contains(dsn[scheme+3:at], ":") {
			user := dsn[scheme+3 : at]
			dsn = dsn[:scheme+3] + user[:strings.IndexByte(user, ':')] + ":xxxxx" + dsn[at:]
		}
	}
	return dsn
}

// ClusterCrawler runs one crawler node the way `nashra bench cluster
// --child` does, with the crawl timings on its command line. It is
// exported so the multi-process tests in internal/cluster can re-exec
// their own test binary into a crawler node; it returns the exit code.
func ClusterCrawler(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr}
	return report(stderr, "bench cluster --child", runClusterChild(ctx, e, args))
}

// runClusterChild is a crawl-only node whose lease and polling intervals are
// flags, so benchmarks and fault tests can run leases of seconds rather
// than the production minutes `nashra serve` uses.
func runClusterChild(ctx context.Context, e *env, args []string) error {
	var c Config
	fs := newFlagSet(e, "bench cluster --child", "bench cluster --child --db URL --node NAME [timing flags]")
	configFlags(fs, &c, "db", "node", "workers", "log-level")
	var child, noNewsroom bool
	t, err := crawlTuningFromEnv(benchCrawlTuning)
	if err != nil {
		return usageError{err.Error()}
	}
	fs.BoolVar(&child, "child", false, "run as one crawler node of the benchmark (started by the benchmark itself)")
	fs.BoolVar(&noNewsroom, "no-newsroom", false, "leave out dedup/stories/related/hashtags")
	var newsroomTTL time.Duration
	fs.DurationVar(&newsroomTTL, "newsroom-ttl", 0, "newsroom leader lease (0: the production default)")
	fs.DurationVar(&t.crawl.LeaseDuration, "lease", t.crawl.LeaseDuration, "feed lease duration")
	fs.DurationVar(&t.crawl.MinInterval, "min-interval", t.crawl.MinInterval, "fastest polling interval")
	fs.DurationVar(&t.crawl.DefaultInterval, "interval", t.crawl.DefaultInterval, "first polling interval of a feed")
	fs.DurationVar(&t.crawl.MaxInterval, "max-interval", t.crawl.MaxInterval, "slowest polling interval")
	fs.DurationVar(&t.crawl.IdleWait, "idle", t.crawl.IdleWait, "longest sleep when no feed is due")
	fs.IntVar(&t.crawl.PageConcurrency, "page-concurrency", t.crawl.PageConcurrency, "article pages fetched at once per feed")
	fs.IntVar(&t.crawl.MaxItemsPerPoll, "max-items", t.crawl.MaxItemsPerPoll, "new articles taken from one poll")
	fs.IntVar(&t.crawl.MaxChildSitemaps, "max-sitemaps", t.crawl.MaxChildSitemaps, "child sitemaps read from one sitemap index")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	if !child {
		return usagef("internal mode: run with --child")
	}
	if c.DB == "" {
		return usagef("--db is required")
	}
	if err := c.validate(); err != nil {
		return usageError{err.Error()}
	}
	if t.crawl.MinInterval > t.crawl.MaxInterval {
		return usagef("--min-interval %s exceeds --max-interval %s", t.crawl.MinInterval, t.crawl.MaxInterval)
	}
	logger := newLogger(e.stderr, c.LogLevel)
	st, err := openRetrying(ctx, c.DB, logger)
	if err != nil {
		return err
	}
	defer st.Close()
	reg := newRegistry()
	p := &ingest.Pipeline{Store: st, Analyzer: analyzer{}, Logger: logger}
	var runNewsroom func(context.Context) error
	if !noNewsroom {
		if runNewsroom, err = clusterNewsroom(ctx, st, p, c.Node, logger, reg, newsroomTTL); err != nil {
			return err
		}
	}
	cr, err := newCrawler(st, p, c, logger, reg, t)
	if err != nil {
		return err
	}
	logger.Info("crawler node started", "node", c.Node, "workers", c.Workers, "lease", t.crawl.LeaseDuration)
	// Like `nashra serve`: one component ending stops the other, and both
	// are waited for before the store closes, so leases are released.
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	errc := make(chan error, 2)
	running := 1
	go func() { errc <- cr.Run(ctx) }()
	if runNewsroom != nil {
		running++
		go func() { errc <- runNewsroom(ctx) }()
	}
	var first error
	for range running {
		if err := <-errc; err != nil && !errors.Is(err, context.Canceled) && first == nil {
			first = err
		}
		stop()
	}
	if err := p.Close(); err != nil && first == nil {
		first = err
	}
	cs := cr.Stats()
	fmt.Fprintf(e.stdout, "node %s: %d polls (%d errors), %d created, %d updated, %d skipped, %d item errors\n",
		c.Node, cs.Polls, cs.PollErrors, cs.Created, cs.Updated, cs.Skipped, cs.ItemErrors)
	return first
}

// clusterNewsroom is serve's derivedWork, with the newsroom lease's TTL
// settable so a fault test sees a killed leader replaced within seconds.
func clusterNewsroom(ctx context.Context, st news.Store, p *ingest.Pipeline, node string, logger *slog.Logger, reg prometheus.Registerer, ttl time.Duration) (func(context.Context) error, error) {
	if q, ok := st.(newsroomleader.Store); ok && ttl > 0 {
		w := &newsroomleader.Worker{Store: q, Owner: node, Logger: logger, Registerer: reg, TTL: ttl}
		return w.Run, nil
	}
	return derivedWork(ctx, st, p, node, logger, reg)
}

// openRetrying opens the store, retrying for a while: a node started while
// the database restarts should wait for it rather than exit.
func openRetrying(ctx context.Context, dsn string, logger interface {
	Warn(string, ...any)
}) (news.Store, error) {
	deadline := time.Now().Add(30 * time.Second)
	for {
		st, err := store.Open(ctx, dsn)
		if err == nil || time.Now().After(deadline) || ctx.Err() != nil {
			return st, err
		}
		logger.Warn("store not reachable yet; retrying", "err", err)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// crawlTimingEnv names the environment variables that override a crawler's
// lease and polling intervals (Go durations such as "30s", "5m").
var crawlTimingEnv = []string{"NASHRA_CRAWL_LEASE", "NASHRA_CRAWL_MIN_INTERVAL", "NASHRA_CRAWL_INTERVAL", "NASHRA_CRAWL_MAX_INTERVAL", "NASHRA_CRAWL_IDLE"}

// crawlTuningFromEnv applies the NASHRA_CRAWL_* timing overrides to t. The
// bench child honours them; `nashra serve` can too (one call on
// liveCrawlTuning), which is what lets operators shorten the lease a dead
// node holds and lets fault tests run real `serve --role crawl` nodes on
// leases of seconds.
func crawlTuningFromEnv(t crawlTuning) (crawlTuning, error) {
	dst := []*time.Duration{&t.crawl.LeaseDuration, &t.crawl.MinInterval, &t.crawl.DefaultInterval, &t.crawl.MaxInterval, &t.crawl.IdleWait}
	for i, name := range crawlTimingEnv {
		v := os.Getenv(name)
		if v == "" {
			continue
		}
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return t, fmt.Errorf("%s=%q: want a positive duration such as 30s or 10m", name, v)
		}
		*dst[i] = d
	}
	return t, nil
}
