package textar

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/corpus"
)

var (
	corpusOnce sync.Once
	arRecords  []corpus.Record
	enRecords  []corpus.Record
	corpusErr  error
)

// loadCorpora reads SaudiNewsNet and BBC once per test binary, skipping the
// caller only when the corpora are not on this machine.
func loadCorpora(tb testing.TB) ([]corpus.Record, []corpus.Record) {
	tb.Helper()
	corpusOnce.Do(func() {
		dir, err := corpus.Locate("saudinewsnet", "")
		if err != nil {
			corpusErr = err
			return
		}
		if arRecords, err = corpus.ReadDir(dir); err != nil {
			corpusErr = err
			return
		}
		bdir, err := corpus.Locate("bbc-news", "")
		if err != nil {
			corpusErr = err
			return
		}
		enRecords, corpusErr = corpus.ReadBBC(bdir, time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC))
	})
	if errors.Is(corpusErr, corpus.ErrNotFound) {
		tb.Skipf("corpus not available: %v", corpusErr)
	}
	if corpusErr != nil {
		tb.Fatal(corpusErr)
	}
	return arRecords, enRecords
}
