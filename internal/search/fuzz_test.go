package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParse(f *testing.F) {
	for _, tc := range parseCases {
		f.Add(tc.in)
	}
	f.Add(strings.Repeat(`"a" OR -b `, 200))
	f.Add("source:\"x")
	f.Add("after:٢٠١٥-١٣-٤٠ before:")
	f.Fuzz(func(t *testing.T, raw string) {
		p := Parse(raw)
		checkParsedInvariants(t, p)
		if utf8.RuneCountInString(p.Interpretation.Text) > 8*MaxQueryRunes {
			t.Errorf("interpretation too long")
		}
	})
}

func FuzzSnippet(f *testing.F) {
	f.Add("أعلنت الوزارة اليوم. وللوزارة دور <b>كبير</b> & مهم.", "الوزاره")
	f.Add("B-52 فوق الخليج", "بي 52")
	f.Add("\xff\xfe الوزارة \u200f", "الوزارة")
	f.Add(strings.Repeat("النفط ", 300), "النفط")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, text, query string) {
		toks := Parse(query).Tokens()
		for _, s := range []string{string(Snippet(text, "ar", toks)), string(Highlight(text, "en", toks))} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8: %q", s)
			}
			checkMarkup(t, s)
		}
	})
}

// FuzzRespell: any term text respells without panicking, stays valid
// UTF-8, and changes only when a word was replaced by a dictionary word.
func FuzzRespell(f *testing.F) {
	sp := dictionary(map[string]int{"الرياض": 40, "السعودية": 60, "فلسطين": 30, "obama": 10})
	for _, s := range []string{"الرياص", "السعودبة والرياص", `"فلسطيم اليوم"`, "obamma", "\u200fالرياص\u202e", "ا", "😀الرياص", "الرياضb", "١٢٣"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, deep bool) {
		if utf8.RuneCountInString(text) > 64 {
			return // queries are cut far shorter; two-edit search is quadratic
		}
		out, changed := respellTerm(sp, text, deep)
		if !utf8.ValidString(out) && utf8.ValidString(text) {
			t.Fatalf("respell(%q) = %q: invalid UTF-8", text, out)
		}
		if changed == (out == text) {
			t.Fatalf("respell(%q) = %q, changed=%v", text, out, changed)
		}
	})
}
