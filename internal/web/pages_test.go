package web

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
)

func TestPages(t *testing.T) {
	ts := newTestSite(t)
	fx := ts.fx
	tests := []struct {
		name, path string
		status     int
		lang, dir  string
		want       []string
	}{
		{"home ar", "/", 200, "ar", "rtl", []string{"آخر الأخبار", "أبرز القصص", "الوسوم الرائجة", "/story/" + fx.StoryID}},
		{"home en", "/en/", 200, "en", "ltr", []string{"Latest news", "Top stories", "Trending hashtags"}},
		{"article ar", "/article/" + fx.ShowcaseID, 200, "ar", "rtl", []string{"أوبك+ تتفق", "اقرأ الخبر الأصلي في سبق"}},
		{"article en ui", "/en/article/" + fx.ShowcaseID, 200, "en", "ltr", []string{"Read the original at Sabq", `class="body" lang="ar" dir="rtl"`}},
		{"english article in arabic ui", "/article/" + fx.EnglishID, 200, "ar", "rtl", []string{`class="body" lang="en" dir="ltr"`}},
		{"story", "/story/" + fx.StoryID, 200, "ar", "rtl", []string{"التسلسل الزمني", "أول من نشر الخبر", "نسخ الوكالات", "عكاظ"}},
		{"story en", "/en/story/" + fx.StoryID, 200, "en", "ltr", []string{"Timeline", "First reported by", "Wire copies"}},
		{"source", "/source/sabq", 200, "ar", "rtl", []string{"حالة الجلب", "https://sabq.org/rss.xml", "آخر جلب ناجح"}},
		{"source with errors", "/en/source/alriyadh", 200, "en", "ltr", []string{"Crawl health", "Consecutive failures"}},
		{"sources", "/sources", 200, "ar", "rtl", []string{"المصادر", "/source/okaz"}},
		{"hashtag", "/hashtag/" + url.PathEscape(fx.Tag), 200, "ar", "rtl", []string{"#" + fx.Tag, "/article/" + fx.ShowcaseID}},
		{"search", "/search?q=" + url.QueryEscape("أوبك"), 200, "ar", "rtl", []string{"<mark>أوبك</mark>", "نتائج البحث عن"}},
		{"search zero, corrected", "/en/search?q=zzzz", 200, "en", "ltr", []string{"Showing results for “أوبك”", "/en/search?q=zzzz&amp;verbatim=1", "<mark>أوبك</mark>"}},
		{"search zero, verbatim", "/en/search?q=zzzz&verbatim=1", 200, "en", "ltr", []string{"No news matches", "Did you mean", "/en/search?q=%D8%A3%D9%88%D8%A8%D9%83"}},
		{"search chips", "/search?q=" + url.QueryEscape("source:okaz أوبك"), 200, "ar", "rtl", []string{`class="chip chip-source"`, "إزالة عامل التصفية عكاظ"}},
		{"search empty", "/search", 200, "ar", "rtl", []string{`name="q"`}},
		{"about", "/about", 200, "ar", "rtl", []string{"CC BY-NC-SA 4.0", "Alhagri", "Greene", "Alrefaie", "NewsFANE", "CC BY-SA 3.0", "SIL Open Font License"}},
		{"about en", "/en/about", 200, "en", "ltr", []string{"CC BY-NC-SA 4.0", "Alhagri", "Greene", "Cunningham", "Alrefaie", "NewsFANE"}},
		{"unknown article", "/article/doesnotexist", 404, "ar", "rtl", []string{"هذا المقال غير موجود"}},
		{"unknown article en", "/en/article/doesnotexist", 404, "en", "ltr", []string{"This article isn&#39;t on Nashra"}},
		{"unknown source", "/source/nope", 404, "ar", "rtl", []string{"هذا المصدر غير موجود"}},
		{"unknown tag", "/en/hashtag/nosuchtag", 404, "en", "ltr", []string{"No news carries this hashtag"}},
		{"unknown story", "/story/nope", 404, "ar", "rtl", []string{"هذه القصة غير موجودة"}},
		{"unknown path", "/en/nothing/here", 404, "en", "ltr", []string{"Page not found"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.get(t, tt.path)
			if r.status != tt.status {
				t.Fatalf("GET %s = %d, want %d\n%s", tt.path, r.status, tt.status, r.body)
			}
			if want := `<html lang="` + tt.lang + `" dir="` + tt.dir + `"`; !strings.Contains(r.body, want) {
				t.Errorf("GET %s: missing %s", tt.path, want)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.body, w) {
					t.Errorf("GET %s: body lacks %q", tt.path, w)
				}
			}
			if strings.Contains(r.body, "ZgotmplZ") {
				t.Errorf("GET %s: html/template rejected a value (ZgotmplZ)", tt.path)
			}
			if len(r.body) > 60<<10 {
				t.Errorf("GET %s: page is %d bytes, budget 60 KB", tt.path, len(r.body))
			}
		})
	}
}

// TestArticleAnatomy checks the article page's parts appear in the agreed
// reading order.
func TestArticleAnatomy(t *testing.T) {
	ts := newTestSite(t)
	body := ts.get(t, "/article/"+ts.fx.ShowcaseID).body
	order := []string{
		`class="article-title"`,
		`class="source" href="/source/sabq"`,
		`<time datetime=`,
		`class="lead-image"`,
		`class="body"`,
		`class="tags article-tags"`,
		`class="related"`,
		`class="story-link"`,
		`class="original-link"`,
		`class="also-by"`,
	}
	last := -1
	for _, m := range order {
		i := strings.Index(body, m)
		if i < 0 {
			t.Fatalf("article page lacks %s", m)
		}
		if i < last {
			t.Errorf("%s appears before the previous part; want order %v", m, order)
		}
		last = i
	}
	if !strings.Contains(body, "نشره أيضًا مصدر آخر") {
		t.Errorf("duplicate outlets not announced")
	}
	// The near-copy links back to the original publication.
	cp := ts.get(t, "/article/"+ts.fx.CopyID).body
	if !strings.Contains(cp, "نُشر هذا النص أولًا في") || !strings.Contains(cp, "نقلًا عن واس") {
		t.Errorf("copy page lacks its original / wire credit")
	}
}

func TestArticleBodyIsResanitized(t *testing.T) {
	ts := newTestSite(t)
	body := ts.get(t, "/article/"+ts.fx.ShowcaseID).body
	for _, bad := range []string{`alert("x")`, "onclick", "<script>alert"} {
		if strings.Contains(body, bad) {
			t.Errorf("article page carries %q from the stored HTML", bad)
		}
	}
	if !strings.Contains(body, "نص أخير.") {
		t.Errorf("sanitising dropped the text of the paragraph that had an onclick")
	}
}

func TestMachineReadable(t *testing.T) {
	ts := newTestSite(t)
	body := ts.get(t, "/en/article/"+ts.fx.ShowcaseID).body
	for _, w := range []string{
		`<link rel="canonical" href="https://nashra.test/en/article/` + ts.fx.ShowcaseID + `">`,
		`hreflang="ar" href="https://nashra.test/article/` + ts.fx.ShowcaseID + `"`,
		`hreflang="en" href="https://nashra.test/en/article/` + ts.fx.ShowcaseID + `"`,
		`<meta property="og:type" content="article">`,
		`<meta name="twitter:card"`,
		`<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle"`,
	} {
		if !strings.Contains(body, w) {
			t.Errorf("article page lacks %s", w)
		}
	}
	ld := between(body, `<script type="application/ld+json">`, `</script>`)
	var doc map[string]any
	if err := jsonUnmarshal(ld, &doc); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, ld)
	}
	if doc["headline"] == "" || doc["datePublished"] == nil || doc["publisher"] == nil {
		t.Errorf("JSON-LD misses fields: %v", doc)
	}
}

func TestSearchDisabled(t *testing.T) {
	ts := newTestSite(t, func(c *Config) { c.Search = nil })
	if r := ts.get(t, "/"); strings.Contains(r.body, `role="search"`) {
		t.Errorf("search box shown without a search engine")
	}
	if r := ts.get(t, "/search?q=x"); r.status != 404 {
		t.Errorf("/search without engine = %d, want 404", r.status)
	}
}

func TestSuggest(t *testing.T) {
	ts := newTestSite(t)
	r := ts.get(t, "/search/suggest?q="+url.QueryEscape("أوب"))
	if r.status != 200 || !strings.Contains(r.header.Get("Content-Type"), "json") || !strings.Contains(r.body, `"kind":"hashtag"`) {
		t.Errorf("suggest = %d %s %s", r.status, r.header.Get("Content-Type"), r.body)
	}
	if r := ts.get(t, "/search/suggest?q=a"); r.body != "[]" {
		t.Errorf("one-letter prefix should suggest nothing, got %s", r.body)
	}
}

func TestHomePagination(t *testing.T) {
	ts := newTestSite(t)
	home := ts.get(t, "/").body
	older := between(home, `<a rel="next" href="`, `"`)
	if older == "" {
		t.Fatal("home has no older link")
	}
	older = strings.ReplaceAll(older, "&amp;", "&")
	r := ts.get(t, older)
	if r.status != 200 || !strings.Contains(r.body, "أخبار أقدم") {
		t.Fatalf("GET %s = %d", older, r.status)
	}
	if strings.Contains(r.body, "أبرز القصص") {
		t.Errorf("older page repeats top stories")
	}
	// The first article of the older page must not be on page one.
	first := between(r.body, `<h3 class="card-title" lang="`, `</a>`)
	if first == "" || strings.Contains(home, first) {
		t.Errorf("older page overlaps page one: %q", first)
	}
}

// TestArticleWithoutExtras: an article with no story, hashtags or related
// list shows no empty sections, and still credits its publisher.
func TestArticleWithoutExtras(t *testing.T) {
	ts := newTestSite(t)
	body := ts.get(t, "/article/"+ts.fx.OldID).body
	for _, absent := range []string{`class="related"`, `class="story-link"`, `class="also-by"`, `article-tags`, `class="lead-image"`} {
		if strings.Contains(body, absent) {
			t.Errorf("old article page shows %s", absent)
		}
	}
	if !strings.Contains(body, `href="https://spa.gov.sa/showcase/archive"`) {
		t.Errorf("old article page doesn't link the original")
	}
	if !strings.Contains(body, ">٣٠-٠٧-٢٠١٥</time>") {
		t.Errorf("old article date not absolute in Arabic digits")
	}
}

func TestHomeFoldsCopies(t *testing.T) {
	ts := newTestSite(t)
	latest := between(ts.get(t, "/", "Cookie", "lang=ar").body, `id="h-latest"`, `</section>`)
	if !strings.Contains(latest, "/article/"+ts.fx.ShowcaseID) {
		t.Fatalf("latest list lacks the original")
	}
	if strings.Contains(latest, "/article/"+ts.fx.CopyID) {
		t.Errorf("latest list repeats the near-copy of an article it already shows")
	}
}

func TestFoldCopies(t *testing.T) {
	tests := []struct {
		name string
		in   []news.Article
		want []string
	}{
		{"copy with original", []news.Article{{ID: "b", DuplicateOf: "a"}, {ID: "a"}}, []string{"a"}},
		{"copy without original on the page", []news.Article{{ID: "b", DuplicateOf: "z"}, {ID: "a"}}, []string{"b", "a"}},
		{"no copies", []news.Article{{ID: "a"}, {ID: "b"}}, []string{"a", "b"}},
		{"empty", nil, nil},
	}
	for _, tt := range tests {
		var got []string
		for _, a := range foldCopies(tt.in) {
			got = append(got, a.ID)
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestValidTag(t *testing.T) {
	tests := []struct {
		tag  string
		want bool
	}{
		{"أوبك", true}, {"خليفة_حفتر", true}, {"COVID-19", true}, {"U.S.", true}, {"Opec+", true},
		{"", false}, {"two words", false}, {"a/b", false}, {"tab\there", false}, {"#x", false},
		{strings.Repeat("ا", 101), false},
	}
	for _, tt := range tests {
		if got := validTag(tt.tag); got != tt.want {
			t.Errorf("validTag(%q) = %v, want %v", tt.tag, got, tt.want)
		}
	}
}

func TestArticleEdited(t *testing.T) {
	// Uncached: with caching an edit shows up within ttlArticle, not at once.
	ts := newTestSite(t, func(c *Config) { c.DisablePageCache = true })
	a, err := ts.store.Article(t.Context(), ts.fx.OldID)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(ts.get(t, "/article/"+a.ID).body, `class="edited"`) {
		t.Fatalf("unedited article marked edited")
	}
	a.BodyText += "\\n\\nتحديث: أضيفت تفاصيل."
	a.UpdatedAt = ts.fx.Now.Add(-2 * time.Hour)
	a.ContentHash = news.ContentHash(a.Title, a.BodyText)
	if _, err := ts.store.UpsertArticle(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	got, _ := ts.store.Article(t.Context(), a.ID)
	if got.UpdatedAt.Sub(got.PublishedAt) <= editedAfter {
		t.Skipf("the store keeps its own UpdatedAt (%v); nothing to show", got.UpdatedAt)
	}
	body := ts.get(t, "/en/article/"+a.ID).body
	if !strings.Contains(body, `<span class="edited">updated <time`) {
		t.Errorf("edited article not marked")
	}
}
