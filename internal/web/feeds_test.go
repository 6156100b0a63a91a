package web

import (
	"encoding/xml"
	"net/url"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

func TestFeeds(t *testing.T) {
	ts := newTestSite(t)
	fx := ts.fx
	tag := url.PathEscape(fx.Tag)
	tests := []struct {
		path, ctype, feedType string
		minItems              int
		wantTitle             string
	}{
		{"/feed.xml", "application/rss+xml", "rss", 50, "نشرة"},
		{"/feed.atom", "application/atom+xml", "atom", 50, "نشرة"},
		{"/feed.json", "application/feed+json", "json", 50, "نشرة"},
		{"/en/feed.xml", "application/rss+xml", "rss", 50, "Nashra"},
		{"/source/sabq/feed.xml", "application/rss+xml", "rss", 1, "سبق"},
		{"/en/source/bbc/feed.atom", "application/atom+xml", "atom", 1, "BBC News"},
		{"/hashtag/" + tag + "/feed.json", "application/feed+json", "json", 3, "#" + fx.Tag},
		{"/story/" + fx.StoryID + "/feed.xml", "application/rss+xml", "rss", 4, "أوبك"},
		{"/story/" + fx.StoryID + "/feed.atom", "application/atom+xml", "atom", 4, "أوبك"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			r := ts.get(t, tt.path)
			if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), tt.ctype) {
				t.Fatalf("= %d %q", r.status, r.header.Get("Content-Type"))
			}
			f, err := gofeed.NewParser().ParseString(r.body)
			if err != nil {
				t.Fatalf("feed does not parse: %v", err)
			}
			if f.FeedType != tt.feedType {
				t.Errorf("type %q, want %q", f.FeedType, tt.feedType)
			}
			if len(f.Items) < tt.minItems {
				t.Errorf("%d items, want ≥ %d", len(f.Items), tt.minItems)
			}
			if !strings.Contains(f.Title, tt.wantTitle) {
				t.Errorf("title %q lacks %q", f.Title, tt.wantTitle)
			}
			for _, it := range f.Items {
				if it.Title == "" || !strings.HasPrefix(it.Link, "https://nashra.test/") || it.PublishedParsed == nil {
					t.Fatalf("incomplete item: %+v", it)
				}
			}
		})
	}
	for _, p := range []string{"/source/nope/feed.xml", "/hashtag/nope/feed.json", "/story/nope/feed.atom"} {
		if r := ts.get(t, p); r.status != 404 {
			t.Errorf("%s = %d, want 404", p, r.status)
		}
	}
	home := ts.get(t, "/source/sabq").body
	if !strings.Contains(home, `<link rel="alternate" type="application/rss`) || !strings.Contains(home, `href="/source/sabq/feed.xml"`) {
		t.Errorf("source page doesn't advertise its feeds")
	}
}

func TestSitemaps(t *testing.T) {
	ts := newTestSite(t)
	r := ts.get(t, "/sitemap.xml")
	var set struct {
		URLs []struct {
			Loc   string `xml:"loc"`
			Links []struct {
				Hreflang string `xml:"hreflang,attr"`
				Href     string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(r.body), &set); err != nil {
		t.Fatalf("sitemap: %v", err)
	}
	if len(set.URLs) < 300 && ts.fx.FromCorpus {
		t.Errorf("sitemap lists %d URLs", len(set.URLs))
	}
	found := false
	for _, u := range set.URLs {
		if u.Loc == "https://nashra.test/article/"+ts.fx.ShowcaseID {
			found = len(u.Links) == 2 && u.Links[1].Href == "https://nashra.test/en/article/"+ts.fx.ShowcaseID
		}
	}
	if !found {
		t.Errorf("sitemap lacks the showcase article with its alternates")
	}
	if !strings.Contains(r.body, "<loc>https://nashra.test/story/"+ts.fx.StoryID+"</loc>") {
		t.Errorf("sitemap lacks the showcase story")
	}

	// The news sitemap holds the last 48 hours, seen from the site's clock.
	nr := ts.get(t, "/sitemap-news.xml")
	if nr.status != 200 || !strings.Contains(nr.body, "<news:publication_date>") || !strings.Contains(nr.body, ts.fx.ShowcaseID) {
		t.Errorf("news sitemap = %d\n%.500s", nr.status, nr.body)
	}
	if err := xml.Unmarshal([]byte(nr.body), new(struct{})); err != nil {
		t.Errorf("news sitemap is not XML: %v", err)
	}

	rb := ts.get(t, "/robots.txt").body
	for _, w := range []string{"Sitemap: https://nashra.test/sitemap.xml", "Sitemap: https://nashra.test/sitemap-news.xml", "Disallow: /search"} {
		if !strings.Contains(rb, w) {
			t.Errorf("robots.txt lacks %q", w)
		}
	}
}
