package web

import (
	"net/http"
	"strings"

	"github.com/nashra/nashra/internal/httpx"
)

// routed puts the site's own error pages in place of the plain-text 404
// and 405 answers http.ServeMux writes when no pattern applies.
func (s *Site) routed(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		status, allow := httpx.Unmatched(mux, r)
		switch status {
		case http.StatusMethodNotAllowed:
			w.Header().Set("Allow", allow)
			s.renderError(w, r, langOfPath(r.URL.Path), methodNotAllowed(r.Method, allow))
		case http.StatusNotFound:
			s.renderError(w, r, langOfPath(r.URL.Path), notFound("error.notFound"))
		default:
			mux.ServeHTTP(w, r)
		}
	})
}

// methodNotAllowed names the methods the page accepts, as Go listed them
// in the Allow header ("GET, HEAD"); they are joined again with the UI's
// list separator when the page is rendered.
func methodNotAllowed(method, allow string) error {
	return &httpError{
		status: http.StatusMethodNotAllowed,
		msgID:  "error.methodNotAllowed",
		args:   []any{"Method", method, "Allow", strings.Split(allow, ", ")},
	}
}
