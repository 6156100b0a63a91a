package newsroom_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/newsroom"
	"github.com/nashra/nashra/internal/store/postgres"
	"github.com/nashra/nashra/internal/store/postgres/pgtest"
	"github.com/nashra/nashra/internal/store/sqlite"
)

// backend opens handles on one fresh database, one per simulated node.
type backend struct {
	name string
	open func(t testing.TB, nodes int) []newsroom.Store
}

var backends = []backend{
	{"sqlite", func(t testing.TB, nodes int) []newsroom.Store {
		path := filepath.Join(t.TempDir(), "nashra.db")
		var out []newsroom.Store
		for range nodes {
			s, err := sqlite.Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			out = append(out, s)
		}
		return out
	}},
	{"postgres", func(t testing.TB, nodes int) []newsroom.Store {
		dsn := pgSchema(t)
		var out []newsroom.Store
		for range nodes {
			s, err := postgres.OpenWith(context.Background(), dsn, postgres.Options{MaxConns: 4})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			out = append(out, s)
		}
		return out
	}},
}

// pgSchema returns a DSN on a fresh schema of the test server, dropped
// when the test ends.
func pgSchema(t testing.TB) string { return pgtest.Schema(t, "nashra_newsroom_") }

// testArticles returns n articles in publication order: a slice of the
// SaudiNewsNet corpus (real stories across outlets) when it is present,
// otherwise generated events reported by several outlets, some as wire
// copies, so the engine has duplicates and stories to find either way.
func testArticles(t testing.TB, n int) []news.Article {
	t.Helper()
	if dir, err := corpus.Locate("saudinewsnet", ""); err == nil {
		recs, err := corpus.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		corpus.SortByDate(recs)
		var out []news.Article
		// Start a few days in, where every outlet is publishing.
		for _, r := range recs[len(recs)/3:] {
			if len(out) == n {
				break
			}
			if r.Title == "" || len(r.Content) < 200 {
				continue
			}
			out = append(out, complete(news.Article{URL: r.URL, SourceID: r.Source, Title: r.Title, Author: r.Author,
				PublishedAt: r.Date, Language: r.Language, BodyText: strings.Join(corpus.Paragraphs(r.Content), "\n\n")}))
		}
		return out
	} else if !errors.Is(err, corpus.ErrNotFound) {
		t.Fatal(err)
	}
	return generated(n)
}

var places = []string{"الرياض", "جدة", "مكة", "الدمام", "تبوك", "أبها", "حائل", "نجران", "جازان", "القصيم"}
var topics = []string{"مشروع إسكان جديد", "افتتاح مستشفى", "حريق في مستودع", "أمطار غزيرة وسيول", "مؤتمر للطاقة المتجددة",
	"ضبط شبكة تهريب", "تدشين طريق سريع", "معرض للكتاب", "مباراة نهائي الكأس", "توقيع اتفاقية تعاون"}
var outlets = []string{"sabq", "okaz", "alriyadh", "aleqtisadiya", "alwatan"}

func generated(n int) []news.Article {
	base := time.Date(2015, 7, 25, 6, 0, 0, 0, time.UTC)
	var out []news.Article
	for i := 0; len(out) < n; i++ {
		event := i / len(outlets)
		o := outlets[i%len(outlets)]
		place, topic := places[event%len(places)], topics[(event/len(places)+event)%len(topics)]
		body := fmt.Sprintf("أعلنت الجهات المختصة في %s اليوم عن %s، وذلك بحضور عدد من المسؤولين. "+
			"وقال المتحدث الرسمي إن %s يأتي ضمن خطة شاملة في منطقة %s. "+
			"وأضاف أن العمل سيستمر خلال الأسابيع المقبلة، رقم الحدث %d.", place, topic, topic, place, event)
		if i%len(outlets) >= 3 {
			body += fmt.Sprintf("\n\nوفي سياق متصل، أشار مراقبون في %s إلى أهمية %s للسكان.", place, topic)
		}
		u := fmt.Sprintf("https://%s.example/news/%d", o, i)
		out = append(out, complete(news.Article{URL: u, SourceID: o, Title: fmt.Sprintf("%s في %s", topic, place), BodyText: body,
			PublishedAt: base.Add(time.Duration(i) * 7 * time.Minute), Language: "ar"}))
	}
	return out
}

// complete fills what the ingest pipeline would before storing.
func complete(a news.Article) news.Article {
	a.ID = news.ArticleID(a.URL)
	a.FetchedAt, a.UpdatedAt = a.PublishedAt, a.PublishedAt
	if a.Language == "" {
		a.Language = "ar"
	}
	a.BodyHTML = "<p>" + strings.ReplaceAll(a.BodyText, "\n\n", "</p><p>") + "</p>"
	a.Excerpt, _, _ = strings.Cut(a.BodyText, "\n\n")
	a.ContentHash = news.ContentHash(a.Title, a.BodyText)
	return a
}

// recorder wraps a node's store to log every committed batch in commit
// order across nodes, and, when crashed, to drop the lease release a dead
// process would never send.
type recorder struct {
	newsroom.Store
	node    string
	log     *commitLog
	crashed bool
}

type commitLog struct {
	mu      sync.Mutex
	batches []batch
	read    map[news.QueueEntry]news.Article
}

type batch struct {
	owner   string
	entries []news.QueueEntry
}

func newCommitLog() *commitLog { return &commitLog{read: map[news.QueueEntry]news.Article{}} }

func (r *recorder) PendingAnalysis(ctx context.Context, limit int) ([]news.PendingArticle, error) {
	ps, err := r.Store.PendingAnalysis(ctx, limit)
	r.log.mu.Lock()
	for _, p := range ps {
		r.log.read[p.QueueEntry] = p.Article
	}
	r.log.mu.Unlock()
	return ps, err
}

func (r *recorder) CompleteAnalysis(ctx context.Context, l news.Lease, as []news.Analysis, st []news.StoryUpdate, done []news.QueueEntry) error {
	// The log is locked across the commit, so its order is commit order.
	r.log.mu.Lock()
	defer r.log.mu.Unlock()
	if err := r.Store.CompleteAnalysis(ctx, l, as, st, done); err != nil {
		return err
	}
	r.log.batches = append(r.log.batches, batch{owner: l.Owner, entries: append([]news.QueueEntry(nil), done...)})
	return nil
}

func (r *recorder) ReleaseLead(ctx context.Context, l news.Lease) error {
	if r.crashed {
		return nil
	}
	return r.Store.ReleaseLead(ctx, l)
}

// analysedOrder returns the committed articles in commit order, failing
// the test if any queue entry was committed twice.
func (c *commitLog) analysedOrder(t testing.TB) ([]news.Article, map[string]int) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	seen := map[news.QueueEntry]bool{}
	perOwner := map[string]int{}
	var out []news.Article
	for _, b := range c.batches {
		for _, e := range b.entries {
			if seen[e] {
				t.Fatalf("queue entry %+v analysed twice", e)
			}
			seen[e] = true
			perOwner[b.owner]++
			out = append(out, c.read[e])
		}
	}
	return out, perOwner
}

// ingestAll stores articles from every node concurrently, several writers
// per node as crawl workers are, article i going to writer i%writers, as
// crawler nodes without an inline newsroom do.
func ingestAll(t testing.TB, stores []newsroom.Store, as []news.Article) {
	t.Helper()
	const perNode = 3
	writers := perNode * len(stores)
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		st := stores[w%len(stores)].(news.Store)
		wg.Go(func() {
			for i := w; i < len(as); i += writers {
				a := as[i]
				if _, err := st.UpsertArticle(context.Background(), &a); err != nil {
					errs <- fmt.Errorf("writer %d: %w", w, err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// drained waits until the queue is empty.
func drained(t testing.TB, st newsroom.Store) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for {
		n, err := st.PendingCount(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d articles still queued", n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
