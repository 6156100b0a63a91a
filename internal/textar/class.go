package textar

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// class is what a rune means to the tokenizer.
type class uint8

const (
	cSep       class = iota // ends a token
	cArabic                 // Arabic-script letter
	cLatin                  // Latin-script letter
	cOther                  // letter of any other script
	cDigit                  // decimal digit of any script
	cMark                   // invisible inside a word: diacritic, tatweel, ZWJ
	cHyphen                 // joins compounds: al-Qaeda, B-52
	cApos                   // joins Latin contractions: O'Brien, Britain's
	cDecimal                // . or ٫ between digits
	cThousands              // , or ٬ between digits
	cSpace                  // whitespace: a separator that still lets "F 16" join
)

var asciiClass [utf8.RuneSelf]class

var arabicClass [0x100]class

// initClasses fills the class tables. It reads arabicFold, so normalize.go's
// init calls it once that table is built (init functions of different
// files run in file-name order, which must not decide correctness).
func initClasses() {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			asciiClass[c] = cLatin
		case '0' <= c && c <= '9':
			asciiClass[c] = cDigit
		case c == '-':
			asciiClass[c] = cHyphen
		case c == '\'':
			asciiClass[c] = cApos
		case c == '.':
			asciiClass[c] = cDecimal
		case c == ',':
			asciiClass[c] = cThousands
		case c == ' ', c == '\t', c == '\n', c == '\r', c == '\v', c == '\f':
			asciiClass[c] = cSpace
		}
	}
	for i := range arabicClass {
		r := rune(0x600 + i)
		switch {
		case arabicFold[i] == drop:
			arabicClass[i] = cMark
		case r >= 0x660 && r <= 0x669, r >= 0x6F0 && r <= 0x6F9:
			arabicClass[i] = cDigit
		case r == '٫':
			arabicClass[i] = cDecimal
		case r == '٬':
			arabicClass[i] = cThousands
		case unicode.IsLetter(r):
			arabicClass[i] = cArabic
		case unicode.Is(unicode.Mn, r):
			arabicClass[i] = cMark
		default:
			arabicClass[i] = cSep
		}
	}
}

func classOf(r rune) class {
	if r < utf8.RuneSelf {
		return asciiClass[r]
	}
	if r >= 0x600 && r <= 0x6FF {
		return arabicClass[r-0x600]
	}
	switch r {
	case 0x2010, 0x2011:
		return cHyphen
	case 0x2019, 0x02BC:
		return cApos
	case 0xA0, 0x2007, 0x202F:
		return cSpace
	}
	if isInvisible(r) {
		return cMark
	}
	switch {
	case unicode.IsLetter(r):
		if unicode.Is(unicode.Arabic, r) {
			return cArabic
		}
		if unicode.Is(unicode.Latin, r) {
			return cLatin
		}
		// Compatibility letters take the script they normalise to
		// (mathematical 𝐌 and ℨ are Latin), so a token's Norm and its
		// surface agree on where words split.
		var buf [utf8.UTFMax]byte
		n := utf8.EncodeRune(buf[:], r)
		if d := norm.NFKD.Properties(buf[:n]).Decomposition(); d != nil {
			if dr, _ := utf8.DecodeRune(d); dr != r {
				if c := classOf(dr); c == cArabic || c == cLatin || c == cOther {
					return c
				}
			}
		}
		return cOther
	case unicode.IsDigit(r):
		return cDigit
	case unicode.Is(unicode.Mn, r), unicode.Is(unicode.Mc, r):
		return cMark
	case unicode.IsSpace(r):
		return cSpace
	}
	return cSep
}

// ScriptCounts counts the letters of s by script.
type ScriptCounts struct {
	Arabic, Latin, Other, Digits int
}

// CountScripts counts letters and digits of s by script.
func CountScripts(s string) ScriptCounts {
	var c ScriptCounts
	for _, r := range s {
		switch classOf(r) {
		case cArabic:
			c.Arabic++
		case cLatin:
			c.Latin++
		case cOther:
			c.Other++
		case cDigit:
			c.Digits++
		}
	}
	return c
}
