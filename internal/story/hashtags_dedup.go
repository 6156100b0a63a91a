package story

import (
	"strings"
	"unicode/utf8"

	"github.com/nashra/nashra/internal/gazetteer"
	"github.com/nashra/nashra/internal/textar"
)

// Near-identical tags: one article's list should not carry a name twice,
// once short and once long ("الائتلاف" and "الائتلاف_الوطني", "حزب_الله"
// and "حزب_الله_اللبناني"), or once per number ("الحوثي", "الحوثيون"). Two
// tags are near-identical when the words of one, compared loosely (see
// wordKey), begin the other.

// tagWordKeys returns the loose keys of a tag's words.
func tagWordKeys(tag string) []string {
	parts := strings.Split(tag, "_")
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = wordKey(p)
	}
	return out
}

// wordKey compares a word across spellings, clitics, the article, number
// and the nisba ending: "والحوثيين", "الحوثي" and "حوثيون" share one key.
func wordKey(w string) string {
	k := gazetteer.Key(textar.Normalize(w))
	if strings.HasPrefix(k, "ال") && utf8.RuneCountInString(k) > 4 {
		k = k[len("ال"):]
	}
	for _, suf := range []string{"يون", "يين", "ون", "ين", "ات", "يه", "ي", "ه"} {
		if strings.HasSuffix(k, suf) && utf8.RuneCountInString(k)-utf8.RuneCountInString(suf) >= 3 {
			return k[:len(k)-len(suf)]
		}
	}
	return k
}

// samePrefix reports whether the shorter key list begins the longer.
func samePrefix(a, b []string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
