package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/search"
	"github.com/nashra/nashra/internal/store"
)

func runReindex(ctx context.Context, e *env, args []string) error {
	var c Config
	fs := newFlagSet(e, "reindex", "reindex [--data DIR | --db URL]")
	cfgFile := configFlags(fs, &c, "data", "db", "config")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	if err := applyConfigFile(fs, *cfgFile, &c); err != nil {
		return err
	}
	st, err := store.Open(ctx, c.storeDSN())
	if err != nil {
		return err
	}
	defer st.Close()
	total, err := st.CountArticles(ctx)
	if err != nil {
		return err
	}
	bar := progressbar.NewOptions(total,
		progressbar.OptionSetWriter(e.stderr),
		progressbar.OptionSetDescription("reindexing"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
	start := time.Now()
	n := 0
	err = st.ScanArticles(ctx, func(a *news.Article) error {
		if err := st.Reindex(ctx, a.ID, search.IndexDoc(a)); err != nil {
			return err
		}
		n++
		return bar.Add(1)
	})
	_ = bar.Finish()
	if err != nil {
		return fmt.Errorf("reindex: after %d articles: %w", n, err)
	}
	fmt.Fprintf(e.stdout, "reindexed %d articles in %s\n", n, time.Since(start).Round(time.Millisecond))
	return nil
}
