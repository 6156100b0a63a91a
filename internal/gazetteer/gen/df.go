package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/textar"
)

// documentFrequencies counts, for every analysed term, the number of corpus
// articles containing it, keeping terms seen in at least minDF articles.
func documentFrequencies(recs []corpus.Record, minDF int) (map[string]int, int) {
	df := map[string]int{}
	seen := map[string]bool{}
	for _, r := range recs {
		clear(seen)
		lang := r.Language
		if lang == "" {
			lang = "ar"
		}
		for _, t := range textar.Analyze(r.Title+"\n"+r.Content, lang) {
			if !seen[t] {
				seen[t] = true
				df[t]++
			}
		}
	}
	for t, n := range df {
		if n < minDF {
			delete(df, t)
		}
	}
	return df, len(recs)
}

func writeDF(path string, df map[string]int, docs, minDF int) error {
	terms := make([]string, 0, len(df))
	for t := range df {
		terms = append(terms, t)
	}
	sort.Slice(terms, func(i, j int) bool {
		if df[terms[i]] != df[terms[j]] {
			return df[terms[i]] > df[terms[j]]
		}
		return terms[i] < terms[j]
	})
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write df prior: %w", err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "# nashra document-frequency prior: textar.Analyze terms of SaudiNewsNet (2015), df >= %d. Regenerate: go run ./internal/gazetteer/gen\n", minDF)
	fmt.Fprintf(w, "docs\t%d\n", docs)
	for _, t := range terms {
		fmt.Fprintf(w, "%s\t%d\n", t, df[t])
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("write df prior: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write df prior: %w", err)
	}
	return nil
}
