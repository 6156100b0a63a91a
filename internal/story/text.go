package story

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on the text analysed per article. A 100k-word article (a pasted
// report, a scraping accident) must cost no more than a long feature: the
// head of an article carries its topic.
const (
	maxTitleBytes = 1 << 10
	maxBodyBytes  = 16 << 10
	excerptRunes  = 180
)

// boilerplateMarkers cut an article's body where a publisher's footer starts
// ("رابط الخبر بصحيفة الوئام: <title>"), so shared footers never make two
// unrelated articles of one outlet look alike.
var boilerplateMarkers = []string{
	"رابط الخبر بصحيفة",
	"...المزيد",
}

func cleanTitle(s string) string {
	s = html.UnescapeString(s)
	s = strings.Join(strings.Fields(s), " ")
	return capBytes(s, maxTitleBytes)
}

func cleanBody(s string) string {
	s = capBytes(s, 4*maxBodyBytes) // bound the unescape work first
	s = html.UnescapeString(s)
	for _, m := range boilerplateMarkers {
		if i := strings.LastIndex(s, m); i >= 0 && i > len(s)/3 {
			s = s[:i]
		}
	}
	return capBytes(strings.TrimSpace(s), maxBodyBytes)
}

// capBytes cuts s to at most n bytes at a space (or rune) boundary.
func capBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if sp := strings.LastIndexFunc(s[:cut], unicode.IsSpace); sp > n/2 {
		cut = sp
	}
	return s[:cut]
}

// excerpt is the first excerptRunes runes of the body on one line.
func excerpt(body string) string {
	body = strings.Join(strings.Fields(capBytes(body, 4*excerptRunes)), " ")
	r := []rune(body)
	if len(r) <= excerptRunes {
		return body
	}
	cut := excerptRunes
	for i := excerptRunes; i > excerptRunes/2; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return string(r[:cut]) + "…"
}

// displayWord turns a surface token into a hashtag word: diacritics and
// tatweel removed, and a clitic before the article folded into the article
// ("والنفط", "بالنفط", "للنفط" → "النفط").
func displayWord(w string) string {
	var b strings.Builder
	for _, r := range w {
		if (r >= 0x064B && r <= 0x065F) || r == 0x0670 || r == 0x0640 || r == '\u200c' || r == '\u200d' || r == '\u200e' || r == '\u200f' {
			continue
		}
		b.WriteRune(r)
	}
	w = b.String()
	for _, p := range []string{"وبال", "وال", "فال", "بال", "كال"} {
		if strings.HasPrefix(w, p) && utf8.RuneCountInString(w)-utf8.RuneCountInString(p) >= 3 {
			return "ال" + w[len(p):]
		}
	}
	if strings.HasPrefix(w, "لل") && utf8.RuneCountInString(w) >= 5 {
		return "ال" + w[len("لل"):]
	}
	return w
}
