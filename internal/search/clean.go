package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on what one query may cost. A pasted article must not turn into a
// 2,000-term index query, so longer input is cut and the reader is told.
const (
	MaxQueryRunes = 512
	MaxQueryTerms = 32
)

// cleanQuery makes raw reader input safe to lex: invalid UTF-8 becomes
// U+FFFD, bidi and zero-width controls (which RTL keyboards and copy-paste
// inject invisibly) disappear, other control characters become spaces, and
// the text is cut to MaxQueryRunes. It reports whether it had to truncate.
func cleanQuery(raw string) (string, bool) {
	var b strings.Builder
	b.Grow(min(len(raw), MaxQueryRunes*4))
	n := 0
	truncated := false
	for i := 0; i < len(raw); {
		r, size := utf8.DecodeRuneInString(raw[i:])
		i += size
		switch {
		case isInvisible(r):
			continue
		case r == '\t' || r == '\n' || r == '\r' || unicode.IsControl(r) || unicode.Is(unicode.Zs, r):
			r = ' '
		}
		if n == MaxQueryRunes {
			truncated = true
			break
		}
		b.WriteRune(r)
		n++
	}
	return b.String(), truncated
}

// isInvisible reports format characters that change nothing a reader means:
// bidi marks/embeddings/isolates, zero-width spaces and joiners, BOM, the
// Arabic letter mark and soft hyphen.
func isInvisible(r rune) bool {
	switch {
	case r == 0x200E || r == 0x200F || r == 0x061C || r == 0xFEFF || r == 0x00AD:
		return true
	case r >= 0x200B && r <= 0x200D:
		return true
	case r >= 0x202A && r <= 0x202E:
		return true
	case r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x2060:
		return true
	}
	return false
}

// asciiDigits maps Arabic-Indic (٠-٩) and Persian (۰-۹) digits to ASCII, so
// filter values such as after:٢٠١٥-٠٧-٢٥ parse. Search terms get the same
// folding from textar.Normalize.
func asciiDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + (r - '٠')
		case r >= '۰' && r <= '۹':
			return '0' + (r - '۰')
		case r == '٫' || r == '٬':
			return '.'
		}
		return r
	}, s)
}
