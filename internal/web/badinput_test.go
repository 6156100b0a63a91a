package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func TestBadInput(t *testing.T) {
	ts := newTestSite(t)
	long := strings.Repeat("x", 2100)
	tests := []struct {
		name   string
		target string // raw request-target, sent as is
		status int
		want   string
	}{
		{"garbage cursor", "/?before=garbage", 400, "قيمة before تالفة"},
		{"garbage cursor en", "/en/source/sabq?before=zz.", 400, "before value is damaged"},
		{"cursor bad id", "/?before=abc.ID%21", 400, "before"},
		{"negative page", "/search?q=x&page=-1", 400, "رقم الصفحة غير صالح"},
		{"page zero", "/en/search?q=x&page=0", 400, "page number is invalid"},
		{"page words", "/en/?page=abc", 400, "page number is invalid"},
		{"huge page", "/search?q=x&page=99999999999999999999", 400, "رقم الصفحة"},
		{"huge query", "/search?q=" + long, 414, "أطول من المسموح"},
		{"long search", "/search?q=" + strings.Repeat("%D8%A7", 300), 400, "٢٠٠"},
		{"dot dot", "/article/../../etc/passwd", 400, "غير صالح"},
		{"encoded dot dot", "/en/article/%2e%2e/%2e%2e/etc/passwd", 400, "invalid"},
		{"backslash", "/article/..%5c..%5cwin.ini", 400, ""},
		{"invalid utf8 path", "/hashtag/%ff%fe", 400, ""},
		{"invalid utf8 query", "/search?q=%ff", 400, ""},
		{"bad escape", "/search?q=%zz", 400, ""},
		{"nul byte", "/article/a%00b", 400, ""},
		{"weird id", "/article/%3Cscript%3E", 404, "هذا المقال غير موجود"},
		{"weird tag", "/hashtag/%3Cscript%3E", 404, ""},
		{"bad theme", "/theme?set=purple", 400, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "http://nashra.test/", nil)
			req.RequestURI = tt.target
			// As net/http does: no resolution of dot segments.
			u, err := url.ParseRequestURI(tt.target)
			if err != nil {
				t.Skipf("Go's URL parser rejects %q before any handler: %v", tt.target, err)
			}
			req.URL = u
			rec := httptest.NewRecorder()
			ts.Handler().ServeHTTP(rec, req)
			if rec.Code != tt.status {
				t.Fatalf("GET %s = %d, want %d\n%.400s", tt.target, rec.Code, tt.status, rec.Body.String())
			}
			if tt.want != "" && !strings.Contains(rec.Body.String(), tt.want) {
				t.Errorf("GET %s: body lacks %q", tt.target, tt.want)
			}
			if !strings.Contains(rec.Header().Get("Cache-Control"), "no-store") {
				t.Errorf("error page is cacheable: %q", rec.Header().Get("Cache-Control"))
			}
		})
	}
}
