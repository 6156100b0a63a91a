package search

import "strings"

// interpret describes a parsed query for the reader and for API clients.
func interpret(p Parsed, ignored []string, stopOnly bool, warns []Warning) Interpretation {
	in := Interpretation{
		Ignored:  ignored,
		Filters:  p.Filters,
		Sort:     p.Sort,
		Warnings: warns,
		Empty:    p.Empty(),
	}
	var ar, en []string
	for _, c := range p.Clauses {
		if len(c.Any) > 1 {
			group := make([]string, len(c.Any))
			for i, t := range c.Any {
				group[i] = t.Text
			}
			in.AnyOf = append(in.AnyOf, group)
			ar = append(ar, "("+joinQuoted(group, "«", "»", " أو ")+")")
			en = append(en, "("+joinQuoted(group, `"`, `"`, " OR ")+")")
			continue
		}
		t := c.Any[0]
		if t.Phrase {
			in.Phrases = append(in.Phrases, t.Text)
			ar = append(ar, "العبارة «"+t.Text+"»")
			en = append(en, `the phrase "`+t.Text+`"`)
		} else {
			in.Terms = append(in.Terms, t.Text)
			ar = append(ar, "«"+t.Text+"»")
			en = append(en, `"`+t.Text+`"`)
		}
	}
	var arParts, enParts []string
	if len(ar) > 0 {
		arParts = append(arParts, "مقالات فيها "+strings.Join(ar, " و"))
		enParts = append(enParts, "articles with "+strings.Join(en, " AND "))
	} else if !in.Empty {
		arParts = append(arParts, "كل المقالات")
		enParts = append(enParts, "all articles")
	}
	if len(p.Excluded) > 0 {
		ex := make([]string, len(p.Excluded))
		for i, t := range p.Excluded {
			ex[i] = t.Text
		}
		in.Excluded = ex
		arParts = append(arParts, "دون "+joinQuoted(ex, "«", "»", " أو "))
		enParts = append(enParts, "without "+joinQuoted(ex, `"`, `"`, " or "))
	}
	f := p.Filters
	if len(f.Sources) > 0 {
		arParts = append(arParts, "من "+strings.Join(f.Sources, " أو "))
		enParts = append(enParts, "from "+strings.Join(f.Sources, " or "))
	}
	if len(f.Langs) > 0 {
		arParts = append(arParts, "باللغة "+strings.Join(f.Langs, " أو "))
		enParts = append(enParts, "in "+strings.Join(f.Langs, " or "))
	}
	if len(f.Tags) > 0 {
		arParts = append(arParts, "بالوسم #"+strings.Join(f.Tags, " و#"))
		enParts = append(enParts, "tagged #"+strings.Join(f.Tags, " and #"))
	}
	if f.AfterDate != "" {
		arParts = append(arParts, "منذ "+f.AfterDate)
		enParts = append(enParts, "on or after "+f.AfterDate)
	}
	if f.BeforeDate != "" {
		arParts = append(arParts, "قبل "+f.BeforeDate)
		enParts = append(enParts, "before "+f.BeforeDate)
	}
	if p.Sort == SortNewest {
		arParts = append(arParts, "الأحدث أولاً")
		enParts = append(enParts, "newest first")
	}
	switch {
	case in.Empty && stopOnly:
		in.Text = "لا شيء للبحث: كل الكلمات شائعة جداً"
		in.TextEn = "nothing to search: every word is too common"
	case in.Empty:
		in.Text = "لا شيء للبحث"
		in.TextEn = "nothing to search"
	default:
		in.Text = strings.Join(arParts, "، ")
		in.TextEn = strings.Join(enParts, ", ")
	}
	return in
}

func joinQuoted(list []string, open, close, sep string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = open + s + close
	}
	return strings.Join(q, sep)
}
