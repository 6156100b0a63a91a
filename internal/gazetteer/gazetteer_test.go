package gazetteer

import (
	"strings"
	"testing"

	"github.com/nashra/nashra/internal/textar"
)

func norms(s string) []string {
	var out []string
	for _, t := range textar.Tokenize(s) {
		out = append(out, t.Norm)
	}
	return out
}

func names(g *Gazetteer, text string) []string {
	var out []string
	for _, m := range g.MatchTokens(norms(text)) {
		out = append(out, m.Entity.Name)
	}
	return out
}

func TestDefaultMatches(t *testing.T) {
	g := Default()
	if g.Len() < 500 {
		t.Fatalf("embedded gazetteer has %d entities, want hundreds", g.Len())
	}
	tests := []struct {
		text string
		want []string
	}{
		{"استقبل الأمير محمد بن سلمان وزير الخارجية", []string{"محمد بن سلمان"}},
		{"وأكد خادم الحرمين الشريفين", []string{"سلمان بن عبدالعزيز"}},
		{"قصف مواقع الحوثيين في عدن", []string{"الحوثيون", "عدن"}},
		{"التقى ترمب ثم ترامب", []string{"دونالد ترامب", "دونالد ترامب"}},
		{"قرار للأمم المتحدة بشأن اليمن", []string{"الأمم المتحدة", "اليمن"}},
		{"وإيران والسعودية", []string{"إيران", "السعودية"}},
		{"عملية عاصفة الحزم", []string{"عاصفة الحزم"}},
		{"وقف عند الباب", nil}, // "عند" is not the place العند
		{"الرئيس أوباما في واشنطن", []string{"باراك أوباما", "واشنطن"}},
		{"أمطار بجازان وبمكة المكرمة ولمصر", []string{"جازان", "مكة المكرمة", "مصر"}}, // a preposition before a place
		{"أصدر بيان بليون ريال لصالح", nil},                                           // ordinary words, and no person behind ل
		{"زار لبنان", []string{"لبنان"}},
	}
	for _, tt := range tests {
		got := names(g, tt.text)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestPrepositionMatchesFillGaps: a name behind a preposition is found only
// where no name as written is, and never takes a token from one, so the
// matches without Prep are those of a matcher that ignores prepositions.
func TestPrepositionMatchesFillGaps(t *testing.T) {
	g := Default()
	tests := []struct {
		text string
		want []string // name, with "+" when found behind a preposition
	}{
		{"هجوم لتنظيم القاعدة في بجدة", []string{"القاعدة", "+جدة"}}, // "تنظيم القاعدة" would take القاعدة
		{"أمطار بمكة المكرمة", []string{"+مكة المكرمة"}},
		{"زار لبنان وبريطانيا", []string{"لبنان", "بريطانيا"}},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range g.MatchTokens(norms(tt.text)) {
			n := m.Entity.Name
			if m.Prep {
				n = "+" + n
			}
			got = append(got, n)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestKindsAndHashtag(t *testing.T) {
	g := Default()
	for _, tt := range []struct {
		name string
		kind Kind
		tag  string
	}{
		{"محمد بن سلمان", Person, "محمد_بن_سلمان"},
		{"الرياض", Place, "الرياض"},
		{"داعش", Organisation, "داعش"},
		{"عاصفة الحزم", Event, "عاصفة_الحزم"},
		{"ترمب", Person, "دونالد_ترامب"},
	} {
		e, ok := g.Lookup(tt.name)
		if !ok {
			t.Errorf("Lookup(%q): not found", tt.name)
			continue
		}
		if e.Kind != tt.kind || e.Hashtag() != tt.tag {
			t.Errorf("Lookup(%q) = %v %q, want %v %q", tt.name, e.Kind, e.Hashtag(), tt.kind, tt.tag)
		}
	}
}

func TestParse(t *testing.T) {
	good := "# comment\nperson\tar\t5\tفلان الفلاني\tالفلاني|فلان\norg\ten\t0\tWarner Bros\n"
	g, err := Parse(strings.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() != 2 {
		t.Fatalf("Len = %d, want 2", g.Len())
	}
	if got := names(g, "قال الفلاني إن Warner Bros"); strings.Join(got, "|") != "فلان الفلاني|Warner Bros" {
		t.Errorf("matches = %q", got)
	}
	bad := []string{
		"person\tar\t5\n",                    // too few fields
		"alien\tar\t5\tx y\n",                // unknown kind
		"person\tfr\t5\tفلان\n",              // unknown language
		"person\tar\t-1\tفلان\n",             // negative frequency
		"person\tar\tmany\tفلان\n",           // not a number
		"person\tar\t1\t   \n",               // empty name
		"person\tar\t1\ta\tb\tc\n",           // too many fields
		strings.Repeat("x", MaxLineBytes+10), // over-long line
	}
	for _, b := range bad {
		if _, err := Parse(strings.NewReader(b)); err == nil {
			t.Errorf("Parse(%.40q): want error", b)
		}
	}
}

func TestCapitalisedPhrases(t *testing.T) {
	text := "Time Warner said on Friday that Warner Bros had record profits. The studio, Warner Bros, beat forecasts. Shares rose."
	got := map[string]int{}
	for _, p := range CapitalisedPhrases(text, 4) {
		got[p.Text] = p.Count
	}
	if got["Warner Bros"] != 2 {
		t.Errorf("Warner Bros count = %d, want 2 (all: %v)", got["Warner Bros"], got)
	}
	if _, ok := got["The"]; ok {
		t.Errorf("sentence-initial function word kept: %v", got)
	}
	if _, ok := got["Shares"]; ok {
		t.Errorf("sentence-initial single word kept: %v", got)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("person\tar\t5\tفلان الفلاني\tالفلاني|فلان\n")
	f.Add("# x\norg\ten\t0\tWarner Bros\n\n")
	f.Add("place\tar\t1\tال\n")
	f.Add("\ufeffevent\tar\t3\tعاصفة الحزم\t|\n")
	f.Fuzz(func(t *testing.T, s string) {
		g, err := Parse(strings.NewReader(s))
		if err != nil {
			return
		}
		for i := 0; i < g.Len(); i++ {
			e := g.Entity(int32(i))
			if e == nil || e.Name == "" {
				t.Fatalf("entity %d empty", i)
			}
			_ = e.Hashtag()
		}
		_ = g.MatchTokens(norms(s))
	})
}
