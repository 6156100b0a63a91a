package fetch

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// redirectChain serves /r/<code>/<code>/.../end: each request answers the
// first code with a redirect to the rest of the path; /r/end is the feed.
// /r/end answers 304 to If-None-Match "v1"; a "frag" segment makes the
// next Location carry a fragment.
func redirectChain(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest := strings.TrimPrefix(r.URL.Path, "/r/")
		if rest == "end" {
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"v1"`)
			fmt.Fprint(w, "<rss/>")
			return
		}
		first, next, _ := strings.Cut(rest, "/")
		code, err := strconv.Atoi(first)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		loc := "/r/" + next
		if strings.HasPrefix(next, "frag/") {
			loc = "/r/" + strings.TrimPrefix(next, "frag/") + "#top"
		}
		http.Redirect(w, r, loc, code)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestMovedTo(t *testing.T) {
	srv := redirectChain(t)
	c := New(testConfig())
	tests := []struct {
		name, path string
		etag       string
		moved      bool
	}{
		{"no redirect", "/r/end", "", false},
		{"301", "/r/301/end", "", true},
		{"308", "/r/308/end", "", true},
		{"301 then 308", "/r/301/308/end", "", true},
		{"302", "/r/302/end", "", false},
		{"303", "/r/303/end", "", false},
		{"307", "/r/307/end", "", false},
		{"301 then 302", "/r/301/302/end", "", false},
		{"302 then 301", "/r/302/301/end", "", false},
		{"301 then 307 then 301", "/r/301/307/301/end", "", false},
		{"301 answered 304", "/r/301/end", `"v1"`, true},
		{"302 answered 304", "/r/302/end", `"v1"`, false},
		{"fragment dropped", "/r/301/frag/end", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := c.Get(context.Background(), Request{URL: srv.URL + tc.path, ETag: tc.etag})
			if err != nil {
				t.Fatal(err)
			}
			if resp.NotModified != (tc.etag != "") {
				t.Fatalf("NotModified = %v with ETag %q", resp.NotModified, tc.etag)
			}
			want := ""
			if tc.moved {
				want = srv.URL + "/r/end"
			}
			if resp.MovedTo != want {
				t.Errorf("MovedTo = %q, want %q (final URL %q)", resp.MovedTo, want, resp.URL)
			}
		})
	}
}
