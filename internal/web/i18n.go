package web

import (
	"embed"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed locales/*.json
var localeFS embed.FS

// langs are the UI languages, default first. The default has no URL prefix.
var langs = []string{"ar", "en"}

// catalog is one UI language's messages. Plain messages (no plural, no
// data) are resolved once at start-up because a page uses dozens of them
// and go-i18n executes a text/template on every Localize call.
type catalog struct {
	lang  string
	loc   *i18n.Localizer
	plain map[string]string
}

func loadCatalogs(siteName string) (map[string]*catalog, error) {
	bundle := i18n.NewBundle(language.Arabic)
	bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	ids := map[string]map[string]any{}
	for _, l := range langs {
		name := "locales/" + l + ".json"
		data, err := localeFS.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("web: read catalogue %s: %w", name, err)
		}
		if _, err := bundle.ParseMessageFileBytes(data, name); err != nil {
			return nil, fmt.Errorf("web: parse catalogue %s: %w", name, err)
		}
		var raw map[string]any
		if err := json.Unmarshal(data, &raw); err != nil {
			return nil, fmt.Errorf("web: parse catalogue %s: %w", name, err)
		}
		ids[l] = raw
	}
	// Every message must exist in every language: a page half in the wrong
	// language is a bug worth failing start-up (and the tests) over.
	for id := range ids["ar"] {
		if _, ok := ids["en"][id]; !ok {
			return nil, fmt.Errorf("web: message %q is in ar.json but not en.json", id)
		}
	}
	for id := range ids["en"] {
		if _, ok := ids["ar"][id]; !ok {
			return nil, fmt.Errorf("web: message %q is in en.json but not ar.json", id)
		}
	}
	out := map[string]*catalog{}
	for _, l := range langs {
		c := &catalog{lang: l, loc: i18n.NewLocalizer(bundle, l), plain: map[string]string{}}
		for id, v := range ids[l] {
			if str, ok := v.(string); ok && !strings.Contains(str, "{{") {
				c.plain[id] = str
			}
		}
		if siteName != "" {
			c.plain["site.name"] = siteName
		}
		out[l] = c
	}
	return out, nil
}

// T returns a plain message.
func (c *catalog) T(id string) string {
	if s, ok := c.plain[id]; ok {
		return s
	}
	return c.localize(&i18n.LocalizeConfig{MessageID: id})
}

// TD returns a message with template data given as key/value pairs.
func (c *catalog) TD(id string, kv ...any) string {
	data := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		data[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return c.localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
}

// N returns a plural message for count n; the template sees the count,
// already in the UI's digits, as {{.N}}.
func (c *catalog) N(id string, n int) string {
	return c.localize(pluralConfig(id, n, c.Num(n)))
}

func pluralConfig(id string, n int, shown string) *i18n.LocalizeConfig {
	return &i18n.LocalizeConfig{
		MessageID:    id,
		PluralCount:  n,
		TemplateData: map[string]any{"N": shown},
	}
}

func (c *catalog) localize(lc *i18n.LocalizeConfig) string {
	s, err := c.loc.Localize(lc)
	if err != nil {
		// Showing the ID beats a blank page; TestCatalogueComplete and the
		// start-up check catch missing messages before readers do.
		return lc.MessageID
	}
	return s
}

// Num formats a count in the UI's digits: Arabic-Indic in Arabic.
func (c *catalog) Num(n int) string {
	return c.Digits(strconv.Itoa(n))
}

// Digits rewrites ASCII digits into the UI's digits.
func (c *catalog) Digits(s string) string {
	if c.lang != "ar" {
		return s
	}
	return arabicDigits(s)
}

func arabicDigits(s string) string {
	var b strings.Builder
	b.Grow(len(s) * 2)
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune('٠' + (r - '0'))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// dirOf is the writing direction of a content language.
func dirOf(lang string) string {
	switch strings.ToLower(lang) {
	case "ar", "fa", "ur", "he", "ps", "ckb", "yi":
		return "rtl"
	}
	return "ltr"
}
