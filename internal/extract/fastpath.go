package extract

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// minDirectRunes is how much loose text (outside child blocks) makes a
// <div> or <td> a paragraph: page builders put each paragraph in a <div>,
// and old sites break text with <br>. Menus do not qualify: their text is
// all links, which the link-density discount removes.
const minDirectRunes = 30

// scorer is a readability-style pass: every paragraph-like element adds its
// text, discounted by link density, to its parent (fully) and grandparent
// (half); the best-scoring element is the article container.
type scorer struct {
	score  map[*html.Node]float64 // cluster score
	good   map[*html.Node]float64 // good paragraph text in the subtree
	text   map[*html.Node]int     // text runes in the subtree
	links  map[*html.Node]int     // link text runes in the subtree
	direct map[*html.Node]int     // loose text runes (see visit)
}

func newScorer() *scorer {
	return &scorer{
		score:  map[*html.Node]float64{},
		good:   map[*html.Node]float64{},
		text:   map[*html.Node]int{},
		links:  map[*html.Node]int{},
		direct: map[*html.Node]int{},
	}
}

// visit computes text and link runes bottom-up and credits paragraphs.
// flow is the text of n not inside block-level descendants: the loose text
// an element contributes to its parent's paragraph.
func (s *scorer) visit(n *html.Node) (text, links int, good float64, flow int) {
	direct := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			r := countVisible(c.Data)
			direct += r
			text += r
		case html.ElementNode:
			if skipAlways[c.DataAtom] {
				continue
			}
			t, l, g, f := s.visit(c)
			if c.DataAtom == atom.A {
				l = t
			}
			if inlineTags[c.DataAtom] {
				direct += f
			}
			text += t
			links += l
			good += g
		}
	}
	s.text[n], s.links[n], s.direct[n] = text, links, direct
	if s.isParagraph(n, direct) && text >= 20 {
		ld := float64(links) / float64(text)
		if ld < 0.5 {
			c := float64(text) * (1 - ld) * (1 - ld)
			good += c
			target := n.Parent
			if direct >= minDirectRunes && n.DataAtom != atom.P {
				// Text broken by <br> in a <div> or <td>: the element is
				// its own paragraph container.
				target = n
			}
			if target != nil {
				s.score[target] += c
				if gp := target.Parent; gp != nil {
					s.score[gp] += c / 2
				}
			}
		}
	}
	s.good[n] = good
	return text, links, good, direct
}

func (s *scorer) isParagraph(n *html.Node, direct int) bool {
	switch n.DataAtom {
	case atom.P, atom.Pre, atom.Blockquote:
		return true
	case atom.A, atom.Li, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Span,
		atom.Strong, atom.B, atom.Em, atom.I, atom.Font, atom.Small, atom.Label, atom.Time:
		return false
	}
	// Sites that break text with <br> inside a <div> or <td>.
	return direct >= minDirectRunes
}

// countVisible counts non-space runes; text runs of whitespace between
// tags would otherwise make link-free markup look like prose.
func countVisible(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// fastSelection is what the fast pass chose.
type fastSelection struct {
	nodes []*html.Node // the container and merged siblings, in order
	good  float64      // good paragraph text selected
	total float64      // good paragraph text on the whole page
}

// sure reports whether the fast pass found a clear article: enough text,
// and most of the page's prose.
func (f *fastSelection) sure() bool {
	if f.good >= 200 && f.good >= 0.8*f.total {
		return true
	}
	// A short story on a page with hardly any other prose.
	return f.good >= 80 && f.good >= 0.9*f.total
}

// fastSelect picks the article container of a pruned body.
func fastSelect(body *html.Node) *fastSelection {
	s := newScorer()
	_, _, total, _ := s.visit(body)
	var top *html.Node
	best := 0.0
	for n, sc := range s.score {
		if sc > best || (sc == best && top != nil && precedes(n, top)) {
			top, best = n, sc
		}
	}
	if top == nil {
		return &fastSelection{total: total}
	}
	sel := &fastSelection{total: total}
	if top == body || top.Parent == nil {
		sel.nodes = []*html.Node{top}
		sel.good = s.good[top]
		return sel
	}
	// Articles are often split across sibling containers (a lead paragraph,
	// the body, a closing note): merge siblings that are prose, not links.
	ref := s.good[top]
	var sibs []*html.Node
	var keep []bool
	for c := top.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || skipAlways[c.DataAtom] {
			continue
		}
		sibs = append(sibs, c)
		keep = append(keep, c == top || s.mergeable(c, ref))
	}
	// Short lines between kept paragraphs ("تصوير: ...", an e-mail
	// address, a one-line quote) belong to the story, and so do short
	// lines next to it in the same markup as its paragraphs (page builders
	// give every paragraph the same <div class>).
	first, last := -1, -1
	classes := map[string]bool{}
	for i, k := range keep {
		if k {
			if first < 0 {
				first = i
			}
			last = i
			classes[sibs[i].Data+"."+attr(sibs[i], "class")] = true
		}
	}
	for i := first + 1; i < last; i++ {
		if !keep[i] && s.linkDensity(sibs[i]) < 0.5 {
			keep[i] = true
		}
	}
	sameMarkup := func(i int) bool {
		return classes[sibs[i].Data+"."+attr(sibs[i], "class")] && s.text[sibs[i]] > 0 && s.linkDensity(sibs[i]) < 0.5
	}
	for i := first - 1; i >= 0 && sameMarkup(i); i-- {
		keep[i] = true
	}
	for i := last + 1; i < len(sibs) && sameMarkup(i); i++ {
		keep[i] = true
	}
	for i, c := range sibs {
		if keep[i] {
			sel.nodes = append(sel.nodes, c)
			sel.good += s.good[c]
		}
	}
	return sel
}

func (s *scorer) linkDensity(n *html.Node) float64 {
	if s.text[n] == 0 {
		return 0
	}
	return float64(s.links[n]) / float64(s.text[n])
}

// mergeable reports a sibling of the chosen container that is article
// prose too.
func (s *scorer) mergeable(c *html.Node, ref float64) bool {
	t := s.text[c]
	if t == 0 {
		return false
	}
	ld := s.linkDensity(c)
	g := s.good[c]
	switch {
	case g >= 0.2*ref && g >= 150 && ld < 0.3:
		return true
	case (c.DataAtom == atom.P || c.DataAtom == atom.Blockquote || s.direct[c] >= minDirectRunes) &&
		ld < 0.2 && (t >= 60 || endsSentence(c)):
		return true
	}
	return isMediaBlock(c)
}

// isMediaBlock is a figure or lone image next to the article text.
func isMediaBlock(n *html.Node) bool {
	return n.DataAtom == atom.Figure || n.DataAtom == atom.Img
}

func endsSentence(n *html.Node) bool {
	t := strings.TrimSpace(textContent(n))
	return strings.HasSuffix(t, ".") || strings.HasSuffix(t, "،") || strings.HasSuffix(t, "؟")
}

// precedes reports whether a comes before b in document order; used only
// to break exact score ties deterministically.
func precedes(a, b *html.Node) bool {
	depth := func(n *html.Node) int {
		d := 0
		for ; n != nil; n = n.Parent {
			d++
		}
		return d
	}
	da, db := depth(a), depth(b)
	oa, ob := da, db
	for da > db {
		a = a.Parent
		da--
	}
	for db > da {
		b = b.Parent
		db--
	}
	if a == b {
		return oa < ob // an ancestor comes first
	}
	for a.Parent != b.Parent {
		a, b = a.Parent, b.Parent
	}
	for c := a; c != nil; c = c.NextSibling {
		if c == b {
			return true
		}
	}
	return false
}
