package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
)

func TestRidCeil(t *testing.T) {
	cases := []struct {
		t    time.Time
		want int64
	}{
		{time.Unix(10, 0), 10 << slotBits},
		{time.Unix(10, 1), 11 << slotBits},
		{time.Unix(-10, 0), -10 << slotBits},
		{time.Unix(-10, 500), -9 << slotBits},
	}
	for _, c := range cases {
		if got := ridCeil(c.t); got != c.want {
			t.Errorf("ridCeil(%v) = %d, want %d", c.t, got, c.want)
		}
	}
}

// TestSearchTimeKeys covers what the conformance suite cannot see: many
// articles in one second, times before 1970 and sub-second date bounds all
// keep index order and filters exact.
func TestSearchTimeKeys(t *testing.T) {
	ctx := context.Background()
	s, err := OpenWith(ctx, filepath.Join(t.TempDir(), "t.db"), Options{RankWindow: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sec := time.Date(2015, 7, 20, 12, 0, 0, 0, time.UTC)
	var as []*news.Article
	add := func(n int, at time.Time) {
		as = append(as, &news.Article{URL: fmt.Sprintf("https://t.example/%d", n), SourceID: "t", Title: "t",
			PublishedAt: at, Index: &news.IndexDoc{Title: "common"}})
	}
	for i := range 10 { // same second, sub-second apart
		add(i, sec.Add(time.Duration(i)*100*time.Millisecond))
	}
	add(100, time.Date(1965, 1, 1, 0, 0, 0, 250_000, time.UTC))
	add(101, time.Time{})
	if _, err := s.UpsertArticles(ctx, as); err != nil {
		t.Fatal(err)
	}
	common := []news.QueryClause{{Any: []news.QueryTerm{{Tokens: []string{"common"}}}}}
	count := func(q news.SearchQuery) int {
		q.Clauses, q.Limit = common, 100
		res, err := s.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return len(res.Hits)
	}
	cases := []struct {
		name string
		q    news.SearchQuery
		want int
	}{
		{"all", news.SearchQuery{}, 12},
		{"sub-second after", news.SearchQuery{After: sec.Add(450 * time.Millisecond)}, 5},
		{"sub-second before", news.SearchQuery{Before: sec.Add(450 * time.Millisecond)}, 7},
		{"both", news.SearchQuery{After: sec.Add(200 * time.Millisecond), Before: sec.Add(700 * time.Millisecond)}, 5},
		{"before 1970", news.SearchQuery{Before: time.Date(1966, 1, 1, 0, 0, 0, 0, time.UTC)}, 1},
		{"relevance beyond the rank window", news.SearchQuery{ByNewest: false}, 12},
	}
	for _, c := range cases {
		if got := count(c.q); got != c.want {
			t.Errorf("%s: %d hits, want %d", c.name, got, c.want)
		}
	}
	// Totals: counted from the rank window when it holds every match, by a
	// second pass over the index when it is full.
	for _, c := range []struct {
		name  string
		q     news.SearchQuery
		total int
	}{
		{"window full", news.SearchQuery{Clauses: common, Limit: 2}, 12},
		{"window full, second page", news.SearchQuery{Clauses: common, Limit: 2, Offset: 2}, 12},
		{"window not full", news.SearchQuery{Clauses: common, Limit: 2, After: sec.Add(650 * time.Millisecond)}, 3},
		{"window not full, last page", news.SearchQuery{Clauses: common, Limit: 2, Offset: 2, After: sec.Add(650 * time.Millisecond)}, 3},
		{"past the end", news.SearchQuery{Clauses: common, Limit: 2, Offset: 8, After: sec.Add(650 * time.Millisecond)}, 3},
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
	res, err := s.Search(ctx, news.SearchQuery{Clauses: common, ByNewest: true, Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if res.Hits[0].Article.URL != "https://t.example/9" || res.Hits[2].Article.URL != "https://t.example/7" {
		t.Fatalf("same-second articles out of order: %v, %v", res.Hits[0].Article.URL, res.Hits[2].Article.URL)
	}
}
