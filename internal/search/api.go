package search

import (
	"context"
	"time"
)

// SearchJSON answers GET /api/v1/search: the Results page, which
// serialises as the response body. It makes *Service an api.Searcher.
func (s *Service) SearchJSON(ctx context.Context, raw string, limit, offset int) (any, error) {
	return s.Search(ctx, raw, Options{Limit: limit, Offset: offset})
}

// SuggestItem is one completion as the API serialises it.
type SuggestItem struct {
	Kind  string `json:"kind"` // "title", "source", "hashtag"
	Text  string `json:"text"`
	Value string `json:"value"`
}

// SuggestResponse is the body of GET /api/v1/suggest.
type SuggestResponse struct {
	Query       string        `json:"query"`
	Suggestions []SuggestItem `json:"suggestions"`
	TookMS      float64       `json:"took_ms"`
}

// SuggestJSON answers GET /api/v1/suggest.
func (s *Service) SuggestJSON(ctx context.Context, prefix string, limit int) (any, error) {
	start := time.Now()
	list, err := s.Suggest(ctx, prefix, limit)
	if err != nil {
		return nil, err
	}
	out := SuggestResponse{Query: prefix, Suggestions: make([]SuggestItem, len(list))}
	for i, sg := range list {
		out.Suggestions[i] = SuggestItem{Kind: sg.Kind, Text: sg.Text, Value: sg.Value}
	}
	out.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return out, nil
}
