package cli

import (
	"context"

	"fmt"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store"
)

func runMigrateStore(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "migrate-store", "migrate-store --from sqlite:FILE|DIR --to postgres://...")
	var from, to string
	var batch int
	fs.StringVar(&from, "from", "", "source store (sqlite:FILE, a data directory, or postgres://...)")
	fs.StringVar(&to, "to", "", "destination store")
	fs.IntVar(&batch, "batch", 500, "articles per transaction")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	if from == "" || to == "" {
		return usagef("--from and --to are both required")
	}
	if from == to {
		return usagef("--from and --to name the same store")
	}
	if batch < 1 || batch > 10000 {
		return usagef("--batch %d: want 1..10000", batch)
	}
	src, err := store.Open(ctx, from)
	if err != nil {
		return fmt.Errorf("open --from: %w", err)
	}
	defer src.Close()
	dst, err := store.Open(ctx, to)
	if err != nil {
		return fmt.Errorf("open --to: %w", err)
	}
	defer dst.Close()
	m := &migrator{src: src, dst: dst, batch: batch, out: e}
	return m.run(ctx)
}

type migrator struct {
	src, dst news.Store
	batch    int
	out      *env
}

func (m *migrator) run(ctx context.Context) error {
	start := time.Now()
	srcs, err := m.src.Sources(ctx)
	if err != nil {
		return err
	}
	for i := range srcs {
		s := srcs[i].Source
		if err := m.dst.PutSource(ctx, &s); err != nil {
			return fmt.Errorf("copy source %s: %w", s.ID, err)
		}
	}
	total, err := m.src.CountArticles(ctx)
	if err != nil {
		return err
	}
	bar := progressbar.NewOptions(total,
		progressbar.OptionSetWriter(m.out.stderr),
		progressbar.OptionSetDescription("copying articles"),
		progressbar.OptionShowCount(), progressbar.OptionShowIts(),
		progressbar.OptionThrottle(200*time.Millisecond), progressbar.OptionClearOnFinish())
	var pending []*news.Article
	copied, skipped := 0, 0
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		urls := make([]string, len(pending))
		for i, a := range pending {
			urls[i] = a.URL
		}
		// Resuming: a batch already copied by an earlier run is skipped,
		// so an interrupted migration restarts where it stopped.
		known, err := m.dst.KnownURLs(ctx, urls)
		if err != nil {
			return err
		}
		var todo []*news.Article
		var analyses []news.Analysis
		for _, a := range pending {
			if known[a.URL] {
				skipped++
				continue
			}
			todo = append(todo, a)
		}
		if len(todo) > 0 {
			if _, err := m.dst.UpsertArticles(ctx, todo); err != nil {
				return err
			}
			for _, a := range todo {
				rel, err := m.src.Related(ctx, a.ID)
				if err != nil {
					return err
				}
				analyses = append(analyses, news.Analysis{ArticleID: a.ID, DuplicateOf: a.DuplicateOf, WireAgency: a.WireAgency,
					StoryID: a.StoryID, Hashtags: a.Hashtags, Related: rel})
			}
			if err := m.dst.SaveAnalysis(ctx, analyses, nil); err != nil {
				return err
			}
			copied += len(todo)
		}
		_ = bar.Add(len(pending))
		pending = pending[:0]
		return nil
	}
	err = m.src.ScanArticles(ctx, func(a *news.Article) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		cp := *a
		pending = append(pending, &cp)
		if len(pending) >= m.batch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	_ = bar.Finish()
	if err != nil {
		return fmt.Errorf("copy articles (%d copied so far; rerun to resume): %w", copied, err)
	}
	// Stories after articles: their lead articles must exist.
	stories, err := m.src.Stories(ctx, news.StoryFilter{Limit: 1 << 30})
	if err != nil {
		return err
	}
	var ups []news.StoryUpdate
	for _, s := range stories {
		ups = append(ups, news.StoryUpdate{Story: s})
		if len(ups) == m.batch {
			if err := m.dst.SaveAnalysis(ctx, nil, ups); err != nil {
				return err
			}
			ups = ups[:0]
		}
	}
	if err := m.dst.SaveAnalysis(ctx, nil, ups); err != nil {
		return err
	}
	// Fresh tables need statistics before they serve reads well.
	if o, ok := m.dst.(interface{ Optimize(context.Context) error }); ok {
		if err := o.Optimize(ctx); err != nil {
			return err
		}
	}
	// Verify.
	dstCount, err := m.dst.CountArticles(ctx)
	if err != nil {
		return err
	}
	dstSources, err := m.dst.Sources(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.out.stdout, "copied %d articles (%d already there), %d sources, %d stories in %s\n",
		copied, skipped, len(srcs), len(stories), time.Since(start).Round(time.Millisecond))
	if dstCount < total {
		return fmt.Errorf("verify: destination has %d articles, source %d", dstCount, total)
	}
	if len(dstSources) < len(srcs) {
		return fmt.Errorf("verify: destination has %d sources, source %d", len(dstSources), len(srcs))
	}
	fmt.Fprintf(m.out.stdout, "verified: articles %d ≥ %d, sources %d ≥ %d\n", dstCount, total, len(dstSources), len(srcs))
	return nil
}
