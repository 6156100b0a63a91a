package feed

import (
	"html"
	"net/url"
	"strings"

	xhtml "golang.org/x/net/html"
)

// plainText turns a title-like field into clean text: tags removed, entities
// decoded (some feeds double-escape), whitespace collapsed.
func plainText(s string) string {
	// Two passes: feeds that escape their markup once more than needed
	// ("&lt;b&gt;") reveal tags only after the first pass.
	for pass := 0; pass < 2 && strings.ContainsAny(s, "<&"); pass++ {
		s = stripTags(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

func stripTags(s string) string {
	var b strings.Builder
	z := xhtml.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return html.UnescapeString(b.String())
		case xhtml.TextToken:
			b.Write(z.Text())
		default:
			b.WriteByte(' ')
		}
	}
}

// textToHTML wraps plain text (JSON Feed content_text) as HTML paragraphs so
// ContentHTML is always HTML.
func textToHTML(s string) string {
	var b strings.Builder
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			b.WriteString("<p>")
			b.WriteString(html.EscapeString(p))
			b.WriteString("</p>")
		}
	}
	return b.String()
}

// absolute resolves ref against base; it returns ref unchanged when either
// does not parse, leaving the rejection to canon.Canonicalize.
func absolute(ref, base string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	b, err := url.Parse(strings.TrimSpace(base))
	if err != nil || base == "" {
		return ref
	}
	return b.ResolveReference(r).String()
}

// languageTag reduces "ar-SA" or "en_GB" to the ISO 639-1 code nashra uses.
func languageTag(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	if len(s) != 2 {
		return ""
	}
	return s
}
