package browsertest

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestFirstVisit: headless Chromium asks for en-US, so its first visit to
// "/" lands on /en/; afterwards "/" is the Arabic home page.
func TestFirstVisit(t *testing.T) {
	ctx := tab(t)
	open(t, ctx, "/")
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if u, _ := url.Parse(loc); u.Path != "/en/" {
		t.Fatalf("first visit with an English browser landed on %s", u.Path)
	}
	// The English browser's reader chooses Arabic: that choice sticks.
	if err := chromedp.Do(ctx, chromedp.Click(".lang-switch"), chromedp.WaitVisible("html[lang=ar]")); err != nil {
		t.Fatalf("switch to Arabic from /en/: %v", err)
	}
	open(t, ctx, "/")
	loc, _ = chromedp.Run(ctx, chromedp.Location())
	if u, _ := url.Parse(loc); u.Path != "/" {
		t.Errorf("after choosing Arabic, / redirected to %s", u.Path)
	}
	if lang := eval[string](t, ctx, `document.documentElement.lang`); lang != "ar" {
		t.Errorf("after choosing Arabic, / is in %q", lang)
	}
}

func TestHomeShowsArticles(t *testing.T) {
	ctx := returningTab(t)
	open(t, ctx, "/")
	n := eval[int](t, ctx, `document.querySelectorAll("main .latest .card").length`)
	if n < 10 {
		t.Errorf("home lists %d articles, want ≥ 10", n)
	}
	if s := eval[int](t, ctx, `document.querySelectorAll("main .story-card").length`); s < 1 {
		t.Errorf("home shows no top stories")
	}
	landmarks := eval[string](t, ctx, `["header","nav","main","footer"].filter(s => !document.querySelector(s)).join(",")`)
	if landmarks != "" {
		t.Errorf("missing landmarks: %s", landmarks)
	}
}

// TestArticleAnatomy checks the reading order in the DOM, not just the HTML
// text: title, source, date, image, body, hashtags, related, story link,
// original link.
func TestArticleAnatomy(t *testing.T) {
	ctx := returningTab(t)
	open(t, ctx, "/article/"+fx.ShowcaseID)
	sels := []string{".article-title", ".byline .source", ".byline time", ".lead-image img", ".article .body",
		".article-tags", ".related", ".story-link a", ".original-link"}
	quoted := make([]string, len(sels))
	for i, s := range sels {
		quoted[i] = `"` + s + `"`
	}
	js := `(() => { const s = [` + strings.Join(quoted, ",") + `];
		const els = s.map(q => document.querySelector(q));
		const missing = s.filter((q, i) => !els[i]);
		if (missing.length) return "missing: " + missing.join(" ");
		for (let i = 1; i < els.length; i++) {
			if (!(els[i-1].compareDocumentPosition(els[i]) & Node.DOCUMENT_POSITION_FOLLOWING)) return "out of order: " + s[i-1] + " / " + s[i];
		}
		const r = els.map(e => e.getBoundingClientRect().top);
		for (let i = 1; i < r.length; i++) { if (r[i] + 1 < r[i-1]) return "visually out of order: " + s[i-1] + " / " + s[i]; }
		return "";
	})()`
	if msg := eval[string](t, ctx, js); msg != "" {
		t.Error(msg)
	}
	if w := eval[float64](t, ctx, `document.querySelector(".lead-image img").naturalWidth`); w == 0 {
		t.Errorf("lead image did not load")
	}
	href := eval[string](t, ctx, `document.querySelector(".original-link").href`)
	if href != "https://sabq.org/showcase/opec-output" {
		t.Errorf("original link = %q", href)
	}
}

func TestDirection(t *testing.T) {
	ctx := returningTab(t)
	tests := []struct {
		path, sel, dir string
	}{
		{"/", "html", "rtl"},
		{"/", "main", "rtl"},
		{"/en/", "html", "ltr"},
		{"/en/", "main", "ltr"},
		{"/article/" + fx.EnglishID, "html", "rtl"},
		{"/article/" + fx.EnglishID, ".article .body", "ltr"},
		{"/en/article/" + fx.ShowcaseID, "html", "ltr"},
		{"/en/article/" + fx.ShowcaseID, ".article .body", "rtl"},
	}
	for _, tt := range tests {
		open(t, ctx, tt.path)
		got := eval[string](t, ctx, `getComputedStyle(document.querySelector("`+tt.sel+`")).direction`)
		if got != tt.dir {
			t.Errorf("%s %s: direction %s, want %s", tt.path, tt.sel, got, tt.dir)
		}
	}
}

func TestLocaleSwitchKeepsPage(t *testing.T) {
	ctx := returningTab(t)
	for _, p := range []string{"/article/" + fx.ShowcaseID, "/story/" + fx.StoryID, "/sources"} {
		open(t, ctx, p)
		if err := chromedp.Do(ctx, chromedp.Click(".lang-switch"), chromedp.WaitVisible("html[lang=en]")); err != nil {
			t.Fatalf("%s: switch to English: %v", p, err)
		}
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		u, _ := url.Parse(loc)
		if u.Path != "/en"+p {
			t.Errorf("switching on %s landed on %s", p, u.Path)
		}
		if err := chromedp.Do(ctx, chromedp.Click(".lang-switch"), chromedp.WaitVisible("html[lang=ar]")); err != nil {
			t.Fatalf("%s: switch back: %v", p, err)
		}
		loc, _ = chromedp.Run(ctx, chromedp.Location())
		if u, _ := url.Parse(loc); u.Path != p {
			t.Errorf("switching back landed on %s, want %s", u.Path, p)
		}
	}
}

func TestDates(t *testing.T) {
	ctx := returningTab(t)
	rfc3339 := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)
	tests := []struct {
		path string
		want *regexp.Regexp
	}{
		{"/article/" + fx.ShowcaseID, regexp.MustCompile(`^منذ 16 دقيقة$`)},
		{"/en/article/" + fx.ShowcaseID, regexp.MustCompile(`^16 minutes ago$`)},
	}
	for _, tt := range tests {
		open(t, ctx, tt.path)
		text := eval[string](t, ctx, `document.querySelector(".byline time").textContent`)
		dt := eval[string](t, ctx, `document.querySelector(".byline time").getAttribute("datetime")`)
		if !tt.want.MatchString(text) || !rfc3339.MatchString(dt) {
			t.Errorf("%s: <time datetime=%q>%s", tt.path, dt, text)
		}
	}
	// Older than a day: absolute, Arabic-Indic digits in Arabic.
	for _, tt := range []struct {
		path string
		want *regexp.Regexp
	}{
		{"/article/" + fx.OldID, regexp.MustCompile(`^[٠-٩]{2}-[٠-٩]{2}-[٠-٩]{4}$`)},
		{"/en/article/" + fx.OldID, regexp.MustCompile(`^\d{2}-\d{2}-\d{4}$`)},
	} {
		open(t, ctx, tt.path)
		if text := eval[string](t, ctx, `document.querySelector(".byline time").textContent`); !tt.want.MatchString(text) {
			t.Errorf("%s: old date shown as %q", tt.path, text)
		}
	}
}

// luminance of the body's computed background, 0 (black) to 1 (white).
const bodyLuminance = `(() => { const m = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
	return (0.2126*m[0] + 0.7152*m[1] + 0.0722*m[2]) / 255; })()`

func TestDarkTheme(t *testing.T) {
	ctx := returningTab(t)
	open(t, ctx, "/")
	if l := eval[float64](t, ctx, bodyLuminance); l < 0.8 {
		t.Fatalf("light theme background luminance %.2f", l)
	}
	// With JS: the toggle flips in place and remembers the choice.
	if err := chromedp.Do(ctx, chromedp.Click("#theme-toggle")); err != nil {
		t.Fatal(err)
	}
	if th := eval[string](t, ctx, `document.documentElement.dataset.theme`); th != "dark" {
		t.Errorf("data-theme after toggle = %q", th)
	}
	if l := eval[float64](t, ctx, bodyLuminance); l > 0.2 {
		t.Errorf("dark theme background luminance %.2f", l)
	}
	open(t, ctx, "/sources")
	if l := eval[float64](t, ctx, bodyLuminance); l > 0.2 {
		t.Errorf("dark choice not kept across pages (luminance %.2f)", l)
	}
	// Without JS: the toggle is a link that sets the cookie and comes back.
	href := eval[string](t, ctx, `document.querySelector("#theme-toggle").getAttribute("href")`)
	if !strings.Contains(href, "set=light") {
		t.Fatalf("toggle link on a dark page = %q", href)
	}
	open(t, ctx, href)
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if u, _ := url.Parse(loc); u.Path != "/sources" {
		t.Errorf("no-JS toggle returned to %s", u.Path)
	}
	if l := eval[float64](t, ctx, bodyLuminance); l < 0.8 {
		t.Errorf("no-JS toggle to light left luminance %.2f", l)
	}

	// No cookie: the system preference decides.
	sys := tab(t)
	if _, err := chromedp.Call(sys, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}}); err != nil {
		t.Fatal(err)
	}
	open(t, sys, "/en/")
	if l := eval[float64](t, sys, bodyLuminance); l > 0.2 {
		t.Errorf("prefers-color-scheme: dark ignored (luminance %.2f)", l)
	}
	if label := eval[string](t, sys, `document.querySelector("#theme-toggle").textContent`); label != "Light theme" {
		t.Errorf("toggle on a system-dark page offers %q", label)
	}
}

func TestPhoneHasNoHorizontalScroll(t *testing.T) {
	ctx := returningTab(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2))); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/", "/en/", "/article/" + fx.ShowcaseID, "/en/article/" + fx.EnglishID,
		"/story/" + fx.StoryID, "/source/alriyadh", "/sources", "/en/sources", "/search?q=" + url.QueryEscape("أوبك"), "/about", "/article/nope"} {
		open(t, ctx, p)
		sw := eval[int](t, ctx, `document.documentElement.scrollWidth`)
		iw := eval[int](t, ctx, `window.innerWidth`)
		if sw > iw {
			wide := eval[string](t, ctx, `[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > innerWidth + 1 || e.getBoundingClientRect().left < -1).slice(0, 5).map(e => e.tagName + "." + e.className).join(" ")`)
			t.Errorf("%s at 360px: scrollWidth %d > innerWidth %d (too wide: %s)", p, sw, iw, wide)
		}
	}
}

// TestNoCSPViolations loads every kind of page and fails on any CSP
// violation or console error, JSON-LD included.
func TestNoCSPViolations(t *testing.T) {
	ctx := returningTab(t)
	messages := chromedp.Console(ctx)
	for _, p := range []string{"/", "/en/article/" + fx.ShowcaseID, "/article/" + fx.ShowcaseID, "/story/" + fx.StoryID, "/source/sabq", "/search?q=" + url.QueryEscape("أوبك"), "/about"} {
		open(t, ctx, p)
		// Scripts are external and deferred; give the page a moment to run them.
		eval[bool](t, ctx, `new Promise(r => setTimeout(() => r(true), 50))`)
	}
	// A probe proves the console is really being read.
	eval[bool](t, ctx, `(console.error("nashra-probe"), true)`)
	var bad []string
	probed := false
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			if strings.Contains(m.Text, "nashra-probe") {
				probed = true
				continue
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException || m.Type == chromedp.ConsoleWarning ||
				strings.Contains(m.Text, "Content Security Policy") {
				bad = append(bad, m.String())
			}
		}
	}()
	// The iterator ends with the tab; read what arrived so far.
	eval[bool](t, ctx, `new Promise(r => setTimeout(() => r(true), 200))`)
	chromedp.Cancel(ctx)
	<-done
	if !probed {
		t.Fatal("the console probe never arrived: this test can't see violations")
	}
	for _, b := range bad {
		if strings.Contains(b, "favicon") {
			continue
		}
		t.Errorf("console: %s", b)
	}
}

// TestKeyboard: the first Tab reaches the skip link, which becomes visible,
// and focused links show an outline.
func TestKeyboard(t *testing.T) {
	ctx := returningTab(t)
	open(t, ctx, "/article/"+fx.ShowcaseID)
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	if cls := eval[string](t, ctx, `document.activeElement.className`); cls != "skip" {
		t.Fatalf("first Tab focused %q, want the skip link", cls)
	}
	if top := eval[float64](t, ctx, `document.activeElement.getBoundingClientRect().top`); top < 0 {
		t.Errorf("focused skip link is off screen (top %.0f)", top)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	outline := eval[string](t, ctx, `(() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + " " + s.outlineWidth; })()`)
	if strings.HasPrefix(outline, "none") || strings.HasSuffix(outline, " 0px") {
		t.Errorf("focused link has no visible outline: %s", outline)
	}
}

// TestSearchSuggest: typing in the search box fills its datalist from the
// suggest endpoint (progressive enhancement; the form works without it).
func TestSearchSuggest(t *testing.T) {
	ctx := returningTab(t)
	open(t, ctx, "/")
	if err := chromedp.Do(ctx, chromedp.SendKeys("#q", "أوب")); err != nil {
		t.Fatal(err)
	}
	n := eval[int](t, ctx, `new Promise(resolve => {
		const list = document.getElementById("q-suggest"), start = Date.now();
		(function poll() {
			if (list.options.length > 0 || Date.now() - start > 5000) return resolve(list.options.length);
			setTimeout(poll, 50);
		})();
	})`)
	if n == 0 {
		t.Errorf("no suggestions arrived for أوب")
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys("#q", "ك\n"), chromedp.WaitVisible("ol.results")); err != nil {
		t.Fatalf("submitting the search: %v", err)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if !strings.Contains(loc, "/search?q=") {
		t.Errorf("search form went to %s", loc)
	}
}
