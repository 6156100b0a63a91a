package newsroom

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/story"
)

// batch analyses the head of the queue and commits it; it returns how many
// articles it analysed (0: the queue was empty).
func (w *Worker) batch(ctx context.Context, eng *story.Engine) (int, error) {
	limit := w.Batch
	if w.isolate > 0 {
		limit = 1
	}
	ps, err := w.Store.PendingAnalysis(ctx, limit)
	if err != nil {
		return 0, fmt.Errorf("newsroom: read queue: %w", err)
	}
	if len(ps) == 0 {
		w.metrics.pending.Set(0)
		return 0, nil
	}
	start := time.Now()
	// The text work is pure and runs on every core; Apply, which updates
	// the window, must follow queue order.
	prepared := make([]*story.Prepared, len(ps))
	parallel(len(ps), func(i int) { prepared[i] = eng.Prepare(&ps[i].Article) })
	var analyses []news.Analysis
	var stories []news.StoryUpdate
	done := make([]news.QueueEntry, len(ps))
	for i, p := range prepared {
		r := eng.Apply(p)
		analyses = append(analyses, r.Analyses...)
		stories = append(stories, r.Stories...)
		done[i] = ps[i].QueueEntry
	}
	if err := w.Store.CompleteAnalysis(ctx, w.lease(), analyses, stories, done); err != nil {
		if news.ErrorCode(err) == news.EINVALID {
			return 0, w.unsaveable(ctx, ps, err)
		}
		return 0, fmt.Errorf("newsroom: save batch of %d: %w", len(ps), err)
	}
	w.isolate = max(0, w.isolate-len(ps))
	w.metrics.analysed.Add(float64(len(ps)))
	w.metrics.batchSeconds.Observe(time.Since(start).Seconds())
	w.updateBacklog(ctx)
	return len(ps), nil
}

// unsaveable handles a batch the store rejected as invalid, which no retry
// can fix: left alone it would stall the queue for good. The batch is
// retried one article at a time (in a new term, since the engine holds the
// unsaved analyses); an article that fails alone is dequeued unanalysed
// and logged, so one bad article costs its own analysis and nothing else.
func (w *Worker) unsaveable(ctx context.Context, ps []news.PendingArticle, cause error) error {
	if len(ps) > 1 {
		w.isolate = len(ps)
		return fmt.Errorf("newsroom: batch of %d rejected, retrying one by one: %w", len(ps), cause)
	}
	if err := w.Store.CompleteAnalysis(ctx, w.lease(), nil, nil, []news.QueueEntry{ps[0].QueueEntry}); err != nil {
		return fmt.Errorf("newsroom: drop unsaveable article %s: %w", ps[0].ArticleID, err)
	}
	w.isolate = max(0, w.isolate-1)
	w.metrics.dropped.Inc()
	w.Logger.Error("newsroom: analysis rejected by the store; article left unanalysed",
		"article", ps[0].ArticleID, "url", ps[0].Article.URL, "err", cause)
	return fmt.Errorf("newsroom: dropped unsaveable article %s: %w", ps[0].ArticleID, cause)
}

func (w *Worker) updateBacklog(ctx context.Context) {
	if n, err := w.Store.PendingCount(ctx); err == nil {
		w.metrics.pending.Set(float64(n))
	}
}

// rebuild warms eng with the stored window as the previous leader left it:
// every article published within the window before the newest stored one,
// except those never analysed, which this term is about to add in queue
// order. An edited article still queued stays in the window, as it was in
// the engine that analysed its first version.
func (w *Worker) rebuild(ctx context.Context, eng *story.Engine) (int, error) {
	now := time.Now()
	// An archive's "recent" is its newest article, not the wall clock.
	if latest, err := w.Store.Articles(ctx, news.ArticleFilter{Limit: 1}); err != nil {
		return 0, fmt.Errorf("newsroom: rebuild: newest article: %w", err)
	} else if len(latest) == 1 && latest[0].PublishedAt.Before(now) {
		now = latest[0].PublishedAt
	}
	return eng.Rebuild(ctx, settled{w.Store}, now)
}

// settled is the store as the previous leader saw it: articles never
// analysed are hidden from the scan. They are recognised by their missing
// story and original (every analysis sets one), not by a list of the queue
// taken beforehand: crawler nodes keep storing articles while the scan
// runs, and one stored after such a list was taken would otherwise be
// warmed as settled and later join stories out of queue order.
type settled struct{ news.ArticleStore }

func (s settled) ScanArticles(ctx context.Context, fn func(*news.Article) error) error {
	return s.ArticleStore.ScanArticles(ctx, func(a *news.Article) error {
		if a.StoryID == "" && a.DuplicateOf == "" {
			return nil
		}
		return fn(a)
	})
}

// parallel runs fn(0..n-1) on every core.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(i)
			}
		})
	}
	wg.Wait()
}
