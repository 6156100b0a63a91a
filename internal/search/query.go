package search

import "github.com/nashra/nashra/internal/news"

// Query translates the parsed query into the store's analysed form. Each
// alternative token sequence of a term becomes its own store term; a
// sequence of several tokens (a quoted phrase, or one typed word such as
// "B-52" that analyses into two tokens) must match as a phrase.
func (p Parsed) Query(limit, offset int) news.SearchQuery {
	q := news.SearchQuery{
		Sources:  p.Filters.Sources,
		Langs:    p.Filters.Langs,
		Tags:     p.Filters.Tags,
		After:    p.Filters.After,
		Before:   p.Filters.Before,
		Limit:    limit,
		Offset:   offset,
		ByNewest: p.Sort == SortNewest,
	}
	for _, c := range p.Clauses {
		var qc news.QueryClause
		for _, t := range c.Any {
			qc.Any = append(qc.Any, storeTerms(t)...)
		}
		q.Clauses = append(q.Clauses, qc)
	}
	for _, t := range p.Excluded {
		q.Exclude = append(q.Exclude, storeTerms(t)...)
	}
	return q
}

func storeTerms(t Term) []news.QueryTerm {
	out := make([]news.QueryTerm, 0, len(t.Tokens))
	for _, alt := range t.Tokens {
		out = append(out, news.QueryTerm{Tokens: alt, Phrase: len(alt) > 1})
	}
	return out
}

// countQuery is the cheapest store query whose Total says how many
// articles p matches: one newest hit, so the store skips relevance scoring.
// Suggestions and corrections only compare totals.
func (p Parsed) countQuery() news.SearchQuery {
	q := p.Query(1, 0)
	q.ByNewest = true
	return q
}
