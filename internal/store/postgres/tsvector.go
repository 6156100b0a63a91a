package postgres

import (
	"strconv"
	"strings"

	"github.com/nashra/nashra/internal/news"
)

// maxPos is PostgreSQL's largest tsvector position; later tokens share it.
const maxPos = 16383

// maxLexeme keeps lexemes under PostgreSQL's 2 KiB limit (bytes).
const maxLexeme = 2000

// tsvectorLiteral renders the index document as a tsvector literal, cast
// with ::tsvector rather than built by to_tsvector: the parser of a text
// search configuration would re-tokenize the analysed tokens ("c++" → "c"),
// while the literal keeps every token exactly as the ingest pipeline
// produced it, as the SQLite store does. Weights: A title, B tags, C author
// and source, D body (PostgreSQL's default, left implicit). Each column
// starts a position gap after the previous one so a phrase can never match
// across two fields.
func tsvectorLiteral(d *news.IndexDoc) string {
	if d == nil {
		return ""
	}
	var b strings.Builder
	b.Grow(len(d.Title) + len(d.Body) + len(d.Tags) + 64 + len(d.Body)/2)
	pos := 1
	for _, c := range []struct {
		text   string
		weight string
	}{{d.Title, "A"}, {d.Tags, "B"}, {d.Author, "C"}, {d.Source, "C"}, {d.Body, ""}} {
		for _, tok := range strings.FieldsFunc(strings.ToLower(txt(c.text)), isSeparator) {
			if len(tok) > maxLexeme {
				continue
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			writeLexeme(&b, tok)
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(min(pos, maxPos)))
			b.WriteString(c.weight)
			pos++
		}
		pos++
	}
	return b.String()
}

// writeLexeme writes tok single-quoted with tsvector/tsquery escaping:
// quotes doubled, backslashes escaped.
func writeLexeme(b *strings.Builder, tok string) {
	b.WriteByte('\'')
	for _, r := range tok {
		switch r {
		case '\'':
			b.WriteString("''")
		case '\\':
			b.WriteString(`\\`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('\'')
}
