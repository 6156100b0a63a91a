package story

import (
	"regexp"
	"strings"

	"github.com/nashra/nashra/internal/textar"
)

// A wire copy credits its agency in a dateline ("الرياض - واس", "(رويترز)",
// "LONDON (Reuters) -") at the top or the bottom of the text. Mentions in the
// middle of a paragraph ("قالت مصادر لرويترز") are citations, not wire copy,
// so only the head and tail are examined and the credit must be bracketed or
// dashed.
var agencies = []struct {
	name    string // canonical WireAgency value
	pattern string // over textar.Normalize output (Latin lower-cased, أ→ا)
}{
	{"واس", `واس|spa`},
	{"رويترز", `رويترز`},
	{"أ ف ب", `ا[ .]{0,2}ف[ .]{0,2}ب`},
	{"د ب أ", `د[ .]{0,2}ب[ .]{0,2}ا`},
	{"أ ش أ", `ا[ .]{0,2}ش[ .]{0,2}ا`},
	{"كونا", `كونا`},
	{"وام", `وام`},
	{"الأناضول", `الاناضول`},
	{"Reuters", `reuters`},
	{"AP", `ap|associated press`},
	{"AFP", `afp`},
}

type agencyRE struct {
	name string
	res  []*regexp.Regexp
}

var agencyREs = func() []agencyRE {
	out := make([]agencyRE, 0, len(agencies))
	for _, a := range agencies {
		ag := `(?:` + a.pattern + `)`
		out = append(out, agencyRE{name: a.name, res: []*regexp.Regexp{
			regexp.MustCompile(`[(\[«]\s*` + ag + `\s*[)\]»]`),
			regexp.MustCompile(`(?:^|[\s(«])` + ag + `»?\s*[-–—:]`),
			regexp.MustCompile(`[-–—]\s*«?` + ag + `(?:[\s:.)،»]|$)`),
			// SPA's own dateline: "الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس".
			regexp.MustCompile(`\d{4}\s*م\s+` + ag + `(?:\s|$)`),
		}})
	}
	return out
}()

const (
	wireHeadRunes = 260
	wireTailRunes = 160
)

// DetectWire returns the wire agency an article's text credits, or "".
func DetectWire(title, body string) string {
	head, tail := headTail(strings.TrimSpace(body), wireHeadRunes, wireTailRunes)
	for _, part := range []string{head, tail, title} {
		if part == "" {
			continue
		}
		n := textar.Normalize(part)
		if !mayCredit(n) {
			continue
		}
		for _, a := range agencyREs {
			for _, re := range a.res {
				if re.MatchString(n) {
					return a.name
				}
			}
		}
	}
	return ""
}

// headTail returns the first h and last t runes of s (the tail is empty when
// s is short enough to be all head).
func headTail(s string, h, t int) (string, string) {
	r := []rune(s)
	if len(r) <= h {
		return s, ""
	}
	tailStart := len(r) - t
	if tailStart < h {
		tailStart = h
	}
	return string(r[:h]), string(r[tailStart:])
}

// creditHints are the agency names as whole words; a text naming none of
// them (most articles) skips the regular expressions.
var creditHints = []string{" واس ", " spa ", " رويترز ", " ا ف ب ", " اف ب ", " افب ", " ا ف ", " د ب ا ", " دب ا ", " دبا ",
	" ا ش ا ", " اشا ", " كونا ", " وام ", " الاناضول ", " reuters ", " ap ", " afp ", " associated press "}

var creditPunct = strings.NewReplacer("(", " ", ")", " ", "-", " ", "–", " ", "—", " ", "[", " ", "]", " ",
	"«", " ", "»", " ", ":", " ", "/", " ", ".", " ", "،", " ", ",", " ", "\n", " ")

func mayCredit(n string) bool {
	n = " " + creditPunct.Replace(n) + " "
	for _, h := range creditHints {
		if strings.Contains(n, h) {
			return true
		}
	}
	return false
}
