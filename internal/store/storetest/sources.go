package storetest

import (
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
)

var sourceTests = []test{
	{"PutAndGet", testPutAndGetSource},
	{"PutAddsOnlyNewFeeds", testPutAddsOnlyNewFeeds},
	{"NotFound", testSourceNotFound},
	{"DeleteKeepsArticles", testDeleteSourceKeepsArticles},
	{"RemoveFeed", testRemoveFeed},
	{"StatsCountsAndHealth", testSourceStats},
}

func testPutAndGetSource(t *testing.T, s news.Store) {
	src := &news.Source{ID: "aawsat", NameAr: "الشرق الأوسط", NameEn: "Asharq Al-Awsat", HomeURL: "https://aawsat.example/",
		Language: "ar", Country: "SA", LogoURL: "https://aawsat.example/logo.png",
		Feeds: []news.Feed{
			{URL: "https://aawsat.example/rss", Kind: news.FeedRSS, Category: "politics", Interval: 15 * time.Minute, NextPollAt: base},
			{URL: "https://aawsat.example/sitemap.xml", Kind: news.FeedSitemap},
		}}
	must(t, s.PutSource(ctx(t), src))
	for _, f := range src.Feeds {
		if f.ID == 0 {
			t.Fatalf("PutSource did not fill the ID of feed %s", f.URL)
		}
	}
	got, err := s.Source(ctx(t), "aawsat")
	must(t, err)
	if got.NameAr != src.NameAr || got.NameEn != src.NameEn || got.HomeURL != src.HomeURL || got.Language != "ar" ||
		got.Country != "SA" || got.LogoURL != src.LogoURL {
		t.Fatalf("source round trip: got %+v", got)
	}
	if len(got.Feeds) != 2 {
		t.Fatalf("got %d feeds, want 2", len(got.Feeds))
	}
	f := got.Feeds[0]
	if f.URL != "https://aawsat.example/rss" || f.Kind != news.FeedRSS || f.Category != "politics" ||
		f.Interval != 15*time.Minute || !f.NextPollAt.Equal(base) || f.SourceID != "aawsat" || f.ID != src.Feeds[0].ID {
		t.Fatalf("feed round trip: got %+v", f)
	}

	// Updating the source changes its fields, not its feeds.
	src.NameEn = "Asharq Al-Awsat (EN)"
	src.Feeds = nil
	must(t, s.PutSource(ctx(t), src))
	got, err = s.Source(ctx(t), "aawsat")
	must(t, err)
	if got.NameEn != "Asharq Al-Awsat (EN)" || len(got.Feeds) != 2 {
		t.Fatalf("after update: name %q, %d feeds", got.NameEn, len(got.Feeds))
	}

	wantCode(t, s.PutSource(ctx(t), &news.Source{}), news.EINVALID)
}

func testPutAddsOnlyNewFeeds(t *testing.T, s news.Store) {
	src := putSource(t, s, "alriyadh", "https://alriyadh.example/a.xml")
	first := src.Feeds[0].ID
	src = putSource(t, s, "alriyadh", "https://alriyadh.example/a.xml", "https://alriyadh.example/b.xml")
	if src.Feeds[0].ID != first {
		t.Fatalf("existing feed got a new ID: %d, was %d", src.Feeds[0].ID, first)
	}
	got, err := s.Source(ctx(t), "alriyadh")
	must(t, err)
	if len(got.Feeds) != 2 {
		t.Fatalf("got %d feeds, want 2", len(got.Feeds))
	}
}

func testSourceNotFound(t *testing.T, s news.Store) {
	_, err := s.Source(ctx(t), "missing")
	wantCode(t, err, news.ENOTFOUND)
	wantCode(t, s.DeleteSource(ctx(t), "missing"), news.ENOTFOUND)
	wantCode(t, s.RemoveFeed(ctx(t), "https://missing.example/rss"), news.ENOTFOUND)
}

func testDeleteSourceKeepsArticles(t *testing.T, s news.Store) {
	putSource(t, s, "okaz", "https://okaz.example/rss")
	a := newArticle("okaz", 1, base, "Title", "Body")
	upsert(t, s, a)
	must(t, s.DeleteSource(ctx(t), "okaz"))
	_, err := s.Source(ctx(t), "okaz")
	wantCode(t, err, news.ENOTFOUND)
	if _, err := s.Article(ctx(t), a.ID); err != nil {
		t.Fatalf("article of a deleted source: %v", err)
	}
	// Its feeds went with it: re-adding the source starts from scratch.
	src := putSource(t, s, "okaz")
	if len(src.Feeds) != 0 {
		t.Fatalf("feeds survived source deletion: %+v", src.Feeds)
	}
	got, err := s.Source(ctx(t), "okaz")
	must(t, err)
	if len(got.Feeds) != 0 {
		t.Fatalf("feeds survived source deletion: %+v", got.Feeds)
	}
}

func testRemoveFeed(t *testing.T, s news.Store) {
	putSource(t, s, "sabq", "https://sabq.example/a", "https://sabq.example/b")
	must(t, s.RemoveFeed(ctx(t), "https://sabq.example/a"))
	got, err := s.Source(ctx(t), "sabq")
	must(t, err)
	if len(got.Feeds) != 1 || got.Feeds[0].URL != "https://sabq.example/b" {
		t.Fatalf("after RemoveFeed: %+v", got.Feeds)
	}
	wantCode(t, s.RemoveFeed(ctx(t), "https://sabq.example/a"), news.ENOTFOUND)
}

func testSourceStats(t *testing.T, s news.Store) {
	a := putSource(t, s, "a-src", "https://a.example/1", "https://a.example/2")
	putSource(t, s, "b-src", "https://b.example/1")
	putSource(t, s, "c-src")
	upsert(t, s,
		newArticle("a-src", 1, base, "one", "x"),
		newArticle("a-src", 2, base.Add(time.Hour), "two", "x"),
		newArticle("b-src", 1, base.Add(-time.Hour), "three", "x"),
	)
	// Feed 1 of a-src fails twice, feed 2 succeeds.
	f1, f2 := a.Feeds[0].ID, a.Feeds[1].ID
	must(t, s.FinishPoll(ctx(t), news.PollResult{FeedID: f2, StartedAt: base, Status: 200}))
	must(t, s.FinishPoll(ctx(t), news.PollResult{FeedID: f1, StartedAt: base, Err: "timeout"}))
	must(t, s.FinishPoll(ctx(t), news.PollResult{FeedID: f1, StartedAt: base.Add(time.Minute), Err: "HTTP 500"}))

	stats, err := s.Sources(ctx(t))
	must(t, err)
	if len(stats) != 3 {
		t.Fatalf("got %d sources, want 3", len(stats))
	}
	by := map[string]news.SourceStats{}
	for _, st := range stats {
		by[st.ID] = st
	}
	sa := by["a-src"]
	if sa.Articles != 2 || !sa.LatestArticleAt.Equal(base.Add(time.Hour)) || !sa.LastSuccessAt.Equal(base) ||
		sa.ConsecutiveFailures != 2 || sa.LastError != "HTTP 500" || len(sa.Feeds) != 2 || sa.NameAr != "مصدر a-src" {
		t.Fatalf("a-src stats: %+v", sa)
	}
	if sb := by["b-src"]; sb.Articles != 1 || sb.ConsecutiveFailures != 0 || sb.LastError != "" || len(sb.Feeds) != 1 {
		t.Fatalf("b-src stats: %+v", sb)
	}
	if sc := by["c-src"]; sc.Articles != 0 || !sc.LatestArticleAt.IsZero() || len(sc.Feeds) != 0 {
		t.Fatalf("c-src stats: %+v", sc)
	}
}
