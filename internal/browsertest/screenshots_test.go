package browsertest

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestScreenshots saves the main pages in both languages, both themes and
// two widths to docs/screenshots, for people to look at. Opt in with
// NASHRA_SCREENSHOTS=1 (it writes into the repository).
func TestScreenshots(t *testing.T) {
	if os.Getenv("NASHRA_SCREENSHOTS") != "1" {
		t.Skip("set NASHRA_SCREENSHOTS=1 to write docs/screenshots/*.png")
	}
	dir := filepath.Join("..", "..", "docs", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	pages := []struct{ name, path string }{
		{"home", "/"},
		{"article", "/article/" + fx.ShowcaseID},
		{"story", "/story/" + fx.StoryID},
		{"search", "/search?q=" + url.QueryEscape("أوبك")},
		{"search-typo", "/search?q=" + url.QueryEscape("أوبق")},
	}
	sizes := []struct {
		name string
		w, h int64
	}{{"desktop", 1280, 900}, {"phone", 360, 780}}
	for _, theme := range []string{"light", "dark"} {
		for _, size := range sizes {
			ctx := returningTab(t)
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: theme}}}); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(size.w, size.h)); err != nil {
				t.Fatal(err)
			}
			for _, lang := range []string{"ar", "en"} {
				for _, p := range pages {
					path := p.path
					if lang == "en" {
						path = "/en" + path
					}
					open(t, ctx, path)
					png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
					if err != nil {
						t.Fatalf("screenshot %s: %v", path, err)
					}
					name := fmt.Sprintf("%s-%s-%s-%s.png", p.name, lang, theme, size.name)
					if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
}
