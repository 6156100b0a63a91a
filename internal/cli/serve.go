package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"

	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/nashra/nashra/internal/admin"
	"github.com/nashra/nashra/internal/ingest"
	"github.com/nashra/nashra/internal/news"
	newsroomleader "github.com/nashra/nashra/internal/newsroom"
	"github.com/nashra/nashra/internal/sources"
	"github.com/nashra/nashra/internal/store"
)

func runServe(ctx context.Context, e *env, args []string) error {
	var c Config
	fs := newFlagSet(e, "serve", "serve [--data DIR | --db URL] [--addr HOST:PORT] [--role web|crawl|all] [--config FILE]")
	cfgFile := configFlags(fs, &c, "data", "db", "addr", "config", "role", "node", "sources", "base-url", "workers", "log-level")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	if err := applyConfigFile(fs, *cfgFile, &c); err != nil {
		return err
	}
	if err := c.validate(); err != nil {
		return usageError{err.Error()}
	}
	logger := newLogger(e.stderr, c.LogLevel)
	st, err := store.Open(ctx, c.storeDSN())
	if err != nil {
		return err
	}
	defer st.Close()
	if err := seedSources(ctx, st, c.Sources, logger); err != nil {
		return err
	}
	learnSourceNames(ctx, st)
	reg := newRegistry()
	errc := make(chan error, 3)
	running := 0
	// Components stop with ctx; one failing stops the others. Either way
	// they are waited for before the store closes, so the crawler and the
	// newsroom worker can release their leases on the way out.
	ctx, stopAll := context.WithCancel(ctx)
	defer stopAll()

	if c.Role == "crawl" || c.Role == "all" {
		p := &ingest.Pipeline{Store: st, Analyzer: analyzer{}, Logger: logger}
		// Runs after the crawler has stopped (defers outlive the wait
		// below): finishes any analysis still in flight, then the store closes.
		defer p.Close()
		runNewsroom, err := derivedWork(ctx, st, p, c.Node, logger, reg)
		if err != nil {
			return err
		}
		if runNewsroom != nil {
			running++
			go func() { errc <- runNewsroom(ctx) }()
		}
		tuning, err := crawlTuningFromEnv(liveCrawlTuning)
		if err != nil {
			return usageError{err.Error()}
		}
		cr, err := newCrawler(st, p, c, logger, reg, tuning)
		if err != nil {
			return err
		}
		running++
		go func() { errc <- cr.Run(ctx) }()
		logger.Info("crawler started", "node", c.Node, "workers", c.Workers)
	}
	var srv *http.Server
	if c.Role == "web" || c.Role == "all" {
		adm, err := admin.New(admin.Config{Store: st, Token: os.Getenv("NASHRA_ADMIN_TOKEN"), Logger: logger})
		if err != nil {
			return err
		}
		h, err := newWebHandlerWith(st, c, logger, reg, func(mux *http.ServeMux) { mux.Handle("/admin/", adm) })
		if err != nil {
			return err
		}
		ln, err := net.Listen("tcp", c.Addr)
		if err != nil {
			return fmt.Errorf("listen on %s: %w", c.Addr, err)
		}
		srv = &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
			ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelWarn)}
		running++
		go func() { errc <- srv.Serve(ln) }()
		logger.Info("web server listening", "url", "http://"+ln.Addr().String()+"/")
	} else {
		// A crawl-only node still answers health and metrics checks.
		ln, err := net.Listen("tcp", c.Addr)
		if err != nil {
			return fmt.Errorf("listen on %s: %w", c.Addr, err)
		}
		mux := http.NewServeMux()
		mux.HandleFunc("GET /healthz", healthHandler(st))
		mux.Handle("GET /metrics", promhttpHandler(reg))
		srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
		go func() { _ = srv.Serve(ln) }()
		logger.Info("health and metrics listening", "url", "http://"+ln.Addr().String()+"/healthz")
	}
	for {
		select {
		case <-ctx.Done():
			logger.Info("shutting down")
			shutdown(srv)
			awaitStopped(errc, running, logger)
			return nil
		case err := <-errc:
			if err != nil && !errors.Is(err, http.ErrServerClosed) && !errors.Is(err, context.Canceled) {
				stopAll()
				shutdown(srv)
				awaitStopped(errc, running-1, logger)
				return err
			}
			running--
			if running == 0 {
				return nil
			}
		}
	}
}

// stopGrace bounds how long a stopping serve waits for its components.
const stopGrace = 15 * time.Second

// awaitStopped waits for n components to report on errc, at most stopGrace.
func awaitStopped(errc <-chan error, n int, logger *slog.Logger) {
	timeout := time.After(stopGrace)
	for ; n > 0; n-- {
		select {
		case <-errc:
		case <-timeout:
			logger.Warn("components still running at exit", "count", n, "waited", stopGrace)
			return
		}
	}
}

// derivedWork sets up duplicates, stories, related lists and hashtags for a
// crawl node. With a store that queues articles for analysis (both drivers)
// the node's pipeline only stores, and the returned run competes for the
// database's newsroom lease and analyses the queue while it leads: one
// engine for every node's articles, in one order, taken over by another
// node when the leader dies. A store without the queue gets the pipeline's
// inline newsroom instead and a nil run; that is only consistent with a
// single crawl node.
func derivedWork(ctx context.Context, st news.Store, p *ingest.Pipeline, node string, logger *slog.Logger, reg prometheus.Registerer) (run func(context.Context) error, err error) {
	if q, ok := st.(newsroomleader.Store); ok {
		w := &newsroomleader.Worker{Store: q, Owner: node, Logger: logger, Registerer: reg}
		logger.Info("newsroom worker started", "node", node, "lease", newsroomleader.LeaseName)
		return w.Run, nil
	}
	nr, err := newNewsroom(ctx, st)
	if err != nil {
		return nil, err
	}
	p.Newsroom = nr
	logger.Warn("store has no analysis queue: this node analyses inline what it crawls; run one crawl node only")
	return nil, nil
}

// seedSources fills an empty store with the configured or shipped sources.
func seedSources(ctx context.Context, st news.Store, file string, logger *slog.Logger) error {
	existing, err := st.Sources(ctx)
	if err != nil {
		return err
	}
	if len(existing) > 0 {
		return nil
	}
	var list []news.Source
	if file != "" {
		f, err := os.Open(file)
		if err != nil {
			return fmt.Errorf("--sources: %w", err)
		}
		defer f.Close()
		list, err = sources.ParseJSON(f)
		if err != nil {
			return fmt.Errorf("--sources %s: %w", file, err)
		}
	} else {
		list, err = sources.Defaults()
		if err != nil {
			return err
		}
	}
	for i := range list {
		if err := st.PutSource(ctx, &list[i]); err != nil {
			return err
		}
	}
	logger.Info("seeded an empty store with sources", "sources", len(list), "from", map[bool]string{true: file, false: "the shipped list"}[file != ""])
	return nil
}
