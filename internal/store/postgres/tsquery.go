package postgres

import (
	"strings"

	"github.com/nashra/nashra/internal/news"
)

// tsqueryExpr translates the analysed query into a tsquery literal (cast
// with ::tsquery, see tsvectorLiteral): every token a quoted lexeme, so no
// user text is ever tsquery syntax; a phrase is lexemes joined by <->, a
// multi-token word an AND, clauses AND-ed, exclusions !-ed.
//
// It returns "" when the query has neither usable terms nor exclusions.
// hasPositive reports whether there is anything to match besides
// exclusions (PostgreSQL, unlike FTS5, can evaluate a pure negation).
func tsqueryExpr(q news.SearchQuery) (expr string, hasPositive bool) {
	var parts []string
	for _, c := range q.Clauses {
		var terms []string
		for _, t := range c.Any {
			if e := termQuery(t); e != "" {
				terms = append(terms, e)
			}
		}
		switch len(terms) {
		case 0:
		case 1:
			parts = append(parts, terms[0])
		default:
			parts = append(parts, "("+strings.Join(terms, " | ")+")")
		}
	}
	hasPositive = len(parts) > 0
	for _, t := range q.Exclude {
		if e := termQuery(t); e != "" {
			parts = append(parts, "!"+e)
		}
	}
	return strings.Join(parts, " & "), hasPositive
}

func termQuery(t news.QueryTerm) string {
	var toks []string
	for _, tok := range t.Tokens {
		for _, f := range strings.FieldsFunc(strings.ToLower(txt(tok)), isSeparator) {
			if len(f) <= maxLexeme {
				toks = append(toks, f)
			}
		}
	}
	if len(toks) == 0 {
		return ""
	}
	var b strings.Builder
	op := " & "
	if t.Phrase {
		op = " <-> "
	}
	if len(toks) > 1 {
		b.WriteByte('(')
	}
	for i, tok := range toks {
		if i > 0 {
			b.WriteString(op)
		}
		writeLexeme(&b, tok)
	}
	if len(toks) > 1 {
		b.WriteByte(')')
	}
	return b.String()
}
