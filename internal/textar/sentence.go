package textar

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// englishAbbrev are lower-cased abbreviations whose trailing period does not
// end a sentence.
var englishAbbrev = fields(`
mr mrs ms dr prof st jr sr vs etc eg ie inc ltd co corp no gen col lt sgt capt
rep sen gov rev hon jan feb mar apr jun jul aug sep sept oct nov dec mt ft approx
`)

// Sentences splits s into sentences. Ends are . ! ? ؟ ؛ and line breaks;
// the Arabic comma ، and the English semicolon are not, and periods inside
// parentheses do not end anything. A period does not end a sentence inside a
// number (3.5), after a one-letter abbreviation (د. for doctor, م. for
// engineer, the U. and S. of U.S.), after common English abbreviations
// (Mr., Jan.), or when a letter follows directly (bbc.co.uk). Closing
// quotes and brackets stay with the sentence they close. Sentences are
// trimmed; empty ones are dropped.
func Sentences(s string) []string {
	var out []string
	start := 0
	emit := func(end int) {
		if sent := strings.TrimSpace(s[start:end]); sent != "" {
			out = append(out, sent)
		}
		start = end
	}
	depth := 0 // open parentheses: "(عيد الرياض .. عيدين)" is one sentence
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '\n', '\r', 0x2029, 0x2028:
			emit(i)
			depth = 0
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case '!', '?', '؟', '؛', ';', '.', '…', '。':
			if depth > 0 && (r == '.' || r == '…') {
				break
			}
			if r == '.' && !periodEnds(s, i) {
				break
			}
			if r == ';' {
				break // English semicolons join clauses of one sentence
			}
			end := absorbClosers(s, i+size)
			emit(end)
			i = end
			continue
		}
		i += size
	}
	emit(len(s))
	return out
}

// absorbClosers extends a sentence end over further terminators and
// closing quotes or brackets: `?!`, `...`, `."`, `.»`.
func absorbClosers(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '.', '!', '?', '؟', '؛', '…', '"', '\'', '»', '”', '’', ')', ']', '}':
			i += size
			continue
		}
		return i
	}
	return i
}

// periodEnds decides whether the period at s[i] ends a sentence.
func periodEnds(s string, i int) bool {
	next, _ := utf8.DecodeRuneInString(s[i+1:])
	glued := i+1 < len(s) && (unicode.IsLetter(next) || unicode.IsDigit(next))
	if glued && classOf(next) != cArabic {
		return false // 3.5, bbc.co.uk, U.S
	}
	// The word before the period.
	j := i
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:j])
		if !unicode.IsLetter(r) && classOf(r) != cMark {
			break
		}
		j -= size
	}
	word := s[j:i]
	if word == "" {
		return true
	}
	if j > 0 {
		if prev, _ := utf8.DecodeLastRuneInString(s[:j]); unicode.IsDigit(prev) {
			return true // 2015م. — the year's era letter, not an abbreviation
		}
	}
	letters := 0
	for _, r := range word {
		if classOf(r) != cMark {
			letters++
		}
	}
	if letters == 1 {
		return false // د. م. أ. U.S.
	}
	if glued {
		// Arabic copy often drops the space after a period ("تعز.كما"):
		// a full word before and an Arabic letter after is a new sentence.
		return classOf([]rune(word)[0]) == cArabic
	}
	if englishAbbrev[strings.ToLower(word)] {
		return false
	}
	return true
}
