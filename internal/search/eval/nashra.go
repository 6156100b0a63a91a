package eval

import (
	"context"

	"github.com/nashra/nashra/internal/search"
)

// Nashra adapts search.Service to the Engine interface.
type Nashra struct {
	Service *search.Service
}

// Name identifies the engine in reports.
func (n Nashra) Name() string { return "nashra" }

// Top returns the URLs of the first page of k results.
func (n Nashra) Top(ctx context.Context, query string, k int) ([]string, error) {
	res, err := n.Service.Search(ctx, query, search.Options{Limit: k})
	if err != nil {
		return nil, err
	}
	out := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = h.Article.URL
	}
	return out, nil
}
