package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// serveSite runs the full handler stack on a real HTTP server, with a
// client that reports redirects instead of following them.
func serveSite(t *testing.T, ts *testSite) (*httptest.Server, *http.Client) {
	t.Helper()
	srv := httptest.NewServer(ts.Handler())
	t.Cleanup(srv.Close)
	c := srv.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return srv, c
}

type reply struct {
	status int
	header http.Header
	body   string
}

func do(t *testing.T, c *http.Client, method, url string) reply {
	t.Helper()
	var body io.Reader
	if method == http.MethodPost || method == http.MethodPut || method == http.MethodPatch {
		body = strings.NewReader("a=b")
	}
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, url, err)
	}
	return reply{resp.StatusCode, resp.Header, string(b)}
}

// siteRoutes is one path per route the site registers, in both languages
// where the route has both.
func siteRoutes(ts *testSite) []string {
	var out []string
	for _, p := range []string{"", "/en"} {
		out = append(out, p+"/", p+"/article/"+ts.fx.ShowcaseID, p+"/source/"+ts.fx.SourceID, p+"/sources",
			p+"/hashtag/"+ts.fx.Tag, p+"/story/"+ts.fx.StoryID, p+"/about", p+"/search?q=x",
			p+"/feed.xml", p+"/feed.atom", p+"/feed.json", p+"/source/"+ts.fx.SourceID+"/feed.xml",
			p+"/hashtag/"+ts.fx.Tag+"/feed.atom", p+"/story/"+ts.fx.StoryID+"/feed.json",
			p+"/no/such/page")
	}
	return append(out, "/en", "/search/suggest?q=abc", "/theme?set=dark", "/static/css/nothing.css",
		"/robots.txt", "/sitemap.xml", "/sitemap-news.xml")
}

func TestWrongMethodIsLocalized405(t *testing.T) {
	ts := newTestSite(t)
	srv, c := serveSite(t, ts)
	for _, path := range siteRoutes(ts) {
		en := langOfPath(path) == "en"
		for _, method := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS"} {
			t.Run(method+" "+path, func(t *testing.T) {
				r := do(t, c, method, srv.URL+path)
				if r.status != http.StatusMethodNotAllowed {
					t.Fatalf("status %d, want 405\n%.300s", r.status, r.body)
				}
				if got := r.header.Get("Allow"); got != "GET, HEAD" {
					t.Errorf("Allow = %q, want %q", got, "GET, HEAD")
				}
				if ct := r.header.Get("Content-Type"); ct != ctHTML {
					t.Errorf("Content-Type = %q", ct)
				}
				if cc := r.header.Get("Cache-Control"); cc != "no-store" {
					t.Errorf("Cache-Control = %q, want no-store", cc)
				}
				if r.header.Get("Content-Security-Policy") == "" {
					t.Errorf("security headers missing")
				}
				want := []string{`<html lang="ar" dir="rtl"`, "<h1 id=\"h-error\">طريقة الطلب غير مسموح بها</h1>",
					"لا تقبل هذه الصفحة طلبات " + method + ". الطرق التي تقبلها: GET، HEAD.", "٤٠٥"}
				if en {
					want = []string{`<html lang="en" dir="ltr"`, "<h1 id=\"h-error\">Method not allowed</h1>",
						"requested with " + method + ". It accepts only: GET, HEAD.", ">405<"}
				}
				for _, w := range want {
					if !strings.Contains(r.body, w) {
						t.Errorf("body lacks %q\n%.2000s", w, r.body)
					}
				}
				if strings.Contains(r.body, "Method Not Allowed") {
					t.Errorf("body has Go's plain-text answer")
				}
			})
		}
	}
}

// HEAD is answered wherever GET is, with GET's status and no body.
func TestHeadFollowsGet(t *testing.T) {
	ts := newTestSite(t)
	srv, c := serveSite(t, ts)
	for _, path := range siteRoutes(ts) {
		t.Run(path, func(t *testing.T) {
			get := do(t, c, http.MethodGet, srv.URL+path)
			head := do(t, c, http.MethodHead, srv.URL+path)
			if get.status == http.StatusMethodNotAllowed || get.status >= 500 {
				t.Fatalf("GET = %d", get.status)
			}
			if head.status != get.status {
				t.Errorf("HEAD = %d, GET = %d", head.status, get.status)
			}
			if head.body != "" {
				t.Errorf("HEAD has a body: %.100q", head.body)
			}
			if head.header.Get("Content-Type") != get.header.Get("Content-Type") {
				t.Errorf("HEAD Content-Type %q, GET %q", head.header.Get("Content-Type"), get.header.Get("Content-Type"))
			}
		})
	}
}

// Paths no route takes get the localized 404 page, never Go's plain text.
func TestUnknownPathIsLocalized404(t *testing.T) {
	ts := newTestSite(t)
	srv, c := serveSite(t, ts)
	tests := []struct {
		path string
		want string
	}{
		{"/nope", "لم نجد الصفحة"},
		{"/article/", "لم نجد الصفحة"},
		{"/article/x/y", "لم نجد الصفحة"},
		{"/static/", "لم نجد الصفحة"},
		{"/static/nope.css", "لم نجد الصفحة"},
		{"/en/nope", "We couldn't find that page"},
		{"/en/article/x/y", "We couldn't find that page"},
		{"/en/static/x", "We couldn't find that page"},
	}
	for _, tt := range tests {
		for _, method := range []string{http.MethodGet, http.MethodHead} {
			t.Run(method+" "+tt.path, func(t *testing.T) {
				r := do(t, c, method, srv.URL+tt.path)
				if r.status != http.StatusNotFound {
					t.Fatalf("status %d, want 404", r.status)
				}
				if ct := r.header.Get("Content-Type"); ct != ctHTML {
					t.Errorf("Content-Type = %q", ct)
				}
				if method == http.MethodGet && !strings.Contains(strings.ReplaceAll(r.body, "&#39;", "'"), tt.want) {
					t.Errorf("body lacks %q\n%.500s", tt.want, r.body)
				}
			})
		}
	}
}

// Unclean paths are redirected by the mux or refused by the guard, with
// any method; never a 500 or a plain-text page.
func TestUncleanPaths(t *testing.T) {
	ts := newTestSite(t)
	srv, c := serveSite(t, ts)
	tests := []struct {
		method, target string
		status         int
		location       string // for redirects
		want           string // for pages
	}{
		{"GET", "//article/x", 307, "/article/x", ""},
		{"GET", "/en//about", 307, "/en/about", ""},
		{"GET", "//", 307, "/", ""},
		{"GET", "//nope//", 307, "/nope/", ""},
		{"GET", "/en", 301, "/en/", ""},
		{"POST", "//article/x", 307, "/article/x", ""},
		{"DELETE", "/en//nope", 307, "/en/nope", ""},
		{"GET", "/article/../about", 400, "", "عنوان الطلب غير صالح"},
		{"GET", "/en/article/./x", 400, "", "The request address is invalid"},
		{"POST", "/article/../about", 400, "", "عنوان الطلب غير صالح"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			r := do(t, c, tt.method, srv.URL+tt.target)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d\n%.300s", r.status, tt.status, r.body)
			}
			if tt.location != "" {
				if got := r.header.Get("Location"); got != tt.location {
					t.Errorf("Location = %q, want %q", got, tt.location)
				}
				return
			}
			if ct := r.header.Get("Content-Type"); ct != ctHTML {
				t.Errorf("Content-Type = %q", ct)
			}
			if !strings.Contains(r.body, tt.want) {
				t.Errorf("body lacks %q\n%.500s", tt.want, r.body)
			}
		})
	}
}
