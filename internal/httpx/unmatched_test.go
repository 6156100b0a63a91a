package httpx

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// Unmatched must single out exactly the mux's own 404 and 405, and leave
// registered routes and every redirect (including a cleaned path that then
// matches nothing, for which Handler also reports an empty pattern) to the mux.
func TestUnmatched(t *testing.T) {
	mux := http.NewServeMux()
	ok := func(http.ResponseWriter, *http.Request) {}
	mux.HandleFunc("GET /a/{id}", ok)
	mux.HandleFunc("POST /b", ok)
	mux.HandleFunc("GET /c", ok)
	mux.HandleFunc("DELETE /c", ok)
	mux.HandleFunc("GET /tree/", ok)
	tests := []struct {
		method, path string
		status       int
		allow        string
	}{
		{"GET", "/a/1", 0, ""},
		{"HEAD", "/a/1", 0, ""},
		{"POST", "/a/1", 405, "GET, HEAD"},
		{"GET", "/b", 405, "POST"},
		{"PUT", "/c", 405, "DELETE, GET, HEAD"},
		{"POST", "/tree", 405, "GET, HEAD"},
		{"GET", "/tree", 0, ""},      // redirect to /tree/
		{"GET", "//a/1", 0, ""},      // redirect to a match
		{"POST", "//zz", 0, ""},      // redirect, empty pattern
		{"POST", "/a/1/../2", 0, ""}, // redirect, empty pattern
		{"GET", "/zz", 404, ""},
		{"GET", "/a/1/2", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, "http://x"+tt.path, nil)
			status, allow := Unmatched(mux, r)
			if status != tt.status || allow != tt.allow {
				t.Errorf("unmatched = %d %q, want %d %q", status, allow, tt.status, tt.allow)
			}
		})
	}
}
