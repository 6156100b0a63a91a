package cli

import (
	"context"
	"html/template"
	"strings"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/search"
	"github.com/nashra/nashra/internal/textar"
	"github.com/nashra/nashra/internal/web"
)

// analyzer connects the ingest pipeline to textar and the search index text.
type analyzer struct{}

func (analyzer) IndexDoc(a *news.Article) *news.IndexDoc { return search.IndexDoc(a) }
func (analyzer) DetectLanguage(s string) string          { return textar.DetectLanguage(s) }

// webSearch adapts the search service to the reading site.
type webSearch struct{ svc *search.Service }

func (w webSearch) Search(ctx context.Context, raw, lang string, page, perPage int) (*web.SearchResults, error) {
	if page < 1 {
		page = 1
	}
	res, err := w.svc.Search(ctx, raw, search.Options{Limit: perPage, Offset: (page - 1) * perPage})
	if err != nil {
		return nil, err
	}
	out := &web.SearchResults{Query: raw, Total: res.Total, Page: page, PerPage: perPage}
	if res.Canonical != strings.TrimSpace(raw) || len(res.Interpretation.Warnings) > 0 {
		out.Interpreted = res.Interpretation.Text
		if lang == "en" {
			out.Interpreted = res.Interpretation.TextEn
		}
	}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, web.SearchHit{Article: h.Article, TitleHTML: h.TitleHTML, SnippetHTML: h.SnippetHTML})
	}
	f := res.Interpretation.Filters
	chip := func(kind, label, token string) {
		out.Chips = append(out.Chips, web.Chip{Kind: kind, Label: label, Remove: removeToken(raw, token)})
	}
	for _, s := range f.Sources {
		chip("source", s, "source:"+s)
	}
	for _, l := range f.Langs {
		chip("lang", l, "lang:"+l)
	}
	for _, t := range f.Tags {
		chip("tag", "#"+t, "#"+t)
	}
	if f.AfterDate != "" {
		chip("after", f.AfterDate, "after:"+f.AfterDate)
	}
	if f.BeforeDate != "" {
		chip("before", f.BeforeDate, "before:"+f.BeforeDate)
	}
	for _, s := range res.Suggestions {
		if s.Query != "" && s.Query != raw {
			out.Suggestions = append(out.Suggestions, web.SearchSuggestion{Text: s.Text, Query: s.Query})
		}
	}
	for _, w := range res.Interpretation.Warnings {
		if lang == "en" {
			out.Notes = append(out.Notes, w.TextEn)
		} else {
			out.Notes = append(out.Notes, w.Text)
		}
	}
	return out, nil
}

// removeToken drops one filter from the raw query, in any of the spellings
// the parser accepts for it (tag:x and #x).
func removeToken(raw, token string) string {
	fields := strings.Fields(raw)
	alt := token
	if strings.HasPrefix(token, "#") {
		alt = "tag:" + token[1:]
	}
	out := fields[:0]
	for _, f := range fields {
		if strings.EqualFold(f, token) || strings.EqualFold(f, alt) {
			continue
		}
		out = append(out, f)
	}
	return strings.Join(out, " ")
}

func (w webSearch) Suggest(ctx context.Context, prefix string) ([]news.Suggestion, error) {
	return w.svc.Suggest(ctx, prefix, 8)
}

// apiSearch adapts the search service to the JSON API.
type apiSearch struct{ svc *search.Service }

type apiHit struct {
	ID          string        `json:"id"`
	URL         string        `json:"url"`
	Title       string        `json:"title"`
	TitleHTML   template.HTML `json:"title_html"`
	Source      string        `json:"source"`
	PublishedAt string        `json:"published_at"`
	Language    string        `json:"language"`
	Snippet     template.HTML `json:"snippet_html"`
	Hashtags    []string      `json:"hashtags"`
	StoryID     string        `json:"story_id,omitempty"`
	Score       float64       `json:"score"`
}

func (a apiSearch) SearchJSON(ctx context.Context, raw string, limit, offset int) (any, error) {
	res, err := a.svc.Search(ctx, raw, search.Options{Limit: limit, Offset: offset})
	if err != nil {
		return nil, err
	}
	hits := make([]apiHit, 0, len(res.Hits))
	for _, h := range res.Hits {
		tags := h.Article.Hashtags
		if tags == nil {
			tags = []string{}
		}
		hits = append(hits, apiHit{ID: h.Article.ID, URL: h.Article.URL, Title: h.Article.Title, TitleHTML: h.TitleHTML,
			Source: h.Article.SourceID, PublishedAt: h.Article.PublishedAt.UTC().Format("2006-01-02T15:04:05Z07:00"),
			Language: h.Article.Language, Snippet: h.SnippetHTML, Hashtags: tags, StoryID: h.Article.StoryID, Score: h.Score})
	}
	return struct {
		Query          string                `json:"query"`
		Canonical      string                `json:"canonical"`
		Interpretation search.Interpretation `json:"interpretation"`
		Total          int                   `json:"total"`
		Limit          int                   `json:"limit"`
		Offset         int                   `json:"offset"`
		Hits           []apiHit              `json:"hits"`
		Suggestions    []search.Suggestion   `json:"suggestions,omitempty"`
		TookMS         float64               `json:"took_ms"`
	}{res.Query, res.Canonical, res.Interpretation, res.Total, res.Limit, res.Offset, hits, res.Suggestions, res.TookMS}, nil
}

func (a apiSearch) SuggestJSON(ctx context.Context, prefix string, limit int) (any, error) {
	list, err := a.svc.Suggest(ctx, prefix, limit)
	if err != nil {
		return nil, err
	}
	type sugg struct {
		Kind  string `json:"kind"`
		Text  string `json:"text"`
		Value string `json:"value"`
	}
	out := make([]sugg, 0, len(list))
	for _, s := range list {
		out = append(out, sugg{s.Kind, s.Text, s.Value})
	}
	return struct {
		Query       string `json:"query"`
		Suggestions []sugg `json:"suggestions"`
	}{prefix, out}, nil
}
