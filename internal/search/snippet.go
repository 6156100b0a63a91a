package search

import (
	"html"
	"html/template"
	"strings"
	"unicode/utf8"

	"github.com/nashra/nashra/internal/textar"
)

// SnippetRunes is the target length of a snippet.
const SnippetRunes = 220

// match is a byte range of the original text whose analysed form is a query
// token, and which token it was.
type match struct {
	start, end int
	stem       string
}

// findMatches analyses text and returns the spans whose stems are wanted.
// Offsets come from textar.Terms, so "وللوزارة" is found for the query
// "الوزاره" and highlighted as written.
func findMatches(text, lang string, want map[string]bool) []match {
	if len(want) == 0 || text == "" {
		return nil
	}
	var out []match
	for _, t := range textar.Terms(text, lang) {
		if t.Stop || !want[t.Stem] {
			continue
		}
		out = append(out, match{start: t.Start, end: t.End, stem: t.Stem})
	}
	return out
}

// Snippet returns the passage of text that best matches the query tokens,
// HTML-escaped, with matches wrapped in <mark>. The best passage is the
// window of about SnippetRunes with the most distinct query tokens (then
// the most matches); without matches it is the opening of the text.
func Snippet(text, lang string, tokens map[string]bool) template.HTML {
	return snippet(text, lang, tokens, SnippetRunes)
}

func snippet(text, lang string, tokens map[string]bool, maxRunes int) template.HTML {
	ms := findMatches(text, lang, tokens)
	start, end := bestWindow(text, ms, maxRunes)
	var b strings.Builder
	if start > 0 {
		b.WriteString("… ")
	}
	writeMarked(&b, text, start, end, ms)
	if end < len(text) {
		b.WriteString(" …")
	}
	return template.HTML(b.String())
}

// Highlight escapes all of text and marks the query tokens in it (titles).
func Highlight(text, lang string, tokens map[string]bool) template.HTML {
	var b strings.Builder
	writeMarked(&b, text, 0, len(text), findMatches(text, lang, tokens))
	return template.HTML(b.String())
}

// bestWindow picks the byte range [start, end) of the snippet.
func bestWindow(text string, ms []match, maxRunes int) (int, int) {
	if len(ms) == 0 {
		return 0, cutAfter(text, 0, maxRunes)
	}
	// Two pointers over the matches: for each first match i, extend j as far
	// as the window allows, keeping per-stem counts of ms[i..j].
	bestI, bestDistinct, bestCount := 0, -1, -1
	counts := map[string]int{}
	distinct := 0
	j := -1
	for i := range ms {
		if j < i {
			j = i
			counts[ms[i].stem]++
			if counts[ms[i].stem] == 1 {
				distinct++
			}
		}
		for j+1 < len(ms) && utf8.RuneCountInString(text[ms[i].start:ms[j+1].end]) <= maxRunes {
			j++
			counts[ms[j].stem]++
			if counts[ms[j].stem] == 1 {
				distinct++
			}
		}
		if distinct > bestDistinct || (distinct == bestDistinct && j-i+1 > bestCount) {
			bestI, bestDistinct, bestCount = i, distinct, j-i+1
		}
		counts[ms[i].stem]--
		if counts[ms[i].stem] == 0 {
			distinct--
		}
	}
	// Give the first match some lead-in, starting at a word boundary, and
	// prefer the start of its sentence when it is near.
	lead := maxRunes / 5
	start := ms[bestI].start
	for n := 0; start > 0 && n < lead; n++ {
		_, size := utf8.DecodeLastRuneInString(text[:start])
		prev := text[start-size : start]
		if prev == "." || prev == "\n" || prev == "؟" || prev == "!" || prev == "?" {
			break
		}
		start -= size
	}
	start = wordStart(text, start)
	return start, cutAfter(text, start, maxRunes)
}

// wordStart moves back to the beginning of the word containing i.
func wordStart(text string, i int) int {
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if r == ' ' || r == '\n' || r == '\t' {
			break
		}
		i -= size
	}
	for i < len(text) && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t') {
		i++
	}
	return i
}

// cutAfter returns the end of a span of at most maxRunes runes from start,
// ending at a word boundary when one is near.
func cutAfter(text string, start, maxRunes int) int {
	i, n := start, 0
	for i < len(text) && n < maxRunes {
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
		n++
	}
	if i >= len(text) {
		return len(text)
	}
	if k := strings.LastIndexAny(text[start:i], " \n\t"); k > 0 && i-(start+k) < 40 {
		return start + k
	}
	return i
}

// writeMarked writes text[start:end] HTML-escaped, with the matches inside
// it wrapped in <mark>, and paragraph breaks flattened to spaces.
func writeMarked(b *strings.Builder, text string, start, end int, ms []match) {
	pos := start
	for _, m := range ms {
		if m.start < pos || m.end > end {
			continue
		}
		writeText(b, text[pos:m.start])
		b.WriteString("<mark>")
		writeText(b, text[m.start:m.end])
		b.WriteString("</mark>")
		pos = m.end
	}
	writeText(b, text[pos:end])
}

func writeText(b *strings.Builder, s string) {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if strings.ContainsAny(s, "\n\r\t") {
		s = collapseSpace(s)
	}
	b.WriteString(html.EscapeString(s))
}

// collapseSpace turns runs of whitespace into one space, keeping a space at
// either edge so words beside a <mark> stay apart.
func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}
