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
		switch {
		case r == '\u200e' || r == '\u200f' || r == '\ufeff' || r == '\u200b' || r == '\u202a' ||
			r == '\u202b' || r == '\u202c' || r == '\u202d' || r == '\u202e' || r == '\u2066' ||
			r == '\u2067' || r == '\u2068' || r == '\u2069':
			continue
		case unicode.IsSpace(r) || r == '\u00a0' || r == '\u2007' || r == '\u202f':
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
// whitespace normalised.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
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
		case r > unicode.MaxASCII && unicode.IsUpper(r):
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return normalizeSpace(b.String())
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

func wordCount(s string) int { return len(strings.Fields(s)) }

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
