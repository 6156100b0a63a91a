package cli

import (
	"context"
	"sync"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/search"
	"github.com/nashra/nashra/internal/textar"
)

// analyzer connects the ingest pipeline to textar and the search index text.
// Source names go into the index so a reader finds an outlet by typing its
// name in either language.
type analyzer struct{}

func (analyzer) IndexDoc(art *news.Article) *news.IndexDoc {
	return search.IndexDoc(art, sourceNames(art.SourceID)...)
}

func (analyzer) DetectLanguage(s string) string { return textar.DetectLanguage(s) }

// sourceNameCache maps source IDs to their names for indexing; the process
// fills it from the store at start (learnSourceNames) and from the corpus
// outlet table for sources it has not seen.
var sourceNameCache sync.Map

func sourceNames(id string) []string {
	if v, ok := sourceNameCache.Load(id); ok {
		return v.([]string)
	}
	// Misses are not cached: a source added later (admin page, CLI) is
	// learned on the next start, and the corpus table covers the demo.
	if o, ok := corpus.Outlets[id]; ok {
		return []string{o.NameAr, o.NameEn}
	}
	return nil
}

// learnSourceNames loads every source's names from the store.
func learnSourceNames(ctx context.Context, st news.Store) {
	srcs, err := st.Sources(ctx)
	if err != nil {
		return
	}
	for _, s := range srcs {
		sourceNameCache.Store(s.ID, []string{s.NameAr, s.NameEn})
	}
}
