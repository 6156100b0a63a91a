package postgres

import (
	"strings"
	"time"
	"unicode/utf8"
)

// epoch stands for the zero time in NOT NULL timestamp columns, as 0 does
// in the SQLite store.
var epoch = time.Unix(0, 0).UTC()

func ts(t time.Time) time.Time {
	if t.IsZero() {
		return epoch
	}
	return t.UTC().Truncate(time.Microsecond)
}

func fromTS(t time.Time) time.Time {
	if t.Equal(epoch) {
		return time.Time{}
	}
	return t.UTC()
}

// txt makes s storable: PostgreSQL rejects NUL bytes and invalid UTF-8 in
// text, which scraped pages and hostile queries can both contain.
func txt(s string) string {
	if utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ToValidUTF8(s, ""), "\x00", "")
}

func txts(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = txt(x)
	}
	return out
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}
