package story

import (
	"strings"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/textar"
)

func TestParseCollocations(t *testing.T) {
	tests := []struct {
		name, in string
		ok       bool
	}{
		{"pair", "# c\nسوق عمل\tسوق_العمل\t294\t108\t13\t1989\n", true},
		{"five words", "هيي عام سياح تراث وطن\tالهيئة_العامة_للسياحة_والتراث_الوطني\t385\t162\t0\t5264\n", true},
		{"one word", "نفط\tالنفط\t9\t1\t1\t30\n", false},
		{"words disagree", "سوق عمل\tسوق\t9\t1\t1\t30\n", false},
		{"df2 above df", "سوق عمل\tسوق_العمل\t9\t10\t1\t30\n", false},
		{"headlines above df", "سوق عمل\tسوق_العمل\t9\t1\t10\t30\n", false},
		{"missing field", "سوق عمل\tسوق_العمل\t9\t1\t30\n", false},
		{"bad count", "سوق عمل\tسوق_العمل\tx\t1\t1\t30\n", false},
	}
	for _, tt := range tests {
		_, err := parseCollocations(strings.NewReader(tt.in))
		if (err == nil) != tt.ok {
			t.Errorf("%s: err = %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}

func TestEmbeddedCollocations(t *testing.T) {
	cp := loadCollocations()
	n := 0
	for _, m := range cp {
		for _, c := range m {
			n++
			if !c.taggable() {
				t.Errorf("embedded collocation %q is not taggable", c.display)
			}
		}
	}
	if n < 500 {
		t.Errorf("embedded collocations: %d phrases", n)
	}
	for _, k := range [][2]string{{"سوق", "عمل"}, {"اسعار", "نفط"}, {"امن", "سياح"}} {
		if cp.lookup(k[0], k[1]) == nil {
			t.Errorf("embedded collocations lack %q", k)
		}
	}
}

func TestFindCollocations(t *testing.T) {
	cp, err := parseCollocations(strings.NewReader("اسعار نفط\tأسعار_النفط\t463\t236\t68\t9763\n" +
		"مواقع تواصل اجتماع\tمواقع_التواصل_الاجتماعي\t562\t85\t8\t7271\n"))
	if err != nil {
		t.Fatal(err)
	}
	title := "تراجع أسعار النفط"
	body := "هبطت أسعار النفط اليوم. وقال محللون إن أسعار، النفط تتراجع. ونشر على مواقع التواصل الاجتماعي ومواقع التواصل"
	got := map[string]int{}
	for _, c := range findCollocations(cp, title, textar.Terms(title, "ar"), body, textar.Terms(body, "ar")) {
		got[c.display] = c.count
	}
	// Punctuation splits a phrase; a three-word phrase needs all three.
	if got["أسعار_النفط"] != 2 || got["مواقع_التواصل_الاجتماعي"] != 1 || len(got) != 2 {
		t.Errorf("findCollocations = %v", got)
	}
}

func TestMineCollocations(t *testing.T) {
	var recs []corpus.Record
	add := func(n int, title, body string) {
		for i := 0; i < n; i++ {
			recs = append(recs, corpus.Record{Title: title, Content: body, Date: time.Unix(int64(len(recs)), 0)})
		}
	}
	add(12, "تراجع أسعار النفط", "هبطت أسعار النفط في السوق. وتوقع المحللون عودة أسعار النفط للارتفاع.")
	add(12, "خادم الحرمين الشريفين يستقبل الوزير", "استقبل خادم الحرمين الشريفين الوزير. قال الوزير إن الزيارة ناجحة.")
	add(40, "أخبار متفرقة", "قال الوزير إن السوق مستقرة. السوق تتحسن والمحللون متفائلون. النفط والذهب والوزير. الأسعار ثابتة.")
	out := MineCollocations(recs, MineOptions{MinDF: 8, MaxShare: 0.9, MinG2: 1})
	if !strings.Contains(out, "\tأسعار_النفط\t") {
		t.Errorf("mined prior lacks أسعار_النفط:\n%s", out)
	}
	for _, bad := range []string{"\tقال_الوزير\t", "\tالحرمين_الشريفين\t"} {
		// A verb is no phrase head; a phrase always preceded by the same
		// word is the tail of a longer one.
		if strings.Contains(out, bad) {
			t.Errorf("mined prior has %q:\n%s", bad, out)
		}
	}
	if _, err := parseCollocations(strings.NewReader(out)); err != nil {
		t.Errorf("mined prior does not parse: %v", err)
	}
}
