// Package eval measures nashra's search against a plain SQLite FTS5 index
// over the raw text, on judged SaudiNewsNet queries (queries.jsonl).
package eval

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/search"
)

// Article builds the stored article of a corpus record, with its index
// document from search.IndexDoc.
func Article(r corpus.Record) *news.Article {
	lang := r.Language
	if lang == "" {
		lang = "ar"
	}
	a := &news.Article{
		ID:          news.ArticleID(r.URL),
		URL:         r.URL,
		SourceID:    r.Source,
		Category:    r.Category,
		Title:       r.Title,
		Author:      r.Author,
		PublishedAt: r.Date,
		FetchedAt:   r.Date,
		UpdatedAt:   r.Date,
		Language:    lang,
		BodyText:    strings.Join(corpus.Paragraphs(r.Content), "\n\n"),
	}
	a.ContentHash = news.ContentHash(a.Title, a.BodyText)
	a.Index = search.IndexDoc(a)
	return a
}

// Import stores records in batches, creating their sources first.
func Import(ctx context.Context, st news.Store, records []corpus.Record, batch int) error {
	if batch <= 0 {
		batch = 500
	}
	seen := map[string]bool{}
	for _, r := range records {
		if seen[r.Source] {
			continue
		}
		seen[r.Source] = true
		o := corpus.OutletFor(r.Source)
		lang := r.Language
		if lang == "" {
			lang = "ar"
		}
		src := &news.Source{ID: o.Code, NameAr: o.NameAr, NameEn: o.NameEn, HomeURL: "https://" + o.Domain + "/", Language: lang}
		if err := st.PutSource(ctx, src); err != nil {
			return fmt.Errorf("eval: put source %s: %w", o.Code, err)
		}
	}
	// Analysis dominates import time and is independent per article, so
	// it runs on every core while the store writes the previous batch.
	type chunk struct {
		start int
		as    []*news.Article
	}
	chunks := make(chan chunk, 2)
	go func() {
		defer close(chunks)
		for i := 0; i < len(records); i += batch {
			end := min(i+batch, len(records))
			as := make([]*news.Article, end-i)
			var wg sync.WaitGroup
			workers := runtime.GOMAXPROCS(0)
			for w := 0; w < workers; w++ {
				wg.Add(1)
				go func(w int) {
					defer wg.Done()
					for k := w; k < len(as); k += workers {
						as[k] = Article(records[i+k])
					}
				}(w)
			}
			wg.Wait()
			select {
			case chunks <- chunk{start: i, as: as}:
			case <-ctx.Done():
				return
			}
		}
	}()
	for c := range chunks {
		if _, err := st.UpsertArticles(ctx, c.as); err != nil {
			for range chunks { // let the producer finish
			}
			return fmt.Errorf("eval: import records %d-%d: %w", c.start, c.start+len(c.as), err)
		}
	}
	return ctx.Err()
}
