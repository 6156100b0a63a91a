package extract

import (
	"encoding/json"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is everything the page says about itself outside the body text.
type pageMeta struct {
	htmlLang    string
	contentLang string
	title       string // <title>
	ogTitle     string
	twTitle     string
	ldHeadline  string
	h1          string
	siteName    string
	canonical   string
	ogURL       string
	images      []string // og:image, twitter:image, JSON-LD image, in that order
	authors     []string // meta, JSON-LD, rel=author, itemprop, byline: best first
	dates       []string // machine-readable published dates, best first
	dateTexts   []string // text of date-ish elements, for the text date parser
}

// readMeta reads metadata from the unpruned document in one walk.
func readMeta(doc *html.Node) *pageMeta {
	m := &pageMeta{}
	var ogImage, twImage, ldImage []string
	var metaAuthors, ldAuthors, domAuthors []string
	var metaDates, ldDates, timeDates []string
	eachElement(doc, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Html:
			m.htmlLang = declaredLanguage(attr(n, "lang"))
		case atom.Title:
			if m.title == "" && n.FirstChild != nil {
				m.title = normalizeSpace(n.FirstChild.Data)
			}
			return false
		case atom.Meta:
			m.meta(n, &ogImage, &twImage, &metaAuthors, &metaDates)
			return false
		case atom.Link:
			rel := strings.ToLower(attr(n, "rel"))
			if rel == "canonical" && m.canonical == "" {
				m.canonical = attr(n, "href")
			}
			return false
		case atom.Script:
			if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
				m.jsonLD(n.FirstChild.Data, &ldImage, &ldAuthors, &ldDates)
			}
			return false
		case atom.Style, atom.Noscript, atom.Template, atom.Svg:
			return false
		case atom.H1:
			if m.h1 == "" {
				m.h1 = normalizeSpace(textContent(n))
			}
		case atom.Time:
			if dt := attr(n, "datetime"); dt != "" {
				if attr(n, "itemprop") == "datePublished" || hasAttr(n, "pubdate") {
					timeDates = append([]string{dt}, timeDates...)
				} else {
					timeDates = append(timeDates, dt)
				}
			} else if t := normalizeSpace(textContent(n)); t != "" {
				m.dateTexts = append(m.dateTexts, t)
			}
			return false
		}
		switch attr(n, "itemprop") {
		case "datePublished":
			if v := attr(n, "content"); v != "" {
				metaDates = append(metaDates, v)
			} else if t := normalizeSpace(textContent(n)); t != "" {
				m.dateTexts = append([]string{t}, m.dateTexts...)
			}
		case "author":
			if t := normalizeSpace(textContent(n)); t != "" {
				domAuthors = append(domAuthors, t)
			}
			return false
		}
		if n.DataAtom == atom.A && strings.Contains(strings.ToLower(attr(n, "rel")), "author") {
			if t := normalizeSpace(textContent(n)); t != "" {
				domAuthors = append(domAuthors, t)
			}
			return false
		}
		cls := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
		if len(domAuthors) == 0 && (strings.Contains(cls, "byline") || strings.Contains(cls, "author")) &&
			!strings.Contains(cls, "box") && !strings.Contains(cls, "bio") {
			if t := normalizeSpace(textContent(n)); t != "" && runeLen(t) < 100 {
				domAuthors = append(domAuthors, t)
				return false
			}
		}
		if len(m.dateTexts) < 8 && isDateClass(cls) {
			// Keep descending: a "post-meta" box also holds the byline.
			if t := normalizeSpace(textContent(n)); t != "" && runeLen(t) < 200 {
				m.dateTexts = append(m.dateTexts, t)
			}
		}
		return true
	})
	m.images = append(append(ogImage, twImage...), ldImage...)
	m.authors = append(append(metaAuthors, ldAuthors...), domAuthors...)
	m.dates = append(append(metaDates, ldDates...), timeDates...)
	return m
}

func isDateClass(cls string) bool {
	for _, w := range [...]string{"date", "time", "publish", "posted", "meta", "byline", "info"} {
		if strings.Contains(cls, w) {
			return true
		}
	}
	return false
}

func (m *pageMeta) meta(n *html.Node, ogImage, twImage, authors, dates *[]string) {
	key := strings.ToLower(attr(n, "property"))
	if key == "" {
		key = strings.ToLower(attr(n, "name"))
	}
	if key == "" {
		key = strings.ToLower(attr(n, "itemprop"))
	}
	content := strings.TrimSpace(attr(n, "content"))
	if he := strings.ToLower(attr(n, "http-equiv")); he == "content-language" {
		m.contentLang = declaredLanguage(content)
		return
	}
	if content == "" {
		return
	}
	switch key {
	case "og:title":
		m.ogTitle = normalizeSpace(content)
	case "twitter:title":
		m.twTitle = normalizeSpace(content)
	case "og:site_name", "application-name":
		if m.siteName == "" {
			m.siteName = normalizeSpace(content)
		}
	case "og:url":
		m.ogURL = content
	case "og:image", "og:image:url", "og:image:secure_url":
		*ogImage = append(*ogImage, content)
	case "twitter:image", "twitter:image:src":
		*twImage = append(*twImage, content)
	case "author", "article:author", "dc.creator", "dcterms.creator", "sailthru.author", "byl", "parsely-author", "cxenseparse:author":
		*authors = append(*authors, content)
	case "article:published_time", "og:published_time", "published_time", "datepublished", "pubdate",
		"publishdate", "publish-date", "publish_date", "dc.date", "dc.date.issued", "dcterms.created",
		"dcterms.date", "sailthru.date", "parsely-pub-date", "citation_publication_date", "date",
		"article.published", "original-publish-date":
		*dates = append(*dates, content)
	case "og:locale", "language", "content-language", "dc.language":
		if m.contentLang == "" {
			m.contentLang = declaredLanguage(content)
		}
	}
}

// jsonLD reads Article-like objects from a JSON-LD script.
func (m *pageMeta) jsonLD(src string, images, authors, dates *[]string) {
	var v any
	if err := json.Unmarshal([]byte(strings.TrimSpace(src)), &v); err != nil {
		return
	}
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		if depth > 6 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e, depth+1)
			}
		case map[string]any:
			if g, ok := x["@graph"]; ok {
				visit(g, depth+1)
			}
			if !isArticleType(x["@type"]) {
				return
			}
			if h, ok := x["headline"].(string); ok && m.ldHeadline == "" {
				m.ldHeadline = normalizeSpace(h)
			}
			if d, ok := x["datePublished"].(string); ok {
				*dates = append(*dates, d)
			}
			*authors = append(*authors, ldNames(x["author"])...)
			*images = append(*images, ldURLs(x["image"])...)
		}
	}
	visit(v, 0)
}

func isArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		return strings.HasSuffix(x, "Article") || x == "BlogPosting" || x == "Report" || x == "LiveBlogPosting"
	case []any:
		for _, e := range x {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

func ldNames(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case map[string]any:
		if n, ok := x["name"].(string); ok {
			return []string{n}
		}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, ldNames(e)...)
		}
		return out
	}
	return nil
}

func ldURLs(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case map[string]any:
		if u, ok := x["url"].(string); ok {
			return []string{u}
		}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, ldURLs(e)...)
		}
		return out
	}
	return nil
}

// canonicalURL prefers <link rel=canonical>, then og:url, then the page
// URL. A canonical pointing at the site root is a template bug, not the
// article's address, and is ignored.
func canonicalURL(base *url.URL, m *pageMeta) string {
	for _, c := range [...]string{m.canonical, m.ogURL} {
		u := resolveURL(base, c)
		if u == "" {
			continue
		}
		p, err := url.Parse(u)
		if err != nil || ((p.Path == "" || p.Path == "/") && p.RawQuery == "" && base.Path != "" && base.Path != "/") {
			continue
		}
		p.Fragment = ""
		return p.String()
	}
	return base.String()
}

// publishedAt picks the first plausible date: the feed's, then the page's
// metadata, then dates written in the page, then the URL. Dates in the
// future or before the web existed are template noise.
func publishedAt(hint time.Time, m *pageMeta, base *url.URL, body *html.Node, now time.Time) time.Time {
	limit := now.Add(10 * time.Minute)
	ok := func(t time.Time) bool { return !t.IsZero() && !t.After(limit) && t.Year() >= 1995 }
	if ok(hint) {
		return hint.UTC()
	}
	for _, d := range m.dates {
		if t, good := parseMetaDate(d); good && ok(t) {
			return t
		}
	}
	for _, d := range m.dateTexts {
		if t, good := parseTextDate(d); good && ok(t) {
			return t
		}
	}
	if t, good := urlDate(base.Path); good && ok(t) {
		return t
	}
	// Old sites print the issue date in the masthead and nowhere else.
	if t, good := parseTextDate(leadingText(body, 3000)); good && ok(t) {
		return t
	}
	return time.Time{}
}

// leadingText is the first max bytes of visible text of n.
func leadingText(n *html.Node, max int) string {
	var b strings.Builder
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
				b.WriteByte(' ')
				if b.Len() >= max {
					return false
				}
			case html.ElementNode:
				if skipAlways[c.DataAtom] {
					continue
				}
				if !walk(c) {
					return false
				}
			}
		}
		return true
	}
	walk(n)
	return b.String()
}
