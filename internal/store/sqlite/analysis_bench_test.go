package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/sqlite"
	"github.com/nashra/nashra/internal/story"
)

// analysedBatch is one import batch and what the newsroom derived from it,
// exactly as the engine returned it (older articles' related lists
// included, nothing compacted).
type analysedBatch struct {
	articles []*news.Article
	analyses []news.Analysis
	stories  []news.StoryUpdate
}

var (
	analysedOnce sync.Once
	analysed     []analysedBatch
)

// analysedCorpus runs the story engine over the first n corpus articles in
// batches of 500, once per test binary.
func analysedCorpus(tb testing.TB) []analysedBatch {
	all := loadCorpus(tb)
	analysedOnce.Do(func() {
		const n, batch = 3000, 500
		e := story.New(story.Config{})
		for i := 0; i < min(n, len(all)); i += batch {
			b := analysedBatch{articles: all[i:min(i+batch, n, len(all))]}
			for _, a := range clone(b.articles) {
				a.ID = news.ArticleID(a.URL)
				r := e.Add(a)
				b.analyses = append(b.analyses, r.Analyses...)
				b.stories = append(b.stories, r.Stories...)
			}
			analysed = append(analysed, b)
		}
	})
	return analysed
}

// BenchmarkSaveAnalysis measures SaveAnalysis of real newsroom output: one
// op is one import batch's analysis (see the articles/cpu-s metric, where
// an article is one newly analysed article, with the older related lists
// it changed). Storing the articles is not timed.
func BenchmarkSaveAnalysis(b *testing.B) {
	batches := analysedCorpus(b)
	ctx := context.Background()
	var s *sqlite.Store
	next := len(batches)
	articles := 0
	var cpu time.Duration
	start := time.Now()
	var busy time.Duration
	for i := 0; i < b.N; i++ {
		if next == len(batches) {
			b.StopTimer()
			if s != nil {
				s.Close()
			}
			var err error
			s, err = sqlite.Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("save-%d.db", i)))
			if err != nil {
				b.Fatal(err)
			}
			next = 0
			b.StartTimer()
		}
		bt := batches[next]
		b.StopTimer()
		if _, err := s.UpsertArticles(ctx, clone(bt.articles)); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t0, c0 := time.Now(), cpuTime()
		if err := s.SaveAnalysis(ctx, bt.analyses, bt.stories); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - c0
		busy += time.Since(t0)
		articles += len(bt.articles)
		next++
	}
	b.StopTimer()
	_ = start
	s.Close()
	b.ReportMetric(float64(articles)/busy.Seconds(), "articles/s")
	if cpu > 0 {
		b.ReportMetric(float64(articles)/cpu.Seconds(), "articles/cpu-s")
	}
}
