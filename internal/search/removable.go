package search

// Removable is one filter or exclusion of a query, with the whole query
// without it, so a page can show it as a chip the reader can remove.
type Removable struct {
	Kind   string `json:"kind"` // "source", "lang", "tag", "after", "before", "exclude", "sort"
	Value  string `json:"value"`
	Remove string `json:"remove"` // the canonical query without it
}

// Removables lists the query's filters and exclusions in display order.
func (p Parsed) Removables() []Removable {
	var out []Removable
	add := func(kind, value string, without func(*Parsed)) {
		q := p
		q.Filters.Sources = append([]string(nil), p.Filters.Sources...)
		q.Filters.Langs = append([]string(nil), p.Filters.Langs...)
		q.Filters.Tags = append([]string(nil), p.Filters.Tags...)
		q.Excluded = append([]Term(nil), p.Excluded...)
		without(&q)
		out = append(out, Removable{Kind: kind, Value: value, Remove: q.String()})
	}
	for i, s := range p.Filters.Sources {
		add("source", s, func(q *Parsed) { q.Filters.Sources = remove(q.Filters.Sources, i) })
	}
	for i, l := range p.Filters.Langs {
		add("lang", l, func(q *Parsed) { q.Filters.Langs = remove(q.Filters.Langs, i) })
	}
	for i, t := range p.Filters.Tags {
		add("tag", t, func(q *Parsed) { q.Filters.Tags = remove(q.Filters.Tags, i) })
	}
	if p.Filters.AfterDate != "" {
		add("after", p.Filters.AfterDate, func(q *Parsed) { q.Filters.AfterDate = "" })
	}
	if p.Filters.BeforeDate != "" {
		add("before", p.Filters.BeforeDate, func(q *Parsed) { q.Filters.BeforeDate = "" })
	}
	for i, t := range p.Excluded {
		add("exclude", t.Text, func(q *Parsed) { q.Excluded = append(q.Excluded[:i:i], q.Excluded[i+1:]...) })
	}
	if p.Sort == SortNewest {
		add("sort", SortNewest, func(q *Parsed) { q.Sort = SortRelevance })
	}
	return out
}

func remove(list []string, i int) []string {
	return append(list[:i:i], list[i+1:]...)
}
