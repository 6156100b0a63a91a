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
	"runtime"
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

// Pipeline implements the crawler's sink and bulk imports.
type Pipeline struct {
	Store    news.Store
	Analyzer Analyzer
	Newsroom Newsroom // optional
	Logger   *slog.Logger
	Now      func() time.Time

	// The newsroom must see articles one at a time, in arrival order, and
	// its result must be saved before the next article is analysed, or a
	// story update could be overwritten by an older one.
	newsroomMu sync.Mutex
	stats      Stats
	statsMu    sync.Mutex

	writerOnce sync.Once
	queue      chan submission
}

// Stats counts what the pipeline did and how long each step took.
type Stats struct {
	Created, Updated, Unchanged int
	StoreTime, AnalyseTime      time.Duration
}

// Stats returns a snapshot of the counters.
func (p *Pipeline) Stats() Stats {
	p.statsMu.Lock()
	defer p.statsMu.Unlock()
	return p.stats
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
	p.writerOnce.Do(p.startWriter)
	if p.queue == nil {
		return p.ingestOne(ctx, a)
	}
	done := make(chan outcome, 1)
	select {
	case p.queue <- submission{ctx: ctx, a: a, done: done}:
	case <-ctx.Done():
		return news.Unchanged, ctx.Err()
	}
	o := <-done
	return o.res, o.err
}

// ingestOne stores and analyses a single prepared article in its own
// transaction.
func (p *Pipeline) ingestOne(ctx context.Context, a *news.Article) (news.UpsertResult, error) {
	start := time.Now()
	res, err := p.Store.UpsertArticle(ctx, a)
	storeTime := time.Since(start)
	if err != nil {
		return res, fmt.Errorf("ingest: store %s: %w", a.URL, err)
	}
	var analyseTime time.Duration
	if res != news.Unchanged && p.Newsroom != nil {
		start = time.Now()
		err = p.analyse(ctx, []*news.Article{a})
		analyseTime = time.Since(start)
	}
	p.count([]news.UpsertResult{res}, storeTime, analyseTime)
	return res, err
}

// IngestBatch stores many articles in one transaction, then analyses the new
// and edited ones in order. It is the bulk-import path.
func (p *Pipeline) IngestBatch(ctx context.Context, as []*news.Article) ([]news.UpsertResult, error) {
	if err := parallel(len(as), func(i int) error { return p.Prepare(as[i]) }); err != nil {
		return nil, err
	}
	start := time.Now()
	res, err := p.Store.UpsertArticles(ctx, as)
	storeTime := time.Since(start)
	if err != nil {
		return nil, fmt.Errorf("ingest: store batch: %w", err)
	}
	var analyseTime time.Duration
	if p.Newsroom != nil {
		var changed []*news.Article
		for i, r := range res {
			if r != news.Unchanged {
				changed = append(changed, as[i])
			}
		}
		start = time.Now()
		err = p.analyse(ctx, changed)
		analyseTime = time.Since(start)
	}
	p.count(res, storeTime, analyseTime)
	return res, err
}

func (p *Pipeline) analyse(ctx context.Context, as []*news.Article) error {
	if len(as) == 0 {
		return nil
	}
	var steps []func() ([]news.Analysis, []news.StoryUpdate)
	if split, ok := p.Newsroom.(SplitNewsroom); ok && len(as) > 1 {
		steps = make([]func() ([]news.Analysis, []news.StoryUpdate), len(as))
		_ = parallel(len(as), func(i int) error { steps[i] = split.Prepare(as[i]); return nil })
	}
	p.newsroomMu.Lock()
	defer p.newsroomMu.Unlock()
	var analyses []news.Analysis
	var stories []news.StoryUpdate
	for i, a := range as {
		var an []news.Analysis
		var st []news.StoryUpdate
		if steps != nil {
			an, st = steps[i]()
		} else {
			an, st = p.Newsroom.Analyze(a)
		}
		analyses = append(analyses, an...)
		stories = append(stories, st...)
	}
	if err := p.Store.SaveAnalysis(ctx, analyses, stories); err != nil {
		return fmt.Errorf("ingest: save analysis: %w", err)
	}
	return nil
}

func (p *Pipeline) count(res []news.UpsertResult, storeTime, analyseTime time.Duration) {
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
	p.stats.AnalyseTime += analyseTime
}

// parallel runs fn(0..n-1) on every core and returns the first error.
func parallel(n int, fn func(i int) error) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			if err := fn(i); err != nil {
				return err
			}
		}
		return nil
	}
	var next atomic.Int64
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := fn(i); err != nil && errs[w] == nil {
					errs[w] = err
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
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
		return s[:i+1]
	}
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		s = s[:i]
	}
	return strings.TrimRight(s, " ،,;؛:-") + "…"
}
