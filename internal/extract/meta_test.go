package extract

import (
	"strings"
	"testing"
)

func TestPageMetadata(t *testing.T) {
	text := `<p>` + strings.Repeat("وأوضح المتحدث الرسمي أن الجهات المختصة تواصل أعمالها الميدانية في المنطقة. ", 6) + `</p>`
	page := func(head, extra string) []byte {
		return []byte(`<html><head>` + head + `</head><body><article>` + extra + text + `</article></body></html>`)
	}
	const u = "https://news.example.com/local/2015/07/21/story-1?utm_source=rss#top"
	cases := []struct {
		name  string
		page  []byte
		hints Hints
		field func(*Result) string
		want  string
	}{
		{"canonical link", page(`<link rel="canonical" href="/local/story-1">`, ""), Hints{}, canon, "https://news.example.com/local/story-1"},
		{"og:url when no canonical", page(`<meta property="og:url" content="https://m.example.com/s/1">`, ""), Hints{}, canon, "https://m.example.com/s/1"},
		{"canonical to the home page ignored", page(`<link rel="canonical" href="https://news.example.com/">`, ""), Hints{}, canon, "https://news.example.com/local/2015/07/21/story-1?utm_source=rss"},
		{"javascript canonical ignored", page(`<link rel="canonical" href="javascript:alert(1)">`, ""), Hints{}, canon, "https://news.example.com/local/2015/07/21/story-1?utm_source=rss"},
		{"relative og:image resolved", page(`<meta property="og:image" content="../img/a.jpg">`, ""), Hints{}, image, "https://news.example.com/local/2015/07/img/a.jpg"},
		{"twitter image", page(`<meta name="twitter:image" content="//cdn.example.com/t.jpg">`, ""), Hints{}, image, "https://cdn.example.com/t.jpg"},
		{"feed image before body image", page("", `<img src="/big.jpg" width="800" height="500">`), Hints{ImageURL: "https://cdn.example.com/feed.jpg"}, image, "https://cdn.example.com/feed.jpg"},
		{"first large body image", page("", `<img src="/logo.png" width="120" height="40"><img src="/icons/share.png"><img data-src="/photos/lead.jpg" src="data:image/gif;base64,R0lGOD">`), Hints{}, image, "https://news.example.com/photos/lead.jpg"},
		{"tracking pixel is no lead image", page(`<meta property="og:image" content="https://pixel.example.com/p.gif">`, ""), Hints{}, image, ""},
		{"meta author", page(`<meta name="author" content="بقلم: سارة القحطاني">`, ""), Hints{}, author, "سارة القحطاني"},
		{"json-ld author list", page(`<script type="application/ld+json">[{"@type":"NewsArticle","author":[{"@type":"Person","name":"Simon Jack"},{"name":"Other"}]}]</script>`, ""), Hints{}, author, "Simon Jack"},
		{"rel author", page("", `<a rel="author" href="/u/1">خالد الشهري</a>`), Hints{}, author, "خالد الشهري"},
		{"byline class", page("", `<div class="article-byline">By Jane Doe</div>`), Hints{}, author, "Jane Doe"},
		{"byline paragraph", page("", `<p>بقلم: عبدالله المطيري</p>`), Hints{}, author, "عبدالله المطيري"},
		{"author URL rejected", page(`<meta property="article:author" content="https://www.facebook.com/okaz">`, ""), Hints{}, author, ""},
		{"html lang when text says nothing", []byte(`<html lang="fr"><body><p>` + strings.Repeat("x1 y2 z3 ", 40) + `</p></body></html>`), Hints{}, lang, "fr"},
		{"text beats a wrong html lang", page(`<meta http-equiv="content-language" content="en-US">`, ""), Hints{}, lang, "ar"},
		{"rtl root", page("", ""), Hints{}, func(r *Result) string { return r.BodyHTML[:15] }, `<div dir="rtl">`},
		{"title from <title> minus site", page(`<title>وزارة الصحة تعلن | الرياض</title><meta property="og:site_name" content="الرياض">`, ""), Hints{}, title, "وزارة الصحة تعلن"},
		{"og:title preferred to <title>", page(`<title>x | y</title><meta property="og:title" content="العنوان الكامل للخبر">`, ""), Hints{}, title, "العنوان الكامل للخبر"},
		{"feed title entities", page("", ""), Hints{Title: "الخبر &quot;العاجل&quot;"}, title, `الخبر "العاجل"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := testExtractor(ModeAuto).Page(u, c.page, c.hints)
			if err != nil {
				t.Fatal(err)
			}
			if got := c.field(r); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func canon(r *Result) string  { return r.CanonicalURL }
func image(r *Result) string  { return r.ImageURL }
func author(r *Result) string { return r.Author }
func lang(r *Result) string   { return r.Language }
func title(r *Result) string  { return r.Title }
