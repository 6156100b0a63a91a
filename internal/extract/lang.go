package extract

import (
	"strings"

	"github.com/nashra/nashra/internal/textar"
)

// detectLanguage tells Arabic from English by the text itself; "" when
// unsure. textar owns the rules so extraction and indexing agree.
func detectLanguage(s string) string { return textar.DetectLanguage(s) }

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
