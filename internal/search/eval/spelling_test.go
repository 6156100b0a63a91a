package eval

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/nashra/nashra/internal/search"
	"github.com/nashra/nashra/internal/textar"
)

// typos are queries with one real typing mistake (a wrong, missing, extra
// or swapped letter; spelling variants that normalisation folds are in
// queries.jsonl) and the query the reader meant.
var typos = []struct{ typed, meant string }{
	{"الرياص", "الرياض"},
	{"السعودبة", "السعودية"},
	{"الحوتيين", "الحوثيين"},
	{"داعيش", "داعش"},
	{"وزراة الصحة", "وزارة الصحة"},
	{"كرونا", "كورونا"},
	{"مكة المكرنة", "مكة المكرمة"},
	{"تركبا", "تركيا"},
	{"الانتخابت", "الانتخابات"},
	{"المنتخت السعودي", "المنتخب السعودي"},
	{"الاتحات", "الاتحاد"},
	{"فلسطيم", "فلسطين"},
	{"سوق الأسحم", "سوق الأسهم"},
	{"أسعار النفت", "أسعار النفط"},
	{"امطال", "أمطار"},
	{"البتالة", "البطالة"},
	{"اليمنن", "اليمن"},
	{"الحوثين وصالح", "الحوثيين وصالح"},
	{"عاصفة الحزك", "عاصفة الحزم"},
	{"خادم الحرمين الشريفبن", "خادم الحرمين الشريفين"},
}

// checkSpelling runs the typo queries through svc: most must be answered
// with the query the reader meant, or already find exactly what it finds
// (stemming absorbs some typos: الحوثين finds what الحوثيين finds, and then
// no correction is needed); a query spelt right must get no correction.
func checkSpelling(t *testing.T, svc *search.Service, judged []Query) {
	t.Helper()
	ctx := context.Background()
	right := 0
	var misses []string
	for _, c := range typos {
		res, err := svc.Search(ctx, c.typed, search.Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if res.DidYouMean != nil {
			got = res.DidYouMean.Query
			if res.DidYouMean.Total <= res.Total {
				t.Errorf("%q: correction %q finds %d, no more than the query's %d", c.typed, got, res.DidYouMean.Total, res.Total)
			}
		}
		same := false
		if got == "" {
			meant, err := svc.Search(ctx, c.meant, search.Options{})
			if err != nil {
				t.Fatal(err)
			}
			same = sameHits(res, meant)
		}
		if same || textar.Normalize(got) == textar.Normalize(c.meant) {
			right++
		} else {
			misses = append(misses, c.typed+" → "+got+" (meant "+c.meant+")")
		}
	}
	acc := float64(right) / float64(len(typos))
	t.Logf("spelling: %d of %d typo queries corrected to the query meant or finding what it finds (%.0f%%)", right, len(typos), 100*acc)
	if len(misses) > 0 {
		t.Logf("spelling misses:\n  %s", strings.Join(misses, "\n  "))
	}
	if acc < 0.8 {
		t.Errorf("only %.0f%% of typo queries corrected", 100*acc)
	}
	// The judged queries are spelt as readers spell them (variants
	// included): a correction offered there is a false alarm.
	var alarms []string
	for _, q := range judged {
		res, err := svc.Search(ctx, q.Query, search.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if res.DidYouMean != nil {
			alarms = append(alarms, fmt.Sprintf("%s (%d) → %s (%d)", q.Query, res.Total, res.DidYouMean.Query, res.DidYouMean.Total))
		}
	}
	rate := float64(len(alarms)) / float64(len(judged))
	t.Logf("spelling: corrections offered on %d of %d judged queries (%.1f%%):\n  %s", len(alarms), len(judged), 100*rate, strings.Join(alarms, "\n  "))
	if rate > 0.05 {
		t.Errorf("corrections offered on %.1f%% of correctly spelt queries", 100*rate)
	}
}

// sameHits reports whether two searches found the same first page.
func sameHits(a, b *search.Results) bool {
	if a.Total != b.Total || len(a.Hits) != len(b.Hits) {
		return false
	}
	for i := range a.Hits {
		if a.Hits[i].Article.ID != b.Hits[i].Article.ID {
			return false
		}
	}
	return true
}
