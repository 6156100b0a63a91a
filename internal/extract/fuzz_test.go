package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func addFixtureSeeds(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("")
	f.Add("<p>نص قصير</p>")
	f.Add(`<a href="javascript:alert(1)" onclick="x()">x</a><img src=x onerror=alert(1)><svg onload=alert(1)>`)
	f.Add(`<scr<script>ipt>alert(1)</script><p style="x" class=y>t</p><iframe srcdoc="<script>">`)
	f.Add(`<table><tr><td>` + strings.Repeat("وقال المتحدث إن الخطة مستمرة. <br>", 30) + `</td></tr></table>`)
	f.Add(`<math><mi xlink:href="javascript:alert(1)">x</mi></math><form><button formaction=javascript:x>b</button></form>`)
	f.Add(`<p>` + strings.Repeat(`<span><b><i>`, 200) + `عميق` + `</p>`)
}

func FuzzPage(f *testing.F) {
	addFixtureSeeds(f)
	f.Fuzz(func(t *testing.T, page string) {
		r, err := Page("https://example.com/a/b", []byte(page), Hints{Title: "t"})
		if err != nil {
			return
		}
		if r.BodyText == "" || !utf8.ValidString(r.BodyText) && utf8.ValidString(page) {
			t.Fatalf("bad body %q", r.BodyText)
		}
		if strings.Contains(r.BodyText, "\n\n\n") {
			t.Fatalf("empty paragraph in %q", r.BodyText)
		}
		if runeLen(r.Excerpt) > excerptMax+1 {
			t.Fatalf("excerpt too long: %d runes", runeLen(r.Excerpt))
		}
		if msg := unsafeHTML(r.BodyHTML); msg != "" {
			t.Fatalf("unsafe BodyHTML (%s): %q", msg, r.BodyHTML)
		}
		for _, u := range []string{r.CanonicalURL, r.ImageURL} {
			if u != "" && !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
				t.Fatalf("non-http URL %q", u)
			}
		}
	})
}

func FuzzSanitize(f *testing.F) {
	addFixtureSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		out := Sanitize(in)
		if msg := unsafeHTML(out); msg != "" {
			t.Fatalf("unsafe output (%s) for %q: %q", msg, in, out)
		}
		// Idempotent: sanitizing clean output changes nothing a reader sees.
		if again := Sanitize(out); normalizeSpace(textOfHTML(again)) != normalizeSpace(textOfHTML(out)) {
			t.Fatalf("not idempotent:\n%q\n%q", out, again)
		}
	})
}

func FuzzIsTeaser(f *testing.F) {
	addFixtureSeeds(f)
	f.Add("Read more")
	f.Add(strings.Repeat("word ", 200) + "…")
	f.Fuzz(func(t *testing.T, in string) {
		got := IsTeaser(in)
		// Too little text is always a teaser, whatever the markup.
		if wordCount(textOfHTML(in)) < 100 && !got && utf8.ValidString(in) && !strings.Contains(in, "<") {
			t.Fatalf("IsTeaser(%q) = false for short text", in)
		}
	})
}

// textOfHTML is the visible text of an HTML fragment.
func textOfHTML(s string) string {
	return strings.Join(teaserParagraphs(s), " ")
}
