// Package eval measures nashra's search against a plain SQLite FTS5 index
// over the raw text, on judged SaudiNewsNet queries (queries.jsonl).
package eval

import (
	"context"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/search"
)

// Import stores records with their index documents (search.IndexDoc) in
// batches, creating their sources first.
func Import(ctx context.Context, st news.Store, records []corpus.Record, batch int) error {
	_, err := search.Load(ctx, st, func(fn func(corpus.Record) error) error {
		for _, r := range records {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	}, batch, nil)
	return err
}
