package web

import (
	"html/template"
	"regexp"
	"strings"
	"time"

	"github.com/microcosm-cc/bluemonday"
)

// sanitizer re-sanitises stored article HTML before it is rendered.
//
// The extractor already sanitises what it stores, but the store is shared
// with importers, migrations and future writers; a second, stricter pass
// here means one bug upstream cannot become script in readers' browsers
// (defence in depth). Its result is cached per content hash, so the cost
// is paid once per article version, not per view.
type sanitizer struct {
	policy *bluemonday.Policy
	mark   *bluemonday.Policy
	cache  *ttlCache[template.HTML]
}

func newSanitizer() *sanitizer {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li",
		"strong", "b", "em", "i", "u", "s", "sub", "sup", "small", "q", "cite", "abbr",
		"figure", "figcaption", "table", "thead", "tbody", "tfoot", "tr", "caption", "hr", "pre", "code")
	p.AllowAttrs("colspan", "rowspan").Matching(regexp.MustCompile(`^[0-9]{1,2}$`)).OnElements("td", "th")
	p.AllowElements("td", "th")
	p.AllowAttrs("dir").Matching(regexp.MustCompile(`^(rtl|ltr|auto)$`)).Globally()
	p.AllowAttrs("lang").Matching(regexp.MustCompile(`^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$`)).Globally()
	p.AllowImages()
	p.AllowAttrs("href").OnElements("a")
	// Only absolute http(s) links: a relative link in a publisher's body
	// would point into nashra, not to the publisher.
	p.AllowURLSchemes("http", "https")
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(false)
	p.RequireNoFollowOnLinks(true)
	p.RequireNoReferrerOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)

	m := bluemonday.NewPolicy()
	m.AllowElements("mark", "b", "em", "strong")
	return &sanitizer{policy: p, mark: m, cache: newTTLCache[template.HTML](2048)}
}

// sanitizedTTL: a sanitised body is keyed by content hash, so it never goes
// stale; the TTL only bounds memory held by articles nobody reads.
const sanitizedTTL = time.Hour

// body returns an article's sanitised HTML, keyed by its content hash.
func (s *sanitizer) body(id, hash, html string) template.HTML {
	key := id + "|" + hash
	if out, ok := s.cache.get(key); ok {
		return out
	}
	out := template.HTML(s.policy.Sanitize(html))
	s.cache.put(key, out, sanitizedTTL)
	return out
}

// highlight keeps only <mark>-style emphasis in search snippets.
func (s *sanitizer) highlight(h template.HTML) template.HTML {
	return template.HTML(s.mark.Sanitize(string(h)))
}

// paragraphsHTML renders plain text ("\n\n" between paragraphs) when an
// article has no stored HTML.
func paragraphsHTML(text string) template.HTML {
	var b strings.Builder
	for _, p := range strings.Split(text, "\n\n") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		b.WriteString("<p>")
		b.WriteString(template.HTMLEscapeString(p))
		b.WriteString("</p>\n")
	}
	return template.HTML(b.String())
}

// maxDataImage bounds inline data: images so one can't bloat a page past
// its size budget.
const maxDataImage = 16 << 10

// httpsURL makes an image URL fit the CSP (img-src 'self' http: https:
// data:): http(s) URLs pass unchanged (rewriting http:// to https:// breaks
// every publisher, or local fixture, that serves images over plain HTTP; on
// an HTTPS deployment browsers upgrade such passive mixed content
// themselves), small data:image/ URIs pass (an <img> never runs script,
// even from SVG), and anything else is dropped.
func httpsURL(u string) string {
	switch {
	case strings.HasPrefix(u, "https://"), strings.HasPrefix(u, "http://"):
		return u
	case strings.HasPrefix(u, "data:image/") && len(u) <= maxDataImage:
		return u
	}
	return ""
}

// shareImage is an image URL other sites can fetch (OpenGraph, JSON-LD):
// absolute http(s) only.
func shareImage(u string) string {
	if strings.HasPrefix(u, "data:") {
		return ""
	}
	return httpsURL(u)
}
