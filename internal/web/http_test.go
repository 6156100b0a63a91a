package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestSecurityHeaders(t *testing.T) {
	ts := newTestSite(t)
	for _, p := range []string{"/", "/article/" + ts.fx.ShowcaseID, "/article/nope", "/?before=x", "/feed.xml"} {
		r := ts.get(t, p)
		csp := r.header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "img-src 'self' http: https: data:", "script-src 'self'", "style-src 'self'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", p, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP allows inline code", p)
		}
		if r.header.Get("X-Content-Type-Options") != "nosniff" || r.header.Get("Referrer-Policy") == "" {
			t.Errorf("%s: missing nosniff / Referrer-Policy", p)
		}
	}
	// No inline script or style anywhere the CSP would block.
	body := ts.get(t, "/article/"+ts.fx.ShowcaseID).body
	if regexp.MustCompile(`<script>|<script [^>]*>[^<]`).MatchString(strings.ReplaceAll(body, `<script type="application/ld+json">`, "")) {
		t.Errorf("page has an inline script")
	}
	if strings.Contains(body, "style=") || strings.Contains(body, "<style") {
		t.Errorf("page has inline style")
	}
}

func TestConditionalAndCompressed(t *testing.T) {
	ts := newTestSite(t)
	path := "/article/" + ts.fx.ShowcaseID
	r := ts.get(t, path, "Accept-Encoding", "gzip")
	if r.header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("no gzip: %v", r.header)
	}
	zr, err := gzip.NewReader(strings.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(zr)
	if !bytes.Contains(plain, []byte("أوبك")) {
		t.Errorf("gzip body doesn't decode to the page")
	}
	etag := r.header.Get("ETag")
	if etag == "" || !strings.Contains(r.header.Get("Cache-Control"), "max-age=") {
		t.Fatalf("missing ETag / Cache-Control: %v", r.header)
	}
	vary := strings.Join(r.header.Values("Vary"), ",")
	if !strings.Contains(vary, "Accept-Encoding") || !strings.Contains(vary, "Cookie") {
		t.Errorf("Vary = %q", vary)
	}
	if r2 := ts.get(t, path, "If-None-Match", etag); r2.status != http.StatusNotModified || r2.body != "" {
		t.Errorf("If-None-Match = %d with %d bytes, want 304 empty", r2.status, len(r2.body))
	}
	if r3 := ts.get(t, path, "Accept-Encoding", "gzip;q=0"); r3.header.Get("Content-Encoding") != "" {
		t.Errorf("gzip;q=0 still compressed")
	}
}

func TestStaticAssets(t *testing.T) {
	ts := newTestSite(t)
	body := ts.get(t, "/").body
	css := between(body, `<link rel="stylesheet" href="`, `"`)
	js := between(body, `<script src="`, `"`)
	if !regexp.MustCompile(`^/static/css/site\.[0-9a-f]{10}\.css$`).MatchString(css) {
		t.Fatalf("css URL not content-hashed: %q", css)
	}
	r := ts.get(t, css)
	if r.status != 200 || !strings.Contains(r.header.Get("Cache-Control"), "immutable") || !strings.HasPrefix(r.header.Get("Content-Type"), "text/css") {
		t.Fatalf("css = %d %v", r.status, r.header)
	}
	// The stylesheet points at the fonts' hashed URLs, which are served.
	fonts := regexp.MustCompile(`url\((/static/fonts/[^)]+\.woff2)\)`).FindAllStringSubmatch(r.body, -1)
	if len(fonts) != 4 {
		t.Fatalf("stylesheet references %d fonts, want 4 (arabic+latin × regular+bold)", len(fonts))
	}
	for _, f := range fonts {
		fr := ts.get(t, f[1], "Accept-Encoding", "gzip")
		if fr.status != 200 || fr.header.Get("Content-Type") != "font/woff2" || fr.header.Get("Content-Encoding") != "" {
			t.Errorf("font %s = %d %v", f[1], fr.status, fr.header)
		}
	}
	if jr := ts.get(t, js); jr.status != 200 || !strings.Contains(jr.body, "theme") {
		t.Errorf("js = %d", jr.status)
	}
	if r := ts.get(t, "/static/css/site.0000000000.css"); r.status != 404 {
		t.Errorf("unknown asset = %d", r.status)
	}
}

func TestThemeSwitch(t *testing.T) {
	ts := newTestSite(t)
	tests := []struct {
		query, cookie, location string
	}{
		{"set=dark&next=/article/x", "theme=dark", "/article/x"},
		{"set=light&next=/en/", "theme=light", "/en/"},
		{"set=system&next=/", "theme=;", "/"},
		{"set=dark&next=//evil.example/", "theme=dark", "/"},
		{"set=dark&next=/%5Cevil.example", "theme=dark", "/"},
		{"set=dark&next=https://evil.example/", "theme=dark", "/"},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(http.MethodGet, "http://nashra.test/theme?"+tt.query, nil)
		rec := httptest.NewRecorder()
		ts.Handler().ServeHTTP(rec, req)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != tt.location {
			t.Errorf("%s: %d → %q, want 303 → %q", tt.query, rec.Code, rec.Header().Get("Location"), tt.location)
		}
		if !strings.HasPrefix(rec.Header().Get("Set-Cookie"), tt.cookie) {
			t.Errorf("%s: Set-Cookie %q", tt.query, rec.Header().Get("Set-Cookie"))
		}
	}
	dark := ts.get(t, "/sources", "Cookie", "theme=dark").body
	if !strings.Contains(dark, `<html lang="ar" dir="rtl" data-theme="dark">`) || !strings.Contains(dark, "set=light") {
		t.Errorf("dark cookie not reflected in the page")
	}
	if light := ts.get(t, "/sources").body; strings.Contains(light, "data-theme") {
		t.Errorf("no cookie should follow the system theme")
	}
}

// TestQueriesPerPage guards against N+1 queries: each page makes a fixed
// number of store calls however many articles it lists.
func TestQueriesPerPage(t *testing.T) {
	ts := newMemSite(t, func(c *Config) { c.DisablePageCache = true })
	tests := []struct {
		path string
		max  map[string]int
	}{
		{"/", map[string]int{"Articles": 1, "Stories": 1, "ArticlesByID": 1, "TrendingHashtags": 1, "Sources": 1}},
		{"/article/" + ts.fx.ShowcaseID, map[string]int{"Article": 1, "Related": 1, "Articles": 1, "Sources": 1}},
		{"/story/" + ts.fx.StoryID, map[string]int{"Story": 1, "Articles": 1, "Sources": 1}},
		{"/source/sabq", map[string]int{"Source": 1, "Articles": 1, "Sources": 1}},
	}
	for _, tt := range tests {
		ts.sources.expire() // let each page trigger at most one Sources refresh
		ts.mem.Calls(true)
		if r := ts.get(t, tt.path); r.status != 200 {
			t.Fatalf("%s = %d", tt.path, r.status)
		}
		// The refresh the page triggered runs in the background: let it
		// finish, so its call counts here and not against the next page.
		for deadline := time.Now().Add(10 * time.Second); ts.sources.refreshing.Load(); {
			if time.Now().After(deadline) {
				t.Fatal("the sources refresh never finished")
			}
			time.Sleep(time.Millisecond)
		}
		calls := ts.mem.Calls(true)
		for name, n := range calls {
			if n > tt.max[name] {
				t.Errorf("%s: %s called %d times, want ≤ %d", tt.path, name, n, tt.max[name])
			}
		}
	}
}

func TestPageCache(t *testing.T) {
	ts := newMemSite(t)
	path := "/article/" + ts.fx.ShowcaseID
	ts.get(t, path)
	ts.mem.Calls(true)
	for range 5 {
		ts.get(t, path)
	}
	if c := ts.mem.Calls(true); c["Article"] != 0 {
		t.Errorf("cached article page still read the store %d times", c["Article"])
	}
	// Theme is part of the key: a dark reader never gets the light page.
	if dark := ts.get(t, path, "Cookie", "theme=dark").body; !strings.Contains(dark, `data-theme="dark"`) {
		t.Errorf("page cache served a light page to a dark-theme reader")
	}
}
