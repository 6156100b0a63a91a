package web

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestContrast checks the palette against WCAG 2.1 AA (4.5:1 for text) in
// both themes, for every foreground/background pair the stylesheet uses.
func TestContrast(t *testing.T) {
	css, err := staticFS.ReadFile("static/css/site.css")
	if err != nil {
		t.Fatal(err)
	}
	blocks := map[string]string{
		"light": between(string(css), ":root {", "}"),
		"dark":  between(string(css), `:root[data-theme="dark"] {`, "}"),
	}
	decl := regexp.MustCompile(`--([a-z-]+):\s*(#[0-9a-fA-F]{6})`)
	pairs := [][2]string{
		{"text", "bg"}, {"text", "surface"}, {"muted", "bg"}, {"muted", "surface"},
		{"accent", "bg"}, {"accent", "surface"}, {"accent", "accent-soft"}, {"bg", "accent"},
		{"bad", "bg"}, {"good", "bg"}, {"text", "mark"},
	}
	for theme, block := range blocks {
		vars := map[string]string{}
		for _, m := range decl.FindAllStringSubmatch(block, -1) {
			vars[m[1]] = m[2]
		}
		if len(vars) < 10 {
			t.Fatalf("%s theme: found only %d colour variables", theme, len(vars))
		}
		for _, p := range pairs {
			fg, bg := vars[p[0]], vars[p[1]]
			if fg == "" || bg == "" {
				t.Errorf("%s theme: --%s or --%s missing", theme, p[0], p[1])
				continue
			}
			if r := contrastRatio(fg, bg); r < 4.5 {
				t.Errorf("%s theme: --%s %s on --%s %s has contrast %.2f, want ≥ 4.5", theme, p[0], fg, p[1], bg, r)
			}
		}
	}
	// The system-dark block must match the explicit dark theme.
	sys := between(string(css), `:root:not([data-theme="light"]) {`, "}")
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	if norm(sys) != norm(blocks["dark"]) {
		t.Errorf("prefers-color-scheme dark palette differs from [data-theme=dark]")
	}
}

func contrastRatio(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(hex string) float64 {
	ch := func(i int) float64 {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(0) + 0.7152*ch(1) + 0.0722*ch(2)
}
