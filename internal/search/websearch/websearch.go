// Package websearch adapts search.Service to the reading site's
// web.Search interface: pages instead of offsets, removable filter chips,
// and notes in the reader's UI language.
package websearch

import (
	"context"
	"strings"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/search"
	"github.com/nashra/nashra/internal/web"
)

// Adapter implements web.Search over a search.Service.
type Adapter struct {
	Service *search.Service
	// SuggestLimit caps completions for the search box (8 when 0).
	SuggestLimit int
}

var _ web.Search = Adapter{}

// Search runs raw for the given UI language and 1-based page. The UI
// language steers only the notes' language; it never filters results (an
// Arabic reader may search English articles).
func (a Adapter) Search(ctx context.Context, raw, lang string, page, perPage int) (*web.SearchResults, error) {
	page = max(page, 1)
	if perPage <= 0 {
		perPage = search.DefaultLimit
	}
	res, err := a.Service.Search(ctx, raw, search.Options{Limit: perPage, Offset: (page - 1) * perPage})
	if err != nil {
		return nil, err
	}
	out := &web.SearchResults{
		Query:   raw,
		Total:   res.Total,
		Page:    page,
		PerPage: res.Limit,
		Hits:    make([]web.SearchHit, len(res.Hits)),
	}
	for i, h := range res.Hits {
		out.Hits[i] = web.SearchHit{Article: h.Article, TitleHTML: h.TitleHTML, SnippetHTML: h.SnippetHTML}
	}
	in := res.Interpretation
	if rewritten(raw, res) {
		out.Interpreted = pick(lang, in.Text, in.TextEn)
	}
	for _, r := range res.Parsed.Removables() {
		out.Chips = append(out.Chips, web.Chip{Kind: r.Kind, Value: r.Value, Remove: r.Remove})
	}
	for _, w := range in.Warnings {
		out.Notes = append(out.Notes, pick(lang, w.Text, w.TextEn))
	}
	if len(in.Ignored) > 0 && !in.Empty {
		out.Notes = append(out.Notes, pick(lang,
			"كلمات شائعة لم يُبحث بها: "+strings.Join(in.Ignored, "، "),
			"common words not searched for: "+strings.Join(in.Ignored, ", ")))
	}
	for _, s := range res.Suggestions {
		if s.Kind == "trending" {
			continue // the site shows trending hashtags itself
		}
		out.Suggestions = append(out.Suggestions, web.SearchSuggestion{Text: s.Text, Query: s.Query})
	}
	return out, nil
}

// rewritten reports whether the query was read as anything other than the
// plain words typed, so the page says how it was understood.
func rewritten(raw string, res *search.Results) bool {
	in := res.Interpretation
	if len(in.Warnings) > 0 || len(in.Ignored) > 0 || len(in.Phrases) > 0 || len(in.AnyOf) > 0 || len(in.Excluded) > 0 {
		return true
	}
	return res.Canonical != strings.Join(strings.Fields(raw), " ")
}

// Suggest completes the search box.
func (a Adapter) Suggest(ctx context.Context, prefix string) ([]news.Suggestion, error) {
	limit := a.SuggestLimit
	if limit <= 0 {
		limit = 8
	}
	return a.Service.Suggest(ctx, prefix, limit)
}

func pick(lang, ar, en string) string {
	if lang == "en" {
		return en
	}
	return ar
}
