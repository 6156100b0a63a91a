package extract

import (
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

type blockKind uint8

const (
	kindPara blockKind = iota
	kindHeading
	kindItem
	kindQuote
	kindImage
)

// block is one unit of article content: a paragraph, heading, list item,
// quoted paragraph or image. inline is safe HTML for the block's content
// (escaped text plus a, strong, em and br only).
type block struct {
	kind      blockKind
	level     int  // heading level, 2..6 (h1 is demoted)
	list      int  // list group of an item
	ordered   bool // item of an <ol>
	text      string
	inline    string
	linkRunes int
	src, alt  string // images
	caption   string
	width     int
	height    int
}

func (b *block) linkDensity() float64 {
	n := runeLen(b.text)
	if n == 0 {
		return 0
	}
	return float64(b.linkRunes) / float64(n)
}

// collector walks content markup and emits blocks. Inline content
// accumulates into a run that is flushed as one block when a block-level
// element starts or ends.
type collector struct {
	base      *url.URL
	blocks    []block
	listSeq   int
	runText   strings.Builder
	runHTML   strings.Builder
	runLinks  int
	inLink    int
	inlineLvl int
	quote     int
	pending   []block // images met inside a run, emitted after it
	ctx       []frame
	open      []string // inline tags open in the run, to close and reopen at a break
	lastBr    bool     // the last thing in the run was a <br>
}

// breakMark separates paragraphs inside one run (see paragraphBreak).
const breakMark = "\x00"

// paragraphBreak ends the current paragraph. Inside inline elements the
// run cannot be flushed without unbalancing tags, so a mark is written and
// the open tags are closed before it and reopened after it.
func (c *collector) paragraphBreak() {
	c.lastBr = false
	if c.inlineLvl == 0 {
		c.flush()
		return
	}
	for i := len(c.open) - 1; i >= 0; i-- {
		c.runHTML.WriteString(closeTag(c.open[i]))
	}
	c.runText.WriteString(breakMark)
	c.runHTML.WriteString(breakMark)
	for _, t := range c.open {
		c.runHTML.WriteString(t)
	}
}

func closeTag(open string) string {
	switch {
	case strings.HasPrefix(open, "<a "):
		return "</a>"
	case open == "":
		return ""
	}
	return "</" + open[1:]
}

type frame struct {
	kind    blockKind
	level   int
	list    int
	ordered bool
}

func newCollector(base *url.URL) *collector {
	return &collector{base: base, ctx: []frame{{kind: kindPara}}}
}

func (c *collector) top() frame { return c.ctx[len(c.ctx)-1] }

func (c *collector) flush() {
	c.lastBr = false
	f := c.top()
	kind := f.kind
	if kind == kindPara && c.quote > 0 {
		kind = kindQuote
	}
	all := c.runText.String()
	texts := strings.Split(all, breakMark)
	htmls := strings.Split(c.runHTML.String(), breakMark)
	allRunes := 1
	if len(texts) > 1 {
		allRunes = max(1, runeLen(all))
	}
	for i, raw := range texts {
		text := normalizeLines(raw)
		if !hasLetterOrDigit(text) {
			continue
		}
		links := c.runLinks
		if len(texts) > 1 {
			// Link runes are counted per run; spread them by share of text.
			links = c.runLinks * runeLen(raw) / allRunes
		}
		inline := ""
		if i < len(htmls) {
			inline = trimBreaks(htmls[i])
		}
		c.blocks = append(c.blocks, block{
			kind: kind, level: f.level, list: f.list, ordered: f.ordered,
			text: text, inline: inline, linkRunes: links,
		})
	}
	c.runText.Reset()
	c.runHTML.Reset()
	c.runLinks = 0
	c.blocks = append(c.blocks, c.pending...)
	c.pending = c.pending[:0]
}

// collect walks n's children.
func (c *collector) collect(n *html.Node) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.node(ch)
	}
}

func (c *collector) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		c.text(n.Data)
		return
	case html.ElementNode:
	default:
		return
	}
	if skipAlways[n.DataAtom] || isHidden(n) {
		return
	}
	a := n.DataAtom
	switch {
	case a == atom.Br:
		// Loose text in a <div> split by <br>s: each line is a paragraph.
		// Inside a <p>, a double <br> separates paragraphs too.
		if c.top().kind == kindPara && (c.ctxIsLoose() || c.lastBr) {
			c.paragraphBreak()
			return
		}
		c.runText.WriteByte('\n')
		c.runHTML.WriteString("<br>")
		c.lastBr = true
		return
	case a == atom.Img:
		if b, ok := c.image(n); ok {
			if c.runText.Len() == 0 {
				c.blocks = append(c.blocks, b)
			} else {
				c.pending = append(c.pending, b)
			}
		}
	case inlineTags[a] && !containsBlock(n):
		c.inline(n)
	case a == atom.P || a == atom.Pre || a == atom.Dt || a == atom.Dd || a == atom.Figcaption:
		c.flush()
		c.push(frame{kind: kindPara})
		c.collect(n)
		c.flush()
		c.pop()
	case a == atom.H1 || a == atom.H2 || a == atom.H3 || a == atom.H4 || a == atom.H5 || a == atom.H6:
		c.flush()
		lvl := int(n.Data[1] - '0')
		if lvl < 2 {
			lvl = 2
		}
		c.push(frame{kind: kindHeading, level: lvl})
		c.collect(n)
		c.flush()
		c.pop()
	case a == atom.Ul || a == atom.Ol:
		c.flush()
		c.listSeq++
		c.push(frame{kind: kindItem, list: c.listSeq, ordered: a == atom.Ol})
		c.collect(n)
		c.flush()
		c.pop()
	case a == atom.Li:
		c.flush()
		f := c.top()
		if f.kind != kindItem {
			c.listSeq++
			f = frame{kind: kindItem, list: c.listSeq}
		}
		c.push(f)
		c.collect(n)
		c.flush()
		c.pop()
	case a == atom.Blockquote:
		c.flush()
		c.quote++
		c.push(frame{kind: kindPara})
		c.collect(n)
		c.flush()
		c.pop()
		c.quote--
	case a == atom.Figure:
		c.flush()
		c.figure(n)
	default:
		// div, section, article, table cells, ...: a container whose loose
		// text forms paragraphs of its own.
		c.flush()
		c.push(frame{kind: kindPara, level: -1})
		c.collect(n)
		c.flush()
		c.pop()
	}
}

// ctxIsLoose reports whether the current run is loose text of a container
// rather than the content of a <p>.
func (c *collector) ctxIsLoose() bool { return c.top().level == -1 || len(c.ctx) == 1 }

func (c *collector) push(f frame) { c.ctx = append(c.ctx, f) }
func (c *collector) pop()         { c.ctx = c.ctx[:len(c.ctx)-1] }

func (c *collector) text(s string) {
	if strings.TrimSpace(s) == "" {
		if c.runText.Len() == 0 {
			return
		}
	} else {
		c.lastBr = false
	}
	c.runText.WriteString(s)
	c.runHTML.WriteString(html.EscapeString(s))
	if c.inLink > 0 {
		c.runLinks += runeLen(strings.TrimSpace(s))
	}
}

func (c *collector) inline(n *html.Node) {
	c.inlineLvl++
	defer func() { c.inlineLvl-- }()
	open, close := "", ""
	switch n.DataAtom {
	case atom.A:
		c.inLink++
		defer func() { c.inLink-- }()
		if href := resolveURL(c.base, attr(n, "href")); href != "" {
			open = `<a href="` + html.EscapeString(href) + `" rel="nofollow noopener">`
			close = "</a>"
		}
	case atom.B, atom.Strong:
		open, close = "<strong>", "</strong>"
	case atom.I, atom.Em:
		open, close = "<em>", "</em>"
	}
	c.runHTML.WriteString(open)
	c.open = append(c.open, open)
	defer func() { c.open = c.open[:len(c.open)-1] }()
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch ch.Type {
		case html.TextNode:
			c.text(ch.Data)
		case html.ElementNode:
			c.node(ch)
		}
	}
	c.runHTML.WriteString(close)
	// Keep words on either side of an inline element apart in text.
	if n.DataAtom != atom.A && n.DataAtom != atom.B && n.DataAtom != atom.Strong &&
		n.DataAtom != atom.I && n.DataAtom != atom.Em && n.DataAtom != atom.Span &&
		n.DataAtom != atom.Font && n.DataAtom != atom.U && n.DataAtom != atom.Sup && n.DataAtom != atom.Sub {
		c.runText.WriteByte(' ')
	}
}

// containsBlock reports block-level elements under an inline element (a
// <span> or <a> wrapping whole paragraphs), which must then be walked as a
// container.
func containsBlock(n *html.Node) bool {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != html.ElementNode || skipAlways[ch.DataAtom] {
			continue
		}
		if !inlineTags[ch.DataAtom] && ch.DataAtom != atom.Img {
			return true
		}
		if containsBlock(ch) {
			return true
		}
	}
	return false
}

func (c *collector) figure(n *html.Node) {
	var img block
	found := false
	var caption string
	eachElement(n, func(e *html.Node) bool {
		switch e.DataAtom {
		case atom.Img:
			if !found {
				img, found = c.image(e)
			}
			return false
		case atom.Figcaption:
			caption = normalizeSpace(textContent(e))
			return false
		}
		return !skipAlways[e.DataAtom]
	})
	caption = cleanCaption(caption)
	if found {
		img.caption = caption
		c.blocks = append(c.blocks, img)
	} else if caption != "" {
		c.blocks = append(c.blocks, block{kind: kindPara, text: caption, inline: html.EscapeString(caption)})
	}
}

// image builds an image block, resolving lazy-loading attributes.
func (c *collector) image(n *html.Node) (block, bool) {
	src := ""
	for _, key := range [...]string{"data-src", "data-lazy-src", "data-original", "src"} {
		if v := attr(n, key); v != "" && !strings.HasPrefix(v, "data:") {
			src = v
			break
		}
	}
	if src == "" {
		if ss := attr(n, "srcset"); ss != "" {
			src, _, _ = strings.Cut(strings.TrimSpace(ss), " ")
		}
	}
	src = resolveURL(c.base, src)
	if src == "" {
		return block{}, false
	}
	b := block{kind: kindImage, src: src, alt: normalizeSpace(attr(n, "alt")),
		width: atoiPx(attr(n, "width")), height: atoiPx(attr(n, "height"))}
	if isTrackerImage(b.src, b.width, b.height) {
		return block{}, false
	}
	return b, true
}

func atoiPx(s string) int {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

// resolveURL makes ref absolute against base and accepts only http(s).
func resolveURL(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.HasPrefix(ref, "#") {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// trimBreaks drops leading and trailing <br>s and space from inline HTML.
func trimBreaks(s string) string {
	for {
		t := strings.TrimSpace(s)
		t = strings.TrimPrefix(t, "<br>")
		t = strings.TrimSuffix(t, "<br>")
		if t == s {
			return t
		}
		s = t
	}
}
