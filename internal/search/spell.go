package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nashra/nashra/internal/textar"
)

// speller corrects misspelled query words against the words readers meet in
// the news: the titles, ledes and hashtags of recent articles. Normalisation
// already folds hamza forms, ة/ه, ى/ي and diacritics, so what is left for it
// are real typos: a wrong, missing, extra or swapped letter (الرياص, السعودبة,
// الحوتيين, Riyahd).
type speller struct {
	// words maps a normalised word to how many articles use it, and its most
	// used spelling, which is what the reader is shown.
	words map[string]spellWord
}

type spellWord struct {
	docs    int
	surface string
}

// Spelling tuning.
const (
	// A correction must be a word at least this many articles use: rarer
	// words are as likely to be someone else's typo.
	spellMinDocs = 3
	// Words this short have too many neighbours one edit away to guess.
	spellMinRunes = 3
	// Two edits are tried only for words this long, and only when one edit
	// finds nothing; longer words are skipped (the search is quadratic).
	spellTwoEditMin = 5
	spellTwoEditMax = 12
	// A word this few articles use may still be a typo, if a neighbour is
	// spellDominance times as common.
	spellRareDocs  = 20
	spellDominance = 20
)

// Arabic letters as Normalize leaves them (أ إ آ folded to ا, ى to ي, ة to ه,
// ؤ to و, ئ to ي), and the Latin ones.
const (
	arabicLetters = "ءابتثجحخدذرزسشصضطظعغفقكلمنهوي"
	latinLetters  = "abcdefghijklmnopqrstuvwxyz"
)

// confusable pairs are letters Arabic writers mix up by sound or by their
// neighbouring keys; a correction through one is preferred at equal
// distance.
var confusable = map[[2]rune]bool{}

func init() {
	for _, p := range []string{"ضظ", "ذز", "ثس", "سص", "تط", "قك", "هح", "دذ", "ضص", "ظز", "غع", "اي", "او", "تث", "هت", "يب"} {
		r := []rune(p)
		confusable[[2]rune{r[0], r[1]}] = true
		confusable[[2]rune{r[1], r[0]}] = true
	}
}

// spellSource is one article's text the dictionary learns from.
type spellSource struct {
	text     string // title and lede
	hashtags []string
}

// newSpeller counts, for each normalised word, the articles that use it.
func newSpeller(docs []spellSource) *speller {
	type tally struct {
		docs     int
		surfaces map[string]int
	}
	counts := map[string]*tally{}
	seen := map[string]bool{}
	for _, d := range docs {
		clear(seen)
		add := func(tok textar.Token) {
			if (tok.Kind != textar.Word && tok.Kind != textar.Latin) || seen[tok.Norm] {
				return
			}
			seen[tok.Norm] = true
			t := counts[tok.Norm]
			if t == nil {
				t = &tally{surfaces: map[string]int{}}
				counts[tok.Norm] = t
			}
			t.docs++
			t.surfaces[displayForm(tok.Text)]++
		}
		for _, tok := range textar.Tokenize(d.text) {
			add(tok)
		}
		for _, h := range d.hashtags {
			for _, tok := range textar.Tokenize(strings.ReplaceAll(h, "_", " ")) {
				add(tok)
			}
		}
	}
	s := &speller{words: make(map[string]spellWord, len(counts))}
	for norm, t := range counts {
		if t.docs < spellMinDocs {
			continue // a typo in one article must not become a correction
		}
		best, bestN := "", 0
		for surf, n := range t.surfaces {
			if n > bestN || (n == bestN && surf < best) {
				best, bestN = surf, n
			}
		}
		s.words[norm] = spellWord{docs: t.docs, surface: best}
	}
	return s
}

// displayForm is a word as shown in a correction: without diacritics and
// tatweel, but keeping the hamza, ة and ى forms Normalize folds.
func displayForm(s string) string {
	return strings.Map(func(r rune) rune {
		if r == 'ـ' || unicode.Is(unicode.Mn, r) {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}

// correct returns the likeliest intended word for a normalised word, in
// the spelling articles use, or "" to keep the word. A word no article
// uses is replaced by its likeliest neighbour; a word a few articles use is
// replaced only by a neighbour far more common (الحوثين, a frequent typo,
// by الحوثيين), since rare words are usually right. deep allows two edits
// for unknown words, which costs milliseconds rather than microseconds.
func (s *speller) correct(norm string, deep bool) string {
	rs := []rune(norm)
	n := len(rs)
	if n < spellMinRunes {
		return ""
	}
	floor := 0.0 // what a candidate's weighted count must exceed
	if w, ok := s.words[norm]; ok {
		if w.docs > spellRareDocs {
			return ""
		}
		floor, deep = float64(w.docs*spellDominance), false
	}
	alphabet := alphabetOf(rs)
	if alphabet == "" {
		return "" // digits, mixed scripts: nothing to guess
	}
	best, bestScore := "", floor
	stem := ""
	consider := func(cand string, weight float64) {
		w, ok := s.words[cand]
		if !ok {
			return
		}
		// A neighbour with the same stem (a clitic more or less:
		// بالثالثة, الثالثة) finds the same articles: no correction.
		if stem == "" {
			stem = stemOf(norm)
		}
		if stemOf(cand) == stem {
			return
		}
		if sc := float64(w.docs) * weight; sc > bestScore || (sc == bestScore && best != "" && cand < best) {
			best, bestScore = cand, sc
		}
	}
	edits1(rs, alphabet, consider)
	if best == "" && deep && n >= spellTwoEditMin && n <= spellTwoEditMax {
		// Two edits: every one-edit word, edited again. Weights multiply,
		// and a second edit costs a factor of ten.
		edits1(rs, alphabet, func(mid string, w1 float64) {
			edits1([]rune(mid), alphabet, func(cand string, w2 float64) {
				consider(cand, w1*w2/10)
			})
		})
	}
	if best == "" {
		return ""
	}
	return s.words[best].surface
}

// edits1 calls fn with every string one edit from rs (deletion,
// transposition, substitution, insertion) and a weight that favours the
// edits typists make most: swapped neighbours and confusable letters.
func edits1(rs []rune, alphabet string, fn func(string, float64)) {
	buf := make([]rune, 0, len(rs)+1)
	emit := func(w float64) { fn(string(buf), w) }
	for i := range rs { // deletion
		buf = append(append(buf[:0], rs[:i]...), rs[i+1:]...)
		emit(1)
	}
	for i := 0; i+1 < len(rs); i++ { // transposition
		if rs[i] == rs[i+1] {
			continue
		}
		buf = append(buf[:0], rs...)
		buf[i], buf[i+1] = buf[i+1], buf[i]
		emit(2)
	}
	for i := range rs { // substitution
		for _, c := range alphabet {
			if c == rs[i] {
				continue
			}
			buf = append(buf[:0], rs...)
			buf[i] = c
			w := 1.0
			if confusable[[2]rune{rs[i], c}] {
				w = 2
			}
			emit(w)
		}
	}
	for i := 0; i <= len(rs); i++ { // insertion
		for _, c := range alphabet {
			buf = append(append(append(buf[:0], rs[:i]...), c), rs[i:]...)
			w := 1.0
			if (i > 0 && rs[i-1] == c) || (i < len(rs) && rs[i] == c) {
				w = 2 // a doubled letter typed once
			}
			emit(w)
		}
	}
}

// alphabetOf is the alphabet to edit a word with: Arabic or Latin letters,
// or "" when the word is not wholly one of them.
func alphabetOf(rs []rune) string {
	ar, lat := 0, 0
	for _, r := range rs {
		switch {
		case strings.ContainsRune(arabicLetters, r):
			ar++
		case r < utf8.RuneSelf && 'a' <= r && r <= 'z':
			lat++
		default:
			return ""
		}
	}
	switch {
	case ar == len(rs):
		return arabicLetters
	case lat == len(rs):
		return latinLetters
	}
	return ""
}

// stemOf is the index term a normalised word searches for.
func stemOf(norm string) string {
	lang := "ar"
	if alphabetOf([]rune(norm)) == latinLetters {
		lang = "en"
	}
	return textar.Stem(norm, lang)
}
