package sqlite_test

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/textar"
)

var (
	corpusOnce     sync.Once
	corpusArticles []*news.Article
	corpusErr      error
)

// loadCorpus returns the SaudiNewsNet corpus as analysed articles, the way
// the ingest pipeline would hand them to the store. It skips the caller
// when the corpus is not on this machine.
func loadCorpus(tb testing.TB) []*news.Article {
	tb.Helper()
	corpusOnce.Do(func() {
		dir, err := corpus.Locate("saudinewsnet", "")
		if err != nil {
			corpusErr = err
			return
		}
		recs, err := corpus.ReadDir(dir)
		if err != nil {
			corpusErr = err
			return
		}
		seen := map[string]bool{}
		for _, r := range recs {
			if seen[r.URL] {
				continue
			}
			seen[r.URL] = true
			body := strings.Join(corpus.Paragraphs(r.Content), "\n\n")
			lang := r.Language
			if lang == "" {
				lang = "ar"
			}
			corpusArticles = append(corpusArticles, &news.Article{
				URL: r.URL, SourceID: r.Source, Title: r.Title, Author: r.Author,
				PublishedAt: r.Date.UTC(), Language: lang, BodyText: body,
				BodyHTML: "<p>" + strings.ReplaceAll(body, "\n\n", "</p><p>") + "</p>",
				Index: &news.IndexDoc{
					Title:  textar.AnalyzeText(r.Title, lang),
					Body:   textar.AnalyzeText(body, lang),
					Author: textar.AnalyzeText(r.Author, lang),
					Source: r.Source,
				},
			})
		}
	})
	if errors.Is(corpusErr, corpus.ErrNotFound) {
		tb.Skipf("SaudiNewsNet corpus not found: %v", corpusErr)
	}
	if corpusErr != nil {
		tb.Fatal(corpusErr)
	}
	return corpusArticles
}

// clone returns fresh copies, since upserts fill ID, hash and timestamps.
func clone(as []*news.Article) []*news.Article {
	out := make([]*news.Article, len(as))
	for i, a := range as {
		c := *a
		out[i] = &c
	}
	return out
}
