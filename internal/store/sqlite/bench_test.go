package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/sqlite"
)

// BenchmarkUpsertArticles measures bulk import of real corpus articles,
// FTS indexing included, in batches of 500 (one transaction each). One op
// is one article; see the articles/s metric.
func BenchmarkUpsertArticles(b *testing.B) {
	all := loadCorpus(b)
	const batch = 500
	ctx := context.Background()
	var s *sqlite.Store
	next := 0
	open := func() {
		if s != nil {
			s.Close()
		}
		var err error
		s, err = sqlite.Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("bench-%d.db", time.Now().UnixNano())))
		if err != nil {
			b.Fatal(err)
		}
		next = 0
	}
	open()
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	for done := 0; done < b.N; {
		if next >= len(all) {
			b.StopTimer()
			open()
			b.StartTimer()
		}
		n := min(batch, b.N-done, len(all)-next)
		b.StopTimer()
		as := clone(all[next : next+n])
		b.StartTimer()
		if _, err := s.UpsertArticles(ctx, as); err != nil {
			b.Fatal(err)
		}
		next += n
		done += n
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "articles/s")
	if cpu := cpuTime() - cpu0; cpu > 0 {
		// Per core: what one writer achieves when it is not queued behind
		// other processes (cloning batches, untimed, is included).
		b.ReportMetric(float64(b.N)/cpu.Seconds(), "articles/cpu-s")
	}
	s.Close()
}

var (
	searchOnce  sync.Once
	searchStore *sqlite.Store
	searchErr   error
)

// searchCorpusStore is the whole corpus imported once per test binary run.
func searchCorpusStore(b *testing.B) *sqlite.Store {
	all := loadCorpus(b)
	searchOnce.Do(func() {
		dir, err := tempDirOutsideTest()
		if err != nil {
			searchErr = err
			return
		}
		ctx := context.Background()
		s, err := sqlite.Open(ctx, filepath.Join(dir, "search.db"))
		if err != nil {
			searchErr = err
			return
		}
		for i := 0; i < len(all); i += 1000 {
			if _, err := s.UpsertArticles(ctx, clone(all[i:min(i+1000, len(all))])); err != nil {
				searchErr = err
				return
			}
		}
		if os.Getenv("NASHRA_BENCH_NO_OPTIMIZE") == "" {
			if err := s.Optimize(ctx); err != nil {
				searchErr = err
				return
			}
		}
		searchStore = s
	})
	if searchErr != nil {
		b.Fatal(searchErr)
	}
	return searchStore
}

// frequentTokens returns the n most frequent title tokens of the corpus.
func frequentTokens(all []*news.Article, n int) []string {
	df := map[string]int{}
	for _, a := range all {
		for _, t := range strings.Fields(a.Index.Title + " " + a.Index.Body) {
			df[t]++
		}
	}
	toks := make([]string, 0, len(df))
	for t := range df {
		toks = append(toks, t)
	}
	sort.Slice(toks, func(i, j int) bool { return df[toks[i]] > df[toks[j]] })
	return toks[:min(n, len(toks))]
}

// BenchmarkSearch runs typical and worst-case queries over the full
// corpus and reports p50/p99 latency per query shape.
func BenchmarkSearch(b *testing.B) {
	s := searchCorpusStore(b)
	all := loadCorpus(b)
	top := frequentTokens(all, 200)
	sample := all[len(all)/2]
	titleToks := strings.Fields(sample.Index.Title)
	term := func(t string) news.QueryTerm { return news.QueryTerm{Tokens: []string{t}} }
	one := func(t string) []news.QueryClause { return []news.QueryClause{{Any: []news.QueryTerm{term(t)}}} }
	queries := []struct {
		name string
		q    news.SearchQuery
	}{
		{"most-common-term", news.SearchQuery{Clauses: one(top[0]), Limit: 20}},
		{"common-term-newest", news.SearchQuery{Clauses: one(top[0]), Limit: 20, ByNewest: true}},
		{"two-common-terms", news.SearchQuery{Clauses: []news.QueryClause{{Any: []news.QueryTerm{term(top[1])}}, {Any: []news.QueryTerm{term(top[2])}}}, Limit: 20}},
		{"mid-frequency-term", news.SearchQuery{Clauses: one(top[150]), Limit: 20}},
		{"title-phrase", news.SearchQuery{Clauses: []news.QueryClause{{Any: []news.QueryTerm{{Tokens: titleToks[:min(3, len(titleToks))], Phrase: true}}}}, Limit: 20}},
		{"or-of-three", news.SearchQuery{Clauses: []news.QueryClause{{Any: []news.QueryTerm{term(top[10]), term(top[20]), term(top[30])}}}, Limit: 20}},
		{"common-term-source-filter", news.SearchQuery{Clauses: one(top[0]), Sources: []string{sample.SourceID}, Limit: 20}},
		{"common-term-exclude", news.SearchQuery{Clauses: one(top[0]), Exclude: []news.QueryTerm{term(top[1])}, Limit: 20}},
		{"filters-only", news.SearchQuery{Sources: []string{sample.SourceID}, Limit: 20}},
		{"page-5", news.SearchQuery{Clauses: one(top[3]), Limit: 20, Offset: 80}},
	}
	ctx := context.Background()
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			// Warm the page cache so p99 measures queries, not the first read.
			if _, err := s.Search(ctx, q.q); err != nil {
				b.Fatal(err)
			}
			durs := make([]time.Duration, 0, b.N)
			var total int
			cpu0 := cpuTime()
			for b.Loop() {
				t0 := time.Now()
				res, err := s.Search(ctx, q.q)
				if err != nil {
					b.Fatal(err)
				}
				durs = append(durs, time.Since(t0))
				total = res.Total
			}
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(len(durs)), "cpu-ms/op")
			slices.Sort(durs)
			b.ReportMetric(float64(durs[len(durs)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(durs[len(durs)*99/100].Microseconds())/1000, "p99-ms")
			b.ReportMetric(float64(total), "matches")
		})
	}
}

// BenchmarkListing measures a keyset page deep in the newest-first listing.
func BenchmarkListing(b *testing.B) {
	s := searchCorpusStore(b)
	ctx := context.Background()
	page, err := s.Articles(ctx, news.ArticleFilter{Limit: 1000})
	if err != nil {
		b.Fatal(err)
	}
	last := page[len(page)-1]
	f := news.ArticleFilter{Limit: 30, Before: &news.Cursor{PublishedAt: last.PublishedAt, ID: last.ID}}
	for b.Loop() {
		if _, err := s.Articles(ctx, f); err != nil {
			b.Fatal(err)
		}
	}
}
