package postgres_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/postgres"
)

// TestSearchTotalsAroundTheRankWindow: totals are counted from the rank
// window when it holds every match, by a second pass when it is full.
func TestSearchTotalsAroundTheRankWindow(t *testing.T) {
	ctx := context.Background()
	s, err := postgres.OpenWith(ctx, tempSchema(t), postgres.Options{MaxConns: 4, RankWindow: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	base := time.Date(2015, 7, 20, 12, 0, 0, 0, time.UTC)
	var as []*news.Article
	for i := range 12 {
		as = append(as, &news.Article{URL: fmt.Sprintf("https://t.example/%d", i), SourceID: "t", Title: "t",
			PublishedAt: base.Add(time.Duration(i) * time.Minute), Index: &news.IndexDoc{Title: "common"}})
	}
	if _, err := s.UpsertArticles(ctx, as); err != nil {
		t.Fatal(err)
	}
	common := []news.QueryClause{{Any: []news.QueryTerm{{Tokens: []string{"common"}}}}}
	recent := base.Add(8*time.Minute + 30*time.Second) // articles 9, 10, 11
	for _, c := range []struct {
		name  string
		q     news.SearchQuery
		total int
	}{
		{"window full", news.SearchQuery{Clauses: common, Limit: 2}, 12},
		{"window full, second page", news.SearchQuery{Clauses: common, Limit: 2, Offset: 2}, 12},
		{"window not full", news.SearchQuery{Clauses: common, Limit: 2, After: recent}, 3},
		{"window not full, last page", news.SearchQuery{Clauses: common, Limit: 2, Offset: 2, After: recent}, 3},
		{"past the end", news.SearchQuery{Clauses: common, Limit: 2, Offset: 8, After: recent}, 3},
		{"newest first", news.SearchQuery{Clauses: common, Limit: 2, ByNewest: true}, 12},
	} {
		res, err := s.Search(ctx, c.q)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != c.total {
			t.Errorf("%s: total %d, want %d", c.name, res.Total, c.total)
		}
	}
}
