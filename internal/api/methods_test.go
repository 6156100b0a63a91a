package api

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

type reply struct {
	status int
	header http.Header
	body   []byte
}

// send makes one request without following redirects.
func send(t *testing.T, method, url string) reply {
	t.Helper()
	var body io.Reader
	if method == http.MethodPost || method == http.MethodPut || method == http.MethodPatch {
		body = strings.NewReader(`{"a":1}`)
	}
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, url, err)
	}
	return reply{resp.StatusCode, resp.Header, b}
}

// decodeError checks the body is exactly the API's error shape.
func decodeError(t *testing.T, b []byte) (code, message string) {
	t.Helper()
	var body struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		t.Fatalf("error body %q: %v", b, err)
	}
	return body.Error.Code, body.Error.Message
}

var apiRoutes = []string{
	"/api/v1/articles", "/api/v1/articles/x", "/api/v1/sources", "/api/v1/sources/okaz",
	"/api/v1/search?q=x", "/api/v1/suggest?q=abc", "/api/v1/stories", "/api/v1/stories/s1",
	"/api/v1/hashtags/trending", "/api/v1/hashtags/x/articles",
}

func TestWrongMethodIsJSON405(t *testing.T) {
	srv, _ := newTestAPI(t)
	for _, path := range apiRoutes {
		for _, method := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS"} {
			t.Run(method+" "+path, func(t *testing.T) {
				r := send(t, method, srv.URL+path)
				if r.status != http.StatusMethodNotAllowed {
					t.Fatalf("status %d, want 405: %s", r.status, r.body)
				}
				if got := r.header.Get("Allow"); got != "GET, HEAD" {
					t.Errorf("Allow = %q, want %q", got, "GET, HEAD")
				}
				if ct := r.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
					t.Errorf("Content-Type = %q", ct)
				}
				if cc := r.header.Get("Cache-Control"); cc != "no-store" {
					t.Errorf("Cache-Control = %q, want no-store", cc)
				}
				code, msg := decodeError(t, r.body)
				if code != "method_not_allowed" {
					t.Errorf("code = %q", code)
				}
				route, _, _ := strings.Cut(path, "?")
				for _, want := range []string{method, route, "GET, HEAD"} {
					if !strings.Contains(msg, want) {
						t.Errorf("message %q lacks %q", msg, want)
					}
				}
			})
		}
	}
}

func TestHeadFollowsGet(t *testing.T) {
	srv, _ := newTestAPI(t)
	for _, path := range apiRoutes {
		t.Run(path, func(t *testing.T) {
			get := send(t, http.MethodGet, srv.URL+path)
			head := send(t, http.MethodHead, srv.URL+path)
			if get.status == http.StatusMethodNotAllowed || head.status != get.status {
				t.Fatalf("GET = %d, HEAD = %d", get.status, head.status)
			}
			if len(head.body) != 0 {
				t.Errorf("HEAD has a body: %.100q", head.body)
			}
		})
	}
}

// Paths no route takes are a JSON 404 whatever the method; unclean paths
// are redirected by the mux, never a 500.
func TestUnknownAndUncleanPaths(t *testing.T) {
	srv, _ := newTestAPI(t)
	tests := []struct {
		method, target string
		status         int
		location       string
	}{
		{"GET", "/api/v1/nothing", 404, ""},
		{"HEAD", "/api/v1/nothing", 404, ""},
		{"POST", "/api/v1/nothing", 404, ""},
		{"DELETE", "/api/v2/articles", 404, ""},
		{"GET", "/api/", 404, ""},
		{"GET", "/api/v1/articles/", 404, ""},
		{"GET", "/api/v1/articles/x/y", 404, ""},
		{"GET", "//api/v1/articles", 307, "/api/v1/articles"},
		{"GET", "/api/v1/articles/../sources", 307, "/api/v1/sources"},
		{"GET", "/api/v1//nothing", 307, "/api/v1/nothing"},
		{"PUT", "/api/v1/./search", 307, "/api/v1/search"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			r := send(t, tt.method, srv.URL+tt.target)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
			if tt.location != "" {
				if got := r.header.Get("Location"); got != tt.location {
					t.Errorf("Location = %q, want %q", got, tt.location)
				}
				return
			}
			if ct := r.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type = %q", ct)
			}
			if cc := r.header.Get("Cache-Control"); cc != "no-store" {
				t.Errorf("Cache-Control = %q, want no-store", cc)
			}
			if tt.method == http.MethodHead {
				return
			}
			code, msg := decodeError(t, r.body)
			if code != "not_found" || !strings.Contains(msg, "no API endpoint "+tt.method) {
				t.Errorf("error = %q %q", code, msg)
			}
		})
	}
}
