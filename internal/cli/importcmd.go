package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/ingest"
	"github.com/nashra/nashra/internal/store"
)

func runImport(ctx context.Context, e *env, args []string) error {
	var c Config
	fs := newFlagSet(e, "import", "import [--corpus DIR] [--bbc DIR] [--data DIR | --db URL]")
	cfgFile := configFlags(fs, &c, "data", "db", "corpus", "config", "log-level")
	var bbc string
	var noNewsroom bool
	var batch, limit int
	fs.StringVar(&bbc, "bbc", "", "also import the BBC News folder from this directory")
	fs.BoolVar(&noNewsroom, "no-newsroom", false, "store and index only; skip duplicates, stories, related and hashtags")
	fs.IntVar(&batch, "batch", 500, "articles per transaction")
	fs.IntVar(&limit, "limit", 0, "import only the first N records, oldest first (0: all)")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	if err := applyConfigFile(fs, *cfgFile, &c); err != nil {
		return err
	}
	if batch < 1 || batch > 10000 {
		return usagef("--batch %d: want 1..10000", batch)
	}
	dir, err := corpus.Locate("saudinewsnet", c.Corpus)
	if err != nil {
		return err
	}
	recs, err := corpus.ReadDir(dir)
	if err != nil {
		return err
	}
	if limit < 0 {
		return usagef("--limit %d: want 0 or more", limit)
	}
	if bbc != "" {
		b, err := corpus.ReadBBC(bbc, time.Date(2015, 7, 1, 0, 0, 0, 0, time.UTC))
		if err != nil {
			return err
		}
		recs = append(recs, b...)
		corpus.SortByDate(recs)
	}
	if limit > 0 && limit < len(recs) {
		recs = recs[:limit]
	}
	st, err := store.Open(ctx, c.storeDSN())
	if err != nil {
		return err
	}
	defer st.Close()
	logger := newLogger(e.stderr, c.LogLevel)
	p := &ingest.Pipeline{Store: st, Analyzer: analyzer{}, Logger: logger}
	defer p.Close()
	if !noNewsroom {
		nr, err := newNewsroom(ctx, st)
		if err != nil {
			return err
		}
		p.Newsroom = nr
	}
	bar := progressbar.NewOptions(len(recs),
		progressbar.OptionSetWriter(e.stderr),
		progressbar.OptionSetDescription("importing"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
	start := time.Now()
	last := 0
	err = p.ImportRecords(ctx, recs, batch, func(done int) {
		_ = bar.Add(done - last)
		last = done
	})
	_ = bar.Finish()
	if err != nil {
		return err
	}
	el := time.Since(start)
	s := p.Stats()
	fmt.Fprintf(e.stdout, "imported %d records in %s (%.0f articles/s): %d new, %d updated, %d unchanged\n",
		len(recs), el.Round(time.Millisecond), float64(len(recs))/el.Seconds(), s.Created, s.Updated, s.Unchanged)
	fmt.Fprintf(e.stdout, "busy time per stage (they overlap): store %s; newsroom prepare %s, apply %s, save %s\n",
		s.StoreTime.Round(time.Millisecond), s.PrepareTime.Round(time.Millisecond), s.ApplyTime.Round(time.Millisecond),
		s.SaveTime.Round(time.Millisecond))
	// A bulk import leaves the full-text index in many segments that every
	// query must visit; merging them now keeps search as fast as after a
	// slow trickle of crawls.
	if o, ok := st.(interface{ Optimize(context.Context) error }); ok && s.Created+s.Updated > 0 {
		ostart := time.Now()
		if err := o.Optimize(ctx); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "index optimised in %s (%.0f articles/s including it)\n", time.Since(ostart).Round(time.Millisecond),
			float64(len(recs))/time.Since(start).Seconds())
	}
	return nil
}
