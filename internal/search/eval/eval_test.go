package eval

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/search"
	"github.com/nashra/nashra/internal/store/sqlite"
)

// subsetSize is how many corpus articles the default run imports (plus
// every judged article); NASHRA_LONG=1 imports all 31,030.
const subsetSize = 10000

func loadCorpus(t *testing.T, qs []Query) []corpus.Record {
	t.Helper()
	dir, err := corpus.Locate("saudinewsnet", "")
	if errors.Is(err, corpus.ErrNotFound) {
		t.Skip("SaudiNewsNet corpus not found (set NASHRA_CORPUS): ", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	recs, err := corpus.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("NASHRA_LONG") == "1" {
		return recs
	}
	// The subset keeps every judged article, so recall is comparable with
	// the full run, and fills up with an even spread of the rest (which
	// act as distractors).
	judged := map[string]bool{}
	for _, q := range qs {
		for _, u := range q.Relevant {
			judged[u] = true
		}
	}
	var out []corpus.Record
	step := max(1, len(recs)/subsetSize)
	for i, r := range recs {
		if judged[r.URL] || i%step == 0 {
			out = append(out, r)
		}
	}
	return out
}

func TestSearchEval(t *testing.T) {
	qs, err := LoadQueries("queries.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) < 100 {
		t.Fatalf("only %d judged queries", len(qs))
	}
	recs := loadCorpus(t, qs)
	ctx := context.Background()
	dir := t.TempDir()

	start := time.Now()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "nashra.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := Import(ctx, st, recs, 1000); err != nil {
		t.Fatal(err)
	}
	t.Logf("nashra index: %d articles in %v", len(recs), time.Since(start).Round(time.Millisecond))
	start = time.Now()
	base, err := NewBaseline(ctx, dir, recs)
	if err != nil {
		t.Fatal(err)
	}
	defer base.Close()
	t.Logf("baseline index: %v", time.Since(start).Round(time.Millisecond))

	// Freshness is relative to the newest candidate, so the clock only
	// needs to be after the corpus.
	svc := search.New(st, func() time.Time { return time.Date(2015, 8, 12, 0, 0, 0, 0, time.UTC) })
	const k = 10
	ours, err := Run(ctx, Nashra{svc}, qs, k)
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := Run(ctx, base, qs, k)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d articles, %d queries\n%s", len(recs), len(qs), Table(ours, theirs))
	if testing.Verbose() {
		t.Logf("per query:\n%s", NeedTable(ours, theirs))
	}
	if out := os.Getenv("NASHRA_EVAL_OUT"); out != "" {
		report := Table(ours, theirs) + "\n" + NeedTable(ours, theirs)
		if err := os.WriteFile(out, []byte(report), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// What Arabic-aware search must deliver over raw-text FTS.
	if ours.RecallAtK <= theirs.RecallAtK || ours.MRR <= theirs.MRR {
		t.Errorf("nashra (R %.3f, MRR %.3f) does not beat the baseline (R %.3f, MRR %.3f)",
			ours.RecallAtK, ours.MRR, theirs.RecallAtK, theirs.MRR)
	}
	if ours.VariantParity < 0.8 {
		t.Errorf("only %.0f%% of spelling variants find what their canonical spelling finds", 100*ours.VariantParity)
	}
	if ours.VariantParity <= theirs.VariantParity {
		t.Errorf("variant parity %.2f is no better than the baseline's %.2f", ours.VariantParity, theirs.VariantParity)
	}
	var missed []string
	for _, r := range ours.Results {
		if r.Found == 0 {
			missed = append(missed, r.Query.ID+" "+r.Query.Query)
		}
	}
	if len(missed) > 0 {
		t.Logf("queries with no relevant article in the top %d:\n  %s", k, strings.Join(missed, "\n  "))
	}
	checkSpelling(t, svc, qs)
}
