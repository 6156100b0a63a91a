// Package ingest is the single door articles enter the store through, from
// the crawler or a bulk import: it completes what extraction left open
// (language, excerpt, content hash), adds the analysed index text, stores the
// article, and runs the newsroom (duplicates, stories, related, hashtags) on
// what changed. Keeping this in one place means a crawled and an imported
// article are analysed identically.
package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/nashra/nashra/internal/news"
)

// Analyzer provides the text analysis the pipeline needs, so this package
// does not pin a concrete implementation.
type Analyzer interface {
	// IndexDoc returns the analysed search-index text of an article.
	IndexDoc(a *news.Article) *news.IndexDoc
	// DetectLanguage returns "ar", "en" or "" when unsure.
	DetectLanguage(text string) string
}

// Newsroom derives duplicates, stories, related articles and hashtags.
type Newsroom interface {
	Analyze(a *news.Article) ([]news.Analysis, []news.StoryUpdate)
}

// SplitNewsroom is a newsroom whose text work can run in parallel: Prepare
// is safe to call concurrently, and the step it returns must run in arrival
// order. Bulk imports use it to keep every core busy.
type SplitNewsroom interface {
	Newsroom
	Prepare(a *news.Article) (apply func() ([]news.Analysis, []news.StoryUpdate))
}

// Pipeline implements the crawler's sink and bulk imports. The zero value
// with Store (and usually Analyzer and Newsroom) set is ready to use; its
// goroutines start on first use. Close it to finish pending analyses.
type Pipeline struct {
	Store    news.Store
	Analyzer Analyzer
	Newsroom Newsroom // optional
	Logger   *slog.Logger
	Now      func() time.Time

	// AsyncNewsroom lets Ingest return as soon as the article is committed;
	// the newsroom follows in commit order, a few batches behind, and its
	// errors are logged and returned by the next Flush or Close instead of
	// by Ingest. Crawlers then never wait on analysis. Off, Ingest returns
	// once the article's analysis is saved too (still pipelined: the next
	// articles are committed meanwhile).
	AsyncNewsroom bool

	stats   Stats
	statsMu sync.Mutex

	// closeMu orders Close after every submission in flight.
	closeMu    sync.RWMutex
	closed     bool
	writerOnce sync.Once
	queue      chan submission
	writerDone chan struct{}

	stageOnce sync.Once
	stage     atomic.Pointer[stage]

	asyncMu  sync.Mutex
	asyncErr error // first newsroom error of async ingests not yet returned
}

// Stats counts what the pipeline did and how long each step was busy. The
// steps overlap, so the times add up to more than the wall-clock time.
type Stats struct {
	Created, Updated, Unchanged int
	Analysed                    int // new and edited articles the newsroom has finished
	AnalyseErrors               int // of those, articles whose analysis failed to save
	StoreTime                   time.Duration
	// AnalyseTime is PrepareTime + ApplyTime + SaveTime.
	AnalyseTime                      time.Duration
	PrepareTime, ApplyTime, SaveTime time.Duration
}

// Stats returns a snapshot of the counters.
func (p *Pipeline) Stats() Stats {
	p.statsMu.Lock()
	s := p.stats
	p.statsMu.Unlock()
	if st := p.stage.Load(); st != nil {
		s.PrepareTime = time.Duration(st.prepT.Load())
		s.ApplyTime = time.Duration(st.applyT.Load())
		s.SaveTime = time.Duration(st.saveT.Load())
		s.AnalyseTime = s.PrepareTime + s.ApplyTime + s.SaveTime
	}
	return s
}

func (p *Pipeline) now() time.Time {
	if p.Now != nil {
		return p.Now().UTC()
	}
	return time.Now().UTC()
}

// Prepare completes an article in place: the fields every stored article
// must have, and the analysed index text.
func (p *Pipeline) Prepare(a *news.Article) error {
	a.URL = strings.TrimSpace(a.URL)
	if a.URL == "" {
		return news.Errorf(news.EINVALID, "article has no URL")
	}
	if a.SourceID == "" {
		return news.Errorf(news.EINVALID, "article %s has no source", a.URL)
	}
	a.Title = strings.TrimSpace(strings.ToValidUTF8(a.Title, ""))
	a.BodyText = strings.TrimSpace(strings.ToValidUTF8(a.BodyText, ""))
	a.Author = strings.TrimSpace(strings.ToValidUTF8(a.Author, ""))
	if a.Title == "" && a.BodyText == "" {
		return news.Errorf(news.EINVALID, "article %s has neither title nor text", a.URL)
	}
	if a.Title == "" {
		a.Title = Excerpt(a.BodyText, 90)
	}
	if a.ID == "" {
		a.ID = news.ArticleID(a.URL)
	}
	now := p.now()
	if a.FetchedAt.IsZero() {
		a.FetchedAt = now
	}
	if a.PublishedAt.IsZero() || a.PublishedAt.After(now.Add(time.Hour)) {
		// A missing or future date would pin the article to the top of
		// every listing; the time we first saw it is the honest fallback.
		a.PublishedAt = a.FetchedAt
	}
	a.PublishedAt = a.PublishedAt.UTC()
	if a.UpdatedAt.IsZero() {
		a.UpdatedAt = a.FetchedAt
	}
	if a.Language == "" && p.Analyzer != nil {
		a.Language = p.Analyzer.DetectLanguage(a.Title + "\n" + a.BodyText)
	}
	if a.Language == "" {
		a.Language = "ar"
	}
	if a.Excerpt == "" {
		a.Excerpt = Excerpt(a.BodyText, 280)
	}
	a.ContentHash = news.ContentHash(a.Title, a.BodyText)
	if a.Index == nil && p.Analyzer != nil {
		a.Index = p.Analyzer.IndexDoc(a)
	}
	return nil
}

// Ingest stores one article and analyses it if it is new or edited. It is
// safe for concurrent use; concurrent calls are committed together.
func (p *Pipeline) Ingest(ctx context.Context, a *news.Article) (news.UpsertResult, error) {
	if err := p.Prepare(a); err != nil {
		return news.Unchanged, err
	}
	done := make(chan outcome, 1)
	p.closeMu.RLock()
	if p.closed {
		p.closeMu.RUnlock()
		return news.Unchanged, errClosed
	}
	p.writerOnce.Do(p.startWriter)
	select {
	case p.queue <- submission{ctx: ctx, a: a, done: done}:
	case <-ctx.Done():
		p.closeMu.RUnlock()
		return news.Unchanged, ctx.Err()
	}
	p.closeMu.RUnlock()
	o := <-done
	return o.res, o.err
}

// IngestBatch stores many articles in one transaction, then analyses the new
// and edited ones in order, and returns once their analyses are saved.
func (p *Pipeline) IngestBatch(ctx context.Context, as []*news.Article) ([]news.UpsertResult, error) {
	if err := parallel(len(as), func(i int) error { return p.Prepare(as[i]) }); err != nil {
		return nil, err
	}
	res, err := p.store(ctx, as)
	if err != nil {
		return nil, err
	}
	changed := changedOnly(as, res)
	if p.Newsroom == nil || len(changed) == 0 {
		return res, nil
	}
	done := make(chan error, 1)
	if err := p.newsroomStage().submit(&job{ctx: ctx, as: changed, done: func(err error) { done <- err }}); err != nil {
		return res, err
	}
	return res, <-done
}

// store upserts a batch in one transaction and counts the outcome.
func (p *Pipeline) store(ctx context.Context, as []*news.Article) ([]news.UpsertResult, error) {
	start := time.Now()
	res, err := p.Store.UpsertArticles(ctx, as)
	if err != nil {
		return nil, fmt.Errorf("ingest: store batch: %w", err)
	}
	p.count(res, time.Since(start))
	return res, nil
}

func changedOnly(as []*news.Article, res []news.UpsertResult) []*news.Article {
	var changed []*news.Article
	for i, r := range res {
		if r != news.Unchanged {
			changed = append(changed, as[i])
		}
	}
	return changed
}

// afterCommit hands committed articles to the newsroom and calls answer
// with the outcome: once the analysis is saved, or at once when the
// newsroom runs detached (AsyncNewsroom) or there is nothing to analyse.
// The job is queued before anyone is answered, so a Flush after an Ingest
// returned always covers that Ingest's article.
func (p *Pipeline) afterCommit(ctx context.Context, changed []*news.Article, answer func(error)) {
	if p.Newsroom == nil || len(changed) == 0 {
		answer(nil)
		return
	}
	j := &job{ctx: ctx, as: changed, done: answer}
	if p.AsyncNewsroom {
		j.done = p.reportAsync
	}
	if err := p.newsroomStage().submit(j); err != nil {
		answer(fmt.Errorf("ingest: stored but not analysed: %w", err))
		return
	}
	if p.AsyncNewsroom {
		answer(nil)
	}
}

func (p *Pipeline) reportAsync(err error) {
	if err == nil {
		return
	}
	if p.Logger != nil {
		p.Logger.Error("newsroom analysis failed", "err", err)
	}
	p.asyncMu.Lock()
	if p.asyncErr == nil {
		p.asyncErr = err
	}
	p.asyncMu.Unlock()
}

// Flush waits until every article whose Ingest has returned is analysed
// and saved, and returns the first newsroom error of detached ingests
// since the last Flush.
func (p *Pipeline) Flush(ctx context.Context) error {
	if p.Newsroom != nil {
		if err := p.newsroomStage().wait(ctx); err != nil {
			return err
		}
	}
	p.asyncMu.Lock()
	defer p.asyncMu.Unlock()
	err := p.asyncErr
	p.asyncErr = nil
	return err
}

// Close finishes what was submitted (commits and analyses), stops the
// pipeline's goroutines and returns what Flush would. Ingest fails after
// Close.
func (p *Pipeline) Close() error {
	p.closeMu.Lock()
	already := p.closed
	p.closed = true
	p.closeMu.Unlock()
	if !already {
		if p.queue != nil {
			close(p.queue)
			<-p.writerDone
		}
		p.newsroomStage().close()
	}
	p.asyncMu.Lock()
	defer p.asyncMu.Unlock()
	err := p.asyncErr
	p.asyncErr = nil
	return err
}

func (p *Pipeline) count(res []news.UpsertResult, storeTime time.Duration) {
	p.statsMu.Lock()
	defer p.statsMu.Unlock()
	for _, r := range res {
		switch r {
		case news.Created:
			p.stats.Created++
		case news.Updated:
			p.stats.Updated++
		default:
			p.stats.Unchanged++
		}
	}
	p.stats.StoreTime += storeTime
}

func (p *Pipeline) countAnalysed(n int, err error) {
	p.statsMu.Lock()
	defer p.statsMu.Unlock()
	p.stats.Analysed += n
	if err != nil {
		p.stats.AnalyseErrors += n
	}
}

// Excerpt returns the first sentences of text up to max runes, cut at a word
// boundary with an ellipsis.
func Excerpt(text string, max int) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= max {
		return text
	}
	cut := 0
	n := 0
	for i := range text {
		if n == max {
			cut = i
			break
		}
		n++
	}
	s := text[:cut]
	// Prefer ending on a sentence if one ends past the first third.
	if i := strings.LastIndexAny(s, ".؟!?"); i >= len(s)/3 {
		_, size := utf8.DecodeRuneInString(s[i:]) // ؟ is two bytes
		return s[:i+size]
	}
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		s = s[:i]
	}
	return strings.TrimRight(s, " ،,;؛:-") + "…"
}
