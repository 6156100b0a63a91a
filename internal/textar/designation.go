package textar

import (
	"strings"
	"unicode/utf8"
)

// letterNames maps Arabic spellings of Latin letter names (normalised) to
// the letter, for designations like "بي 52" (B-52), "إف-16" (F-16) and
// "إس 400" (S-400). Names that are also everyday words before numbers are
// left out on purpose: "في" (in / V), "أو" (or / O), "إن" (that / N), "أي"
// (any / I), "ال" (the / L) — "في 2015" must stay "in 2015".
var letterNames = map[string]string{
	"ايه":   "a",
	"بي":    "b",
	"سي":    "c",
	"دي":    "d",
	"اف":    "f",
	"جي":    "g",
	"اتش":   "h",
	"اش":    "h",
	"كيه":   "k",
	"كاي":   "k",
	"ام":    "m",
	"كيو":   "q",
	"ار":    "r",
	"اس":    "s",
	"تي":    "t",
	"يو":    "u",
	"دبليو": "w",
	"دبل":   "w",
	"اكس":   "x",
	"زد":    "z",
	// Aircraft families written as words, so "ميغ 29" meets "MiG-29".
	"ميغ": "mig",
	"ميج": "mig",
}

// maxLetterNameLen is the longest Arabic letter name ("دبليو"); longer
// words are not looked up at all, which keeps designations off the hot path.
const maxLetterNameLen = 5

// maxDesignationLetters bounds the letter prefix ("MH" of MH17, "إم إتش").
const maxDesignationLetters = 3

// maxDesignationDigits bounds the number: "بي 2015" is not a bomber.
const maxDesignationDigits = 4

// designation emits a token for a letter prefix joined to a number starting
// at piece p and returns how many pieces it used, or 0 if there is none.
func (t *tokenizer) designation(p int) int {
	ps := t.pieces
	switch ps[p].cls {
	case cLatin:
		// "B-52", "F 16" (capitals only when spaced: "in 2015" must not
		// join). Directly adjacent "B52" is already one alnum run.
		if ps[p].letters > maxDesignationLetters || p+1 >= len(ps) {
			return 0
		}
		n := ps[p+1]
		if n.cls != cDigit || n.decimal || n.letters > maxDesignationDigits {
			return 0
		}
		if !(n.gap == gapHyphen || (n.gap == gapSpace && ps[p].upper && !t.isEnglishStop(p))) {
			return 0
		}
		if p+2 < len(ps) && ps[p+2].gap == gapNone && ps[p+2].cls == cLatin {
			var tmp [8]byte
			sfx := appendPieceNorm(tmp[:0], t.s[ps[p+2].start:ps[p+2].end], cLatin)
			if string(sfx) != "s" || p+3 < len(ps) && ps[p+3].gap == gapNone && ps[p+3].cls == cDigit {
				return 0 // "A 3D": the digits belong to what follows
			}
			// "F-16s": the plural of the designation is the designation.
			t.emitDesignation(p, p+2, nil, 0)
			if t.wantToks {
				t.toks[len(t.toks)-1].end = ps[p+2].end
			}
			t.parts[len(t.parts)-1].end = ps[p+2].end
			return 3
		}
		t.emitDesignation(p, p+2, nil, 0)
		return 2
	case cArabic:
		var letters [maxDesignationLetters]string
		clitic := 0 // bytes of a leading و/ف/ب/ل glued to the first name: "وبي 52"
		q := p
		for q < len(ps) && q-p < maxDesignationLetters && ps[q].cls == cArabic && ps[q].letters <= maxLetterNameLen+1 {
			if q > p && ps[q].gap != gapSpace && ps[q].gap != gapHyphen {
				break
			}
			var tmp [32]byte
			norm := string(appendPieceNorm(tmp[:0], t.s[ps[q].start:ps[q].end], cArabic))
			name, ok := letterNames[norm]
			if !ok && q == p && len(norm) > 2 && strings.Contains("وفبل", norm[:2]) {
				if name, ok = letterNames[norm[2:]]; ok {
					clitic = firstLetterLen(t.s[ps[q].start:ps[q].end])
				}
			}
			if !ok {
				break
			}
			letters[q-p] = name
			q++
		}
		if q == p || q >= len(ps) {
			return 0
		}
		n := ps[q]
		if n.cls != cDigit || n.decimal || n.letters > maxDesignationDigits || n.gap == gapOther {
			return 0
		}
		if clitic > 0 {
			t.emitClitic(p, clitic)
		}
		t.emitDesignation(p, q+1, letters[:q-p], clitic)
		return q + 1 - p
	}
	return 0
}

// firstLetterLen returns the byte length of the first letter of s with the
// marks (diacritics, tatweel) that follow it.
func firstLetterLen(s string) int {
	_, n := utf8.DecodeRuneInString(s)
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if classOf(r) != cMark {
			break
		}
		n += size
	}
	return n
}

// emitClitic emits the conjunction or preposition glued to a designation
// ("و" of "وبي 52") as its own token.
func (t *tokenizer) emitClitic(p, n int) {
	start := t.pieces[p].start
	k := tok{start: start, end: start + n, nstart: len(t.buf)}
	k.parts[0] = len(t.parts)
	t.buf = appendPieceNorm(t.buf, t.s[start:start+n], cArabic)
	t.parts = append(t.parts, part{start: k.start, end: k.end, nstart: k.nstart, nend: len(t.buf)})
	t.finish(k)
}

// emitDesignation writes pieces [p,q) as one token without separators,
// replacing Arabic letter names by their Latin letters.
func (t *tokenizer) emitDesignation(p, q int, names []string, skip int) {
	ps := t.pieces
	k := tok{start: ps[p].start + skip, end: ps[q-1].end, nstart: len(t.buf)}
	k.parts[0] = len(t.parts)
	for i := p; i < q; i++ {
		if i-p < len(names) {
			t.buf = append(t.buf, names[i-p]...)
			continue
		}
		t.buf = appendPieceNorm(t.buf, t.s[ps[i].start:ps[i].end], ps[i].cls)
	}
	t.parts = append(t.parts, part{start: k.start, end: k.end, nstart: k.nstart, nend: len(t.buf)})
	t.finish(k)
}

// isEnglishStop reports whether Latin piece p is an English function word
// ("IN 2015", "A 3-0 WIN" in capitalised headlines must not join).
func (t *tokenizer) isEnglishStop(p int) bool {
	var tmp [8]byte
	return lexicon[string(appendPieceNorm(tmp[:0], t.s[t.pieces[p].start:t.pieces[p].end], cLatin))]&fStopEn != 0
}
