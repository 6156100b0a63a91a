package web

import (
	"context"
	"html/template"

	"github.com/nashra/nashra/internal/news"
)

// Search is what the site needs from internal/search. raw is exactly what the
// reader typed (filters such as "source:okaz" or "#tag" included); lang is
// the UI language ("ar" or "en"), which may steer analysis and snippets;
// page counts from 1.
type Search interface {
	Search(ctx context.Context, raw string, lang string, page, perPage int) (*SearchResults, error)
	Suggest(ctx context.Context, prefix string) ([]news.Suggestion, error)
}

// SearchPage is another name for SearchResults, the name the brief uses.
type SearchPage = SearchResults

// SearchResults is one page of search results, filled by internal/search.
type SearchResults struct {
	Query       string // the raw query, as typed
	Interpreted string // how it was understood, e.g. `"أسعار النفط" · source:okaz`; empty to hide
	Total       int    // matches over all pages
	Page        int    // 1-based page this is
	PerPage     int
	Hits        []SearchHit
	Chips       []Chip             // active filters, each removable
	Notes       []string           // what the engine changed or ignored, in the UI language
	DidYouMean  string             // a corrected query worth offering, or ""
	Suggestions []SearchSuggestion // other queries to try when nothing matched
}

// SearchSuggestion is another query to offer: Text is shown, Query is run.
type SearchSuggestion struct {
	Text  string
	Query string
}

// SearchHit is one result.
type SearchHit struct {
	Article news.Article
	// TitleHTML and SnippetHTML carry <mark> around matched terms and are
	// otherwise escaped text; the search package guarantees that, and the
	// site re-sanitises them anyway before rendering.
	TitleHTML   template.HTML // optional: plain Article.Title is used when empty
	SnippetHTML template.HTML
}

// Chip is one active filter shown above the results.
type Chip struct {
	Kind   string // "source", "lang", "tag", "after", "before", "exclude", "sort"
	Value  string // the filter's value, e.g. the source ID "okaz"
	Label  string // what the reader sees; empty lets the site name it (sources, languages)
	Remove string // the full raw query without this filter
}
