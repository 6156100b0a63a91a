package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/search"
	"github.com/nashra/nashra/internal/search/eval"
	"github.com/nashra/nashra/internal/store"
)

func benchSearch(ctx context.Context, e *env, args []string) error {
	var c Config
	fs := newFlagSet(e, "bench search", "bench search [--data DIR | --db URL] [--corpus DIR] [--scale N]")
	configFlags(fs, &c, "data", "db", "corpus")
	var queriesPath string
	var nTitle, scale, conc int
	fs.StringVar(&queriesPath, "queries", "internal/search/eval/queries.jsonl", "evaluation queries (JSON Lines); missing file: title queries only")
	fs.IntVar(&nTitle, "title-queries", 1000, "queries drawn from article titles")
	fs.IntVar(&scale, "scale", 0, "build a synthetic store of N articles (corpus replicated with shifted dates) in a temp dir and benchmark it")
	fs.IntVar(&conc, "concurrency", 1, "parallel searchers (1 measures single-query latency)")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	switch {
	case nTitle < 0:
		return usagef("--title-queries %d: want 0 or more", nTitle)
	case scale < 0:
		return usagef("--scale %d: want 0 (the store as it is) or a number of articles", scale)
	case conc < 1 || conc > 256:
		return usagef("--concurrency %d: want 1..256", conc)
	}
	dir, err := corpus.Locate("saudinewsnet", c.Corpus)
	if err != nil {
		return err
	}
	recs, err := corpus.ReadDir(dir)
	if err != nil {
		return err
	}
	queries := search.TitleQueries(recs, nTitle)
	if qs, err := eval.LoadQueries(queriesPath); err == nil {
		for _, q := range qs {
			queries = append(queries, q.Query)
		}
	} else if queriesPath != "" && !os.IsNotExist(err) {
		return err
	}

	var st news.Store
	if scale > 0 {
		tmp, err := os.MkdirTemp("", "nashra-bench-search-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		if st, err = store.Open(ctx, tmp); err != nil {
			return err
		}
		defer st.Close()
		fmt.Fprintf(e.stdout, "building a synthetic store of %d articles in %s …\n", scale, tmp)
		start := time.Now()
		res, err := search.Load(ctx, st, func(fn func(corpus.Record) error) error { return search.Synthesize(recs, scale, fn) }, 1000, func(done int) {
			if done%100000 == 0 {
				fmt.Fprintf(e.stderr, "  %d articles, %s\n", done, time.Since(start).Round(time.Second))
			}
		})
		if err != nil {
			return err
		}
		_ = res
		fmt.Fprintf(e.stdout, "built in %s; store size %d MB\n", time.Since(start).Round(time.Second), dirSize(tmp)>>20)
	} else {
		if st, err = store.Open(ctx, c.storeDSN()); err != nil {
			return err
		}
		defer st.Close()
		n, err := st.CountArticles(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("the store at %s is empty: run 'nashra import' first (or use --scale N)", c.storeDSN())
		}
	}
	n, _ := st.CountArticles(ctx)
	fmt.Fprintf(e.stdout, "bench search: %d queries over %d articles, concurrency %d\n", len(queries), n, conc)
	res, err := search.Bench(ctx, st, queries, search.BenchOptions{Concurrency: conc})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, res)
	return nil
}

func dirSize(dir string) int64 {
	var total int64
	_ = filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			total += info.Size()
		}
		return nil
	})
	return total
}
