package crawl

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/nashra/nashra/internal/canon"
	"github.com/nashra/nashra/internal/news"
)

const pubDate = "Sat, 01 Aug 2015 09:00:00 +0300"

func mustCanon(t *testing.T, u string) string {
	t.Helper()
	c, err := canon.Canonicalize(u)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestTwoFeedsSameArticleStoredOnce(t *testing.T) {
	e := newEnv(t, nil)
	p := newPublisher(t)
	link := p.URL + "/news/1001"
	paras := body(1, 6)
	p.page("/news/1001", "افتتاح مستشفى القصيم", paras)
	// The full-text feed and a teaser feed (with tracking parameters) list
	// the same article.
	p.set("/rss/full.xml", route{body: rss("الرئيسية", rssItem{Title: "افتتاح مستشفى القصيم", Link: link, GUID: "1001", PubDate: pubDate, Content: parasHTML(paras)})})
	p.set("/rss/teaser.xml", route{body: rss("محليات", rssItem{Title: "افتتاح مستشفى القصيم", Link: link + "?utm_source=rss&utm_medium=feed", GUID: "local-1001", PubDate: pubDate, Description: "أعلنت وزارة الصحة عن افتتاح مستشفى…"})})
	e.addSource("alriyadh", p.URL+"/rss/full.xml", p.URL+"/rss/teaser.xml")

	if n := e.pollDue(); n != 2 {
		t.Fatalf("polled %d feeds, want 2", n)
	}
	if got := e.count(); got != 1 {
		t.Fatalf("stored %d articles, want 1", got)
	}
	a, err := e.store.Article(e.ctx, news.ArticleID(mustCanon(t, link)))
	if err != nil {
		t.Fatal(err)
	}
	if a.SourceID != "alriyadh" || a.Category != "محليات" || !strings.Contains(a.BodyText, "الفقرة رقم 6") {
		t.Errorf("article %+v", a)
	}
	if want := time.Date(2015, 8, 1, 6, 0, 0, 0, time.UTC); !a.PublishedAt.Equal(want) {
		t.Errorf("published %v, want the feed date %v", a.PublishedAt, want)
	}
	if s := e.c.Stats(); s.Created != 1 || s.Updated != 0 {
		t.Errorf("created %d updated %d, want 1 and 0 (stats %+v)", s.Created, s.Updated, s)
	}

	// A second poll finds nothing new and fetches no page.
	hits := p.hitCount("/news/1001")
	e.clock.advance(2 * time.Hour)
	e.pollDue()
	if got := e.count(); got != 1 {
		t.Errorf("stored %d articles after second poll", got)
	}
	if p.hitCount("/news/1001") != hits {
		t.Errorf("known article page refetched")
	}
}

func TestTeaserVersusFullContent(t *testing.T) {
	e := newEnv(t, nil)
	p := newPublisher(t)
	full, teaser := body(2, 6), body(3, 5)
	p.page("/a/full", "خبر كامل", full)
	p.page("/a/teaser", "خبر مختصر", teaser)
	p.set("/feed", route{body: rss("أخبار",
		rssItem{Title: "خبر كامل", Link: p.URL + "/a/full", PubDate: pubDate, Content: parasHTML(full)},
		rssItem{Title: "خبر مختصر", Link: p.URL + "/a/teaser", PubDate: pubDate, Description: "<p>ملخص قصير للخبر... <a href='/a/teaser'>اقرأ المزيد</a></p>"},
	)})
	e.addSource("sabq", p.URL+"/feed")
	e.pollDue()
	if got := e.count(); got != 2 {
		t.Fatalf("stored %d, want 2", got)
	}
	if n := p.hitCount("/a/full"); n != 0 {
		t.Errorf("full-content item fetched its page %d times, want 0", n)
	}
	if n := p.hitCount("/a/teaser"); n != 1 {
		t.Errorf("teaser item fetched its page %d times, want 1", n)
	}
	a, err := e.store.Article(e.ctx, news.ArticleID(mustCanon(t, p.URL+"/a/teaser")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.BodyText, "الفقرة رقم 5") || strings.Contains(a.BodyText, "الرئيسية") {
		t.Errorf("teaser article body is not the page's article text: %q", a.BodyText)
	}
}

func TestEditedArticleUpdates(t *testing.T) {
	e := newEnv(t, nil)
	p := newPublisher(t)
	link := p.URL + "/news/77"
	v1 := body(4, 6)
	p.set("/feed", route{body: rss("أخبار", rssItem{Title: "عنوان أول", Link: link, GUID: "77", PubDate: pubDate, Content: parasHTML(v1)})})
	e.addSource("okaz", p.URL+"/feed")
	e.pollDue()

	v2 := append(body(4, 6), "وفي تحديث لاحق، أعلنت الوزارة موعد بدء استقبال المرضى في الأسبوع المقبل بعد اكتمال التجهيزات.")
	p.set("/feed", route{body: rss("أخبار", rssItem{Title: "عنوان محدث", Link: link, GUID: "77", PubDate: pubDate, Content: parasHTML(v2)})})
	e.clock.advance(2 * time.Hour)
	e.pollDue()

	if got := e.count(); got != 1 {
		t.Fatalf("stored %d, want 1", got)
	}
	a, err := e.store.Article(e.ctx, news.ArticleID(mustCanon(t, link)))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "عنوان محدث" || !strings.Contains(a.BodyText, "تحديث لاحق") {
		t.Errorf("edit not applied: title %q", a.Title)
	}
	if s := e.c.Stats(); s.Created != 1 || s.Updated != 1 {
		t.Errorf("created %d updated %d, want 1 and 1", s.Created, s.Updated)
	}
}

func TestGoneFeed(t *testing.T) {
	e := newEnv(t, nil)
	p := newPublisher(t) // serves 404 for everything not routed
	e.addSource("gone", p.URL+"/old-feed.xml")
	e.pollDue()
	f := e.feed("gone", 0)
	if !f.Gone || f.LastError == "" {
		t.Fatalf("feed after 404: gone=%v err=%q", f.Gone, f.LastError)
	}
	e.clock.advance(48 * time.Hour)
	if n := e.pollDue(); n != 0 {
		t.Errorf("gone feed polled again")
	}
	if !strings.Contains(e.logs.String(), "feed is gone") {
		t.Errorf("gone feed not logged:\n%s", e.logs)
	}
}

func TestRetryAfterBacksOff(t *testing.T) {
	e := newEnv(t, nil)
	p := newPublisher(t)
	p.set("/feed", route{status: 503, headers: map[string]string{"Retry-After": "7200"}})
	e.addSource("busy", p.URL+"/feed")
	start := e.clock.Now()
	e.pollDue()
	f := e.feed("busy", 0)
	if f.ConsecutiveFailures != 1 || !strings.Contains(f.LastError, "503") {
		t.Errorf("failures %d, last error %q", f.ConsecutiveFailures, f.LastError)
	}
	if d := f.NextPollAt.Sub(start); d < 2*time.Hour {
		t.Errorf("next poll in %v, want at least the 2h Retry-After", d)
	}
	// Not due before then.
	e.clock.advance(time.Hour)
	if n := e.pollDue(); n != 0 {
		t.Errorf("feed polled during its Retry-After")
	}
	if hits := p.hitCount("/feed"); hits != 1 {
		t.Errorf("feed fetched %d times, want 1", hits)
	}
}

func TestMalformedFeedDoesNotStopOthers(t *testing.T) {
	e := newEnv(t, nil)
	bad, good := newPublisher(t), newPublisher(t)
	bad.set("/feed", route{body: `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>مقطوع`})
	bad.set("/html", route{body: `<!DOCTYPE html><html><body>not a feed</body></html>`})
	paras := body(5, 6)
	good.set("/feed", route{body: rss("جيد", rssItem{Title: "خبر سليم", Link: good.URL + "/n/1", PubDate: pubDate, Content: parasHTML(paras)})})
	e.addSource("broken", bad.URL+"/feed", bad.URL+"/html")
	e.addSource("healthy", good.URL+"/feed")
	if n := e.pollDue(); n != 3 {
		t.Fatalf("polled %d, want 3", n)
	}
	if got := e.count(); got != 1 {
		t.Errorf("stored %d, want the healthy feed's 1", got)
	}
	for i := 0; i < 2; i++ {
		if f := e.feed("broken", i); f.ConsecutiveFailures != 1 || f.LastError == "" {
			t.Errorf("broken feed %d: failures %d error %q", i, f.ConsecutiveFailures, f.LastError)
		}
	}
	logs := e.logs.String()
	for _, want := range []string{"feed does not parse", "source=broken", "feed=" + bad.URL + "/feed", "malformed", "not a feed"} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q", want)
		}
	}
}

func TestSitemapIndex(t *testing.T) {
	e := newEnv(t, nil)
	p := newPublisher(t)
	p.set("/sitemap.xml", route{body: `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>` + p.URL + `/sitemap-news.xml</loc></sitemap></sitemapindex>`})
	p.set("/sitemap-news.xml", route{body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>` + p.URL + `/s/1</loc><news:news><news:publication><news:name>عكاظ</news:name><news:language>ar</news:language></news:publication><news:publication_date>2015-08-01T08:00:00Z</news:publication_date><news:title>خبر أول</news:title></news:news></url>
<url><loc>` + p.URL + `/s/2</loc><news:news><news:publication><news:name>عكاظ</news:name><news:language>ar</news:language></news:publication><news:publication_date>2015-08-01T09:00:00Z</news:publication_date><news:title>خبر ثان</news:title></news:news></url>
</urlset>`})
	p.page("/s/1", "خبر أول", body(6, 5))
	p.page("/s/2", "خبر ثان", body(7, 5))
	e.addSource("okaz", p.URL+"/sitemap.xml")
	e.pollDue()
	if got := e.count(); got != 2 {
		t.Fatalf("stored %d from the sitemap index, want 2\n%s", got, e.logs)
	}
	a, err := e.store.Article(e.ctx, news.ArticleID(mustCanon(t, p.URL+"/s/2")))
	if err != nil {
		t.Fatal(err)
	}
	if !a.PublishedAt.Equal(time.Date(2015, 8, 1, 9, 0, 0, 0, time.UTC)) || a.Language != "ar" {
		t.Errorf("sitemap article: published %v language %q", a.PublishedAt, a.Language)
	}
}

func TestConditionalGetAndAdaptiveInterval(t *testing.T) {
	e := newEnv(t, nil)
	p := newPublisher(t)
	paras := body(8, 6)
	p.set("/feed", route{headers: map[string]string{"ETag": `"v1"`}, body: rss("أخبار", rssItem{Title: "خبر", Link: p.URL + "/n/8", PubDate: pubDate, Content: parasHTML(paras)})})
	e.addSource("jazirah", p.URL+"/feed")
	e.pollDue()
	f := e.feed("jazirah", 0)
	if f.ETag != `"v1"` || f.Interval != 5*time.Minute {
		t.Fatalf("after new items: etag %q interval %v, want \"v1\" and 10m/2", f.ETag, f.Interval)
	}
	e.clock.advance(time.Hour)
	e.pollDue()
	f = e.feed("jazirah", 0)
	if f.Interval != 7*time.Minute+30*time.Second {
		t.Errorf("after 304: interval %v, want 5m×1.5", f.Interval)
	}
	if s := e.c.Stats(); s.NotModified != 1 {
		t.Errorf("not-modified polls %d, want 1", s.NotModified)
	}
}

func TestMetricsAndStats(t *testing.T) {
	reg := prometheus.NewRegistry()
	var observed atomic.Int64
	e := newEnv(t, func(c *Config) {
		c.Registry = reg
		c.Workers = 1
		c.Observe = func(stage string, d time.Duration) { observed.Add(1) }
	})
	p := newPublisher(t)
	p.set("/feed", route{body: rss("أخبار", rssItem{Title: "خبر", Link: p.URL + "/n/9", PubDate: pubDate, Description: "ملخص…"})})
	p.page("/n/9", "خبر", body(9, 5))
	e.addSource("madina", p.URL+"/feed")
	e.pollDue()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, mf := range mfs {
		names[mf.GetName()] = true
	}
	for _, want := range []string{"nashra_crawl_polls_total", "nashra_crawl_articles_total", "nashra_crawl_stage_seconds", "nashra_crawl_bytes_total"} {
		if !names[want] {
			t.Errorf("metric %s not registered/observed", want)
		}
	}
	s := e.c.Stats()
	for _, st := range []string{StageFeedFetch, StageParse, StagePageFetch, StageExtract, StageStore, StagePoll} {
		if s.Stages[st].Count == 0 {
			t.Errorf("stage %s has no observations", st)
		}
		if s.Stages[st].P99 < s.Stages[st].P50 {
			t.Errorf("stage %s: p99 < p50", st)
		}
	}
	if observed.Load() == 0 {
		t.Error("Observe callback never called")
	}
	// A second crawler on the same registry is a wiring mistake: say so.
	if _, err := New(e.store, fakeFetcher{}, fakeSink{}, Config{Owner: "x", Registry: reg}); err == nil {
		t.Error("metrics registered twice on one registry without an error")
	}
	if _, err := New(e.store, nil, nil, Config{Owner: "x"}); err == nil {
		t.Error("New accepted nil dependencies")
	}
}

func TestRunStopsGracefully(t *testing.T) {
	polled := make(chan struct{}, 8)
	e := newEnv(t, func(c *Config) {
		c.IdleWait = 20 * time.Millisecond
		c.Observe = func(stage string, d time.Duration) {
			if stage == StagePoll {
				polled <- struct{}{}
			}
		}
	})
	p := newPublisher(t)
	p.set("/feed", route{body: rss("أخبار", rssItem{Title: "خبر", Link: p.URL + "/n/10", PubDate: pubDate, Content: parasHTML(body(10, 6))})})
	e.addSource("run", p.URL+"/feed")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- e.c.Run(ctx) }()
	<-polled
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if got := e.count(); got != 1 {
		t.Errorf("stored %d, want 1", got)
	}
	f := e.feed("run", 0)
	if f.LastSuccessAt.IsZero() {
		t.Errorf("poll result not recorded: %+v", f)
	}
}
