package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
)

func FuzzDecodeCursor(f *testing.F) {
	f.Add(encodeCursor(news.Cursor{PublishedAt: time.Date(2025, 5, 15, 10, 0, 0, 0, time.UTC), ID: "abc234"}))
	for _, s := range []string{"", ".", "garbage", "zz.", ".id", "-1.x", "1.ID", "9999999999999999999999.a", "1.a.b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := decodeCursor(s)
		if err != nil {
			if c != nil {
				t.Fatalf("cursor and error both returned for %q", s)
			}
			return
		}
		// Whatever parses must round-trip to a cursor that parses the same.
		again, err := decodeCursor(encodeCursor(*c))
		if err != nil || !again.PublishedAt.Equal(c.PublishedAt) || again.ID != c.ID {
			t.Fatalf("%q: round trip %v → %v (%v)", s, c, again, err)
		}
	})
}

func FuzzSafeNext(f *testing.F) {
	for _, s := range []string{"/", "/en/", "//evil", "/\\evil", "https://evil", "/a?b=c", "", "/\r\nSet-Cookie: x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := safeNext(s)
		if !strings.HasPrefix(got, "/") || strings.HasPrefix(got, "//") || strings.ContainsAny(got, "\\\r\n") {
			t.Fatalf("safeNext(%q) = %q leaves the site", s, got)
		}
		u, err := url.Parse(got)
		if err != nil || u.Host != "" || u.Scheme != "" {
			t.Fatalf("safeNext(%q) = %q parses to another origin", s, got)
		}
	})
}

func FuzzAcceptsGzip(f *testing.F) {
	for _, s := range []string{"gzip", "gzip;q=0", "br, gzip;q=0.5", "*", "identity", "GZIP ; q=0", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Header.Set("Accept-Encoding", s)
		_ = acceptsGzip(r) // must not panic
	})
}

// FuzzHandler throws arbitrary paths and queries at the whole site: the
// answer may be anything but a 5xx.
func FuzzHandler(f *testing.F) {
	for _, s := range []string{"/", "/en/", "/article/x", "/hashtag/%ff", "/search?q=%zz", "/?before=..", "/en/story/a/feed.json",
		"/static/../x", "/source/%2e%2e", "/theme?set=dark&next=//x", "/?page=-1", "/en/search?q=source:okaz+%23x&page=2"} {
		f.Add(s)
	}
	// One site for all inputs, owned by f so its store outlives each input.
	site := newTestSite(f)
	f.Fuzz(func(t *testing.T, target string) {
		u, err := url.ParseRequestURI(target)
		if err != nil || !strings.HasPrefix(target, "/") {
			return
		}
		req := httptest.NewRequest(http.MethodGet, "http://nashra.test/", nil)
		req.URL, req.RequestURI = u, target
		rec := httptest.NewRecorder()
		site.Handler().ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("GET %q = %d\n%.300s", target, rec.Code, rec.Body.String())
		}
	})
}
