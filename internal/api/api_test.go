package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/sqlite"
)

func newTestAPI(t *testing.T) (*httptest.Server, []*news.Article) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "nashra.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, s := range []news.Source{
		{ID: "okaz", NameAr: "عكاظ", NameEn: "Okaz", Language: "ar", Feeds: []news.Feed{{URL: "http://okaz.example/rss"}}},
		{ID: "bbc", NameAr: "بي بي سي", NameEn: "BBC", Language: "en", Feeds: []news.Feed{{URL: "http://bbc.example/rss"}}},
	} {
		s := s
		if err := st.PutSource(ctx, &s); err != nil {
			t.Fatal(err)
		}
	}
	base := time.Date(2015, 7, 21, 8, 0, 0, 0, time.UTC)
	var arts []*news.Article
	for i := 0; i < 25; i++ {
		src, lang := "okaz", "ar"
		if i%5 == 0 {
			src, lang = "bbc", "en"
		}
		u := fmt.Sprintf("http://%s.example/news/%d", src, i)
		a := &news.Article{ID: news.ArticleID(u), URL: u, SourceID: src, Language: lang,
			Title: fmt.Sprintf("خبر رقم %d", i), BodyText: "نص الخبر", BodyHTML: "<p>نص الخبر</p>", Excerpt: "نص",
			PublishedAt: base.Add(time.Duration(i) * time.Hour), FetchedAt: base.Add(time.Duration(i) * time.Hour)}
		a.UpdatedAt = a.FetchedAt
		a.ContentHash = news.ContentHash(a.Title, a.BodyText)
		a.Index = &news.IndexDoc{Title: "خبر", Body: "نص"}
		if _, err := st.UpsertArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		arts = append(arts, a)
	}
	if err := st.SaveAnalysis(ctx, []news.Analysis{{ArticleID: arts[1].ID, StoryID: "s1", Hashtags: []string{"السعودية", "اليمن"},
		Related: []news.Related{{ArticleID: arts[2].ID, Title: arts[2].Title, SourceID: "okaz", PublishedAt: arts[2].PublishedAt, Reason: "#اليمن", Shared: []string{"اليمن"}}}}},
		[]news.StoryUpdate{{Story: news.Story{ID: "s1", Headline: "قصة", LeadArticleID: arts[1].ID, FirstReportedAt: arts[1].PublishedAt, FirstSourceID: "okaz", LastUpdatedAt: arts[1].PublishedAt, Size: 1, Sources: []string{"okaz"}}}}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(New(Config{Store: st, Now: func() time.Time { return base.Add(30 * time.Hour) }}))
	t.Cleanup(srv.Close)
	return srv, arts
}

func get(t *testing.T, url string, out any) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("%s: content type %q", url, ct)
	}
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("%s: %v", url, err)
		}
	}
	return resp.StatusCode
}

func TestArticlesPagination(t *testing.T) {
	srv, arts := newTestAPI(t)
	seen := map[string]bool{}
	next := ""
	pages := 0
	for {
		var page articleList
		url := srv.URL + "/api/v1/articles?limit=10"
		if next != "" {
			url += "&before=" + next
		}
		if code := get(t, url, &page); code != 200 {
			t.Fatalf("status %d", code)
		}
		pages++
		for i, a := range page.Articles {
			if seen[a.ID] {
				t.Fatalf("article %s on two pages", a.ID)
			}
			seen[a.ID] = true
			if i > 0 && a.PublishedAt > page.Articles[i-1].PublishedAt {
				t.Fatal("not newest first")
			}
			if _, err := time.Parse(time.RFC3339, a.PublishedAt); err != nil {
				t.Fatalf("published_at %q not RFC 3339", a.PublishedAt)
			}
		}
		if page.NextCursor == "" {
			break
		}
		next = page.NextCursor
	}
	if len(seen) != len(arts) || pages != 3 {
		t.Fatalf("saw %d articles over %d pages, want %d over 3", len(seen), pages, len(arts))
	}
}

func TestArticleFilters(t *testing.T) {
	srv, _ := newTestAPI(t)
	var page articleList
	get(t, srv.URL+"/api/v1/articles?source=bbc&limit=100", &page)
	if len(page.Articles) != 5 {
		t.Fatalf("source=bbc: %d articles, want 5", len(page.Articles))
	}
	get(t, srv.URL+"/api/v1/articles?lang=ar&limit=100", &page)
	if len(page.Articles) != 20 {
		t.Fatalf("lang=ar: %d articles, want 20", len(page.Articles))
	}
	get(t, srv.URL+"/api/v1/articles?before=2015-07-21T12:00:00Z&limit=100", &page)
	if len(page.Articles) != 4 {
		t.Fatalf("before 12:00: %d articles, want 4", len(page.Articles))
	}
}

func TestArticleDetail(t *testing.T) {
	srv, arts := newTestAPI(t)
	var a articleJSON
	if code := get(t, srv.URL+"/api/v1/articles/"+arts[1].ID, &a); code != 200 {
		t.Fatalf("status %d", code)
	}
	if a.Source.Name != "عكاظ" || a.Body != "نص الخبر" || a.BodyHTML == "" || a.StoryID != "s1" {
		t.Fatalf("article: %+v", a)
	}
	if len(a.Hashtags) != 2 || len(a.Related) != 1 || a.Related[0].Reason != "#اليمن" || a.Related[0].Source.Name != "عكاظ" {
		t.Fatalf("derived fields: %+v", a)
	}
}

func TestErrors(t *testing.T) {
	srv, _ := newTestAPI(t)
	cases := []struct {
		path string
		code int
		msg  string
	}{
		{"/api/v1/articles/nope", 404, "article"},
		{"/api/v1/articles/..%2f..%2fetc", 404, "no article"},
		{"/api/v1/articles?limit=abc", 400, "limit"},
		{"/api/v1/articles?limit=0", 400, "limit"},
		{"/api/v1/articles?limit=1000", 400, "limit"},
		{"/api/v1/articles?before=garbage", 400, "before"},
		{"/api/v1/articles?lang=fr", 400, "lang"},
		{"/api/v1/stories/unknown", 404, "story"},
		{"/api/v1/stories?offset=-1", 400, "offset"},
		{"/api/v1/sources/unknown", 404, "no source"},
		{"/api/v1/hashtags/trending?window=1s", 400, "window"},
		{"/api/v1/hashtags/%D9%84%D8%A7%D9%88%D8%B3%D9%85/articles", 404, "hashtag"},
		{"/api/v1/hashtags/%ff%fe/articles", 400, "UTF-8"},
		{"/api/v1/nothing", 404, "no API endpoint"},
		{"/api/v1/search?q=x", 503, "search"},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			var body struct {
				Error struct{ Code, Message string }
			}
			if code := get(t, srv.URL+c.path, &body); code != c.code {
				t.Fatalf("status %d, want %d", code, c.code)
			}
			if !strings.Contains(body.Error.Message, c.msg) {
				t.Fatalf("message %q does not mention %q", body.Error.Message, c.msg)
			}
		})
	}
}

func TestSourcesStoriesHashtags(t *testing.T) {
	srv, arts := newTestAPI(t)
	var srcs struct{ Sources []sourceJSON }
	get(t, srv.URL+"/api/v1/sources", &srcs)
	if len(srcs.Sources) != 2 {
		t.Fatalf("sources: %d", len(srcs.Sources))
	}
	for _, s := range srcs.Sources {
		if s.ID == "okaz" && (s.Articles != 20 || s.Health.Status != "never_polled" || len(s.Feeds) != 1) {
			t.Fatalf("okaz: %+v", s)
		}
	}
	var stories struct{ Stories []storyJSON }
	get(t, srv.URL+"/api/v1/stories?limit=5", &stories)
	if len(stories.Stories) != 1 || stories.Stories[0].Headline != "قصة" {
		t.Fatalf("stories: %+v", stories)
	}
	var story storyJSON
	get(t, srv.URL+"/api/v1/stories/s1", &story)
	if len(story.Articles) != 1 || story.Articles[0].ID != arts[1].ID {
		t.Fatalf("story articles: %+v", story.Articles)
	}
	var tagged articleList
	get(t, srv.URL+"/api/v1/hashtags/"+"%D8%A7%D9%84%D9%8A%D9%85%D9%86"+"/articles", &tagged)
	if len(tagged.Articles) != 1 || tagged.Articles[0].ID != arts[1].ID {
		t.Fatalf("hashtag articles: %+v", tagged.Articles)
	}
	var trend struct{ Hashtags []trendJSON }
	if code := get(t, srv.URL+"/api/v1/hashtags/trending", &trend); code != 200 {
		t.Fatalf("trending status %d", code)
	}
}

func TestCursorRoundTrip(t *testing.T) {
	c := news.Cursor{PublishedAt: time.Date(2015, 7, 21, 8, 0, 0, 123, time.UTC), ID: "abc"}
	got, err := DecodeCursor(EncodeCursor(c))
	if err != nil || !got.PublishedAt.Equal(c.PublishedAt) || got.ID != c.ID {
		t.Fatalf("round trip: %+v, %v", got, err)
	}
}

func FuzzDecodeCursor(f *testing.F) {
	f.Add(EncodeCursor(news.Cursor{PublishedAt: time.Unix(1, 0), ID: "x"}))
	f.Add("2015-07-21")
	f.Add("!!")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := DecodeCursor(s)
		if err == nil && s != "" && c == nil {
			t.Fatal("nil cursor without error")
		}
		if err != nil && news.ErrorCode(err) != news.EINVALID {
			t.Fatalf("error code %s", news.ErrorCode(err))
		}
	})
}
