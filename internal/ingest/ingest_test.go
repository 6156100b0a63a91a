package ingest

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/sqlite"
)

type wordAnalyzer struct{}

func (wordAnalyzer) IndexDoc(a *news.Article) *news.IndexDoc {
	return &news.IndexDoc{Title: strings.Join(strings.Fields(a.Title), " "), Body: strings.Join(strings.Fields(a.BodyText), " ")}
}
func (wordAnalyzer) DetectLanguage(s string) string {
	for _, r := range s {
		if r >= 0x600 && r <= 0x6ff {
			return "ar"
		}
	}
	return "en"
}

// orderNewsroom records the order it saw articles in, and puts every
// article in one story, so the test can check ordering and persistence.
type orderNewsroom struct {
	mu   sync.Mutex
	seen []string
}

func (n *orderNewsroom) Analyze(a *news.Article) ([]news.Analysis, []news.StoryUpdate) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.seen = append(n.seen, a.ID)
	return []news.Analysis{{ArticleID: a.ID, StoryID: "s1", Hashtags: []string{"وسم"}}},
		[]news.StoryUpdate{{Story: news.Story{ID: "s1", Headline: a.Title, LeadArticleID: a.ID, FirstReportedAt: a.PublishedAt, LastUpdatedAt: a.PublishedAt, Size: len(n.seen), FirstSourceID: a.SourceID, Sources: []string{a.SourceID}}}}
}

func newPipeline(t *testing.T) (*Pipeline, *orderNewsroom) {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "n.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	nr := &orderNewsroom{}
	now := time.Date(2015, 8, 1, 12, 0, 0, 0, time.UTC)
	return &Pipeline{Store: st, Analyzer: wordAnalyzer{}, Newsroom: nr, Now: func() time.Time { return now }}, nr
}

func TestPrepare(t *testing.T) {
	p, _ := newPipeline(t)
	now := p.Now()
	cases := []struct {
		name    string
		in      news.Article
		wantErr bool
		check   func(*testing.T, *news.Article)
	}{
		{"no url", news.Article{SourceID: "s", Title: "t"}, true, nil},
		{"no source", news.Article{URL: "http://x/1", Title: "t"}, true, nil},
		{"empty", news.Article{URL: "http://x/1", SourceID: "s"}, true, nil},
		{"future date clamped", news.Article{URL: "http://x/1", SourceID: "s", Title: "t", BodyText: "b", PublishedAt: now.Add(48 * time.Hour)}, false,
			func(t *testing.T, a *news.Article) {
				if !a.PublishedAt.Equal(now) {
					t.Fatalf("published %v, want fetch time %v", a.PublishedAt, now)
				}
			}},
		{"title from body", news.Article{URL: "http://x/2", SourceID: "s", BodyText: "نص طويل بما يكفي ليكون عنوانا"}, false,
			func(t *testing.T, a *news.Article) {
				if a.Title == "" || a.Language != "ar" || a.Excerpt == "" || a.ID != news.ArticleID("http://x/2") || a.Index == nil {
					t.Fatalf("not completed: %+v", a)
				}
			}},
		{"invalid utf8 cleaned", news.Article{URL: "http://x/3", SourceID: "s", Title: "a\xffb", BodyText: "c"}, false,
			func(t *testing.T, a *news.Article) {
				if a.Title != "ab" {
					t.Fatalf("title %q", a.Title)
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := c.in
			err := p.Prepare(&a)
			if (err != nil) != c.wantErr {
				t.Fatalf("err = %v, want error %v", err, c.wantErr)
			}
			if err != nil && news.ErrorCode(err) != news.EINVALID {
				t.Fatalf("code %s", news.ErrorCode(err))
			}
			if c.check != nil {
				c.check(t, &a)
			}
		})
	}
}

func TestIngestCreateUpdateUnchanged(t *testing.T) {
	p, nr := newPipeline(t)
	ctx := context.Background()
	src := news.Source{ID: "okaz", NameAr: "عكاظ", Feeds: []news.Feed{{URL: "http://okaz.example/rss"}}}
	if err := p.Store.PutSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	mk := func(title string) *news.Article {
		return &news.Article{URL: "http://okaz.example/1", SourceID: "okaz", Title: title, BodyText: "نص الخبر الأول"}
	}
	for i, c := range []struct {
		title string
		want  news.UpsertResult
	}{{"عنوان", news.Created}, {"عنوان", news.Unchanged}, {"عنوان معدل", news.Updated}} {
		res, err := p.Ingest(ctx, mk(c.title))
		if err != nil {
			t.Fatal(err)
		}
		if res != c.want {
			t.Fatalf("step %d: %v, want %v", i, res, c.want)
		}
	}
	if len(nr.seen) != 2 {
		t.Fatalf("newsroom saw %d articles, want 2 (created and edited, not unchanged)", len(nr.seen))
	}
	a, err := p.Store.Article(ctx, news.ArticleID("http://okaz.example/1"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "عنوان معدل" || a.StoryID != "s1" || len(a.Hashtags) != 1 {
		t.Fatalf("stored: %+v", a)
	}
	if s := p.Stats(); s.Created != 1 || s.Updated != 1 || s.Unchanged != 1 {
		t.Fatalf("stats %+v", s)
	}
}

func TestImportRecordsKeepsArrivalOrder(t *testing.T) {
	p, nr := newPipeline(t)
	base := time.Date(2015, 7, 21, 0, 0, 0, 0, time.UTC)
	var recs []corpus.Record
	for i := 0; i < 1200; i++ {
		recs = append(recs, corpus.Record{Source: "sabq", URL: "http://sabq.example/" + string(rune('a'+i%26)) + time.Duration(i).String(),
			Date: base.Add(time.Duration(i) * time.Minute), Title: "عنوان", Content: "فقرة أولى\nفقرة ثانية", Language: "ar"})
	}
	if err := p.ImportRecords(context.Background(), recs, 250, nil); err != nil {
		t.Fatal(err)
	}
	n, err := p.Store.CountArticles(context.Background())
	if err != nil || n != 1200 {
		t.Fatalf("count %d, %v", n, err)
	}
	for i, id := range nr.seen {
		if id != news.ArticleID(recs[i].URL) {
			t.Fatalf("newsroom order broken at %d", i)
		}
	}
	if _, err := p.Store.Source(context.Background(), "sabq"); err != nil {
		t.Fatalf("outlet source not created: %v", err)
	}
	a, _ := p.Store.Article(context.Background(), news.ArticleID(recs[0].URL))
	if a.BodyText != "فقرة أولى\n\nفقرة ثانية" || !strings.Contains(a.BodyHTML, "<p") {
		t.Fatalf("body %q html %q", a.BodyText, a.BodyHTML)
	}
}

func TestExcerpt(t *testing.T) {
	cases := []struct {
		in   string
		max  int
		want string
	}{
		{"قصير", 10, "قصير"},
		{"كلمة كلمة كلمة كلمة", 12, "كلمة كلمة…"},
		{"جملة أولى. جملة ثانية طويلة جدا", 20, "جملة أولى."},
		{"  مسافات   كثيرة  ", 50, "مسافات كثيرة"},
		{"هل يعود الهلال؟ سؤال يطرحه الجمهور كل موسم", 30, "هل يعود الهلال؟"}, // ؟ is two bytes
		{"A long question now? And then more words follow", 30, "A long question now?"},
	}
	for _, c := range cases {
		got := Excerpt(c.in, c.max)
		if got != c.want {
			t.Errorf("Excerpt(%q, %d) = %q, want %q", c.in, c.max, got, c.want)
		}
		if !utf8.ValidString(got) {
			t.Errorf("Excerpt(%q, %d) = %q: invalid UTF-8", c.in, c.max, got)
		}
	}
}

func TestConcurrentIngestGroupCommit(t *testing.T) {
	p, nr := newPipeline(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	results := make([]news.UpsertResult, 200)
	errs := make([]error, 200)
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			// Every URL is ingested twice, as when two feeds list it.
			u := "http://okaz.example/" + time.Duration(i/2).String()
			results[i], errs[i] = p.Ingest(ctx, &news.Article{URL: u, SourceID: "okaz", Title: "عنوان " + u, BodyText: "نص"})
		}(i)
	}
	wg.Wait()
	created := 0
	for i := range results {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if results[i] == news.Created {
			created++
		}
	}
	n, _ := p.Store.CountArticles(ctx)
	if n != 100 || created != 100 || len(nr.seen) != 100 {
		t.Fatalf("stored %d, created %d, analysed %d; want 100 each", n, created, len(nr.seen))
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := p.Ingest(cctx, &news.Article{URL: "http://okaz.example/late", SourceID: "okaz", Title: "t"}); err == nil {
		t.Fatal("a cancelled ingest must not report success")
	}
}
