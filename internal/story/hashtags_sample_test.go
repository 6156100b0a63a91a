package story

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestPrintHashtagSample prints a fixed random sample of corpus articles
// (title and opening) for a human to label into
// testdata/eval/hashtags.jsonl; it runs only with NASHRA_HASHTAG_SAMPLE set
// to the sample's seed (1: the first batch of 30, 2: the second).
func TestPrintHashtagSample(t *testing.T) {
	if os.Getenv("NASHRA_HASHTAG_SAMPLE") == "" {
		t.Skip("set NASHRA_HASHTAG_SAMPLE=1 to print the labelling sample")
	}
	recs := loadCorpus(t)
	seed, err := strconv.ParseUint(os.Getenv("NASHRA_HASHTAG_SAMPLE"), 10, 64)
	if err != nil {
		t.Fatalf("NASHRA_HASHTAG_SAMPLE: %v", err)
	}
	rng := rand.New(rand.NewPCG(2026, 10+seed))
	used := map[int]bool{}
	for n := 0; n < 30; {
		i := rng.IntN(len(recs))
		if used[i] || len(strings.Fields(recs[i].Content)) < minCoverageWords {
			continue
		}
		used[i] = true
		body := []rune(strings.Join(strings.Fields(recs[i].Content), " "))
		if len(body) > 900 {
			body = body[:900]
		}
		fmt.Printf("H%d %s\n  %s\n  %s\n\n", n, recs[i].URL, recs[i].Title, string(body))
		n++
	}
}

// TestPrintHashtags replays the corpus and prints the hashtags of the
// full-text labelled articles next to their labels, for inspection; it
// runs only with NASHRA_PRINT_HASHTAGS set.
func TestPrintHashtags(t *testing.T) {
	if os.Getenv("NASHRA_PRINT_HASHTAGS") == "" {
		t.Skip("set NASHRA_PRINT_HASHTAGS=1 to print the labelled articles' hashtags")
	}
	st := replayForEval(loadCorpus(t), Config{})
	for _, s := range readJSONL[evalTags](t, "hashtags.jsonl") {
		fmt.Printf("%s\n  tags: %q\n  gold: %q + %q\n", s.Title, st.tags[st.byURL[s.URL]], s.Essential, s.Acceptable)
	}
}
