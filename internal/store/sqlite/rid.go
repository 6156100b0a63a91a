package sqlite

import (
	"strconv"
	"strings"
	"time"
)

// slotBits is how many low bits of an article's rid count the articles
// published in the same second: 2^20 per second, far beyond any feed, and
// still 2^43 seconds (about 278,000 years) of range either side of 1970.
const (
	slotBits       = 20
	slotsPerSecond = int64(1) << slotBits
)

var slotsExpr = strconv.FormatInt(slotsPerSecond, 10)

// ridBase is the first rid of the publication second of t.
func ridBase(t time.Time) int64 {
	sec := int64(0)
	if !t.IsZero() {
		sec = t.Unix()
	}
	return sec << slotBits
}

// Meta tokens live in article_fts.meta; see the schema.
const (
	metaAll    = "all"
	metaSource = "src:"
	metaLang   = "lang:"
)

// metaTokens is the meta column of an article.
func metaTokens(source, lang string) string {
	parts := []string{metaAll, metaSource + metaValue(source)}
	if lang != "" {
		parts = append(parts, metaLang+metaValue(lang))
	}
	return strings.Join(parts, " ")
}

// metaValue keeps a filter value one token: separators become '_'.
func metaValue(v string) string {
	v = validUTF8(v)
	if strings.IndexFunc(v, isSeparator) < 0 {
		return v
	}
	return strings.Map(func(r rune) rune {
		if isSeparator(r) {
			return '_'
		}
		return r
	}, v)
}
