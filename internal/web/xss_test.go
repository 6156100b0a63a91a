package web

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
)

// TestHostileArticle stores an article whose every field tries to break
// out of its context, and checks no page or feed carries live markup.
func TestHostileArticle(t *testing.T) {
	ts := newTestSite(t)
	evil := `</script><script>alert(1)</script><img src=x onerror=alert(2)>"'`
	a := &news.Article{
		URL:         "https://okaz.com.sa/evil?x=\"><script>alert(3)</script>",
		SourceID:    "okaz",
		Title:       "عنوان " + evil,
		Author:      evil,
		Excerpt:     "مقتطف " + evil,
		BodyHTML:    `<p>نص</p><script>alert(4)</script><a href="javascript:alert(5)">رابط</a><img src="javascript:alert(6)"><iframe src="https://evil.example"></iframe><p style="position:fixed">x</p>`,
		BodyText:    "نص",
		ImageURL:    `javascript:alert(7)`,
		Language:    "ar",
		PublishedAt: ts.fx.Now.Add(-time.Minute),
	}
	a.ID = news.ArticleID(a.URL)
	a.ContentHash = news.ContentHash(a.Title, a.BodyHTML)
	if _, err := ts.store.UpsertArticle(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if err := ts.store.SaveAnalysis(context.Background(), []news.Analysis{{ArticleID: a.ID, Hashtags: []string{"x<script>"}}}, nil); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/article/" + a.ID, "/en/article/" + a.ID, "/source/okaz", "/feed.xml", "/feed.atom", "/feed.json", "/sitemap.xml", "/sitemap-news.xml", "/hashtag/" + url.PathEscape("x<script>")} {
		r := ts.get(t, p, "Cookie", "lang=ar")
		if r.status != 200 {
			t.Errorf("%s = %d", p, r.status)
			continue
		}
		for _, bad := range []string{"<script>alert", "<img src=x", "javascript:", "<iframe", "style=\"position"} {
			if strings.Contains(r.body, bad) {
				t.Errorf("%s carries %q", p, bad)
			}
		}
	}
}
