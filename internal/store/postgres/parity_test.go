package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/sqlite"
	"github.com/nashra/nashra/internal/textar"
)

// parityArticles is a slice of real corpus articles, analysed as ingest
// would, spread over the whole date range.
func parityArticles(t testing.TB, n int) []*news.Article {
	dir, err := corpus.Locate("saudinewsnet", "")
	if errors.Is(err, corpus.ErrNotFound) {
		t.Skipf("SaudiNewsNet corpus not found: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	recs, err := corpus.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	step := max(1, len(recs)/n)
	var out []*news.Article
	seen := map[string]bool{}
	for i := 0; i < len(recs) && len(out) < n; i += step {
		r := recs[i]
		if seen[r.URL] {
			continue
		}
		seen[r.URL] = true
		body := strings.Join(corpus.Paragraphs(r.Content), "\n\n")
		out = append(out, &news.Article{URL: r.URL, SourceID: r.Source, Title: r.Title, Author: r.Author,
			PublishedAt: r.Date.UTC(), Language: "ar", BodyText: body,
			Index: &news.IndexDoc{Title: textar.AnalyzeText(r.Title, "ar"), Body: textar.AnalyzeText(body, "ar"),
				Author: textar.AnalyzeText(r.Author, "ar"), Source: r.Source}})
	}
	return out
}

func clone(as []*news.Article) []*news.Article {
	out := make([]*news.Article, len(as))
	for i, a := range as {
		c := *a
		out[i] = &c
	}
	return out
}

// TestSearchParityWithSQLite indexes the same corpus slice in both stores
// and checks that every query shape matches exactly the same articles: the
// stores must agree on tokens, phrases, exclusions and filters, whatever
// their ranking functions.
func TestSearchParityWithSQLite(t *testing.T) {
	as := parityArticles(t, 1500)
	ctx := context.Background()
	pg := openTemp(t)
	lite, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "parity.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	for _, s := range []news.Store{pg, lite} {
		if _, err := s.UpsertArticles(ctx, clone(as)); err != nil {
			t.Fatal(err)
		}
	}

	df := map[string]int{}
	for _, a := range as {
		for _, tok := range strings.Fields(a.Index.Title) {
			df[tok]++
		}
	}
	var mid []string // title tokens in a few dozen articles: full result sets fit one page
	for tok, n := range df {
		if n >= 10 && n <= 60 {
			mid = append(mid, tok)
		}
	}
	sort.Strings(mid)
	if len(mid) < 6 {
		t.Fatalf("corpus slice too small: %d mid-frequency tokens", len(mid))
	}
	term := func(toks ...string) news.QueryTerm { return news.QueryTerm{Tokens: toks} }
	clause := func(ts ...news.QueryTerm) news.QueryClause { return news.QueryClause{Any: ts} }
	titlePhrase := strings.Fields(as[len(as)/3].Index.Title)
	titlePhrase = titlePhrase[:min(3, len(titlePhrase))]
	queries := map[string]news.SearchQuery{
		"term":          {Clauses: []news.QueryClause{clause(term(mid[0]))}},
		"and":           {Clauses: []news.QueryClause{clause(term(mid[1])), clause(term(mid[2]))}},
		"or":            {Clauses: []news.QueryClause{clause(term(mid[3]), term(mid[4]))}},
		"phrase":        {Clauses: []news.QueryClause{clause(news.QueryTerm{Tokens: titlePhrase, Phrase: true})}},
		"exclude":       {Clauses: []news.QueryClause{clause(term(mid[3]), term(mid[4]))}, Exclude: []news.QueryTerm{term(mid[5])}},
		"source filter": {Clauses: []news.QueryClause{clause(term(mid[0]), term(mid[1]))}, Sources: []string{as[0].SourceID}},
		"date filter":   {Clauses: []news.QueryClause{clause(term(mid[0]), term(mid[1]))}, After: as[len(as)/2].PublishedAt},
	}
	for name, q := range queries {
		q.Limit, q.ByNewest = 1000, true
		var sets [2][]string
		var totals [2]int
		for i, s := range []news.Store{pg, lite} {
			res, err := s.Search(ctx, q)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			totals[i] = res.Total
			for _, h := range res.Hits {
				sets[i] = append(sets[i], h.Article.ID)
			}
			sort.Strings(sets[i])
		}
		if totals[0] == 0 {
			t.Errorf("%s: no matches; the query does not test anything", name)
		}
		if totals[0] != totals[1] || fmt.Sprint(sets[0]) != fmt.Sprint(sets[1]) {
			t.Errorf("%s: PostgreSQL matches %d articles, SQLite %d (sets differ: %v)", name, totals[0], totals[1],
				fmt.Sprint(sets[0]) != fmt.Sprint(sets[1]))
		}
	}
}
