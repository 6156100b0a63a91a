package web

import (
	"net/http"
	"strings"
	"time"

	"golang.org/x/text/language"
)

const (
	themeCookie     = "theme"
	langCookie      = "lang"
	chooseLangParam = "hl" // ?hl=ar on "/": the reader chose Arabic explicitly
	prefMaxAge      = 365 * 24 * time.Hour
)

// themeFrom reads the theme cookie: "light", "dark", or "" to follow the
// system (prefers-color-scheme).
func themeFrom(r *http.Request) string {
	c, err := r.Cookie(themeCookie)
	if err != nil {
		return ""
	}
	switch c.Value {
	case "light", "dark":
		return c.Value
	}
	return ""
}

// setTheme is the no-JS theme switch: GET /theme?set=dark&next=/path sets
// the cookie and goes back. (The script does the same without a reload.)
func (s *Site) setTheme(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	next := safeNext(q.Get("next"))
	val := q.Get("set")
	switch val {
	case "light", "dark":
		http.SetCookie(w, &http.Cookie{Name: themeCookie, Value: val, Path: "/",
			MaxAge: int(prefMaxAge / time.Second), SameSite: http.SameSiteLaxMode})
	case "system":
		http.SetCookie(w, &http.Cookie{Name: themeCookie, Value: "", Path: "/", MaxAge: -1})
	default:
		s.renderError(w, r, langOfPath(next), badRequest("error.badTheme", ""))
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// safeNext keeps redirects on this site: a local absolute path, never
// "//host" or "/\host" (which browsers treat as another origin).
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.ContainsAny(next, "\\\r\n") || len(next) > 1024 {
		return "/"
	}
	return next
}

var langMatcher = language.NewMatcher([]language.Tag{language.Arabic, language.English})

// firstVisit wraps the Arabic home page: on the first visit to "/" (no
// language cookie yet) a reader whose browser prefers English is sent to
// /en/. The cookie then records the visit, so choosing Arabic later sticks.
// Accept-Language is consulted nowhere else: URLs decide the language.
func (s *Site) firstVisit(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		chose := r.URL.Query().Get(chooseLangParam) == "ar"
		if _, err := r.Cookie(langCookie); err == nil && !chose {
			h.ServeHTTP(w, r)
			return
		}
		lang := "ar"
		if al := r.Header.Get("Accept-Language"); al != "" && !chose {
			tags, _, err := language.ParseAcceptLanguage(al)
			if err == nil && len(tags) > 0 {
				if _, idx, conf := langMatcher.Match(tags...); idx == 1 && conf != language.No {
					lang = "en"
				}
			}
		}
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: lang, Path: "/",
			MaxAge: int(prefMaxAge / time.Second), SameSite: http.SameSiteLaxMode})
		addVary(w.Header(), "Accept-Language")
		if lang == "en" {
			w.Header().Set("Cache-Control", "private, no-store")
			http.Redirect(w, r, "/en/", http.StatusFound)
			return
		}
		// The response carries Set-Cookie: keep it out of shared caches.
		w.Header().Set("Cache-Control", "private, no-store")
		h.ServeHTTP(&noCacheWriter{ResponseWriter: w}, r)
	})
}

// noCacheWriter stops the page layer from overwriting Cache-Control.
type noCacheWriter struct{ http.ResponseWriter }

func (n *noCacheWriter) WriteHeader(status int) {
	n.Header().Set("Cache-Control", "private, no-store")
	n.ResponseWriter.WriteHeader(status)
}

func (n *noCacheWriter) Write(b []byte) (int, error) { return n.ResponseWriter.Write(b) }
