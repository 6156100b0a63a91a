package extract

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// policy is the only HTML nashra ever shows from publishers: structure and
// emphasis, absolute http(s) links and images, and text direction. No
// scripts, styles, frames, forms, event handlers, classes or ids.
var policy = func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote",
		"figure", "figcaption", "b", "strong", "i", "em", "br")
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("rel").Matching(regexp.MustCompile(`^nofollow noopener$`)).OnElements("a")
	p.AllowAttrs("src", "alt").OnElements("img")
	p.AllowAttrs("dir").Matching(regexp.MustCompile(`^(?:rtl|ltr|auto)$`)).Globally()
	p.AllowURLSchemes("http", "https")
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(false)
	p.RequireNoFollowOnLinks(true)
	p.AddSpaceWhenStrippingTag(true)
	return p
}()

// Sanitize makes publisher HTML safe to embed: it keeps paragraphs,
// headings (h1 demoted to h2), lists, quotes, figures, emphasis, line
// breaks, absolute http(s) links (rel="nofollow noopener", no target) and
// images (src and alt only, tracking pixels dropped), and the dir
// attribute. Everything else goes; the content of scripts, styles, frames
// and forms goes with it.
func Sanitize(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(s), ctx)
	if err != nil {
		// The x/net/html parser only fails on reader errors; escape as text.
		return policy.Sanitize(html.EscapeString(s))
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	preclean(root)
	var b strings.Builder
	for n := root.FirstChild; n != nil; n = n.NextSibling {
		if err := html.Render(&b, n); err != nil {
			return ""
		}
	}
	return strings.TrimSpace(policy.Sanitize(b.String()))
}

// preclean does what bluemonday cannot: drop whole non-content subtrees
// and tracking pixels, demote h1, and set the link rel.
func preclean(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			switch {
			case skipAlways[c.DataAtom]:
				n.RemoveChild(c)
			case c.DataAtom == atom.Img && isTrackerImage(attr(c, "src"), atoiPx(attr(c, "width")), atoiPx(attr(c, "height"))):
				n.RemoveChild(c)
			default:
				if c.DataAtom == atom.H1 {
					c.DataAtom, c.Data = atom.H2, "h2"
				}
				if c.DataAtom == atom.A {
					if resolveURL(nil, attr(c, "href")) == "" {
						// No usable link: let the policy unwrap the <a>.
						c.Attr = nil
					} else {
						setAttr(c, "rel", "nofollow noopener")
					}
				}
				preclean(c)
			}
		} else if c.Type == html.CommentNode {
			n.RemoveChild(c)
		}
		c = next
	}
}

func setAttr(n *html.Node, key, val string) {
	for i := range n.Attr {
		if n.Attr[i].Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

// trackerHosts serve counting pixels, not pictures.
var trackerHosts = []string{
	"doubleclick.net", "google-analytics.com", "googletagmanager.com", "scorecardresearch.com",
	"quantserve.com", "feedburner.com", "feedsportal.com", "pixel.wp.com", "stats.wp.com",
	"facebook.com", "facebook.net", "analytics.", "pixel.", "tracking.", "tracker.", "counter.",
	"chartbeat.net", "hotjar.com", "statcounter.com", "mc.yandex.ru", "top.mail.ru",
	"addthis.com", "sharethis.com", "outbrain.com", "taboola.com", "adservice.", "ads.", "ad.",
	"adserver.", "banners.",
}

// trackerPaths are URL fragments of spacer and beacon images.
var trackerPaths = []string{
	"/pixel", "pixel.gif", "pixel.png", "1x1", "spacer.gif", "blank.gif", "transparent.gif",
	"clear.gif", "/beacon", "/tr?", "/track", "count.gif", "/impression",
}

// isTrackerImage reports 1x1 tracking pixels and images served by known
// tracking or ad hosts.
func isTrackerImage(src string, w, h int) bool {
	if (w > 0 && w <= 2) || (h > 0 && h <= 2) {
		return true
	}
	u, err := url.Parse(strings.TrimSpace(src))
	if err != nil {
		return true
	}
	host := strings.ToLower(u.Host)
	for _, t := range trackerHosts {
		if strings.HasSuffix(t, ".") {
			if strings.HasPrefix(host, t) || strings.Contains(host, "."+t) {
				return true
			}
		} else if host == t || strings.HasSuffix(host, "."+t) {
			return true
		}
	}
	p := strings.ToLower(u.Path + "?" + u.RawQuery)
	for _, t := range trackerPaths {
		if strings.Contains(p, t) {
			return true
		}
	}
	return false
}

// dirFor is the text direction of a language; unknown text is left to the
// browser.
func dirFor(lang string) string {
	switch {
	case isRTL(lang):
		return "rtl"
	case lang == "":
		return "auto"
	}
	return "ltr"
}

// ParagraphsToHTML renders plain-text paragraphs (e.g. corpus articles) as
// sanitized HTML with a root <div dir="..."> for the language; single line
// breaks inside a paragraph become <br>.
func ParagraphsToHTML(paras []string, lang string) string {
	var b strings.Builder
	b.WriteString(`<div dir="` + dirFor(lang) + `">`)
	for _, p := range paras {
		p = normalizeLines(p)
		if p == "" {
			continue
		}
		b.WriteString("<p>")
		for i, line := range strings.Split(p, "\n") {
			if i > 0 {
				b.WriteString("<br>")
			}
			b.WriteString(html.EscapeString(line))
		}
		b.WriteString("</p>")
	}
	b.WriteString("</div>")
	return policy.Sanitize(b.String())
}

// renderBlocks builds the article HTML from cleaned blocks, then passes it
// through the policy as a second line of defence.
func renderBlocks(bs []block, lang string) string {
	var b strings.Builder
	b.WriteString(`<div dir="` + dirFor(lang) + `">`)
	openList, inQuote := 0, false
	listTag := "ul"
	for i := range bs {
		x := &bs[i]
		if x.kind != kindItem || x.list != openList {
			if openList != 0 {
				b.WriteString("</" + listTag + ">")
				openList = 0
			}
		}
		if x.kind != kindQuote && inQuote {
			b.WriteString("</blockquote>")
			inQuote = false
		}
		switch x.kind {
		case kindPara:
			b.WriteString("<p>" + x.inline + "</p>")
		case kindHeading:
			tag := "h" + string(rune('0'+x.level))
			b.WriteString("<" + tag + ">" + x.inline + "</" + tag + ">")
		case kindItem:
			if openList == 0 {
				listTag = "ul"
				if x.ordered {
					listTag = "ol"
				}
				b.WriteString("<" + listTag + ">")
				openList = x.list
			}
			b.WriteString("<li>" + x.inline + "</li>")
		case kindQuote:
			if !inQuote {
				b.WriteString("<blockquote>")
				inQuote = true
			}
			b.WriteString("<p>" + x.inline + "</p>")
		case kindImage:
			b.WriteString(`<figure><img src="` + html.EscapeString(x.src) + `" alt="` + html.EscapeString(x.alt) + `">`)
			if x.caption != "" {
				b.WriteString("<figcaption>" + html.EscapeString(x.caption) + "</figcaption>")
			}
			b.WriteString("</figure>")
		}
	}
	if openList != 0 {
		b.WriteString("</" + listTag + ">")
	}
	if inQuote {
		b.WriteString("</blockquote>")
	}
	b.WriteString("</div>")
	return policy.Sanitize(b.String())
}
