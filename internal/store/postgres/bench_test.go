package postgres_test

import (
	"context"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
)

// BenchmarkUpsertArticles measures bulk import of corpus articles in
// batches of 500, one transaction each; one op is one article.
func BenchmarkUpsertArticles(b *testing.B) {
	all := parityArticles(b, 5000)
	ctx := context.Background()
	s := openTemp(b)
	next := 0
	b.ResetTimer()
	start := time.Now()
	for done := 0; done < b.N; {
		if next >= len(all) {
			b.StopTimer()
			s = openTemp(b)
			next = 0
			b.StartTimer()
		}
		n := min(500, b.N-done, len(all)-next)
		b.StopTimer()
		batch := clone(all[next : next+n])
		b.StartTimer()
		if _, err := s.UpsertArticles(ctx, batch); err != nil {
			b.Fatal(err)
		}
		next += n
		done += n
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "articles/s")
}

// BenchmarkSearch reports p50/p99 of common query shapes on a corpus slice.
func BenchmarkSearch(b *testing.B) {
	all := parityArticles(b, 10000)
	ctx := context.Background()
	s := openTemp(b)
	for i := 0; i < len(all); i += 1000 {
		if _, err := s.UpsertArticles(ctx, clone(all[i:min(i+1000, len(all))])); err != nil {
			b.Fatal(err)
		}
	}
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
	term := func(t string) news.QueryTerm { return news.QueryTerm{Tokens: []string{t}} }
	one := func(t string) []news.QueryClause { return []news.QueryClause{{Any: []news.QueryTerm{term(t)}}} }
	queries := []struct {
		name string
		q    news.SearchQuery
	}{
		{"most-common-term", news.SearchQuery{Clauses: one(toks[0]), Limit: 20}},
		{"common-term-newest", news.SearchQuery{Clauses: one(toks[0]), Limit: 20, ByNewest: true}},
		{"two-common-terms", news.SearchQuery{Clauses: []news.QueryClause{{Any: []news.QueryTerm{term(toks[1])}}, {Any: []news.QueryTerm{term(toks[2])}}}, Limit: 20}},
		{"mid-frequency-term", news.SearchQuery{Clauses: one(toks[150]), Limit: 20}},
		{"common-term-source-filter", news.SearchQuery{Clauses: one(toks[0]), Sources: []string{all[0].SourceID}, Limit: 20}},
	}
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			if _, err := s.Search(ctx, q.q); err != nil {
				b.Fatal(err)
			}
			var durs []time.Duration
			var total int
			for b.Loop() {
				t0 := time.Now()
				res, err := s.Search(ctx, q.q)
				if err != nil {
					b.Fatal(err)
				}
				durs = append(durs, time.Since(t0))
				total = res.Total
			}
			slices.Sort(durs)
			b.ReportMetric(float64(durs[len(durs)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(durs[len(durs)*99/100].Microseconds())/1000, "p99-ms")
			b.ReportMetric(float64(total), "matches")
		})
	}
}
