package crawl

import (
	"testing"
	"time"

	"github.com/nashra/nashra/internal/extract"
	"github.com/nashra/nashra/internal/feed"
	"github.com/nashra/nashra/internal/news"
)

func testCrawler(t *testing.T) *Crawler {
	t.Helper()
	c, err := New(fakeStore{}, fakeFetcher{}, fakeSink{}, Config{
		Owner: "t", MinInterval: time.Minute, MaxInterval: time.Hour, DefaultInterval: 10 * time.Minute,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSchedule(t *testing.T) {
	c := testCrawler(t)
	now := time.Date(2015, 8, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name         string
		cur          time.Duration
		o            outcome
		wantInterval time.Duration
		minWait      time.Duration
		maxWait      time.Duration
	}{
		{"new feed, new items", 0, outcome{newItems: 3}, 5 * time.Minute, 4 * time.Minute, 6 * time.Minute},
		{"halve toward min", 90 * time.Second, outcome{newItems: 1}, time.Minute, 54 * time.Second, 66 * time.Second},
		{"grow when quiet", 20 * time.Minute, outcome{}, 30 * time.Minute, 27 * time.Minute, 33 * time.Minute},
		{"grow capped at max", 50 * time.Minute, outcome{}, time.Hour, 54 * time.Minute, 66 * time.Minute},
		{"first failure backs off from min", 20 * time.Minute, outcome{failed: true}, 20 * time.Minute, 54 * time.Second, 66 * time.Second},
		{"third failure", 20 * time.Minute, outcome{failed: true, failures: 2}, 20 * time.Minute, 216 * time.Second, 264 * time.Second},
		{"many failures capped", 20 * time.Minute, outcome{failed: true, failures: 40}, 20 * time.Minute, 54 * time.Minute, 66 * time.Minute},
		{"retry-after is a floor", 20 * time.Minute, outcome{failed: true, retryAfter: 3 * time.Hour}, 20 * time.Minute, 3 * time.Hour, 3 * time.Hour},
		{"gone", 20 * time.Minute, outcome{gone: true}, 20 * time.Minute, time.Hour, time.Hour},
		{"interval out of bounds clamped", 10 * time.Hour, outcome{}, time.Hour, 54 * time.Minute, 66 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i := 0; i < 50; i++ { // jitter is random: check its bounds
				iv, next := c.schedule(tt.cur, tt.o, now)
				if iv != tt.wantInterval {
					t.Fatalf("interval %v, want %v", iv, tt.wantInterval)
				}
				if w := next.Sub(now); w < tt.minWait || w > tt.maxWait {
					t.Fatalf("next poll in %v, want within [%v, %v]", w, tt.minWait, tt.maxWait)
				}
			}
		})
	}
}

func TestArticleURL(t *testing.T) {
	item := "https://www.okaz.com.sa/news/1?x=1"
	tests := []struct{ page, canonical, want string }{
		{item, "", item},
		{item, "https://www.okaz.com.sa/news/1", "https://www.okaz.com.sa/news/1"},
		{item, "https://okaz.com.sa/news/1#top", "https://okaz.com.sa/news/1"},
		{item, "https://aggregator.example/copy/1", item},
		{"https://m.okaz.com.sa/news/1", "https://m.okaz.com.sa/news/1", "https://m.okaz.com.sa/news/1"},
		{item, "/news/1", item},
		{item, "javascript:void(0)", item},
	}
	for _, tt := range tests {
		if got := articleURL(item, tt.page, tt.canonical); got != tt.want {
			t.Errorf("articleURL(page %q, canonical %q) = %q, want %q", tt.page, tt.canonical, got, tt.want)
		}
	}
}

func TestArticleDates(t *testing.T) {
	c := testCrawler(t)
	now := time.Date(2015, 8, 1, 12, 0, 0, 0, time.UTC)
	feedDate := now.Add(-3 * time.Hour)
	pageDate := now.Add(-5 * time.Hour)
	f := news.Feed{ID: 3, SourceID: "s", Category: "رياضة"}
	tests := []struct {
		name           string
		item, page     time.Time
		want           time.Time
		wantSourceFeed bool
	}{
		{"feed date wins", feedDate, pageDate, feedDate, true},
		{"page date when feed has none", time.Time{}, pageDate, pageDate, true},
		{"fetch time when neither", time.Time{}, time.Time{}, now, true},
		{"future page date clamped", time.Time{}, now.Add(48 * time.Hour), now, true},
	}
	for _, tt := range tests {
		it := &feed.Item{URL: "https://s.example/1", Title: "t", Published: tt.item}
		res := &extract.Result{BodyText: "b", PublishedAt: tt.page, Language: "ar"}
		a := c.article(f, it, res, it.URL, "ar", now)
		if !a.PublishedAt.Equal(tt.want) {
			t.Errorf("%s: published %v, want %v", tt.name, a.PublishedAt, tt.want)
		}
		if a.SourceID != "s" || a.FeedID != 3 || a.Category != "رياضة" || a.ID != news.ArticleID(a.URL) || a.ContentHash == "" {
			t.Errorf("%s: article %+v", tt.name, a)
		}
	}
}

func TestConfigValidation(t *testing.T) {
	if _, err := New(fakeStore{}, fakeFetcher{}, fakeSink{}, Config{}); err == nil {
		t.Error("missing Owner accepted")
	}
	if _, err := New(fakeStore{}, fakeFetcher{}, fakeSink{}, Config{Owner: "x", MinInterval: time.Hour, MaxInterval: time.Minute}); err == nil {
		t.Error("MinInterval > MaxInterval accepted")
	}
}
