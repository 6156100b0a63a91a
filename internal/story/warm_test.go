package story

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
)

// scanStore is the slice of news.ArticleStore that Rebuild uses.
type scanStore struct {
	news.ArticleStore
	articles []news.Article
}

func (s *scanStore) ScanArticles(ctx context.Context, fn func(*news.Article) error) error {
	for i := range s.articles {
		if err := fn(&s.articles[i]); err != nil {
			return err
		}
	}
	return nil
}

func TestRebuildKeepsStoryIDs(t *testing.T) {
	// First life: two articles on one event, the store keeps what the
	// engine derived.
	e1 := New(Config{})
	a1 := art("h1", "aawsat", "التحالف يدمر مخازن صواريخ للحوثيين في صعدة", houthiBody, 0)
	a2 := art("h2", "alriyadh", "عسيري: طائرات التحالف دمرت مخازن صواريخ الحوثيين في صعدة", houthiBody2, 3*time.Hour)
	var stored []news.Article
	for _, a := range []*news.Article{a1, a2} {
		r := e1.Add(a)
		c := *a
		c.StoryID, c.DuplicateOf = r.Analyses[0].StoryID, r.Analyses[0].DuplicateOf
		stored = append(stored, c)
	}
	// An old article outside the window is skipped.
	old := *art("old", "okaz", "خبر قديم", oilBody, -30*24*time.Hour)
	stored = append([]news.Article{old}, stored...)

	e2 := New(Config{})
	n, err := e2.Rebuild(context.Background(), &scanStore{articles: stored}, t0.Add(4*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("Rebuild warmed %d articles, want 2", n)
	}
	// Second life: a new article on the same event joins the stored story.
	r := e2.Add(art("h3", "okaz", "التحالف: تدمير مخازن صواريخ حوثية في صعدة", houthiBody2+"\nوأكد عسيري استمرار العمليات.", 5*time.Hour))
	if got, want := r.Analyses[0].StoryID, stored[1].StoryID; got != want {
		t.Errorf("after restart the event got story %q, want the stored %q", got, want)
	}
	if _, err := e2.Rebuild(canceled(), &scanStore{articles: stored}, time.Time{}); err == nil || !strings.Contains(err.Error(), "story: rebuild") {
		t.Errorf("canceled rebuild error = %v", err)
	}
}

func canceled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

func TestConcurrentAdd(t *testing.T) {
	e := New(Config{})
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				body := houthiBody
				if i%2 == 0 {
					body = oilBody
				}
				e.Add(art(fmt.Sprintf("c%d-%d", g, i), "s", "عنوان", body+fmt.Sprint(" ", i), time.Duration(i)*time.Minute))
			}
		}()
	}
	wg.Wait()
	if st := e.Stats(); st.Seen != 200 {
		t.Errorf("seen %d articles, want 200", st.Seen)
	}
}

func TestEnglishHashtags(t *testing.T) {
	e := New(Config{})
	r := e.Add(&news.Article{ID: "en1", SourceID: "bbc", Language: "en", PublishedAt: t0,
		Title: "Warner Bros profits jump",
		BodyText: "Time Warner said on Friday that its film studio Warner Bros had a record year. " +
			"Warner Bros films took more at the box office than any rival. Analysts said Warner Bros benefited from its franchises. " +
			"Shares in Time Warner rose."})
	tags := r.Analyses[0].Hashtags
	found := false
	for _, tag := range tags {
		found = found || tag == "Warner_Bros"
		assertCleanTag(t, tag)
	}
	if !found {
		t.Errorf("hashtags %q lack Warner_Bros", tags)
	}
}

func FuzzAdd(f *testing.F) {
	f.Add("عنوان", houthiBody)
	f.Add("", "")
	f.Add("(واس)", "الرياض - واس: "+oilBody)
	f.Add("Oil", "LONDON (Reuters) - Oil rose.")
	f.Add("&#8220;x&#8221;", "\x00\xff\xfe بالصور // ")
	e := New(Config{})
	n := 0
	f.Fuzz(func(t *testing.T, title, body string) {
		n++
		r := e.Add(art(fmt.Sprintf("z%d", n), "s", title, body, time.Duration(n)*time.Second))
		if len(r.Analyses) == 0 || r.Analyses[0].ArticleID != fmt.Sprintf("z%d", n) {
			t.Fatalf("no analysis for the new article")
		}
		for _, tag := range r.Analyses[0].Hashtags {
			if tag == "" || strings.ContainsAny(tag, " #\t\n") {
				t.Fatalf("junk hashtag %q", tag)
			}
		}
	})
}

func FuzzParseDFPrior(f *testing.F) {
	f.Add("docs\t10\nنفط\t3\n")
	f.Add("# c\ndocs\t1\n")
	f.Add("docs\tx\n")
	f.Add("a\t5\ndocs\t2\n")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := parseDFPrior(strings.NewReader(s))
		if err != nil {
			return
		}
		if p.docs <= 0 {
			t.Fatalf("accepted prior with %d docs", p.docs)
		}
		for term, n := range p.df {
			if n < 0 || n > p.docs {
				t.Fatalf("term %q df %d outside [0,%d]", term, n, p.docs)
			}
		}
	})
}

func TestEmbeddedPrior(t *testing.T) {
	p := loadPrior()
	if p.docs < 10000 || len(p.df) < 10000 {
		t.Errorf("embedded prior: %d docs, %d terms", p.docs, len(p.df))
	}
}
