package sqlite

import (
	"strings"
	"unicode/utf8"

	"github.com/nashra/nashra/internal/news"
)

// matchExpr translates the analysed query into an FTS5 MATCH expression.
// Every token is emitted as a double-quoted FTS5 string (embedded quotes
// doubled), so nothing a reader typed can become FTS5 syntax: `NEAR(`,
// `*`, `AND`, `-` or `^` are just characters of a token.
//
// include is the positive part, "" when no clause has a usable term;
// exclude is an OR of the excluded terms, "" when there are none.
func matchExpr(q news.SearchQuery) (include, exclude string) {
	var clauses []string
	for _, c := range q.Clauses {
		var terms []string
		for _, t := range c.Any {
			if e := termExpr(t); e != "" {
				terms = append(terms, e)
			}
		}
		switch len(terms) {
		case 0:
			// A clause whose words were all stop words constrains nothing.
		case 1:
			clauses = append(clauses, terms[0])
		default:
			clauses = append(clauses, "("+strings.Join(terms, " OR ")+")")
		}
	}
	include = strings.Join(clauses, " AND ")
	var excl []string
	for _, t := range q.Exclude {
		if e := termExpr(t); e != "" {
			excl = append(excl, e)
		}
	}
	if len(excl) == 1 {
		exclude = excl[0]
	} else if len(excl) > 1 {
		exclude = "(" + strings.Join(excl, " OR ") + ")"
	}
	return include, exclude
}

// termExpr renders one term: a phrase as one quoted string (FTS5 tokenizes
// it into adjacent tokens), a multi-token word as an AND of its tokens.
func termExpr(t news.QueryTerm) string {
	toks := make([]string, 0, len(t.Tokens))
	for _, tok := range t.Tokens {
		if tok = cleanToken(tok); tok != "" {
			toks = append(toks, tok)
		}
	}
	switch {
	case len(toks) == 0:
		return ""
	case len(toks) == 1:
		return quote(toks[0])
	case t.Phrase:
		return quote(strings.Join(toks, " "))
	}
	for i, tok := range toks {
		toks[i] = quote(tok)
	}
	return "(" + strings.Join(toks, " AND ") + ")"
}

// cleanToken drops what the index tokenizer treats as separators, so a
// token that is nothing but separators does not become an empty phrase.
func cleanToken(tok string) string {
	return strings.Join(strings.FieldsFunc(validUTF8(tok), isSeparator), " ")
}

// validUTF8 drops invalid bytes. Analysed text is always valid, but a
// stray byte must mean the same thing on the indexing and the query side,
// and SQLite's tokenizer and Go's decoder do not agree on invalid input.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "")
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
