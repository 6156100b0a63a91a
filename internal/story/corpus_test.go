package story

import (
	"errors"
	"os"
	"strconv"
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

func TestCorpusReplay(t *testing.T) {
	if os.Getenv("NASHRA_DEBUG_REPLAY") == "" {
		t.Skip("debug replay: set NASHRA_DEBUG_REPLAY=1")
	}
	recs := loadCorpus(t)
	if n, _ := strconv.Atoi(os.Getenv("NASHRA_DEBUG_REPLAY")); n > 1 && n < len(recs) {
		recs = recs[:n]
	}
	res := Bench(recs, BenchOptions{Progress: os.Stderr})
	t.Log(res.String())
}
