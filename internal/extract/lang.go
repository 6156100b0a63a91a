package extract

import (
	"strings"
	"unicode"
)

// englishMarkers are frequent English function words: Latin text made
// mostly of other words is some other Latin-script language, which we do
// not claim to know.
var englishMarkers = map[string]bool{
	"the": true, "of": true, "and": true, "to": true, "in": true, "is": true, "that": true,
	"for": true, "on": true, "was": true, "with": true, "he": true, "it": true, "as": true,
	"at": true, "by": true, "said": true, "from": true, "has": true, "have": true, "are": true,
	"be": true, "this": true, "an": true, "will": true, "were": true, "its": true, "his": true,
}

// detectLanguage tells Arabic from English by script counts over (a prefix
// of) the text; "" when neither clearly dominates.
func detectLanguage(s string) string {
	if len(s) > 20000 {
		s = s[:20000]
	}
	arabic, latin := 0, 0
	for _, r := range s {
		switch {
		case isArabicLetter(r):
			arabic++
		case r < unicode.MaxLatin1 && unicode.IsLetter(r):
			latin++
		}
	}
	total := arabic + latin
	if total < 20 {
		return ""
	}
	if float64(arabic) >= 0.6*float64(total) {
		return "ar"
	}
	if float64(latin) < 0.8*float64(total) {
		return ""
	}
	words, hits := 0, 0
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		words++
		if englishMarkers[strings.ToLower(w)] {
			hits++
		}
		if words >= 400 {
			break
		}
	}
	if words > 0 && float64(hits) >= 0.08*float64(words) {
		return "en"
	}
	return ""
}

// declaredLanguage turns a lang attribute or Content-Language value
// ("ar-SA", "en_US, en") into ISO 639-1.
func declaredLanguage(v string) string {
	v = strings.ToLower(strings.TrimSpace(v))
	if i := strings.IndexAny(v, ",;"); i >= 0 {
		v = v[:i]
	}
	if i := strings.IndexAny(v, "-_"); i >= 0 {
		v = v[:i]
	}
	if len(v) == 2 && v[0] >= 'a' && v[0] <= 'z' && v[1] >= 'a' && v[1] <= 'z' {
		return v
	}
	return ""
}

// isRTL reports whether a language is written right to left.
func isRTL(lang string) bool {
	switch lang {
	case "ar", "fa", "ur", "he", "ps", "ku", "ckb", "yi", "dv", "sd", "ug":
		return true
	}
	return false
}

// chooseLanguage prefers what the text says over what the page or feed
// declares: Arabic WordPress sites routinely ship lang="en-US".
func chooseLanguage(body, declared, hint string) string {
	if l := detectLanguage(body); l != "" {
		return l
	}
	if declared != "" {
		return declared
	}
	return declaredLanguage(hint)
}
