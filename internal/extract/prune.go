package extract

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// chromeTokens are class/id words that mark page chrome. Class and id
// values are split on spaces, '-' and '_' before matching, so "share-bar",
// "post_views" and "most-read" all hit. Words that layout frameworks also
// put on content ("hidden-xs", "elementor-widget-text-editor", Drupal's
// "views-row", "entry-header", "post-meta") are deliberately absent: on
// go-trafilatura's real-world benchmark they cost more text than they saved.
var chromeTokens = map[string]bool{
	"share": true, "shares": true, "sharing": true, "sharebar": true, "social": true, "socials": true,
	"addthis": true, "sharethis": true, "comment": true, "comments": true, "commentlist": true,
	"respond": true, "disqus": true, "related": true, "relatedposts": true, "newsletter": true,
	"subscribe": true, "subscription": true, "signup": true, "breadcrumb": true, "breadcrumbs": true,
	"crumbs": true, "tags": true, "tagcloud": true, "taglist": true, "keywords": true, "popular": true,
	"trending": true, "mostread": true, "mostviewed": true, "sidebar": true,
	"aside": true, "footer": true, "copyright": true, "nav": true, "navbar": true,
	"navigation": true, "menu": true, "submenu": true, "cookie": true, "cookies": true, "consent": true,
	"gdpr": true, "modal": true, "popup": true, "overlay": true, "pagination": true,
	"pager": true, "ad": true, "ads": true, "adv": true, "advert": true, "adverts": true,
	"advertisement": true, "advertising": true, "adsbygoogle": true, "sponsor": true, "sponsored": true,
	"dfp": true, "banner": true, "promo": true, "outbrain": true, "taboola": true, "postviews": true,
	"byline": true, "author": true, "masthead": true, "topbar": true,
	"logo": true, "search": true, "toolbar": true, "rss": true, "follow": true,
	"whatsapp": true, "facebook": true, "telegram": true, "shortlink": true,
	"shorturl": true, "copylink": true, "skip": true, "newsticker": true, "ticker": true,
}

// chromePairs are two adjacent class words that together mark chrome.
var chromePairs = map[string]bool{
	"most read": true, "most viewed": true, "most popular": true, "read more": true, "also read": true,
	"see also": true, "post views": true, "more news": true, "tag cloud": true, "short link": true,
	"copy link": true, "sr only": true, "visually hidden": true, "screen reader": true,
	"more stories": true, "you may": true, "last news": true, "latest news": true,
	"widget area": true, "site header": true, "page header": true, "top header": true,
}

var chromeRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true, "search": true,
	"menu": true, "menubar": true, "dialog": true, "alertdialog": true, "toolbar": true,
}

// chromeTags are elements that are never the story, whatever their text.
// <header> is not one: article headers carry the standfirst.
var chromeTags = map[atom.Atom]bool{
	atom.Nav: true, atom.Footer: true, atom.Aside: true, atom.Menu: true, atom.Form: true,
}

// isHidden reports markup the reader never sees.
func isHidden(n *html.Node) bool {
	if hasAttr(n, "hidden") || attr(n, "aria-hidden") == "true" {
		return true
	}
	if st := attr(n, "style"); st != "" {
		st = strings.ToLower(strings.ReplaceAll(st, " ", ""))
		return strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden")
	}
	return false
}

// chromeByName reports whether n's class, id or role marks it as chrome.
func chromeByName(n *html.Node) bool {
	if chromeRoles[attr(n, "role")] {
		return true
	}
	for _, key := range [...]string{"class", "id"} {
		v := attr(n, key)
		if v == "" {
			continue
		}
		toks := strings.FieldsFunc(strings.ToLower(v), func(r rune) bool {
			return r == ' ' || r == '-' || r == '_' || r == '\t' || r == '\n'
		})
		for i, t := range toks {
			if chromeTokens[t] {
				return true
			}
			if i > 0 && chromePairs[toks[i-1]+" "+t] {
				return true
			}
		}
	}
	return false
}

// prune removes chrome from the body in place: scripts and other
// non-content elements, hidden elements, and elements whose tag, role,
// class or id say they are navigation, sharing, comments, related links,
// ads and the like. An element holding most of the page's paragraph text
// is kept whatever its name says: sites do wrap articles in
// class="post has-comments".
func prune(body *html.Node) {
	total := pageText{paragraph: paragraphRunes(body), plain: plainRunes(body)}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			switch c.Type {
			case html.CommentNode:
				n.RemoveChild(c)
			case html.ElementNode:
				if skipAlways[c.DataAtom] || isHidden(c) {
					n.RemoveChild(c)
				} else if (chromeTags[c.DataAtom] || chromeByName(c)) && !holdsArticle(c, total) {
					n.RemoveChild(c)
				} else if isCommentSection(c) {
					n.RemoveChild(c)
				} else {
					walk(c)
				}
			}
			c = next
		}
	}
	walk(body)
}

// pageText is how much text a page has: in <p> elements, and outside
// links anywhere.
type pageText struct{ paragraph, plain int }

// holdsArticle reports an element holding most of the page's prose: a
// wrapper (body classes like "sidebar-primary", an ASP.NET <form>, an
// "off-canvas-wrap" around everything), not chrome.
func holdsArticle(n *html.Node, total pageText) bool {
	if total.paragraph >= 200 && paragraphRunes(n)*2 >= total.paragraph {
		return true
	}
	return total.plain >= 200 && plainRunes(n)*2 >= total.plain
}

// plainRunes counts the visible text under n outside links.
func plainRunes(n *html.Node) int {
	sum := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			sum += countVisible(c.Data)
		case html.ElementNode:
			if !skipAlways[c.DataAtom] && c.DataAtom != atom.A {
				sum += plainRunes(c)
			}
		}
	}
	return sum
}

// paragraphRunes counts the text in <p> elements under n, which is where
// article text lives on nearly every news site.
func paragraphRunes(n *html.Node) int {
	sum := 0
	eachElement(n, func(c *html.Node) bool {
		if skipAlways[c.DataAtom] {
			return false
		}
		if c.DataAtom == atom.P {
			sum += runeLen(strings.TrimSpace(textContent(c)))
			return false
		}
		return true
	})
	return sum
}

// reCommentsLabel is the heading of a reader-comments section, folded.
var reCommentsLabel = regexp.MustCompile(`^(?:(?:\d+ )?(?:التعليقات|تعليقات|تعليق)|اضف تعليق|اضف تعليقك|اكتب تعليقك|اترك تعليقا|اترك تعليقك|اترك ردا|اراء القراء|تعليقات القراء|(?:\d+ )?comments?|reader comments|leave a (?:comment|reply)|join the conversation)(?:\s*\(\d+\))?$`)

// isCommentSection recognises a reader-comments block by its heading
// ("التعليقات (6)", "3 Comments") when class names say nothing. Comment
// threads can be longer than the story, so the paragraph-share guard
// cannot protect against them; a block holding the page's <h1> is never
// taken for one.
func isCommentSection(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Div, atom.Section, atom.Ol, atom.Ul:
	default:
		return false
	}
	head := firstTextElement(n)
	if head == nil || head == n {
		return false
	}
	switch head.DataAtom {
	case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.B, atom.Strong, atom.Span, atom.Div, atom.P, atom.Header, atom.Label:
	default:
		return false
	}
	t := normalizeSpace(textContent(head))
	if wordCount(t) > 6 || !reCommentsLabel.MatchString(chromeTrimmed(fold(t))) {
		return false
	}
	return findFirst(n, func(e *html.Node) bool { return e.DataAtom == atom.H1 }) == nil
}

// firstTextElement is the first element under n, in document order, that
// directly holds non-space text.
func firstTextElement(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return n
			}
		case html.ElementNode:
			if skipAlways[c.DataAtom] {
				continue
			}
			if f := firstTextElement(c); f != nil {
				return f
			}
		}
	}
	return nil
}
