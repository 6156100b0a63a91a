package textkey

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestKey(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"Oil Prices", "oil prices"},
		{"  أسعار   النفط ", "اسعار النفط"},
		{"إمارة آل مكتوم", "اماره ال مكتوم"},
		{"مُحَمَّد", "محمد"},
		{"الشـــرق", "الشرق"},
		{"مستشفى", "مستشفي"},
		{"مؤتمر رئيس", "موتمر رييس"},
		{"٢٠١٥ ۱۲", "2015 12"},
		{"#خليفة_حفتر", "خليفه حفتر"},
		{"Al-Awsat!", "al awsat"},
		{"a\u200bb", "ab"},
		{"\xff\xfeok", "ok"},
	}
	for _, c := range cases {
		if got := Key(c.in); got != c.want {
			t.Errorf("Key(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestUpperBound(t *testing.T) {
	for _, key := range []string{"a", "اسعار", "oil pri"} {
		hi := UpperBound(key)
		for _, s := range []string{key, key + " ", key + "zzz", key + "\U0010fffe"} {
			if !(s >= key && s < hi) {
				t.Errorf("%q not in [%q, UpperBound)", s, key)
			}
		}
		if next := key[:len(key)-1] + string(rune(key[len(key)-1]+1)); next < hi && strings.HasPrefix(next, key) {
			t.Errorf("%q wrongly inside the range of %q", next, key)
		}
	}
}

// FuzzKey checks the properties suggestion lookups rely on: Key is
// idempotent (a prefix normalised upstream folds to itself), produces
// valid UTF-8 without leading, trailing or doubled spaces, and a prefix of
// a string folds to a prefix of its key (modulo a trailing space).
func FuzzKey(f *testing.F) {
	for _, s := range []string{"", "Oil Prices", "أسعار النفط", "#خليفة_حفتر", "مُحَمَّد", "٢٠١٥", "a  b", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if !utf8.ValidString(k) {
			t.Fatalf("Key(%q) = %q is not UTF-8", s, k)
		}
		if Key(k) != k {
			t.Fatalf("Key not idempotent: %q -> %q -> %q", s, k, Key(k))
		}
		if strings.HasPrefix(k, " ") || strings.HasSuffix(k, " ") || strings.Contains(k, "  ") {
			t.Fatalf("Key(%q) = %q has stray spaces", s, k)
		}
		for i := range s {
			if p := Key(s[:i]); !strings.HasPrefix(k, p) {
				t.Fatalf("Key(%q) = %q is not a prefix of Key(%q) = %q", s[:i], p, s, k)
			}
		}
	})
}
