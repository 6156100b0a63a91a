package crawl

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"github.com/nashra/nashra/internal/extract"
	"github.com/nashra/nashra/internal/feed"
	"github.com/nashra/nashra/internal/fetch"
	"github.com/nashra/nashra/internal/news"
)

// ingestTimeout bounds one Sink call. Sink calls run on a context detached
// from cancellation, so an article already fetched and extracted when the
// crawler is told to stop is still written, whole.
const ingestTimeout = time.Minute

// knownBatch is how many URLs go to the store in one KnownURLs call.
const knownBatch = 500

const pageAccept = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"

// handleItems turns the feed's unseen (or edited) items into articles and
// returns how many were created, and whether some item failed in a way a
// later poll could fix.
func (c *Crawler) handleItems(ctx context.Context, f news.Feed, parsed *feed.Feed, items []feed.Item, budget time.Time, log *slog.Logger) (created int, partial bool, err error) {
	now := c.cfg.Now()
	items = uniqueByURL(items)
	known, err := c.knownURLs(ctx, items)
	if err != nil {
		return 0, true, fmt.Errorf("known URLs: %w", err)
	}
	var todo, edited []*feed.Item
	fresh := map[*feed.Item]bool{}
	knownItems := 0
	for i := range items {
		it := &items[i]
		key, fp := itemKey(f.ID, it), fingerprint(it)
		if !known[it.URL] {
			// seenSame: handled by this process already, possibly stored
			// under the page's canonical URL (which is why it looks unknown).
			if !c.memory.seenSame(key, fp) && !c.memory.isEmpty(it.URL, now) && !c.memory.wasStored(it.URL) {
				todo = append(todo, it)
				fresh[it] = true
			}
			continue
		}
		knownItems++
		switch {
		case c.memory.changed(key, fp):
			todo = append(todo, it) // title or text changed since we saw it
		case !it.Updated.IsZero() && !f.LastSuccessAt.IsZero() && it.Updated.After(f.LastSuccessAt):
			edited = append(edited, it) // says it was updated since our last poll
		default:
			c.memory.remember(key, fp)
		}
	}
	// Some CMSs stamp every item with the time of the request. When most
	// known items claim a fresh update, the dates are noise, and trusting
	// them would refetch every page on every poll.
	if len(edited) <= max(1, knownItems/2) {
		todo = append(todo, edited...)
	} else {
		log.Debug("crawl: ignoring item update dates; most items claim one", "claims", len(edited), "known", knownItems)
		for _, it := range edited {
			c.memory.remember(itemKey(f.ID, it), fingerprint(it))
		}
	}
	// Newest first, so a capped poll takes the freshest news.
	slices.SortStableFunc(todo, func(a, b *feed.Item) int { return -cmp.Compare(itemTime(a).Unix(), itemTime(b).Unix()) })
	if len(todo) > c.cfg.MaxItemsPerPoll {
		log.Info("crawl: capping items this poll", "todo", len(todo), "cap", c.cfg.MaxItemsPerPoll)
		todo, partial = todo[:c.cfg.MaxItemsPerPoll], true
	}

	var mu sync.Mutex
	work := make(chan *feed.Item)
	var wg sync.WaitGroup
	for range min(c.cfg.PageConcurrency, len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range work {
				r, transient := c.handleItem(ctx, f, parsed, it, fresh[it], log)
				mu.Lock()
				if r == news.Created {
					created++
				}
				partial = partial || transient
				mu.Unlock()
			}
		}()
	}
	for i, it := range todo {
		if ctx.Err() != nil {
			break
		}
		if time.Now().After(budget) {
			log.Warn("crawl: lease budget spent, leaving items for the next poll", "done", i, "left", len(todo)-i)
			mu.Lock()
			partial = true
			mu.Unlock()
			break
		}
		work <- it
	}
	close(work)
	wg.Wait()
	return created, partial, nil
}

func itemTime(it *feed.Item) time.Time {
	if !it.Published.IsZero() {
		return it.Published
	}
	return it.Updated
}

func uniqueByURL(items []feed.Item) []feed.Item {
	seen := make(map[string]bool, len(items))
	out := items[:0:0]
	for _, it := range items {
		if !seen[it.URL] {
			seen[it.URL] = true
			out = append(out, it)
		}
	}
	return out
}

func (c *Crawler) knownURLs(ctx context.Context, items []feed.Item) (map[string]bool, error) {
	known := make(map[string]bool, len(items))
	for start := 0; start < len(items); start += knownBatch {
		batch := items[start:min(start+knownBatch, len(items))]
		urls := make([]string, len(batch))
		for i, it := range batch {
			urls[i] = it.URL
		}
		t := time.Now()
		k, err := c.store.KnownURLs(ctx, urls)
		c.rec.stage(StageStore, time.Since(t))
		if err != nil {
			return nil, err
		}
		for u, ok := range k {
			if ok {
				known[u] = true
			}
		}
	}
	return known, nil
}

// handleItem builds and ingests one article. transient reports a failure
// that may pass (page fetch 5xx, timeout, store error).
// fresh marks an item that was unknown when selected (not an edit).
func (c *Crawler) handleItem(ctx context.Context, f news.Feed, parsed *feed.Feed, it *feed.Item, fresh bool, log *slog.Logger) (r news.UpsertResult, transient bool) {
	if ctx.Err() != nil {
		return news.Unchanged, true
	}
	defer func() {
		// A bug triggered by one odd page must not take the crawler down.
		// The URL is remembered as unusable so it does not crash-loop.
		if p := recover(); p != nil {
			c.memory.markEmpty(it.URL, c.cfg.Now())
			c.itemFailed("panic", fmt.Errorf("panic: %v", p))
			log.Error("crawl: panic while handling item", "url", it.URL, "panic", p, "stack", string(debug.Stack()))
			r, transient = news.Unchanged, false
		}
	}()
	if !c.memory.claim(it.URL) {
		// Another feed of ours is on it right now. If that attempt fails,
		// our feed's next poll still finds the URL unknown and retries.
		return news.Unchanged, false
	}
	stored := false
	defer func() { c.memory.release(it.URL, stored) }()
	if fresh && (c.memory.isEmpty(it.URL, c.cfg.Now()) || c.memory.wasStored(it.URL)) {
		// Another feed finished this new URL between our selection and
		// our claim (an outlet's feed and its sitemap list the same
		// articles): nothing left to do.
		return news.Unchanged, false
	}
	log = log.With("url", it.URL)
	now := c.cfg.Now()
	lang := cmp.Or(it.Language, parsed.Language, c.sources.get(ctx, f.SourceID, now).Language)
	hints := extract.Hints{Title: it.Title, Author: it.Author, Published: it.Published, ImageURL: it.ImageURL, Language: lang}

	res, pageURL, err := c.extractItem(ctx, it, hints, log)
	if err != nil {
		transient := !fetch.IsPermanent(err) && !errors.Is(err, extract.ErrNoContent) &&
			!errors.Is(err, extract.ErrInvalidURL) && !errors.Is(err, extract.ErrTooLarge)
		if ctx.Err() != nil {
			return news.Unchanged, true
		}
		if transient {
			c.itemFailed("page_fetch", err)
			log.Warn("crawl: article fetch failed", "reason", reasonName(err), "err", err)
			return news.Unchanged, true
		}
		// Permanent for this URL: remember, so it is not refetched on
		// every poll.
		c.memory.markEmpty(it.URL, now)
		c.rec.count(func(s *Stats) { s.Skipped++ })
		c.countArticle("skipped")
		log.Info("crawl: item skipped", "reason", err)
		return news.Unchanged, false
	}

	a := c.article(f, it, res, pageURL, lang, now)
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), ingestTimeout)
	defer cancel()
	t := time.Now()
	r, err = c.sink.Ingest(sctx, a)
	c.rec.stage(StageStore, time.Since(t))
	if err != nil {
		c.itemFailed("store", err)
		log.Error("crawl: store article", "article", a.ID, "err", err)
		return news.Unchanged, true
	}
	stored = true
	c.memory.remember(itemKey(f.ID, it), fingerprint(it))
	c.rec.count(func(s *Stats) {
		switch r {
		case news.Created:
			s.Created++
		case news.Updated:
			s.Updated++
		default:
			s.Unchanged++
		}
	})
	c.countArticle(r.String())
	return r, false
}

// extractItem uses the feed's own full text when it has one, and fetches
// the article page otherwise (or when the feed text yields nothing).
func (c *Crawler) extractItem(ctx context.Context, it *feed.Item, hints extract.Hints, log *slog.Logger) (*extract.Result, string, error) {
	for _, content := range []string{it.ContentHTML, it.SummaryHTML} {
		if content == "" || extract.IsTeaser(content) {
			continue
		}
		t := time.Now()
		res, err := extract.FeedContent(it.URL, content, hints)
		c.rec.stage(StageExtract, time.Since(t))
		if err == nil && res.BodyText != "" {
			return res, it.URL, nil
		}
		log.Debug("crawl: feed content unusable, fetching the page", "err", err)
		break
	}
	t := time.Now()
	resp, err := c.fetcher.Get(ctx, fetch.Request{URL: it.URL, Accept: pageAccept})
	c.rec.stage(StagePageFetch, time.Since(t))
	if err != nil {
		return nil, "", err
	}
	if c.rec.m != nil {
		c.rec.m.bytes.Add(float64(resp.Bytes))
	}
	c.rec.count(func(s *Stats) { s.Bytes += resp.Bytes })
	t = time.Now()
	res, err := extract.Page(resp.URL, resp.Body, hints)
	c.rec.stage(StageExtract, time.Since(t))
	if err != nil {
		return nil, "", err
	}
	if res.BodyText == "" {
		return nil, "", extract.ErrNoContent
	}
	return res, resp.URL, nil
}

func (c *Crawler) itemFailed(stage string, err error) {
	c.rec.count(func(s *Stats) { s.ItemErrors++ })
	c.countArticle("error")
	c.countError(stage, reasonName(err))
}

func (c *Crawler) countArticle(result string) {
	if c.rec.m != nil {
		c.rec.m.articles.WithLabelValues(result).Inc()
	}
}
