package search

import (
	"context"
	"fmt"
	"html"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/textar"
)

// BenchOptions tune Bench. Zero values pick sensible defaults.
type BenchOptions struct {
	Concurrency int // parallel searchers (GOMAXPROCS when 0)
	Limit       int // results per page (DefaultLimit when 0)
	Warmup      int // queries run first and not timed (min(50, len) when 0; -1 for none)
	Now         func() time.Time
}

// BenchResult is the latency distribution of full searches (parse, index,
// re-rank, snippets) and the throughput at the given concurrency.
type BenchResult struct {
	Queries     int
	Concurrency int
	P50         time.Duration
	P90         time.Duration
	P99         time.Duration
	Max         time.Duration
	Mean        time.Duration
	QPS         float64
	Hits        int // total hits returned, to show the queries matched
	Wall        time.Duration
	// CPUPerQuery is the process CPU time (all goroutines, including the
	// SQLite driver) divided by the queries: the cost of a search apart
	// from time spent waiting for a core on a busy machine.
	CPUPerQuery time.Duration
}

func (r BenchResult) String() string {
	return fmt.Sprintf("%d queries, concurrency %d: p50 %v, p90 %v, p99 %v, max %v, mean %v, %.0f qps, CPU %v/query (%d hits)",
		r.Queries, r.Concurrency, r.P50.Round(time.Microsecond), r.P90.Round(time.Microsecond),
		r.P99.Round(time.Microsecond), r.Max.Round(time.Microsecond), r.Mean.Round(time.Microsecond), r.QPS,
		r.CPUPerQuery.Round(time.Microsecond), r.Hits)
}

// Bench runs every query through a Service over store and measures it.
func Bench(ctx context.Context, store news.Store, queries []string, o BenchOptions) (BenchResult, error) {
	if len(queries) == 0 {
		return BenchResult{}, fmt.Errorf("search: bench: no queries")
	}
	if o.Concurrency <= 0 {
		o.Concurrency = runtime.GOMAXPROCS(0)
	}
	if o.Warmup == 0 {
		o.Warmup = min(50, len(queries))
	}
	svc := New(store, o.Now)
	opts := Options{Limit: o.Limit}
	for _, q := range queries[:max(o.Warmup, 0)] {
		if _, err := svc.Search(ctx, q, opts); err != nil {
			return BenchResult{}, fmt.Errorf("search: bench warmup %q: %w", q, err)
		}
	}
	lat := make([]time.Duration, len(queries))
	hits := make([]int, len(queries))
	errs := make([]error, o.Concurrency)
	var next int
	var mu sync.Mutex
	var wg sync.WaitGroup
	cpu0 := processCPU()
	start := time.Now()
	for w := 0; w < o.Concurrency; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(queries) || ctx.Err() != nil {
					return
				}
				t0 := time.Now()
				res, err := svc.Search(ctx, queries[i], opts)
				lat[i] = time.Since(t0)
				if err != nil {
					errs[w] = fmt.Errorf("search: bench %q: %w", queries[i], err)
					return
				}
				hits[i] = len(res.Hits)
			}
		}(w)
	}
	wg.Wait()
	wall := time.Since(start)
	cpu := processCPU() - cpu0
	for _, err := range errs {
		if err != nil {
			return BenchResult{}, err
		}
	}
	if err := ctx.Err(); err != nil {
		return BenchResult{}, err
	}
	r := BenchResult{Queries: len(queries), Concurrency: o.Concurrency, Wall: wall}
	var sum time.Duration
	for i, d := range lat {
		sum += d
		r.Hits += hits[i]
	}
	sorted := slices.Clone(lat)
	slices.Sort(sorted)
	r.P50, r.P90, r.P99 = percentile(sorted, 0.50), percentile(sorted, 0.90), percentile(sorted, 0.99)
	r.Max = sorted[len(sorted)-1]
	r.Mean = sum / time.Duration(len(lat))
	r.QPS = float64(len(lat)) / wall.Seconds()
	r.CPUPerQuery = cpu / time.Duration(len(lat))
	return r, nil
}

// percentile of sorted durations, nearest rank.
func percentile(sorted []time.Duration, p float64) time.Duration {
	i := int(p*float64(len(sorted))+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// TitleQueries draws n realistic queries from article titles: spans of 2 to
// 4 consecutive words, each with at least one searchable word, chosen with
// a fixed seed so runs compare.
func TitleQueries(records []corpus.Record, n int) []string {
	if len(records) == 0 || n <= 0 {
		return nil
	}
	rng := rand.New(rand.NewPCG(20150725, uint64(n)))
	out := make([]string, 0, n)
	for attempts := 0; len(out) < n && attempts < 20*n; attempts++ {
		words := titleWords(records[rng.IntN(len(records))].Title)
		if len(words) < 2 {
			continue
		}
		size := 2 + rng.IntN(3)
		if size > len(words) {
			size = len(words)
		}
		at := rng.IntN(len(words) - size + 1)
		q := strings.Join(words[at:at+size], " ")
		if len(textar.Analyze(q, "ar")) == 0 {
			continue
		}
		out = append(out, q)
	}
	return out
}

// titleWords splits a title into words without the punctuation and quotes
// that would turn a span into query syntax.
func titleWords(title string) []string {
	title = html.UnescapeString(title)
	return strings.FieldsFunc(title, func(r rune) bool {
		return isSeparator(r) || isQuote(r) || isMinus(r) || strings.ContainsRune(`.:!?؟'|#*/\{}()[]`, r)
	})
}
