package web

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/nashra/nashra/internal/news"
)

// view is everything a page template sees: the request's language, theme
// and paths, the head metadata, and the page's own Data. Its methods are the
// template helpers that depend on the request.
type view struct {
	s     *Site
	rctx  context.Context
	C     *catalog
	Lang  string
	Dir   string
	Now   time.Time
	Path  string // request path without the language prefix, e.g. "/article/x"
	Query url.Values
	Theme string // "", "light" or "dark" (cookie); "" follows the system

	Title       string
	Description string
	Canonical   string // absolute URL
	Image       string // absolute image URL for cards, if any
	OGType      string
	Published   time.Time // article pages: for article:published_time
	JSONLD      template.JS
	NoIndex     bool
	Feeds       []feedLink
	SearchOn    bool
	SearchQuery string
	Data        any
}

type feedLink struct {
	Type, Title, Href string
}

func (s *Site) newView(r *http.Request, lang string) *view {
	path := r.URL.Path
	if lang != "ar" {
		path = strings.TrimPrefix(path, "/"+lang)
		if path == "" {
			path = "/"
		}
	}
	v := &view{
		s:        s,
		rctx:     r.Context(),
		C:        s.i18n[lang],
		Lang:     lang,
		Dir:      dirOf(lang),
		Now:      s.now(),
		Path:     path,
		Query:    pageQuery(r.URL.Query()),
		Theme:    themeFrom(r),
		OGType:   "website",
		SearchOn: s.cfg.Search != nil,
	}
	v.Canonical = s.absURL(v.hrefIn(lang, path))
	if q := canonicalQuery(v.Query); q != "" {
		v.Canonical += "?" + q
	}
	return v
}

// T, N, Num are the catalogue in the request's language.
func (v *view) T(id string) string        { return v.C.T(id) }
func (v *view) N(id string, n int) string { return v.C.N(id, n) }
func (v *view) Num(n int) string          { return v.C.Num(n) }
func (v *view) TD(id string, kv ...any) string {
	return v.C.TD(id, kv...)
}

// When renders a <time> element with a relative or absolute date.
func (v *view) When(t time.Time) template.HTML { return v.C.timeTag(t, v.Now, v.s.loc) }

// Href prefixes a site path with the request's language.
func (v *view) Href(path string) string { return v.hrefIn(v.Lang, path) }

func (v *view) hrefIn(lang, path string) string { return langPath(lang, path) }

// Alternates are this page in every UI language, for hreflang links.
func (v *view) Alternates() []feedLink {
	q := ""
	if enc := canonicalQuery(v.Query); enc != "" {
		q = "?" + enc
	}
	out := make([]feedLink, 0, len(langs)+1)
	for _, l := range langs {
		out = append(out, feedLink{Type: l, Href: v.s.absURL(v.hrefIn(l, v.Path)) + q})
	}
	out = append(out, feedLink{Type: "x-default", Href: v.s.absURL(v.Path) + q})
	return out
}

// OtherLang is the language the switch link offers.
func (v *view) OtherLang() string {
	if v.Lang == "ar" {
		return "en"
	}
	return "ar"
}

// LangSwitch is the current page in the other language, query kept. The
// Arabic home page carries ?hl=ar: "/" may redirect a first-time visitor by
// Accept-Language, and an explicit choice must win over the browser's.
func (v *view) LangSwitch() string {
	other := v.OtherLang()
	h := v.hrefIn(other, v.Path)
	q := url.Values{}
	for k, vs := range v.Query {
		q[k] = vs
	}
	if v.Path == "/" && other == langs[0] {
		q.Set(chooseLangParam, other)
	}
	if len(q) > 0 {
		h += "?" + q.Encode()
	}
	return h
}

// ThemeNext is the theme the toggle switches to.
func (v *view) ThemeNext() string {
	if v.Theme == "dark" {
		return "light"
	}
	return "dark"
}

// ThemeToggle is the no-JS theme switch: a link that sets a cookie and
// comes back to this page.
func (v *view) ThemeToggle() string {
	back := v.Href(v.Path)
	if len(v.Query) > 0 {
		back += "?" + v.Query.Encode()
	}
	return "/theme?" + url.Values{"set": {v.ThemeNext()}, "next": {back}}.Encode()
}

func (v *view) ArticleHref(id string) string { return v.Href("/article/" + url.PathEscape(id)) }
func (v *view) SourceHref(id string) string  { return v.Href("/source/" + url.PathEscape(id)) }
func (v *view) TagHref(tag string) string    { return v.Href("/hashtag/" + url.PathEscape(tag)) }
func (v *view) StoryHref(id string) string   { return v.Href("/story/" + url.PathEscape(id)) }

// SourceName is a source's name in the UI language (its ID if unknown).
func (v *view) SourceName(id string) string {
	if st, ok := v.s.sources.get(v.ctx(), id); ok {
		return st.Source.Name(v.Lang)
	}
	return id
}

// Category is a feed category's localized label.
func (v *view) Category(c string) string {
	id := "category." + strings.ToLower(c)
	if s, ok := v.C.plain[id]; ok {
		return s
	}
	return c
}

// Card bundles a view with one listed article for the "card" template.
func (v *view) Card(a news.Article) card { return card{V: v, A: a} }

type card struct {
	V *view
	A news.Article
}

func (v *view) ctx() context.Context { return v.rctx }

// List bundles articles and an "older" link for the "list" template.
func (v *view) List(items []news.Article, older string) listData {
	return listData{V: v, Items: items, Older: older}
}

type listData struct {
	V     *view
	Items []news.Article
	Older string
}

// HTTPS is the template form of httpsURL.
func (v *view) HTTPS(u string) template.URL { return template.URL(httpsURL(u)) }

// FeedNames label the visible subscribe links, in feedFormats order.
func (v *view) FeedNames() []string { return []string{"RSS", "Atom", "JSON Feed"} }

// RFC3339 formats a time for machine-readable tags.
func (v *view) RFC3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// editedAfter is how much later an update must come to be shown as an edit
// (publishers often touch an article in its first minutes).
const editedAfter = 10 * time.Minute

// Edited reports whether nashra saw the article change after it first
// stored it (UpdatedAt starts equal to FetchedAt, and moves only when a
// refetch brings a new title or text), well after publication. Comparing
// with the publication time alone would call every archived or late-crawled
// article "edited".
func (v *view) Edited(a *news.Article) bool {
	return !a.UpdatedAt.IsZero() && a.UpdatedAt.After(a.FetchedAt) && a.UpdatedAt.Sub(a.PublishedAt) > editedAfter
}
