package search

import (
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"log/slog"
	"time"

	"github.com/nashra/nashra/internal/news"
)

// Paging limits.
const (
	DefaultLimit = 10
	MaxLimit     = 100
	// CandidateWindow is how many BM25 candidates are re-ranked. Deeper
	// pages than MaxRerankDepth follow the store's order unchanged.
	CandidateWindow = 100
	MaxRerankDepth  = 1000
	MaxOffset       = 10000
)

// Service answers searches over a store's index.
type Service struct {
	store   news.Store
	now     func() time.Time
	sources sourceNames
	spell   spellCache
	log     *slog.Logger
}

// New returns a search service. now is the clock (time.Now when nil).
func New(store news.Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: store, now: now, log: slog.Default()}
}

// SetLogger sends the service's own warnings (a spelling dictionary that
// could not be built) to l instead of the default logger.
func (s *Service) SetLogger(l *slog.Logger) {
	if l != nil {
		s.log = l
	}
}

// Options page and restrict a search.
type Options struct {
	Limit  int
	Offset int
	// Lang restricts results to one language when the query has no lang:
	// filter of its own ("" for all).
	Lang string
}

// Results is one page of search results. It serialises directly as the
// API's response.
type Results struct {
	Query          string         `json:"query"`
	Canonical      string         `json:"canonical"` // the query as understood, re-runnable
	Interpretation Interpretation `json:"interpretation"`
	Parsed         Parsed         `json:"-"`
	Total          int            `json:"total"`
	Limit          int            `json:"limit"`
	Offset         int            `json:"offset"`
	Hits           []Hit          `json:"hits"`
	Suggestions    []Suggestion   `json:"suggestions,omitempty"`
	DidYouMean     *Correction    `json:"did_you_mean,omitempty"`
	TookMS         float64        `json:"took_ms"`
}

// Hit is one ranked article with its highlighted title and snippet.
type Hit struct {
	Article     news.Article
	Score       float64
	TitleHTML   template.HTML
	SnippetHTML template.HTML
}

// hitJSON is the API form of a hit: the article's public fields, not its
// full text.
type hitJSON struct {
	ID          string        `json:"id"`
	URL         string        `json:"url"`
	SourceID    string        `json:"source_id"`
	Title       string        `json:"title"`
	TitleHTML   template.HTML `json:"title_html"`
	SnippetHTML template.HTML `json:"snippet_html"`
	PublishedAt time.Time     `json:"published_at"`
	Language    string        `json:"language"`
	Author      string        `json:"author,omitempty"`
	ImageURL    string        `json:"image_url,omitempty"`
	StoryID     string        `json:"story_id,omitempty"`
	DuplicateOf string        `json:"duplicate_of,omitempty"`
	Hashtags    []string      `json:"hashtags,omitempty"`
	Score       float64       `json:"score"`
}

// MarshalJSON emits the article summary with the highlights.
func (h Hit) MarshalJSON() ([]byte, error) {
	a := h.Article
	return json.Marshal(hitJSON{
		ID: a.ID, URL: a.URL, SourceID: a.SourceID, Title: a.Title,
		TitleHTML: h.TitleHTML, SnippetHTML: h.SnippetHTML,
		PublishedAt: a.PublishedAt, Language: a.Language, Author: a.Author,
		ImageURL: a.ImageURL, StoryID: a.StoryID, DuplicateOf: a.DuplicateOf,
		Hashtags: a.Hashtags, Score: h.Score,
	})
}

// Search parses raw and returns one page of ranked, highlighted results. A
// query that cannot be searched is not an error: it yields no hits and an
// Interpretation that says why. Errors are store failures.
func (s *Service) Search(ctx context.Context, raw string, opts Options) (*Results, error) {
	started := time.Now()
	p := Parse(raw)
	if opts.Lang != "" && len(p.Filters.Langs) == 0 {
		p.Filters.Langs = []string{opts.Lang}
		p.Interpretation.Filters.Langs = p.Filters.Langs
	}
	if err := s.resolveSources(ctx, &p); err != nil {
		return nil, err
	}
	limit, offset := clampPage(opts.Limit, opts.Offset)
	res := &Results{
		Query: raw, Canonical: p.String(), Interpretation: p.Interpretation, Parsed: p,
		Limit: limit, Offset: offset, Hits: []Hit{},
	}
	defer func() { res.TookMS = float64(time.Since(started).Microseconds()) / 1000 }()
	if p.Empty() {
		sugg, err := s.zeroSuggestions(ctx, p)
		if err != nil {
			return nil, err
		}
		res.Suggestions = sugg
		return res, nil
	}

	page, total, err := s.rankedPage(ctx, p, limit, offset)
	if err != nil {
		return nil, err
	}
	res.Total = total
	if err := s.fillText(ctx, page); err != nil {
		return nil, err
	}
	tokens := p.Tokens()
	for _, r := range page {
		a := r.hit.Article
		lang := a.Language
		if lang == "" {
			lang = "ar"
		}
		res.Hits = append(res.Hits, Hit{
			Article:     a,
			Score:       r.score,
			TitleHTML:   Highlight(a.Title, lang, tokens),
			SnippetHTML: Snippet(a.BodyText, lang, tokens),
		})
	}
	if res.DidYouMean, err = s.didYouMean(ctx, p, total); err != nil {
		return nil, err
	}
	if total == 0 {
		sugg, err := s.zeroSuggestions(ctx, p)
		if err != nil {
			return nil, err
		}
		res.Suggestions = sugg
	}
	return res, nil
}

// rankedPage fetches candidates and returns the requested page of them.
func (s *Service) rankedPage(ctx context.Context, p Parsed, limit, offset int) ([]ranked, int, error) {
	relevance := p.Sort == SortRelevance && len(p.Clauses) > 0
	if !relevance || offset+limit > MaxRerankDepth {
		// Newest-first, filter-only and very deep pages: the store's order.
		r, err := s.store.Search(ctx, p.Query(limit, offset))
		if err != nil {
			return nil, 0, fmt.Errorf("search: %w", err)
		}
		out := make([]ranked, len(r.Hits))
		for i := range r.Hits {
			out[i] = ranked{hit: &r.Hits[i], score: r.Hits[i].Score}
		}
		return out, r.Total, nil
	}
	// Re-rank in blocks of CandidateWindow store positions: a candidate can
	// move within its block but never across, so page 11 continues page 10
	// exactly, whatever window each page needed.
	blocks := (offset + limit + CandidateWindow - 1) / CandidateWindow
	r, err := s.store.Search(ctx, p.Query(blocks*CandidateWindow, 0))
	if err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	now := s.now()
	all := make([]ranked, 0, len(r.Hits))
	for b := 0; b*CandidateWindow < len(r.Hits); b++ {
		block := r.Hits[b*CandidateWindow : min(len(r.Hits), (b+1)*CandidateWindow)]
		all = append(all, rerank(block, p, now)...)
	}
	if offset >= len(all) {
		return nil, r.Total, nil
	}
	return all[offset:min(len(all), offset+limit)], r.Total, nil
}

// fillText loads the full text of hits the index returned without it.
func (s *Service) fillText(ctx context.Context, page []ranked) error {
	var ids []string
	for _, r := range page {
		if r.hit.Article.BodyText == "" {
			ids = append(ids, r.hit.Article.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	full, err := s.store.ArticlesByID(ctx, ids)
	if err != nil {
		return fmt.Errorf("search: load hit text: %w", err)
	}
	byID := make(map[string]string, len(full))
	for _, a := range full {
		byID[a.ID] = a.BodyText
	}
	for i := range page {
		if page[i].hit.Article.BodyText == "" {
			page[i].hit.Article.BodyText = byID[page[i].hit.Article.ID]
		}
	}
	return nil
}

func clampPage(limit, offset int) (int, int) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	offset = min(max(offset, 0), MaxOffset)
	return limit, offset
}
