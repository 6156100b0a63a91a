package crawl

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
)

// TestInterruptedPollKeepsValidators stops the crawler while it waits for an
// article page: the poll must still be recorded (lease released), marked
// interrupted, due again at once, and must not store the feed's new ETag —
// otherwise the next poll would get a 304 and never see the unfinished item.
func TestInterruptedPollKeepsValidators(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.IdleWait = 20 * time.Millisecond })
	p := newPublisher(t)
	pageRequested := make(chan struct{}, 1)
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	p.set("/feed", route{headers: map[string]string{"ETag": `"v2"`},
		body: rss("أخبار", rssItem{Title: "خبر", Link: p.URL + "/slow/1", PubDate: pubDate, Description: "ملخص…"})})
	p.handle("/slow/1", func(w http.ResponseWriter, r *http.Request) {
		select {
		case pageRequested <- struct{}{}:
		default:
		}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	e.addSource("slow", p.URL+"/feed")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- e.c.Run(ctx) }()
	<-pageRequested
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	f := e.feed("slow", 0)
	if !strings.Contains(f.LastError, "interrupted") {
		t.Errorf("last error %q, want interrupted", f.LastError)
	}
	if f.ETag != "" {
		t.Errorf("ETag %q stored for an unfinished poll", f.ETag)
	}
	if f.NextPollAt.After(e.clock.Now()) {
		t.Errorf("next poll %v, want due now (%v)", f.NextPollAt, e.clock.Now())
	}
	if n := e.count(); n != 0 {
		t.Errorf("stored %d articles from an interrupted fetch", n)
	}
	// The lease was released: another owner can take the feed right away.
	feeds, err := e.store.LeaseDueFeeds(e.ctx, "other", e.clock.Now(), 10, time.Minute)
	if err != nil || len(feeds) != 1 {
		t.Errorf("lease not released: %d feeds, %v", len(feeds), err)
	}
}

// flakySink fails its first n calls.
type flakySink struct {
	storeSink
	fail atomic.Int32
}

func (k *flakySink) Ingest(ctx context.Context, a *news.Article) (news.UpsertResult, error) {
	if k.fail.Add(-1) >= 0 {
		return news.Unchanged, errors.New("database is locked")
	}
	return k.storeSink.Ingest(ctx, a)
}

// TestStoreFailureRetriedNextPoll: an article the sink could not store is
// picked up by the next poll even though the feed has an ETag.
func TestStoreFailureRetriedNextPoll(t *testing.T) {
	e := newEnv(t, nil)
	sink := &flakySink{storeSink: storeSink{e.store}}
	sink.fail.Store(1)
	c, err := New(e.store, e.c.fetcher, sink, e.c.cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.c = c
	p := newPublisher(t)
	p.set("/feed", route{headers: map[string]string{"ETag": `"v1"`},
		body: rss("أخبار", rssItem{Title: "خبر", Link: p.URL + "/n/1", PubDate: pubDate, Content: parasHTML(body(11, 6))})})
	e.addSource("flaky", p.URL+"/feed")
	e.pollDue()
	if n := e.count(); n != 0 {
		t.Fatalf("stored %d despite the sink failing", n)
	}
	if f := e.feed("flaky", 0); f.ETag != "" {
		t.Errorf("ETag %q kept after a failed item", f.ETag)
	}
	if s := c.Stats(); s.ItemErrors != 1 {
		t.Errorf("item errors %d, want 1", s.ItemErrors)
	}
	if !strings.Contains(e.logs.String(), "database is locked") {
		t.Errorf("store error not logged")
	}
	e.clock.advance(time.Hour)
	e.pollDue()
	if n := e.count(); n != 1 {
		t.Errorf("stored %d after the retry poll, want 1", n)
	}
	if f := e.feed("flaky", 0); f.ETag != `"v1"` {
		t.Errorf("ETag %q after a complete poll, want \"v1\"", f.ETag)
	}
}

// panicSink panics on one article, as a bug in analysis might.
type panicSink struct {
	storeSink
	bad string
}

func (k panicSink) Ingest(ctx context.Context, a *news.Article) (news.UpsertResult, error) {
	if strings.HasSuffix(a.URL, k.bad) {
		panic("index out of range in some analyser")
	}
	return k.storeSink.Ingest(ctx, a)
}

func TestPanicInOneItemIsContained(t *testing.T) {
	e := newEnv(t, nil)
	c, err := New(e.store, e.c.fetcher, panicSink{storeSink{e.store}, "/n/bad"}, e.c.cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.c = c
	p := newPublisher(t)
	p.set("/feed", route{body: rss("أخبار",
		rssItem{Title: "سيئ", Link: p.URL + "/n/bad", PubDate: pubDate, Content: parasHTML(body(12, 6))},
		rssItem{Title: "جيد", Link: p.URL + "/n/good", PubDate: pubDate, Content: parasHTML(body(13, 6))})})
	e.addSource("p", p.URL+"/feed")
	e.pollDue()
	if n := e.count(); n != 1 {
		t.Errorf("stored %d, want the good article", n)
	}
	if s := c.Stats(); s.ItemErrors != 1 {
		t.Errorf("item errors %d, want 1", s.ItemErrors)
	}
	if !strings.Contains(e.logs.String(), "panic while handling item") {
		t.Error("panic not logged")
	}
}

// failingKnown makes KnownURLs fail, as a locked or unreachable database.
type failingKnown struct{ news.Store }

func (failingKnown) KnownURLs(context.Context, []string) (map[string]bool, error) {
	return nil, errors.New("connection refused")
}

func TestStoreLookupFailureRecorded(t *testing.T) {
	e := newEnv(t, nil)
	c, err := New(failingKnown{e.store}, e.c.fetcher, e.c.sink, e.c.cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.c = c
	p := newPublisher(t)
	p.set("/feed", route{headers: map[string]string{"ETag": `"x"`}, body: rss("أخبار", rssItem{Title: "خبر", Link: p.URL + "/n/1", PubDate: pubDate})})
	e.addSource("p", p.URL+"/feed")
	e.pollDue()
	f := e.feed("p", 0)
	if !strings.Contains(f.LastError, "connection refused") || f.ConsecutiveFailures != 1 || f.ETag != "" {
		t.Errorf("feed after store failure: %+v", f)
	}
}

func TestLeaseBudgetLeavesItemsForNextPoll(t *testing.T) {
	e := newEnv(t, func(c *Config) {
		// Budget 1.2 s against 6 pages of 400 ms: wide margins both ways, so
		// a loaded CI machine still stops part-way, never at 0 or 6.
		c.LeaseDuration = 1500 * time.Millisecond
		c.PageConcurrency = 1
	})
	p := newPublisher(t)
	var items []rssItem
	for i := range 6 {
		path := "/slow/" + string(rune('a'+i))
		p.handle(path, func(w http.ResponseWriter, r *http.Request) {
			time.Sleep(400 * time.Millisecond)
			w.Write([]byte(articlePage("خبر", body(20+i, 5), "")))
		})
		items = append(items, rssItem{Title: "خبر", Link: p.URL + path, PubDate: pubDate, Description: "ملخص…"})
	}
	p.set("/feed", route{headers: map[string]string{"ETag": `"e"`}, body: rss("أخبار", items...)})
	e.addSource("p", p.URL+"/feed")
	e.pollDue()
	first := e.count()
	if first == 0 || first == 6 {
		t.Fatalf("stored %d of 6 in the first poll; want the budget to stop it part-way", first)
	}
	if f := e.feed("p", 0); f.ETag != "" {
		t.Errorf("ETag %q kept after a partial poll", f.ETag)
	}
	for i := 0; i < 6 && e.count() < 6; i++ {
		e.clock.advance(2 * time.Hour)
		e.pollDue()
	}
	if n := e.count(); n != 6 {
		t.Errorf("stored %d after further polls, want 6", n)
	}
}
