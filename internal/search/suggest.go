package search

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/textar"
)

// Suggestion is a query worth trying when a search found nothing.
type Suggestion struct {
	// Kind: "drop_term" (the query without its rarest-blocking word),
	// "drop_filters", "drop_exclusions", "completion" or "trending".
	Kind  string `json:"kind"`
	Text  string `json:"text"`  // what to show
	Query string `json:"query"` // what to search
	Total int    `json:"total,omitempty"`
}

// Suggestion tuning.
const (
	maxDropProbes   = 5
	maxSuggestions  = 6
	trendingWindow  = 48 * time.Hour
	suggestMaxRunes = 64
)

// zeroSuggestions proposes queries that will find something: the query
// without a filter, without its exclusions, without one word (the word
// whose removal finds the most), completions, and trending hashtags.
func (s *Service) zeroSuggestions(ctx context.Context, p Parsed) ([]Suggestion, error) {
	var out []Suggestion
	try := func(kind, text string, q Parsed) error {
		if q.Empty() || len(out) >= maxSuggestions {
			return nil
		}
		r, err := s.store.Search(ctx, q.countQuery())
		if err != nil {
			return fmt.Errorf("search: suggestion probe: %w", err)
		}
		if r.Total > 0 {
			out = append(out, Suggestion{Kind: kind, Text: text, Query: q.String(), Total: r.Total})
		}
		return nil
	}
	if len(p.Clauses) > 0 {
		if p.Filters.any() {
			q := p
			q.Filters = Filters{}
			if err := try("drop_filters", q.String(), q); err != nil {
				return nil, err
			}
		}
		if len(p.Excluded) > 0 {
			q := p
			q.Excluded = nil
			if err := try("drop_exclusions", q.String(), q); err != nil {
				return nil, err
			}
		}
		if n := len(p.Clauses); n > 1 {
			// The clause whose removal finds the most is the one that blocked
			// the query: usually the rarest or a misspelled word.
			best := Suggestion{}
			for i := 0; i < n && i < maxDropProbes; i++ {
				q := p.without(i)
				r, err := s.store.Search(ctx, q.countQuery())
				if err != nil {
					return nil, fmt.Errorf("search: suggestion probe: %w", err)
				}
				if r.Total > best.Total {
					best = Suggestion{Kind: "drop_term", Text: q.String(), Query: q.String(), Total: r.Total}
				}
			}
			if best.Total > 0 {
				out = append(out, best)
			}
		}
		// Completions of the last word typed: a half-typed or misspelled
		// ending often completes to a title.
		last := p.Clauses[len(p.Clauses)-1].Any[0].Text
		if utf8.RuneCountInString(last) >= 3 {
			comps, err := s.Suggest(ctx, last, 3)
			if err != nil {
				return nil, err
			}
			for _, c := range comps {
				if c.Kind == "hashtag" {
					out = append(out, Suggestion{Kind: "completion", Text: "#" + c.Value, Query: "#" + c.Value})
				} else {
					out = append(out, Suggestion{Kind: "completion", Text: c.Text, Query: c.Text})
				}
			}
		}
	}
	tags, err := s.store.TrendingHashtags(ctx, s.now(), trendingWindow, 3)
	if err != nil {
		return nil, fmt.Errorf("search: trending hashtags: %w", err)
	}
	for _, t := range tags {
		out = append(out, Suggestion{Kind: "trending", Text: "#" + t.Tag, Query: "#" + t.Tag, Total: t.Recent})
	}
	if len(out) > maxSuggestions {
		out = out[:maxSuggestions]
	}
	return out, nil
}

// Suggest completes what the reader is typing from titles, sources and
// hashtags. The prefix is cleaned and normalised like a query, so "الأمي"
// and "الامي" complete alike.
func (s *Service) Suggest(ctx context.Context, prefix string, limit int) ([]news.Suggestion, error) {
	clean, _ := cleanQuery(prefix)
	clean = strings.TrimLeft(strings.TrimSpace(clean), "#＃-+\"“”«»")
	if utf8.RuneCountInString(clean) > suggestMaxRunes {
		clean = string([]rune(clean)[:suggestMaxRunes])
	}
	norm := textar.Normalize(clean)
	if strings.TrimSpace(norm) == "" {
		return []news.Suggestion{}, nil
	}
	if limit <= 0 {
		limit = 8
	}
	limit = min(limit, 20)
	out, err := s.store.Suggest(ctx, norm, limit)
	if err != nil {
		return nil, fmt.Errorf("search: suggest: %w", err)
	}
	if out == nil {
		out = []news.Suggestion{}
	}
	return out, nil
}
