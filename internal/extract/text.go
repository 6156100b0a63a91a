package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// normalizeSpace collapses every run of whitespace (including no-break and
// zero-width spaces) into one ASCII space and trims the ends. Bidi marks and
// BOMs are dropped: they are invisible and break phrase matching.
func normalizeSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if isInvisible(r) {
			continue
		}
		if isSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// isSpace is unicode.IsSpace plus the no-break spaces, with a fast path
// for ASCII and Arabic, which is nearly all we see.
func isSpace(r rune) bool {
	if r < 0x80 {
		return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\v'
	}
	if r >= 0x600 && r < 0x2000 {
		return r == 0x1680
	}
	return r == 0x85 || r == 0xA0 || (r >= 0x2000 && r <= 0x200A) || r == 0x2028 || r == 0x2029 ||
		r == 0x202F || r == 0x205F || r == 0x3000
}

// isInvisible reports format characters that carry no text: bidi marks,
// zero-width space, BOM.
func isInvisible(r rune) bool {
	if r < 0x200B {
		// C0/C1 controls (the corpus has stray SUB characters) other than
		// the whitespace ones.
		return (r < 0x20 && r != '\n' && r != '\t' && r != '\r' && r != '\f' && r != '\v') || (r >= 0x7F && r < 0xA0 && r != 0x85)
	}
	return r == 0x200B || r == 0x200E || r == 0x200F || r == 0xFEFF || (r >= 0x202A && r <= 0x202E) ||
		(r >= 0x2066 && r <= 0x2069)
}

// countWords is len(strings.Fields(s)) without allocating.
func countWords(s string) int {
	n := 0
	in := false
	for _, r := range s {
		if isSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

// normalizeLines normalises each line of s and drops empty lines, keeping
// single line breaks (poems, addresses) inside a paragraph.
func normalizeLines(s string) string {
	if !strings.Contains(s, "\n") {
		return normalizeSpace(s)
	}
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = normalizeSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// fold prepares text for phrase matching: Arabic letter variants and
// Arabic-Indic digits folded, diacritics and tatweel removed, Latin lowered,
// whitespace normalised, all in one pass.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r < 0x80:
			if isSpace(r) {
				space = true
				continue
			}
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
		case r >= 0x600 && r <= 0x6FF:
			switch {
			case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
				r = 'ا'
			case r == 'ى':
				r = 'ي'
			case r == 'ة':
				r = 'ه'
			case r == 'ـ' || (r >= '\u064b' && r <= '\u065f') || r == '\u0670':
				continue
			case r >= '٠' && r <= '٩':
				r = '0' + (r - '٠')
			case r >= '۰' && r <= '۹':
				r = '0' + (r - '۰')
			}
		case isInvisible(r):
			continue
		case isSpace(r):
			space = true
			continue
		case r < 0x530:
			r = unicode.ToLower(r) // Latin-1, Latin Extended, Greek, Cyrillic
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// asciiDigits maps Arabic-Indic and Persian digits to ASCII.
func asciiDigits(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool {
		return (r >= '٠' && r <= '٩') || (r >= '۰' && r <= '۹')
	}) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + (r - '٠')
		case r >= '۰' && r <= '۹':
			return '0' + (r - '۰')
		}
		return r
	}, s)
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

func wordCount(s string) int { return countWords(s) }

func isArabicLetter(r rune) bool {
	return (r >= 0x0620 && r <= 0x064A) || (r >= 0x066E && r <= 0x06D3) ||
		(r >= 0x0750 && r <= 0x077F) || (r >= 0x08A0 && r <= 0x08FF) ||
		(r >= 0xFB50 && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFF)
}

func hasLetterOrDigit(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
}

// truncateWords cuts s to at most max runes on a word boundary, adding "…"
// when anything was cut.
func truncateWords(s string, max int) string {
	if runeLen(s) <= max {
		return s
	}
	cut := 0
	n := 0
	for i := range s {
		if n == max {
			cut = i
			break
		}
		n++
	}
	head := s[:cut]
	if sp := strings.LastIndexAny(head, " \n"); sp > len(head)/2 {
		head = head[:sp]
	}
	head = strings.TrimRightFunc(head, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != ')' && r != '»' && r != '"'
	})
	return head + "…"
}
