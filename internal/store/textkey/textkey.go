// Package textkey folds display text (titles, source names, hashtags) into
// the keys the stores' suggestion lookups compare prefixes against.
//
// The stores never analyse text for search (the ingest pipeline hands them
// token text), but suggestions complete what the reader is typing against
// titles as published, so both sides of the prefix comparison need the same
// folding. Key is textar.Normalize (the project's one definition of letter
// folding) plus punctuation collapsed to single spaces, so "#خليفة_حفتر",
// "خليفة حفتر" and a prefix the search layer already normalised all agree.
package textkey

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nashra/nashra/internal/textar"
)

// Key folds s for prefix comparison: textar.Normalize, then every rune
// that is not a letter or digit (punctuation, '#', '_', symbols, spaces)
// becomes a separator, runs of separators one space, with none at either
// end; marks and invisible format characters are dropped.
func Key(s string) string {
	s = textar.Normalize(strings.ToValidUTF8(s, ""))
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsMark(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError:
			// Invisible: must not split a word.
		default:
			space = true
		}
	}
	return b.String()
}

// UpperBound returns the smallest string greater than every string that has
// key as a prefix, for half-open range scans [key, UpperBound(key)). It
// appends the maximum code point, which no folded key contains.
func UpperBound(key string) string { return key + string(unicode.MaxRune) }
