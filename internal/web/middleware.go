package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"
)

// Limits on what a request may look like before any handler runs.
const (
	maxQueryBytes = 2048
	maxURIBytes   = 4096
)

// contentSecurityPolicy allows nothing inline: scripts, styles and fonts
// come from this origin only; images may come from publishers' hosts.
// JSON-LD is a data block (<script type="application/ld+json">), which
// browsers never execute, so script-src does not apply to it.
const contentSecurityPolicy = "default-src 'self'; img-src 'self' http: https: data:; " +
	"style-src 'self'; script-src 'self'; font-src 'self'; connect-src 'self'; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

func (s *Site) middleware(h http.Handler) http.Handler {
	return s.recoverer(securityHeaders(s.guard(Gzip(h))))
}

func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.ServeHTTP(w, r)
	})
}

// guard turns hostile or broken URLs into clean 4xx answers before routing:
// oversized URLs, invalid UTF-8, NUL bytes, dot segments (the mux would
// otherwise answer "/a/../b" with a redirect), and malformed query escapes.
func (s *Site) guard(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang := langOfPath(r.URL.Path)
		if len(r.RequestURI) > maxURIBytes || len(r.URL.RawQuery) > maxQueryBytes {
			s.renderError(w, r, lang, &httpError{status: http.StatusRequestURITooLong, msgID: "error.tooLong"})
			return
		}
		if err := checkURL(r.URL); err != nil {
			s.renderError(w, r, lang, err)
			return
		}
		h.ServeHTTP(w, r)
	})
}

func checkURL(u *url.URL) error {
	p := u.Path
	if !utf8.ValidString(p) || strings.ContainsRune(p, 0) || strings.ContainsRune(p, '\\') {
		return badRequest("error.badURL", "")
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "." || seg == ".." {
			return badRequest("error.badURL", "")
		}
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return badRequest("error.badURL", "")
	}
	for k, vs := range q {
		if !utf8.ValidString(k) {
			return badRequest("error.badURL", "")
		}
		for _, v := range vs {
			if !utf8.ValidString(v) || strings.ContainsRune(v, 0) {
				return badRequest("error.badURL", "")
			}
		}
	}
	return nil
}

// langOfPath is the UI language a URL path is in.
func langOfPath(p string) string {
	for _, l := range langs[1:] {
		if p == "/"+l || strings.HasPrefix(p, "/"+l+"/") {
			return l
		}
	}
	return langs[0]
}

func (s *Site) recoverer(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("web: panic", "path", r.URL.Path, "panic", fmt.Sprint(v))
				s.renderError(w, r, langOfPath(r.URL.Path), fmt.Errorf("panic: %v", v))
			}
		}()
		h.ServeHTTP(w, r)
	})
}
