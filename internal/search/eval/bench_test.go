package eval

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/search"
	"github.com/nashra/nashra/internal/store/sqlite"
)

// TestBenchCorpus measures full searches (parse, FTS5, re-rank, snippets)
// on 1,000 title queries over the corpus, or over a synthetic corpus of
// NASHRA_SCALE articles. It is a measurement, not a check: it only runs
// when NASHRA_BENCH=1 and reports through t.Log.
//
//	NASHRA_BENCH=1 go test ./internal/search/eval -run BenchCorpus -v -timeout 2h
//	NASHRA_BENCH=1 NASHRA_SCALE=200000 go test ./internal/search/eval -run BenchCorpus -v -timeout 2h
func TestBenchCorpus(t *testing.T) {
	if os.Getenv("NASHRA_BENCH") != "1" {
		t.Skip("set NASHRA_BENCH=1 to measure search latency on the corpus")
	}
	dir, err := corpus.Locate("saudinewsnet", "")
	if errors.Is(err, corpus.ErrNotFound) {
		t.Skip("SaudiNewsNet corpus not found: ", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	recs, err := corpus.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := len(recs)
	if s := os.Getenv("NASHRA_SCALE"); s != "" {
		if n, err = strconv.Atoi(s); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	dbDir := os.Getenv("NASHRA_BENCH_DIR")
	if dbDir == "" {
		dbDir = t.TempDir()
	}
	dbPath := filepath.Join(dbDir, "nashra.db")
	st, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if have, _ := st.CountArticles(ctx); have < n {
		res, err := search.Load(ctx, st, func(fn func(corpus.Record) error) error {
			return search.Synthesize(recs, n, fn)
		}, 2000, func(done int) {
			if done%100000 == 0 {
				t.Logf("loaded %d", done)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("built index of %d articles in %v (%.0f articles/s)", res.Articles, res.Duration.Round(time.Second),
			float64(res.Articles)/res.Duration.Seconds())
	}
	var size int64
	for _, suffix := range []string{"", "-wal"} {
		if fi, err := os.Stat(dbPath + suffix); err == nil {
			size += fi.Size()
		}
	}
	t.Logf("database size %.1f MB", float64(size)/1e6)
	queries := search.TitleQueries(recs, 1000)
	for _, c := range []int{1, 2} {
		r, err := search.Bench(ctx, st, queries, search.BenchOptions{Concurrency: c})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%d articles: %v", n, r)
	}
}
