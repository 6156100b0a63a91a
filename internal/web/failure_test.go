package web

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/nashra/nashra/internal/news"
)

// brokenStore fails every read the pages make, as a database outage would.
type brokenStore struct {
	news.Store
}

var errOutage = errors.New("sqlite: disk I/O error at /var/lib/nashra/secret.db")

func (brokenStore) Article(context.Context, string) (*news.Article, error) { return nil, errOutage }
func (brokenStore) Articles(context.Context, news.ArticleFilter) ([]news.Article, error) {
	return nil, errOutage
}
func (brokenStore) Story(context.Context, string) (*news.Story, error)   { return nil, errOutage }
func (brokenStore) Source(context.Context, string) (*news.Source, error) { return nil, errOutage }
func (brokenStore) Sources(context.Context) ([]news.SourceStats, error)  { return nil, errOutage }

// TestStoreOutage: a failing store yields a calm, localized 500 page that
// never shows the internal error, and nothing is cached.
func TestStoreOutage(t *testing.T) {
	ts := newTestSite(t)
	broken, err := New(Config{Store: brokenStore{ts.store}, Now: ts.now, BaseURL: "https://nashra.test", Logger: discardLogger()})
	if err != nil {
		t.Fatal(err)
	}
	ts.Site = broken
	for _, p := range []string{"/en/", "/article/" + ts.fx.ShowcaseID, "/story/" + ts.fx.StoryID, "/source/sabq", "/sources", "/feed.xml", "/sitemap.xml"} {
		r := ts.get(t, p, "Cookie", "lang=ar")
		if r.status != 500 {
			t.Errorf("%s = %d, want 500", p, r.status)
		}
		if strings.Contains(r.body, "secret.db") || strings.Contains(r.body, "disk I/O") {
			t.Errorf("%s leaks the internal error", p)
		}
		if !strings.Contains(r.header.Get("Cache-Control"), "no-store") {
			t.Errorf("%s: error cacheable (%q)", p, r.header.Get("Cache-Control"))
		}
	}
	if r := ts.get(t, "/en/"); !strings.Contains(r.body, "Something went wrong") {
		t.Errorf("500 page not localized")
	}
}
