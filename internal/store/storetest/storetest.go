// Package storetest is the conformance suite every news.Store passes. Both
// internal/store/sqlite and internal/store/postgres run it, so the two
// stores behave identically down to error codes, ordering and paging.
package storetest

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
)

// Opener returns a fresh, empty store for one test; it registers its own
// cleanup with t.
type Opener func(t *testing.T) news.Store

// Run runs the whole suite. Subtests run in parallel, each on its own store.
func Run(t *testing.T, open Opener) {
	groups := []struct {
		name  string
		tests []test
	}{
		{"sources", sourceTests},
		{"crawl", crawlTests},
		{"articles", articleTests},
		{"search", searchTests},
		{"newsroom", newsroomTests},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			for _, tc := range g.tests {
				t.Run(tc.name, func(t *testing.T) {
					t.Parallel()
					tc.fn(t, open(t))
				})
			}
		})
	}
}

type test struct {
	name string
	fn   func(t *testing.T, s news.Store)
}

// base is the suite's reference time; everything is whole seconds so both
// stores' microsecond precision round-trips it exactly.
var base = time.Date(2015, 7, 20, 12, 0, 0, 0, time.UTC)

func ctx(t *testing.T) context.Context { return t.Context() }

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got nil error, want code %q", code)
	}
	if got := news.ErrorCode(err); got != code {
		t.Fatalf("error %v has code %q, want %q", err, got, code)
	}
}

// tokens is a stand-in analyser: lower-cased whitespace fields. The store
// never analyses text, so any deterministic token text will do.
func tokens(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// newArticle builds a complete article; n makes its URL unique per source.
func newArticle(source string, n int, pub time.Time, title, body string) *news.Article {
	u := fmt.Sprintf("https://%s.example/news/%d", source, n)
	return &news.Article{
		ID:          news.ArticleID(u),
		URL:         u,
		SourceID:    source,
		Title:       title,
		Author:      "Reporter " + source,
		PublishedAt: pub,
		Language:    "en",
		BodyText:    body,
		BodyHTML:    "<p>" + body + "</p>",
		Excerpt:     body,
		ImageURL:    u + "/image.jpg",
		ContentHash: news.ContentHash(title, body),
		Index: &news.IndexDoc{
			Title:  tokens(title),
			Body:   tokens(body),
			Author: tokens("Reporter " + source),
			Source: source,
		},
	}
}

func upsert(t *testing.T, s news.Store, as ...*news.Article) {
	t.Helper()
	res, err := s.UpsertArticles(ctx(t), as)
	must(t, err)
	for i, r := range res {
		if r != news.Created {
			t.Fatalf("upsert %s: %v, want created", as[i].URL, r)
		}
	}
}

func putSource(t *testing.T, s news.Store, id string, feeds ...string) *news.Source {
	t.Helper()
	src := &news.Source{ID: id, NameAr: "مصدر " + id, NameEn: "Source " + id, HomeURL: "https://" + id + ".example/", Language: "ar", Country: "SA"}
	for _, u := range feeds {
		src.Feeds = append(src.Feeds, news.Feed{URL: u, Kind: news.FeedRSS})
	}
	must(t, s.PutSource(ctx(t), src))
	return src
}

func ids(as []news.Article) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.ID
	}
	return out
}

func hitIDs(hs []news.SearchHit) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.Article.ID
	}
	return out
}

func sorted(xs []string) []string {
	ys := append([]string(nil), xs...)
	sort.Strings(ys)
	return ys
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
