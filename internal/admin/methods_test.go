package admin

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/sqlite"
)

const testToken = "s3cret"

func newTestAdmin(t *testing.T) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "nashra.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	src := news.Source{ID: "okaz", NameAr: "عكاظ", NameEn: "Okaz", Language: "ar", HomeURL: "http://okaz.example/",
		Feeds: []news.Feed{{URL: "http://okaz.example/rss"}}}
	if err := st.PutSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	a, err := New(Config{Store: st, Token: testToken})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a)
	t.Cleanup(srv.Close)
	return srv
}

type reply struct {
	status int
	header http.Header
	body   string
}

// send makes one authenticated request (unless auth is false) without
// following redirects; hdr are extra header key/value pairs.
func send(t *testing.T, srv *httptest.Server, method, path string, auth bool, hdr ...string) reply {
	t.Helper()
	var body io.Reader
	if method == http.MethodPost || method == http.MethodPut || method == http.MethodPatch {
		body = strings.NewReader("id=x")
	}
	req, err := http.NewRequest(method, srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if auth {
		req.SetBasicAuth("admin", testToken)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	c := srv.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return reply{resp.StatusCode, resp.Header, string(b)}
}

func TestWrongMethodIs405Page(t *testing.T) {
	srv := newTestAdmin(t)
	routes := []struct {
		path  string
		allow string
		wrong []string
	}{
		{"/admin/", "GET, HEAD", []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}},
		{"/admin/sources/okaz", "GET, HEAD", []string{"POST", "PUT", "DELETE", "OPTIONS"}},
		{"/admin/admin.css", "GET, HEAD", []string{"POST", "DELETE"}},
		{"/admin/sources", "POST", []string{"GET", "HEAD", "PUT", "DELETE", "OPTIONS"}},
		{"/admin/sources/okaz/delete", "POST", []string{"GET", "HEAD", "DELETE"}},
		{"/admin/feeds/delete", "POST", []string{"GET", "HEAD", "PUT"}},
		{"/admin/opml", "GET, HEAD, POST", []string{"PUT", "DELETE", "PATCH", "OPTIONS"}},
	}
	for _, rt := range routes {
		for _, method := range rt.wrong {
			t.Run(method+" "+rt.path, func(t *testing.T) {
				r := send(t, srv, method, rt.path, true)
				if r.status != http.StatusMethodNotAllowed {
					t.Fatalf("status %d, want 405\n%.300s", r.status, r.body)
				}
				if got := r.header.Get("Allow"); got != rt.allow {
					t.Errorf("Allow = %q, want %q", got, rt.allow)
				}
				if ct := r.header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
					t.Errorf("Content-Type = %q", ct)
				}
				if cc := r.header.Get("Cache-Control"); cc != "no-store" {
					t.Errorf("Cache-Control = %q, want no-store", cc)
				}
				if method == http.MethodHead {
					return
				}
				for _, want := range []string{"<h1>Error 405</h1>",
					rt.path + " does not accept " + method + " requests; it accepts " + rt.allow + "."} {
					if !strings.Contains(r.body, want) {
						t.Errorf("body lacks %q\n%s", want, r.body)
					}
				}
			})
		}
	}
}

// The right methods still reach their handlers.
func TestRightMethods(t *testing.T) {
	srv := newTestAdmin(t)
	tests := []struct {
		method, path string
		status       int
	}{
		{"GET", "/admin/", 200},
		{"HEAD", "/admin/", 200},
		{"GET", "/admin/sources/okaz", 200},
		{"HEAD", "/admin/sources/okaz", 200},
		{"GET", "/admin/sources/nope", 404},
		{"GET", "/admin/opml", 200},
		{"HEAD", "/admin/admin.css", 200},
		{"POST", "/admin/sources/nope/delete", 404},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			if r := send(t, srv, tt.method, tt.path, true); r.status != tt.status {
				t.Fatalf("status %d, want %d\n%.300s", r.status, tt.status, r.body)
			}
		})
	}
}

// Unknown paths get the admin's error page, unclean ones the mux's
// redirect; neither a 500 nor Go's plain text.
func TestUnknownAndUncleanPaths(t *testing.T) {
	srv := newTestAdmin(t)
	tests := []struct {
		method, path string
		status       int
		location     string
	}{
		{"GET", "/admin/nothing", 404, ""},
		{"POST", "/admin/nothing", 404, ""},
		{"GET", "/admin/sources/", 404, ""},
		{"GET", "/admin/sources/okaz/log", 404, ""},
		{"GET", "/admin//sources/okaz", 307, "/admin/sources/okaz"},
		{"GET", "/admin/x/../", 307, "/admin/"},
		{"POST", "/admin//sources", 307, "/admin/sources"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			r := send(t, srv, tt.method, tt.path, true)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d\n%.300s", r.status, tt.status, r.body)
			}
			if tt.location != "" {
				if got := r.header.Get("Location"); got != tt.location {
					t.Errorf("Location = %q, want %q", got, tt.location)
				}
				return
			}
			if ct := r.header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("Content-Type = %q", ct)
			}
			if want := "There is no admin page at " + tt.path + "."; !strings.Contains(r.body, want) {
				t.Errorf("body lacks %q\n%s", want, r.body)
			}
		})
	}
}

// Authentication and cross-origin checks come before routing, as they did
// before wrong methods got their own page: a forged request is refused with
// CrossOriginProtection's 403 whatever its path or method, and an
// unauthenticated one with 401, without learning which methods a page takes.
func TestRefusedBeforeRouting(t *testing.T) {
	srv := newTestAdmin(t)
	const crossSite = "cross-origin request detected from Sec-Fetch-Site header\n"
	const crossOrigin = "cross-origin request detected, and/or browser is out of date: Sec-Fetch-Site is missing, and Origin does not match Host\n"
	tests := []struct {
		name, method, path string
		auth               bool
		hdr                []string
		status             int
		body               string
	}{
		{"cross-site POST", "POST", "/admin/sources", true, []string{"Sec-Fetch-Site", "cross-site"}, 403, crossSite},
		{"cross-site POST delete", "POST", "/admin/sources/okaz/delete", true, []string{"Sec-Fetch-Site", "same-site"}, 403, crossSite},
		{"foreign Origin POST", "POST", "/admin/opml", true, []string{"Origin", "https://evil.example"}, 403, crossOrigin},
		{"cross-site wrong method", "DELETE", "/admin/sources", true, []string{"Sec-Fetch-Site", "cross-site"}, 403, crossSite},
		{"cross-site POST to GET page", "POST", "/admin/", true, []string{"Sec-Fetch-Site", "cross-site"}, 403, crossSite},
		{"cross-site unknown path", "POST", "/admin/nothing", true, []string{"Sec-Fetch-Site", "cross-site"}, 403, crossSite},
		{"same-origin wrong method", "POST", "/admin/", true, []string{"Sec-Fetch-Site", "same-origin"}, 405, ""},
		{"no auth", "GET", "/admin/", false, nil, 401, "admin: authentication required\n"},
		{"no auth wrong method", "DELETE", "/admin/", false, nil, 401, "admin: authentication required\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := send(t, srv, tt.method, tt.path, tt.auth, tt.hdr...)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d\n%.300s", r.status, tt.status, r.body)
			}
			if tt.body != "" && r.body != tt.body {
				t.Errorf("body %q, want %q", r.body, tt.body)
			}
			if tt.status != http.StatusMethodNotAllowed && r.header.Get("Allow") != "" {
				t.Errorf("refused request was told Allow: %q", r.header.Get("Allow"))
			}
		})
	}
}
