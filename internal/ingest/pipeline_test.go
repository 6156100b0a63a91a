package ingest

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/sqlite"
	"github.com/nashra/nashra/internal/story"
)

// engineNewsroom is the story engine as a SplitNewsroom, as the CLI wires it.
type engineNewsroom struct{ e *story.Engine }

func (n engineNewsroom) Analyze(a *news.Article) ([]news.Analysis, []news.StoryUpdate) {
	r := n.e.Add(a)
	return r.Analyses, r.Stories
}

func (n engineNewsroom) Prepare(a *news.Article) func() ([]news.Analysis, []news.StoryUpdate) {
	p := n.e.Prepare(a)
	return func() ([]news.Analysis, []news.StoryUpdate) {
		r := n.e.Apply(p)
		return r.Analyses, r.Stories
	}
}

func corpusRecords(t testing.TB, n int) []corpus.Record {
	t.Helper()
	dir, err := corpus.Locate("saudinewsnet", "")
	if errors.Is(err, corpus.ErrNotFound) {
		t.Skipf("SaudiNewsNet corpus not found: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	recs, err := corpus.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return recs[:min(n, len(recs))]
}

func openStore(t testing.TB) *sqlite.Store {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "n.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// storedState renders everything the newsroom derived for the articles and
// stories in st, for comparing two stores.
func storedState(t *testing.T, st news.Store) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	storyIDs := map[string]bool{}
	err := st.ScanArticles(ctx, func(a *news.Article) error {
		fmt.Fprintf(&b, "%s story=%s dup=%s wire=%s tags=%v\n", a.ID, a.StoryID, a.DuplicateOf, a.WireAgency, a.Hashtags)
		rel, err := st.Related(ctx, a.ID)
		if err != nil {
			return err
		}
		for _, r := range rel {
			fmt.Fprintf(&b, "  %s %s %v %v %.9f\n", r.ArticleID, r.Reason, r.Shared, r.SameStory, r.Score)
		}
		if a.StoryID != "" {
			storyIDs[a.StoryID] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, len(storyIDs))
	for id := range storyIDs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		s, err := st.Story(ctx, id)
		if err != nil {
			t.Fatalf("story %s: %v", id, err)
		}
		fmt.Fprintf(&b, "story %s %q lead=%s size=%d sources=%v tags=%v first=%v last=%v\n", s.ID, s.Headline, s.LeadArticleID,
			s.Size, s.Sources, s.Hashtags, s.FirstReportedAt, s.LastUpdatedAt)
	}
	return b.String()
}

// TestPipelinedImportMatchesSerial imports corpus articles through the
// pipelined ImportRecords and, separately, one article at a time the plain
// way (store it, analyse it, save the analysis), and requires the same
// derived state: stages overlapping and analyses compacted change nothing.
func TestPipelinedImportMatchesSerial(t *testing.T) {
	recs := corpusRecords(t, 600)
	now := time.Date(2015, 9, 1, 0, 0, 0, 0, time.UTC)
	ctx := context.Background()

	piped := &Pipeline{Store: openStore(t), Analyzer: wordAnalyzer{}, Newsroom: engineNewsroom{story.New(story.Config{})},
		Now: func() time.Time { return now }}
	var progress []int
	if err := piped.ImportRecords(ctx, recs, 97, func(done int) { progress = append(progress, done) }); err != nil {
		t.Fatal(err)
	}
	if !slices.IsSorted(progress) || len(progress) == 0 || progress[len(progress)-1] != len(recs) {
		t.Fatalf("progress %v: want increasing, ending at %d", progress, len(recs))
	}

	serial := &Pipeline{Store: openStore(t), Analyzer: wordAnalyzer{}, Now: func() time.Time { return now }}
	if err := serial.ensureSources(ctx, recs); err != nil {
		t.Fatal(err)
	}
	eng := story.New(story.Config{})
	for _, r := range recs {
		if strings.TrimSpace(r.Title) == "" && strings.TrimSpace(r.Content) == "" {
			continue
		}
		a := ArticleFromRecord(r)
		if err := serial.Prepare(a); err != nil {
			t.Fatal(err)
		}
		res, err := serial.Store.UpsertArticle(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if res == news.Unchanged {
			continue
		}
		out := eng.Add(a)
		if err := serial.Store.SaveAnalysis(ctx, out.Analyses, out.Stories); err != nil {
			t.Fatal(err)
		}
	}
	want, got := storedState(t, serial.Store), storedState(t, piped.Store)
	if got != want {
		gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("pipelined import differs from serial at line %d:\n got %s\nwant %s", i, gl[i], wl[i])
			}
		}
		t.Fatalf("pipelined import: %d lines, serial %d", len(gl), len(wl))
	}
	if s := piped.Stats(); s.Analysed != s.Created || s.AnalyseErrors != 0 {
		t.Fatalf("stats %+v: every created article must be analysed", s)
	}
}

// failingStore fails SaveAnalysis from its nth call on.
type failingStore struct {
	news.Store
	n     int32
	calls atomic.Int32
}

var errInjected = errors.New("injected failure")

func (f *failingStore) SaveAnalysis(ctx context.Context, as []news.Analysis, ss []news.StoryUpdate) error {
	if f.calls.Add(1) >= f.n {
		return errInjected
	}
	return f.Store.SaveAnalysis(ctx, as, ss)
}

func syntheticRecords(n int) []corpus.Record {
	base := time.Date(2015, 7, 21, 0, 0, 0, 0, time.UTC)
	recs := make([]corpus.Record, n)
	for i := range recs {
		recs[i] = corpus.Record{Source: "sabq", URL: fmt.Sprintf("http://sabq.example/%d", i), Date: base.Add(time.Duration(i) * time.Minute),
			Title: fmt.Sprintf("عنوان %d", i), Content: "فقرة أولى\nفقرة ثانية", Language: "ar"}
	}
	return recs
}

func TestImportRecordsStopsAtFirstError(t *testing.T) {
	cases := []struct {
		name      string
		failAt    int32 // SaveAnalysis call that fails first
		cancel    bool  // cancel the caller's context instead
		wantError error
	}{
		{"first save", 1, false, errInjected},
		{"third save", 3, false, errInjected},
		{"caller cancels", 1 << 30, true, context.Canceled},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := &failingStore{Store: openStore(t), n: c.failAt}
			nr := &orderNewsroom{}
			p := &Pipeline{Store: fs, Analyzer: wordAnalyzer{}, Newsroom: nr}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var last int
			err := p.ImportRecords(ctx, syntheticRecords(2000), 100, func(done int) {
				last = done
				if c.cancel && done >= 500 {
					cancel()
				}
			})
			if !errors.Is(err, c.wantError) {
				t.Fatalf("err = %v, want %v", err, c.wantError)
			}
			if last >= 2000 {
				t.Fatalf("progress reached %d after a failure", last)
			}
			// Nothing of the import may still be running: the store's
			// counts do not move after return.
			n1, _ := p.Store.CountArticles(context.Background())
			seen := len(nr.snapshot())
			time.Sleep(50 * time.Millisecond)
			n2, _ := p.Store.CountArticles(context.Background())
			if n1 != n2 || seen != len(nr.snapshot()) {
				t.Fatalf("still writing after return: %d → %d articles, %d → %d analysed", n1, n2, seen, len(nr.snapshot()))
			}
		})
	}
}

func (n *orderNewsroom) snapshot() []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return slices.Clone(n.seen)
}

func TestAsyncNewsroomFlushAndClose(t *testing.T) {
	p, nr := newPipeline(t)
	p.AsyncNewsroom = true
	ctx := context.Background()
	var wg sync.WaitGroup
	const n = 300
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			u := fmt.Sprintf("http://okaz.example/%d", i)
			if _, err := p.Ingest(ctx, &news.Article{URL: u, SourceID: "okaz", Title: "عنوان " + u, BodyText: "نص"}); err != nil {
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	if err := p.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if got := len(nr.snapshot()); got != n {
		t.Fatalf("after Flush the newsroom saw %d articles, want %d", got, n)
	}
	for _, id := range nr.snapshot()[:5] {
		a, err := p.Store.Article(ctx, id)
		if err != nil || a.StoryID != "s1" {
			t.Fatalf("article %s not analysed after Flush: %+v %v", id, a, err)
		}
	}
	// Articles ingested after the Flush are finished by Close.
	for i := 0; i < 20; i++ {
		u := fmt.Sprintf("http://okaz.example/late/%d", i)
		if _, err := p.Ingest(ctx, &news.Article{URL: u, SourceID: "okaz", Title: "عنوان " + u, BodyText: "نص"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if got := len(nr.snapshot()); got != n+20 {
		t.Fatalf("after Close the newsroom saw %d articles, want %d", got, n+20)
	}
	if _, err := p.Ingest(ctx, &news.Article{URL: "http://okaz.example/closed", SourceID: "okaz", Title: "t"}); err == nil {
		t.Fatal("Ingest after Close must fail")
	}
	if err := p.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}

func TestAsyncNewsroomErrorsReachFlush(t *testing.T) {
	p, _ := newPipeline(t)
	p.Store = &failingStore{Store: p.Store, n: 1}
	p.AsyncNewsroom = true
	ctx := context.Background()
	res, err := p.Ingest(ctx, &news.Article{URL: "http://okaz.example/1", SourceID: "okaz", Title: "عنوان", BodyText: "نص"})
	if err != nil || res != news.Created {
		t.Fatalf("detached ingest: %v %v, want created and no error", res, err)
	}
	if err := p.Flush(ctx); !errors.Is(err, errInjected) {
		t.Fatalf("Flush = %v, want the newsroom's save error", err)
	}
	if err := p.Flush(ctx); err != nil {
		t.Fatalf("a second Flush reports the error again: %v", err)
	}
	if s := p.Stats(); s.AnalyseErrors != 1 {
		t.Fatalf("stats %+v: want one analysis error", s)
	}
}

func TestSyncIngestReturnsSaveError(t *testing.T) {
	p, _ := newPipeline(t)
	p.Store = &failingStore{Store: p.Store, n: 1}
	_, err := p.Ingest(context.Background(), &news.Article{URL: "http://okaz.example/1", SourceID: "okaz", Title: "عنوان", BodyText: "نص"})
	if !errors.Is(err, errInjected) {
		t.Fatalf("Ingest = %v, want the newsroom's save error", err)
	}
}

func TestCompact(t *testing.T) {
	an := func(id, story string) news.Analysis { return news.Analysis{ArticleID: id, StoryID: story} }
	su := func(id string, size int, into string) news.StoryUpdate {
		return news.StoryUpdate{Story: news.Story{ID: id, Size: size}, MergedInto: into}
	}
	cases := []struct {
		name      string
		as        []news.Analysis
		ss        []news.StoryUpdate
		wantAs    []news.Analysis
		wantSs    []news.StoryUpdate
		wantEqual bool
	}{
		{name: "empty"},
		{name: "distinct kept in order", as: []news.Analysis{an("a", "1"), an("b", "1")}, ss: []news.StoryUpdate{su("1", 1, ""), su("2", 1, "")},
			wantAs: []news.Analysis{an("a", "1"), an("b", "1")}, wantSs: []news.StoryUpdate{su("1", 1, ""), su("2", 1, "")}},
		{name: "last analysis wins at its position", as: []news.Analysis{an("a", "1"), an("b", "1"), an("a", "2")},
			wantAs: []news.Analysis{an("b", "1"), an("a", "2")}},
		{name: "last story state wins, merges kept", ss: []news.StoryUpdate{su("1", 1, ""), su("2", 1, ""), su("1", 2, ""), su("2", 2, "1"), su("1", 3, "")},
			wantSs: []news.StoryUpdate{su("2", 1, ""), su("2", 2, "1"), su("1", 3, "")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			gotAs, gotSs := compact(slices.Clone(c.as), slices.Clone(c.ss))
			if fmt.Sprint(gotAs) != fmt.Sprint(c.wantAs) || fmt.Sprint(gotSs) != fmt.Sprint(c.wantSs) {
				t.Fatalf("compact = %v %v, want %v %v", gotAs, gotSs, c.wantAs, c.wantSs)
			}
		})
	}
}

// BenchmarkImportRecords imports corpus articles into a fresh SQLite store
// with the story engine, as 'nashra import' does; one op is one article.
func BenchmarkImportRecords(b *testing.B) {
	recs := corpusRecords(b, 3000)
	for _, withNewsroom := range []bool{false, true} {
		b.Run(fmt.Sprintf("newsroom=%v", withNewsroom), func(b *testing.B) {
			done := 0
			start, cpu0 := time.Now(), cpuTime()
			for done < b.N {
				b.StopTimer()
				p := &Pipeline{Store: openStore(b), Analyzer: wordAnalyzer{}}
				if withNewsroom {
					p.Newsroom = engineNewsroom{story.New(story.Config{})}
				}
				n := min(len(recs), b.N-done)
				b.StartTimer()
				if err := p.ImportRecords(context.Background(), recs[:n], 500, nil); err != nil {
					b.Fatal(err)
				}
				done += n
			}
			b.ReportMetric(float64(done)/time.Since(start).Seconds(), "articles/s")
			if cpu := cpuTime() - cpu0; cpu > 0 {
				b.ReportMetric(float64(done)/cpu.Seconds(), "articles/cpu-s")
			}
		})
	}
}
