package crawl

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/fetch"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store"
)

// sentences are varied Arabic news prose, combined into article bodies long
// enough that extract treats them as full text.
var sentences = []string{
	"أعلنت وزارة الصحة السعودية اليوم عن افتتاح مستشفى جديد في منطقة القصيم بسعة ثلاثمئة سرير.",
	"وقال المتحدث الرسمي باسم الوزارة إن المشروع يخدم أكثر من مليون نسمة في المحافظات المجاورة.",
	"ويضم المستشفى أقساماً متخصصة للطوارئ والعناية المركزة وجراحة القلب وطب الأطفال.",
	"وأوضح أن العمل في المشروع استمر ثلاث سنوات بتكلفة تجاوزت خمسمئة مليون ريال.",
	"وأشار إلى أن الوزارة تعمل على توظيف الكوادر الوطنية المؤهلة لتشغيل الأقسام الجديدة.",
	"من جهته أكد أمير المنطقة أهمية المشروع في تحسين مستوى الخدمات الصحية للمواطنين والمقيمين.",
	"وتأتي هذه الخطوة ضمن خطة شاملة لتطوير القطاع الصحي في جميع مناطق المملكة خلال الأعوام المقبلة.",
	"كما تشمل الخطة إنشاء مراكز للرعاية الأولية في القرى والهجر البعيدة عن المدن الرئيسة.",
}

// body returns n paragraphs of Arabic text, varied by seed.
func body(seed, n int) []string {
	paras := make([]string, n)
	for i := range paras {
		var b strings.Builder
		for j := 0; j < 4; j++ {
			b.WriteString(sentences[(seed+i*3+j)%len(sentences)])
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "وهذه الفقرة رقم %d من الخبر رقم %d.", i+1, seed)
		paras[i] = b.String()
	}
	return paras
}

func parasHTML(paras []string) string {
	var b strings.Builder
	for _, p := range paras {
		b.WriteString("<p>" + html.EscapeString(p) + "</p>")
	}
	return b.String()
}

func articlePage(title string, paras []string, canonical string) string {
	link := ""
	if canonical != "" {
		link = `<link rel="canonical" href="` + canonical + `">`
	}
	return `<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>` + html.EscapeString(title) + `</title>` + link +
		`<meta property="article:published_time" content="2015-08-01T09:00:00+03:00"></head><body>
<nav><a href="/">الرئيسية</a> <a href="/local">محليات</a> <a href="/sport">رياضة</a></nav>
<article><h1>` + html.EscapeString(title) + `</h1>` + parasHTML(paras) + `</article>
<footer>جميع الحقوق محفوظة</footer></body></html>`
}

// rssItem is one item of a test RSS feed.
type rssItem struct {
	Title, Link, GUID, PubDate, Description, Content string
}

func rss(title string, items ...rssItem) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>` + html.EscapeString(title) + `</title><language>ar</language>`)
	for _, it := range items {
		b.WriteString("<item><title>" + html.EscapeString(it.Title) + "</title><link>" + html.EscapeString(it.Link) + "</link>")
		if it.GUID != "" {
			b.WriteString(`<guid isPermaLink="false">` + html.EscapeString(it.GUID) + "</guid>")
		}
		if it.PubDate != "" {
			b.WriteString("<pubDate>" + it.PubDate + "</pubDate>")
		}
		if it.Description != "" {
			b.WriteString("<description><![CDATA[" + it.Description + "]]></description>")
		}
		if it.Content != "" {
			b.WriteString("<content:encoded><![CDATA[" + it.Content + "]]></content:encoded>")
		}
		b.WriteString("</item>")
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

// route is one canned response of the test publisher.
type route struct {
	status  int
	headers map[string]string
	body    string
}

// publisher is a loopback news site whose responses tests change at will.
type publisher struct {
	*httptest.Server
	mu     sync.Mutex
	routes map[string]route
	funcs  map[string]http.HandlerFunc
	hits   map[string]int
}

func newPublisher(t *testing.T) *publisher {
	p := &publisher{routes: map[string]route{}, funcs: map[string]http.HandlerFunc{}, hits: map[string]int{}}
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.hits[r.URL.Path]++
		rt, ok := p.routes[r.URL.Path]
		fn := p.funcs[r.URL.Path]
		p.mu.Unlock()
		if fn != nil {
			fn(w, r)
			return
		}
		if !ok {
			http.NotFound(w, r)
			return
		}
		for k, v := range rt.headers {
			w.Header().Set(k, v)
		}
		if etag := rt.headers["ETag"]; etag != "" && r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.WriteHeader(cmpOr(rt.status, 200))
		fmt.Fprint(w, rt.body)
	}))
	t.Cleanup(p.Close)
	return p
}

func cmpOr(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}

func (p *publisher) set(path string, rt route) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.routes[path] = rt
}

func (p *publisher) handle(path string, fn http.HandlerFunc) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.funcs[path] = fn
}

func (p *publisher) page(path, title string, paras []string) {
	p.set(path, route{headers: map[string]string{"Content-Type": "text/html; charset=utf-8"}, body: articlePage(title, paras, "")})
}

func (p *publisher) hitCount(path string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.hits[path]
}

// clock is a settable test clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// storeSink stores articles directly; the real sink (internal/ingest) adds
// analysis, which the crawler does not depend on.
type storeSink struct{ s news.Store }

func (k storeSink) Ingest(ctx context.Context, a *news.Article) (news.UpsertResult, error) {
	a.Index = &news.IndexDoc{Title: a.Title, Body: a.BodyText}
	return k.s.UpsertArticle(ctx, a)
}

// syncBuffer is a goroutine-safe log sink.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type env struct {
	t     *testing.T
	ctx   context.Context
	store news.Store
	clock *clock
	logs  *syncBuffer
	c     *Crawler
}

func newEnv(t *testing.T, mod func(*Config)) *env {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	clk := &clock{now: time.Date(2015, 8, 1, 12, 0, 0, 0, time.UTC)}
	logs := &syncBuffer{}
	fc := fetch.New(fetch.Config{
		PerHostDelay: -1, IgnoreRobots: true, Retries: -1,
		Timeout: 10 * time.Second, Now: clk.Now,
	})
	cfg := Config{
		Owner: "test", Workers: 2, MinInterval: time.Minute, MaxInterval: time.Hour,
		DefaultInterval: 10 * time.Minute, Now: clk.Now,
		Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	if mod != nil {
		mod(&cfg)
	}
	c, err := New(st, fc, storeSink{st}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, ctx: ctx, store: st, clock: clk, logs: logs, c: c}
}

func (e *env) addSource(id string, feeds ...string) {
	e.t.Helper()
	src := &news.Source{ID: id, NameAr: id, Language: "ar", Country: "SA", HomeURL: "https://" + id + ".example"}
	for _, u := range feeds {
		src.Feeds = append(src.Feeds, news.Feed{URL: u, Category: "محليات"})
	}
	if err := e.store.PutSource(e.ctx, src); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) pollDue() int {
	e.t.Helper()
	n, err := e.c.PollDue(e.ctx, 100)
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

func (e *env) count() int {
	e.t.Helper()
	n, err := e.store.CountArticles(e.ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

func (e *env) feed(sourceID string, i int) news.Feed {
	e.t.Helper()
	src, err := e.store.Source(e.ctx, sourceID)
	if err != nil {
		e.t.Fatal(err)
	}
	return src.Feeds[i]
}
