package textar

import (
	"strings"
	"unicode/utf8"
)

// Term is one analysed word of a text: the token (for hyphenated compounds,
// one component of it, with its own offsets), its stem, and whether it is a
// stop word. Analyze returns exactly the Stems of the Terms that are not
// Stop.
type Term struct {
	Token
	Stem string
	Stop bool
}

// Terms analyses s keeping offsets, for callers that need to map terms
// back to the text (snippet highlighting, hashtag display forms).
func Terms(s, lang string) []Term {
	var t tokenizer
	t.run(s)
	norms := string(t.buf)
	out := make([]Term, 0, len(t.parts))
	for _, p := range t.parts {
		norm := norms[p.nstart:p.nend]
		surface := s[p.start:p.end]
		out = append(out, Term{
			Token: Token{Text: surface, Norm: norm, Start: p.start, End: p.end, Kind: kindOf(norm)},
			Stem:  Stem(norm, lang),
			Stop:  isStop(norm, surface),
		})
	}
	return out
}

// Analyze returns the index/query terms of s: normalised, stop words
// dropped, stemmed, in text order. Indexing and querying both call it, so
// they agree by construction. Terms never contain spaces, quotes or any
// other punctuation except "." inside decimal numbers ("3.5").
func Analyze(s, lang string) []string {
	var t tokenizer
	t.run(s)
	norms := string(t.buf)
	out := make([]string, 0, len(t.parts))
	for _, p := range t.parts {
		norm := norms[p.nstart:p.nend]
		if isStop(norm, s[p.start:p.end]) {
			continue
		}
		out = append(out, Stem(norm, lang))
	}
	return out
}

// AnalyzeText is Analyze joined with single spaces, the form
// news.IndexDoc stores.
func AnalyzeText(s, lang string) string {
	return strings.Join(Analyze(s, lang), " ")
}

// isStop is IsStopWord refined by the surface form: "علي" is the
// preposition على only when written with a final ى.
func isStop(norm, surface string) bool {
	f := lexicon[norm]
	if f&fSurfaceStop != 0 {
		return endsWithAlefMaksura(surface)
	}
	if f&fStopEn != 0 && isCapitalAcronym(surface) {
		return false // "US", "IT", "WHO" in capitals are names, not pronouns
	}
	if f&(fStopAr|fStopEn) != 0 {
		return true
	}
	return arabicClitStop(norm)
}

// endsWithAlefMaksura reports whether the last letter of s (ignoring
// diacritics and tatweel) is ى.
func endsWithAlefMaksura(s string) bool {
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
		if classOf(r) == cMark {
			continue
		}
		return r == 'ى' || r == 0xFEF0 || r == 0xFEEF
	}
	return false
}

// isCapitalAcronym reports a surface of 2–4 capital letters, possibly
// dotted ("US", "U.S.", "WHO").
func isCapitalAcronym(s string) bool {
	letters := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'A' && c <= 'Z':
			letters++
		case c == '.':
		default:
			return false
		}
	}
	return letters >= 2 && letters <= 4
}
