package extract

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// minFastRunes is below what trafilatura's own minimum extracted size is;
// less text than this from the first extractor sends us to the other one.
const minFastRunes = 250

// Page extracts the article from a page's HTML.
func (e *Extractor) Page(pageURL string, raw []byte, hints Hints) (*Result, error) {
	base, err := parsePageURL(pageURL)
	if err != nil {
		return nil, err
	}
	if len(raw) > MaxDocumentSize {
		return nil, fmt.Errorf("extract: %s: %d bytes: %w", pageURL, len(raw), ErrTooLarge)
	}
	doc, err := html.Parse(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("extract: %s: parse: %w", pageURL, err)
	}
	m := readMeta(doc)
	body := findBody(doc)
	var bodyFolded string
	lazyBody := func() string {
		if bodyFolded == "" {
			bodyFolded = fold(leadingText(body, 20000))
		}
		return bodyFolded
	}
	title := chooseTitle(hints.Title, m, base, lazyBody)
	author := chooseAuthor(hints.Author, m)

	// Dates come before pruning: they live in the chrome (bylines, mastheads).
	published := publishedAt(hints.Published, m, base, body, e.now())
	prune(body)
	blocks, byline := cleanBlocksByline(e.bodyBlocks(doc, body, base, len(raw)), title, author)
	blocks = dropNavigation(blocks)
	if author == "" {
		author = cleanAuthor(byline)
	}

	res := &Result{
		CanonicalURL: canonicalURL(base, m),
		Title:        title,
		Author:       author,
		PublishedAt:  published,
	}
	declared := m.htmlLang
	if declared == "" {
		declared = m.contentLang
	}
	if err := finish(res, blocks, declared, hints, base, m.images); err != nil {
		return nil, fmt.Errorf("extract: %s: %w", pageURL, err)
	}
	return res, nil
}

// maxAutoTrafilatura is the largest document ModeAuto hands to
// trafilatura: it costs ~0.5 s of CPU on a 1 MB page, where the fast pass
// takes ~40 ms, and pages that big are archives or live blogs, not
// articles whose boundaries need a second opinion.
const maxAutoTrafilatura = 1 << 20

// bodyBlocks runs the extractors in the order the mode asks for.
func (e *Extractor) bodyBlocks(doc, body *html.Node, base *url.URL, size int) []block {
	fast := func() ([]block, *fastSelection) {
		sel := fastSelect(body)
		c := newCollector(base)
		for _, n := range sel.nodes {
			c.node(n)
		}
		c.flush()
		return c.blocks, sel
	}
	switch e.Mode {
	case ModeFast:
		bs, _ := fast()
		return bs
	case ModeTrafilatura:
		tb := trafilaturaBlocks(doc, base)
		tr := textRunes(tb)
		if tr >= minFastRunes && chromeHits(tb) == 0 {
			return tb
		}
		// Too little, or chrome glued into the text: see what the fast
		// pass makes of the page.
		fb, _ := fast()
		if fr := textRunes(fb); (tr < minFastRunes && fr > tr) || (fr > 0 && chromeHits(fb) < chromeHits(tb)) {
			return fb
		}
		return tb
	}
	fb, sel := fast()
	if sel.sure() || size > maxAutoTrafilatura {
		return fb
	}
	tb := trafilaturaBlocks(doc, base)
	tr, fr := textRunes(tb), textRunes(fb)
	// Trafilatura sometimes returns menus, counters and footers glued to
	// the story in one block, which no block filter can take apart.
	if fr > 0 && chromeHits(tb) > chromeHits(fb) {
		return fb
	}
	// The fast pass found no story, and what trafilatura offers carries
	// several chrome markers: it is the page's furniture (sidebar, tools,
	// breadcrumbs) around an empty story, not an article.
	if fr == 0 && chromeHits(tb) >= 2 {
		return fb
	}
	// Both found the same story and the fast pass kept more of it
	// (trafilatura drops short lines and loose <br> text): keep ours.
	if fr > tr && covered(tb, fb) >= 0.8 {
		return fb
	}
	// Otherwise trafilatura is better at odd layouts; take it unless it
	// found next to nothing while the fast pass found an article.
	if tr >= minFastRunes || tr >= fr/2 {
		return tb
	}
	return fb
}

// dropNavigation removes blocks that are page furniture glued together:
// link-heavy text carrying chrome markers ("الأكثر قراءة", "انسخ رابط
// الخبر"). On a page whose story is nearly empty, the extractor's best
// candidate can be the layout cell holding sidebar, breadcrumbs and tools;
// without its navigation nothing is left, and finish reports ErrNoContent
// instead of storing the chrome as an article.
func dropNavigation(bs []block) []block {
	out := bs[:0]
	for i := range bs {
		b := &bs[i]
		if b.kind != kindImage && b.linkDensity() > 0.25 && chromeHits(bs[i:i+1]) > 0 {
			continue
		}
		out = append(out, *b)
	}
	return out
}

// covered is the share of a's text (by runes) found in b's text.
func covered(a, b []block) float64 {
	var all strings.Builder
	for i := range b {
		all.WriteString(b[i].text)
		all.WriteByte('\n')
	}
	hay := all.String()
	total, hit := 0, 0
	for i := range a {
		if a[i].kind == kindImage {
			continue
		}
		n := runeLen(a[i].text)
		total += n
		if strings.Contains(hay, a[i].text) {
			hit += n
		}
	}
	if total == 0 {
		return 0
	}
	return float64(hit) / float64(total)
}

func textRunes(bs []block) int {
	n := 0
	for i := range bs {
		if bs[i].kind != kindImage {
			n += runeLen(bs[i].text)
		}
	}
	return n
}

// FeedContent builds an article from a feed item's content HTML.
func (e *Extractor) FeedContent(pageURL, contentHTML string, hints Hints) (*Result, error) {
	base, err := parsePageURL(pageURL)
	if err != nil {
		return nil, err
	}
	if len(contentHTML) > MaxDocumentSize {
		return nil, fmt.Errorf("extract: %s: feed content of %d bytes: %w", pageURL, len(contentHTML), ErrTooLarge)
	}
	doc, err := html.Parse(strings.NewReader(contentHTML))
	if err != nil {
		return nil, fmt.Errorf("extract: %s: parse feed content: %w", pageURL, err)
	}
	var blocks []block
	if strings.ContainsRune(contentHTML, '<') {
		body := findBody(doc)
		prune(body)
		c := newCollector(base)
		c.collect(body)
		c.flush()
		blocks = c.blocks
	} else {
		// Plain-text content: lines are paragraphs.
		for _, line := range strings.Split(html.UnescapeString(contentHTML), "\n") {
			if line = normalizeSpace(line); hasLetterOrDigit(line) {
				blocks = append(blocks, block{kind: kindPara, text: line, inline: html.EscapeString(line)})
			}
		}
	}
	title := normalizeSpace(html.UnescapeString(hints.Title))
	author := cleanAuthor(hints.Author)
	res := &Result{
		CanonicalURL: base.String(),
		Title:        title,
		Author:       author,
	}
	if t := hints.Published; !t.IsZero() && !t.After(e.now()) {
		res.PublishedAt = t.UTC()
	}
	if err := finish(res, cleanBlocks(blocks, title, author), "", hints, base, nil); err != nil {
		return nil, fmt.Errorf("extract: %s: feed content: %w", pageURL, err)
	}
	return res, nil
}

// finish fills the body fields, language and image of a result from
// cleaned blocks, or reports ErrNoContent.
func finish(res *Result, blocks []block, declared string, hints Hints, base *url.URL, metaImages []string) error {
	var paras []string
	words := 0
	hasImage := false
	for i := range blocks {
		if blocks[i].kind == kindImage {
			hasImage = true
			continue
		}
		paras = append(paras, blocks[i].text)
		words += wordCount(blocks[i].text)
	}
	// A photo page has a caption or two and nothing else.
	if words < 12 || (len(paras) == 1 && words < 30 && hasImage) {
		return ErrNoContent
	}
	res.BodyText = strings.Join(paras, "\n\n")
	res.Language = chooseLanguage(res.BodyText, declared, hints.Language)
	res.BodyHTML = renderBlocks(blocks, res.Language)
	res.Excerpt = excerpt(res.BodyText)
	res.ImageURL = leadImage(base, metaImages, hints.ImageURL, blocks)
	return nil
}

// leadImage prefers the page's declared share image, then the feed's, then
// the first sizeable image in the article.
func leadImage(base *url.URL, metaImages []string, hint string, blocks []block) string {
	for _, c := range metaImages {
		if u := resolveURL(base, c); u != "" && !isTrackerImage(u, 0, 0) {
			return u
		}
	}
	if u := resolveURL(base, hint); u != "" && !isTrackerImage(u, 0, 0) {
		return u
	}
	for i := range blocks {
		b := &blocks[i]
		if b.kind != kindImage {
			continue
		}
		if (b.width > 0 && b.width < 200) || (b.height > 0 && b.height < 120) {
			continue
		}
		low := strings.ToLower(b.src)
		if strings.Contains(low, "logo") || strings.Contains(low, "icon") || strings.Contains(low, "avatar") ||
			strings.HasSuffix(low, ".svg") || strings.HasSuffix(low, ".gif") {
			continue
		}
		return b.src
	}
	return ""
}
