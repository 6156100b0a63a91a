package textar

import (
	"unicode/utf8"

	porter "github.com/blevesearch/go-porterstemmer"
)

// Stem returns the stem of a normalised token. The token's script decides
// the stemmer (Arabic letters: the light Arabic stemmer; Latin letters:
// Porter), not lang, so a query typed without a language and the article
// it should find always produce the same terms; lang is accepted so
// callers can state what they know, and "ar"/"en"/"" all behave alike.
// Tokens with digits ("b52", "3.5") are never stemmed. Known variant
// spellings of frequent names are folded to one form afterwards.
func Stem(norm, lang string) string {
	_ = lang
	if norm == "" {
		return norm
	}
	if lexicon[norm]&fVariant != 0 {
		norm = variants[norm]
	}
	var s string
	switch {
	case isArabicLetterRun(norm):
		s = stemArabic(norm)
	case isLowerASCIIWord(norm):
		s = stemEnglish(norm)
	default:
		s = norm
	}
	if lexicon[s]&fVariant != 0 {
		return variants[s]
	}
	return s
}

// isLowerASCIIWord reports an ASCII word without digits.
func isLowerASCIIWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// stemEnglish applies the Porter stemmer. Words of up to three letters are
// left alone: Porter turns acronyms like "bus"/"gas" into "bu"/"ga".
func stemEnglish(w string) string {
	if len(w) <= 3 {
		return w
	}
	var buf [64]rune
	if len(w) > len(buf) {
		return w
	}
	rs := buf[:0]
	for i := 0; i < len(w); i++ {
		rs = append(rs, rune(w[i]))
	}
	out := porter.StemWithoutLowerCasing(rs)
	if len(out) == len(w) {
		same := true
		for i, r := range out {
			if byte(r) != w[i] {
				same = false
				break
			}
		}
		if same {
			return w
		}
	}
	b := make([]byte, 0, len(out))
	for _, r := range out {
		b = utf8.AppendRune(b, r)
	}
	return string(b)
}
