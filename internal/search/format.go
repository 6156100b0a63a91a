package search

import "strings"

// String renders the parsed query back in the query language, canonically:
// what the parser understood, re-runnable. Suggestions are built from it.
func (p Parsed) String() string {
	var parts []string
	prevBare := ""
	for _, c := range p.Clauses {
		alts := make([]string, len(c.Any))
		for i, t := range c.Any {
			alts[i] = formatTerm(t)
		}
		// Two bare words the tokenizer would join ("B" "52", once a stop
		// word between them is gone) must stay apart: quote the second.
		if len(alts) == 1 && prevBare != "" && alts[0] == c.Any[0].Text && mergesWith(prevBare, alts[0]) {
			alts[0] = `"` + alts[0] + `"`
		}
		prevBare = ""
		if len(alts) == 1 && alts[0] == c.Any[0].Text {
			prevBare = alts[0]
		}
		parts = append(parts, strings.Join(alts, " OR "))
	}
	for _, t := range p.Excluded {
		parts = append(parts, "-"+formatTerm(t))
	}
	f := p.Filters
	for _, s := range f.Sources {
		parts = append(parts, "source:"+quoteValue(s))
	}
	for _, l := range f.Langs {
		parts = append(parts, "lang:"+l)
	}
	for _, t := range f.Tags {
		parts = append(parts, "tag:"+quoteValue(t))
	}
	if f.AfterDate != "" {
		parts = append(parts, "after:"+f.AfterDate)
	}
	if f.BeforeDate != "" {
		parts = append(parts, "before:"+f.BeforeDate)
	}
	if p.Sort == SortNewest {
		parts = append(parts, "sort:new")
	}
	return strings.Join(parts, " ")
}

// formatTerm writes a term so that it lexes back as itself: bare when it
// is one plain word, quoted otherwise (phrases, words the analyser joined
// such as "بي 52", and words that would read as operators or filters).
// Quotes cannot occur inside a term's text.
func formatTerm(t Term) string {
	if !t.Phrase {
		lx := lex(t.Text)
		if len(lx.items) == 1 && lx.items[0].kind == itemWord && !lx.items[0].neg && lx.items[0].text == t.Text {
			return t.Text
		}
	}
	return `"` + t.Text + `"`
}

// without returns a copy of p without clause i.
func (p Parsed) without(i int) Parsed {
	q := p
	q.Clauses = append(append([]Clause(nil), p.Clauses[:i]...), p.Clauses[i+1:]...)
	return q
}

// quoteValue quotes a filter value that would not survive as one chunk.
func quoteValue(v string) string {
	if strings.ContainsFunc(v, func(r rune) bool { return isSeparator(r) || r == ',' }) {
		return `"` + v + `"`
	}
	return v
}

func mergesWith(a, b string) bool {
	return len(mergeSpanning([]item{{kind: itemWord, text: a}, {kind: itemWord, text: b}})) == 1
}
