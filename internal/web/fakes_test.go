package web

import (
	"context"
	"html/template"
	"io"
	"log/slog"
	"strings"

	"github.com/nashra/nashra/internal/news"
)

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// fakeSearch stands in for internal/search: a title substring match over
// the store's newest articles, with <mark> highlighting, so the search page
// can be tested before (and independently of) the real engine.
type fakeSearch struct {
	store news.Store
}

func (f *fakeSearch) Search(ctx context.Context, raw, lang string, page, perPage int) (*SearchResults, error) {
	list, err := f.store.Articles(ctx, news.ArticleFilter{Limit: 1000})
	if err != nil {
		return nil, err
	}
	q := strings.TrimSpace(raw)
	res := &SearchResults{Query: raw, Page: page, PerPage: perPage}
	if strings.HasPrefix(q, "source:") {
		parts := strings.SplitN(q, " ", 2)
		res.Chips = append(res.Chips, Chip{Kind: "source", Value: strings.TrimPrefix(parts[0], "source:"), Remove: strings.Join(parts[1:], " ")})
		q = strings.Join(parts[1:], " ")
	}
	var hits []SearchHit
	for _, a := range list {
		if q != "" && strings.Contains(a.Title, q) {
			esc := template.HTMLEscapeString(a.Title)
			hl := strings.ReplaceAll(esc, template.HTMLEscapeString(q), "<mark>"+template.HTMLEscapeString(q)+"</mark>")
			hits = append(hits, SearchHit{Article: a, TitleHTML: template.HTML(hl), SnippetHTML: template.HTML(template.HTMLEscapeString(a.Excerpt))})
		}
	}
	res.Total = len(hits)
	start := (page - 1) * perPage
	if start < len(hits) {
		res.Hits = hits[start:min(len(hits), start+perPage)]
	}
	if res.Total == 0 {
		res.DidYouMean = "أوبك"
		res.Suggestions = []SearchSuggestion{{Text: "النفط", Query: "النفط"}, {Text: "#الهلال", Query: "#الهلال"}}
	}
	return res, nil
}

func (f *fakeSearch) Suggest(ctx context.Context, prefix string) ([]news.Suggestion, error) {
	return []news.Suggestion{{Kind: "title", Text: prefix + " النفط", Value: "x"}, {Kind: "hashtag", Text: "أوبك", Value: "أوبك"}}, nil
}
