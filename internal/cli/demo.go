package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/nashra/nashra/internal/admin"
	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/fixture"
	"github.com/nashra/nashra/internal/ingest"
	"github.com/nashra/nashra/internal/store"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	var c Config
	fs := newFlagSet(e, "demo", "demo [--corpus DIR] [--addr HOST:PORT] [--speedup N]")
	configFlags(fs, &c, "addr", "corpus", "log-level", "workers")
	if os.Getenv("NASHRA_LOG_LEVEL") == "" {
		// The progress line is the demo's output; logs are for problems.
		c.LogLevel = "warn"
		fs.Lookup("log-level").DefValue = "warn"
	}
	var dataDir, bbcDir string
	var speedup float64
	var backlog time.Duration
	var keep, noBBC bool
	fs.StringVar(&dataDir, "data", "./nashra-demo", "directory of the demo's SQLite store (emptied on start unless --keep)")
	fs.StringVar(&bbcDir, "bbc", "", "BBC News folder for the English outlet (default ../shared/data/bbc-news when present)")
	fs.BoolVar(&noBBC, "no-bbc", false, "leave out the English BBC outlet")
	fs.Float64Var(&speedup, "speedup", 1800, "replay speed: corpus seconds per wall second (0 publishes everything at once)")
	fs.DurationVar(&backlog, "backlog", 36*time.Hour, "corpus time already published when the demo starts")
	fs.BoolVar(&keep, "keep", false, "keep the demo store of an earlier run instead of starting empty")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	if err := c.validate(); err != nil {
		return usageError{err.Error()}
	}
	if speedup < 0 {
		return usagef("--speedup %v: want 0 or more", speedup)
	}
	if backlog < 0 {
		return usagef("--backlog %v: want 0 or more (corpus time already published)", backlog)
	}
	logger := newLogger(e.stderr, c.LogLevel)

	dir, err := corpus.Locate("saudinewsnet", c.Corpus)
	if err != nil {
		return err
	}
	recs, err := corpus.ReadDir(dir)
	if err != nil {
		return err
	}
	if !noBBC {
		if bdir, err := corpus.Locate("bbc-news", bbcDir); err == nil {
			// BBC has no dates: spread it over the same weeks as the
			// Arabic corpus so both languages fill the site together.
			bbc, err := corpus.ReadBBC(bdir, recs[0].Date)
			if err != nil {
				return err
			}
			for i := range bbc {
				bbc[i].Date = recs[0].Date.Add(time.Duration(i) * (recs[len(recs)-1].Date.Sub(recs[0].Date) / time.Duration(len(bbc))))
			}
			recs = append(recs, bbc...)
			corpus.SortByDate(recs)
		} else if bbcDir != "" {
			return err
		}
	}

	fx, err := fixture.New(fixture.Config{Records: recs, Speedup: speedup, Backlog: backlog, FeedSize: 50, Seed: 1})
	if err != nil {
		return err
	}
	if err := fx.Start(ctx); err != nil {
		return fmt.Errorf("start fixture publishers: %w", err)
	}
	defer fx.Close()

	if !keep {
		if err := emptyDemoStore(dataDir); err != nil {
			return err
		}
	}
	st, err := store.Open(ctx, dataDir)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, s := range fx.Sources(false) {
		if err := st.PutSource(ctx, &s); err != nil {
			return err
		}
	}

	learnSourceNames(ctx, st)
	nr, err := newNewsroom(ctx, st)
	if err != nil {
		return err
	}
	p := &ingest.Pipeline{Store: st, Analyzer: analyzer{}, Newsroom: nr, Logger: logger}
	defer p.Close() // before the store closes: nothing analysed is lost on Ctrl-C
	reg := newRegistry()
	cr, err := newCrawler(st, p, c, logger, reg, demoCrawlTuning)
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (use --addr to pick another)", c.Addr, err)
	}
	adm, err := admin.New(admin.Config{Store: st, Token: os.Getenv("NASHRA_ADMIN_TOKEN"), Logger: logger})
	if err != nil {
		return err
	}
	h, err := newWebHandlerWith(st, c, logger, reg, func(mux *http.ServeMux) { mux.Handle("/admin/", adm) })
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelWarn)}
	siteURL := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(e.stdout, "nashra demo: %d outlets replaying %d articles (%.0f× speed) — open %s  (admin: %sadmin/, Ctrl-C to stop)\n",
		len(fx.Outlets()), fx.Total(), speedup, siteURL, siteURL)

	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(ln) }()
	crawlCtx, stopCrawl := context.WithCancel(ctx)
	defer stopCrawl()
	go func() { errc <- cr.Run(crawlCtx) }()

	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			fmt.Fprintln(e.stdout)
			stopCrawl()
			shutdown(srv)
			return nil
		case err := <-errc:
			if err != nil && !errors.Is(err, http.ErrServerClosed) && !errors.Is(err, context.Canceled) {
				return err
			}
		case <-tick.C:
			s := p.Stats()
			n, _ := st.CountArticles(ctx)
			fmt.Fprintf(e.stdout, "\r  %s  %6d stored (%d new, %d edited) · %d/%d published by the outlets · replay clock %s   ",
				spinner(), n, s.Created, s.Updated, fx.Published(), fx.Total(), fx.VirtualNow().In(corpus.Riyadh).Format("2006-01-02 15:04"))
		}
	}
}

var spinFrame int

func spinner() string {
	frames := []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}
	spinFrame++
	return frames[spinFrame%len(frames)]
}

func shutdown(srv *http.Server) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(ctx)
}

// emptyDemoStore removes only the demo's own database files, never anything
// else a user may have put in the directory.
func emptyDemoStore(dir string) error {
	for _, name := range []string{store.DefaultFile, store.DefaultFile + "-wal", store.DefaultFile + "-shm"} {
		if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("empty demo store: %w", err)
		}
	}
	return nil
}
