package story

import (
	"errors"
	"sync"
	"testing"

	"github.com/nashra/nashra/internal/corpus"
)

var (
	corpusOnce sync.Once
	corpusRecs []corpus.Record
	corpusErr  error
)

// loadCorpus reads SaudiNewsNet once per test binary.
func loadCorpus(t testing.TB) []corpus.Record {
	t.Helper()
	corpusOnce.Do(func() {
		dir, err := corpus.Locate("saudinewsnet", "")
		if err != nil {
			corpusErr = err
			return
		}
		corpusRecs, corpusErr = corpus.ReadDir(dir)
	})
	if errors.Is(corpusErr, corpus.ErrNotFound) {
		t.Skipf("SaudiNewsNet corpus not found: %v", corpusErr)
	}
	if corpusErr != nil {
		t.Fatal(corpusErr)
	}
	return corpusRecs
}
