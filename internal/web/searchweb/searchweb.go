// Package searchweb adapts internal/search's Service to the reading site's
// web.Search interface: pages become offsets, the parsed filters become
// removable chips, and the engine's notes and suggestions are picked in the
// UI language.
package searchweb

import (
	"context"
	"fmt"
	"strings"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/search"
	"github.com/nashra/nashra/internal/web"
)

// suggestLimit is how many completions the search box offers.
const suggestLimit = 8

// Adapter is a web.Search over a search.Service.
type Adapter struct {
	svc *search.Service
}

var _ web.Search = (*Adapter)(nil)

// New wraps svc.
func New(svc *search.Service) *Adapter { return &Adapter{svc: svc} }

// Search runs raw for one page. The UI language does not restrict results:
// an Arabic reader may want the BBC's English report, and "lang:" in the
// query restricts explicitly.
func (a *Adapter) Search(ctx context.Context, raw, lang string, page, perPage int) (*web.SearchResults, error) {
	if page < 1 || perPage < 1 {
		return nil, news.Errorf(news.EINVALID, "page and page size must be positive")
	}
	res, err := a.svc.Search(ctx, raw, search.Options{Limit: perPage, Offset: (page - 1) * perPage})
	if err != nil {
		return nil, fmt.Errorf("searchweb: %w", err)
	}
	out := &web.SearchResults{
		Query:   raw,
		Total:   res.Total,
		Page:    page,
		PerPage: res.Limit,
	}
	in := res.Interpretation
	// Say how the query was understood only when that differs from what
	// was typed (stop words dropped, operators normalised, ...).
	if res.Canonical != "" && normSpace(res.Canonical) != normSpace(raw) {
		out.Interpreted = pick(lang, in.Text, in.TextEn)
		if out.Interpreted == "" {
			out.Interpreted = res.Canonical
		}
	}
	for _, w := range in.Warnings {
		if n := pick(lang, w.Text, w.TextEn); n != "" {
			out.Notes = append(out.Notes, n)
		}
	}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, web.SearchHit{Article: h.Article, TitleHTML: h.TitleHTML, SnippetHTML: h.SnippetHTML})
	}
	out.Chips = chips(res.Parsed)
	if c := res.DidYouMean; c != nil {
		out.DidYouMean = c.Query
	}
	for _, s := range res.Suggestions {
		if s.Query == "" || normSpace(s.Query) == normSpace(raw) || (res.DidYouMean != nil && s.Query == res.DidYouMean.Query) {
			continue
		}
		out.Suggestions = append(out.Suggestions, web.SearchSuggestion{Text: s.Text, Query: s.Query})
	}
	return out, nil
}

// Suggest completes what the reader is typing.
func (a *Adapter) Suggest(ctx context.Context, prefix string) ([]news.Suggestion, error) {
	list, err := a.svc.Suggest(ctx, prefix, suggestLimit)
	if err != nil {
		return nil, fmt.Errorf("searchweb: suggest: %w", err)
	}
	return list, nil
}

// chips lists each filter, exclusion and non-default sort of p with the
// canonical query that remains when it is removed.
func chips(p search.Parsed) []web.Chip {
	var out []web.Chip
	f := p.Filters
	for i, s := range f.Sources {
		q := p
		q.Filters.Sources = drop(f.Sources, i)
		out = append(out, web.Chip{Kind: "source", Value: s, Remove: q.String()})
	}
	for i, l := range f.Langs {
		q := p
		q.Filters.Langs = drop(f.Langs, i)
		out = append(out, web.Chip{Kind: "lang", Value: l, Remove: q.String()})
	}
	for i, t := range f.Tags {
		q := p
		q.Filters.Tags = drop(f.Tags, i)
		out = append(out, web.Chip{Kind: "tag", Value: t, Remove: q.String()})
	}
	if f.AfterDate != "" {
		q := p
		q.Filters.AfterDate = "" // String() writes dates from the typed form
		out = append(out, web.Chip{Kind: "after", Value: f.AfterDate, Label: "≥ " + f.AfterDate, Remove: q.String()})
	}
	if f.BeforeDate != "" {
		q := p
		q.Filters.BeforeDate = ""
		out = append(out, web.Chip{Kind: "before", Value: f.BeforeDate, Label: "< " + f.BeforeDate, Remove: q.String()})
	}
	for i, t := range p.Excluded {
		q := p
		q.Excluded = append(append([]search.Term(nil), p.Excluded[:i]...), p.Excluded[i+1:]...)
		out = append(out, web.Chip{Kind: "exclude", Value: t.Text, Remove: q.String()})
	}
	if p.Sort == search.SortNewest {
		q := p
		q.Sort = search.SortRelevance
		out = append(out, web.Chip{Kind: "sort", Value: "new", Remove: q.String()})
	}
	return out
}

// drop returns list without element i, leaving list untouched.
func drop(list []string, i int) []string {
	return append(append([]string(nil), list[:i]...), list[i+1:]...)
}

func normSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// pick chooses the text for the UI language, falling back to the other.
func pick(lang, ar, en string) string {
	if lang == "en" && en != "" {
		return en
	}
	if ar != "" {
		return ar
	}
	return en
}
