// Package textkey folds display text (titles, source names, hashtags) into
// the keys the stores' suggestion lookups compare prefixes against.
//
// The stores never analyse text for search (the ingest pipeline hands them
// token text), but suggestions complete what the reader is typing against
// titles as published, so both sides of the prefix comparison need one
// cheap, idempotent folding. It mirrors textar.Normalize's letter folding
// (alef forms, ya, ta marbuta, hamza carriers, diacritics, tatweel, digits,
// case) so a prefix the search layer already normalised folds to itself.
package textkey

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Key folds s for prefix comparison: letters folded, marks and tatweel
// dropped, digits made ASCII, punctuation and runs of spaces collapsed to a
// single space, and a leading '#' removed.
func Key(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		r = foldRune(r)
		switch {
		case r < 0:
			continue
		case r == ' ':
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// foldRune returns the folded rune, ' ' for separators, or -1 to drop it.
func foldRune(r rune) rune {
	switch {
	case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
		return 'ا'
	case r == 'ى':
		return 'ي'
	case r == 'ة':
		return 'ه'
	case r == 'ؤ':
		return 'و'
	case r == 'ئ':
		return 'ي'
	case r == 'ـ': // tatweel
		return -1
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠')
	case r >= '۰' && r <= '۹':
		return '0' + (r - '۰')
	case r == '_' || r == '-':
		// Hashtags join words with '_'; typing a space must still match.
		return ' '
	case r == utf8.RuneError:
		return -1
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r):
		return -1
	case unicode.IsLetter(r) || unicode.IsNumber(r):
		return unicode.ToLower(r)
	case r == '#' || r == '@':
		return ' '
	}
	return ' '
}

// UpperBound returns the smallest string greater than every string that has
// key as a prefix, for half-open range scans [key, UpperBound(key)). It
// appends the maximum code point, which no folded key contains.
func UpperBound(key string) string { return key + string(unicode.MaxRune) }
