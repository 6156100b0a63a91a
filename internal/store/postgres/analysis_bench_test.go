package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/newsroom"
	"github.com/nashra/nashra/internal/store/postgres"
	"github.com/nashra/nashra/internal/story"
	"github.com/nashra/nashra/internal/textar"
)

// analysedBatch is one leader batch and what the newsroom derived from it,
// exactly as the engine returned it: older articles' re-analyses
// included, an article re-analysed twice listed twice.
type analysedBatch struct {
	articles []*news.Article
	analyses []news.Analysis
	stories  []news.StoryUpdate
}

var (
	analysedOnce sync.Once
	analysed     []analysedBatch
	analysedErr  error
)

// analysedCorpus runs the story engine over the first 3,000 corpus articles
// in publication-feed order, in batches of the leader's size, once per
// test binary.
func analysedCorpus(tb testing.TB) []analysedBatch {
	tb.Helper()
	analysedOnce.Do(func() {
		const n, batch = 3000, newsroom.DefaultBatch
		var all []*news.Article
		all, analysedErr = firstCorpusArticles(n)
		if analysedErr != nil {
			return
		}
		e := story.New(story.Config{})
		for i := 0; i < len(all); i += batch {
			b := analysedBatch{articles: all[i:min(i+batch, len(all))]}
			for _, a := range clone(b.articles) {
				r := e.Add(a)
				b.analyses = append(b.analyses, r.Analyses...)
				b.stories = append(b.stories, r.Stories...)
			}
			analysed = append(analysed, b)
		}
	})
	if errors.Is(analysedErr, corpus.ErrNotFound) {
		tb.Skipf("SaudiNewsNet corpus not found: %v", analysedErr)
	}
	if analysedErr != nil {
		tb.Fatal(analysedErr)
	}
	return analysed
}

// firstCorpusArticles returns the corpus's first n distinct articles, with
// IDs, analysed as ingest would.
func firstCorpusArticles(n int) ([]*news.Article, error) {
	dir, err := corpus.Locate("saudinewsnet", "")
	if err != nil {
		return nil, err
	}
	recs, err := corpus.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []*news.Article
	seen := map[string]bool{}
	for _, r := range recs {
		if len(out) == n {
			break
		}
		if seen[r.URL] {
			continue
		}
		seen[r.URL] = true
		body := strings.Join(corpus.Paragraphs(r.Content), "\n\n")
		out = append(out, &news.Article{ID: news.ArticleID(r.URL), URL: r.URL, SourceID: r.Source, Title: r.Title,
			Author: r.Author, PublishedAt: r.Date.UTC(), Language: "ar", BodyText: body,
			Index: &news.IndexDoc{Title: textar.AnalyzeText(r.Title, "ar"), Body: textar.AnalyzeText(body, "ar"),
				Author: textar.AnalyzeText(r.Author, "ar"), Source: r.Source}})
	}
	return out, nil
}

var (
	synthOnce sync.Once
	synth     []analysedBatch
)

// syntheticBatches is leader batches of the shape a busy newsroom writes:
// every new article with a full related list (10 entries sharing terms)
// and 3-5 hashtags, and each new article re-analysing the article three
// before it (its list shifted by one), every fourth also the one just
// before it, so some articles are analysed twice in one batch. The
// articles are real corpus rows.
func syntheticBatches(tb testing.TB) []analysedBatch {
	tb.Helper()
	batches := analysedCorpus(tb) // skips without the corpus
	synthOnce.Do(func() {
		var all []*news.Article
		for _, b := range batches {
			all = append(all, b.articles...)
		}
		last := make([]news.Analysis, len(all))
		for i := 0; i < len(all); i += newsroom.DefaultBatch {
			b := analysedBatch{articles: all[i:min(i+newsroom.DefaultBatch, len(all))]}
			for g := i; g < i+len(b.articles); g++ {
				an := news.Analysis{ArticleID: all[g].ID, StoryID: fmt.Sprintf("syn-%d", g/4)}
				for k := range 3 + g%3 {
					an.Hashtags = append(an.Hashtags, fmt.Sprintf("وسم%d", (g*7+k*13)%200))
				}
				for r := g - 1; r >= max(0, g-10); r-- {
					an.Related = append(an.Related, news.Related{ArticleID: all[r].ID, Reason: "#" + an.Hashtags[0],
						Shared: []string{an.Hashtags[0], "النفط"}, SameStory: r/4 == g/4, Score: 1 / float64(g-r+1)})
				}
				last[g] = an
				b.analyses = append(b.analyses, an)
				b.stories = append(b.stories, news.StoryUpdate{Story: news.Story{ID: an.StoryID, Headline: all[g].Title,
					LeadArticleID: all[g/4*4].ID, FirstReportedAt: all[g/4*4].PublishedAt, LastUpdatedAt: all[g].PublishedAt,
					FirstSourceID: all[g/4*4].SourceID, Size: g%4 + 1, Sources: []string{all[g].SourceID}, Hashtags: an.Hashtags}})
				for _, old := range []int{g - 3, g - 1} {
					if old < 0 || (old == g-1 && g%4 != 0) {
						continue
					}
					re := last[old]
					re.Related = append([]news.Related{{ArticleID: all[g].ID, Reason: "جديد", Score: 0.9}},
						re.Related[:min(len(re.Related), 9)]...)
					last[old] = re
					b.analyses = append(b.analyses, re)
				}
			}
			synth = append(synth, b)
		}
	})
	return synth
}

// BenchmarkSaveAnalysis measures saving newsroom output one leader batch
// at a time: "corpus" is what the story engine derived from the first
// 3,000 corpus articles, "synthetic" the fuller related lists of
// syntheticBatches. articles/s counts the batch's new articles (with the
// older related lists they changed), analyses/s every analysis saved;
// storing the articles is not timed. "sequential" is the row-at-a-time
// writer the set-based one replaced.
func BenchmarkSaveAnalysis(b *testing.B) {
	for _, load := range []struct {
		name    string
		batches func(testing.TB) []analysedBatch
	}{{"corpus", analysedCorpus}, {"synthetic", syntheticBatches}} {
		for _, impl := range []struct {
			name string
			save func(*postgres.Store, context.Context, []news.Analysis, []news.StoryUpdate) error
		}{
			{"set", (*postgres.Store).SaveAnalysis},
			{"sequential", (*postgres.Store).SaveAnalysisSequential},
		} {
			b.Run(load.name+"/"+impl.name, func(b *testing.B) {
				benchSave(b, load.batches(b), impl.save)
			})
		}
	}
}

func benchSave(b *testing.B, batches []analysedBatch,
	save func(*postgres.Store, context.Context, []news.Analysis, []news.StoryUpdate) error) {
	ctx := context.Background()
	var s *postgres.Store
	next := len(batches)
	var articles, analyses int
	var busy time.Duration
	for b.Loop() {
		if next == len(batches) {
			b.StopTimer()
			s = openTemp(b)
			next = 0
			b.StartTimer()
		}
		bt := batches[next]
		b.StopTimer()
		if _, err := s.UpsertArticles(ctx, clone(bt.articles)); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t0 := time.Now()
		if err := save(s, ctx, bt.analyses, bt.stories); err != nil {
			b.Fatal(err)
		}
		busy += time.Since(t0)
		articles += len(bt.articles)
		analyses += len(bt.analyses)
		next++
	}
	b.ReportMetric(float64(articles)/busy.Seconds(), "articles/s")
	b.ReportMetric(float64(analyses)/busy.Seconds(), "analyses/s")
}
