// Package httpx holds HTTP plumbing shared by the reading site, the JSON
// API and the admin pages.
package httpx

import "net/http"

// Unmatched reports the status mux would answer r with by itself: 404, or
// 405 with the Allow header it computed; 0 when a registered pattern (or
// one of the mux's redirects) handles r.
//
// ServeMux.Handler returns an empty pattern for both of its built-in
// answers and for a redirect to a cleaned path that matches nothing, so the
// handler it chose is run against a recorder to tell them apart by status
// rather than by Go's body text. Those handlers only set headers, so
// running one off to the side has no effect.
func Unmatched(mux *http.ServeMux, r *http.Request) (status int, allow string) {
	h, pattern := mux.Handler(r)
	if pattern != "" {
		return 0, ""
	}
	p := &probe{header: http.Header{}}
	h.ServeHTTP(p, r)
	switch p.status {
	case http.StatusNotFound, http.StatusMethodNotAllowed:
		return p.status, p.header.Get("Allow")
	}
	return 0, ""
}

// probe records the status and headers a handler writes and drops the body.
type probe struct {
	header http.Header
	status int
}

func (p *probe) Header() http.Header { return p.header }

func (p *probe) WriteHeader(code int) {
	if p.status == 0 {
		p.status = code
	}
}

func (p *probe) Write(b []byte) (int, error) {
	p.WriteHeader(http.StatusOK)
	return len(b), nil
}
