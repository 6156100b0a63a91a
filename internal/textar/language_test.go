package textar

import (
	"strings"
	"testing"
)

func TestDetectLanguage(t *testing.T) {
	tests := []struct{ in, want string }{
		{"قالت وزارة الدفاع إن الطائرات وصلت إلى القاعدة", "ar"},
		{"«ZTE» تطلق هاتف «Axon Pro»", "ar"},
		{"The dollar has hit its highest level against the euro in almost three months", "en"},
		{"Apple unveils new iPhone", "en"},
		{"El Guerrouj targets cross country", "en"},
		{"Dutch watch Van Gogh's last film", "en"},
		{"Le président de la République est arrivé à Paris pour une visite officielle", ""},
		{"Der Präsident ist nicht in Berlin und die Regierung wartet auf ihn", ""},
		{"El presidente de la república llegó a Madrid con los ministros", ""},
		{"Président à Paris", ""},
		{"Москва и Санкт-Петербург", ""},
		{"2015 - 1436", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := DetectLanguage(tt.in); got != tt.want {
			t.Errorf("DetectLanguage(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestDetectLanguageCorpora measures accuracy on every SaudiNewsNet and BBC
// article (texts without letters excluded). The few SaudiNewsNet misses are
// articles whose body is in fact English (film lists, Reuters captions).
func TestDetectLanguageCorpora(t *testing.T) {
	ar, en := loadCorpora(t)
	check := func(name, want string, texts func(i int) string, n int, minAcc float64) {
		ok, total := 0, 0
		for i := 0; i < n; i++ {
			s := texts(i)
			if c := CountScripts(s); c.Arabic+c.Latin+c.Other == 0 {
				continue
			}
			total++
			if DetectLanguage(s) == want {
				ok++
			}
		}
		acc := float64(ok) / float64(total)
		t.Logf("%s: %d/%d = %.3f%%", name, ok, total, 100*acc)
		if acc < minAcc {
			t.Errorf("%s accuracy %.4f below %.4f", name, acc, minAcc)
		}
	}
	check("saudinewsnet content", "ar", func(i int) string { return ar[i].Content }, len(ar), 0.999)
	check("saudinewsnet titles", "ar", func(i int) string { return ar[i].Title }, len(ar), 0.999)
	check("bbc content", "en", func(i int) string { return en[i].Content }, len(en), 0.999)
	check("bbc titles", "en", func(i int) string { return en[i].Title }, len(en), 0.995)
}

// TestCorpusInvariants tokenizes and analyses every SaudiNewsNet title and
// the first BBC paragraphs, checking the invariants every caller relies on.
func TestCorpusInvariants(t *testing.T) {
	ar, en := loadCorpora(t)
	for _, r := range ar {
		checkTokens(t, r.Title, Tokenize(r.Title))
		for _, term := range Analyze(r.Title, "ar") {
			if term == "" || strings.ContainsAny(term, " \t\n\"'*:()^+-") {
				t.Fatalf("bad term %q from %q", term, r.Title)
			}
		}
	}
	for _, r := range en {
		checkTokens(t, r.Content, Tokenize(r.Content))
	}
}

// TestCorpusCliticConsistency takes every word written with the definite
// article in SaudiNewsNet titles and checks that its other clitic forms
// stem identically: الوزارة = والوزارة = بالوزارة = فالوزارة = كالوزارة
// (and للوزارة when the word does not start with ل, where لل is ambiguous).
func TestCorpusCliticConsistency(t *testing.T) {
	ar, _ := loadCorpora(t)
	seen := map[string]bool{}
	checked, bad := 0, 0
	for _, r := range ar {
		for _, tok := range Tokenize(r.Title) {
			n := tok.Norm
			if !strings.HasPrefix(n, "ال") || arabicLen(n) < 5 || seen[n] || looksLikeArticle(n) || !isArabicLetterRun(n) {
				continue
			}
			seen[n] = true
			rest := n[len("ال"):]
			if IsStopWord(n) || stemExceptions[n] != "" || notArticle[rest] {
				continue
			}
			want := Stem(n, "ar")
			forms := []string{"و" + n, "ب" + n, "ف" + n, "ك" + n}
			if !strings.HasPrefix(rest, "ل") && !lamInitial["ل"+rest] {
				forms = append(forms, "لل"+rest)
			}
			for _, f := range forms {
				if looksLikeArticle(f) {
					continue
				}
				checked++
				if got := Stem(f, "ar"); got != want {
					bad++
					if bad <= 20 {
						t.Errorf("Stem(%s) = %s, Stem(%s) = %s", f, got, n, want)
					}
				}
			}
		}
	}
	t.Logf("checked %d clitic forms of %d article words", checked, len(seen))
	if checked < 10000 {
		t.Errorf("only %d forms checked", checked)
	}
}
