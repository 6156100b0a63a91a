package crawl

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/nashra/nashra/internal/feed"
	"github.com/nashra/nashra/internal/fetch"
	"github.com/nashra/nashra/internal/news"
)

// finishTimeout bounds recording a poll after ctx was cancelled: the result
// is still written (releasing the lease) but a stuck store cannot hold up
// shutdown.
const finishTimeout = 10 * time.Second

// Poll polls one leased feed end to end and records the result with
// FinishPoll. Errors are logged and recorded on the feed, never returned:
// one broken publisher must not disturb the others.
func (c *Crawler) Poll(ctx context.Context, f news.Feed) news.PollResult {
	start := c.cfg.Now()
	t0 := time.Now()
	if c.rec.m != nil {
		c.rec.m.inFlight.Inc()
		defer c.rec.m.inFlight.Dec()
	}
	log := c.cfg.Logger.With("source", f.SourceID, "feed", f.URL)
	res := news.PollResult{FeedID: f.ID, Owner: c.cfg.Owner, StartedAt: start}
	o := c.pollSafely(ctx, f, &res, log)
	res.Duration = time.Since(t0)
	o.failures = f.ConsecutiveFailures
	res.Interval, res.NextPollAt = c.schedule(f.Interval, o, c.cfg.Now())
	if ctx.Err() != nil && res.Err == "" {
		// Interrupted: come back soon, and keep the old validators so the
		// items we did not get to are not hidden behind a 304.
		res.Err = "interrupted: " + ctx.Err().Error()
		res.ETag, res.LastModified = "", ""
		res.NextPollAt = c.cfg.Now()
	}
	if res.Err != "" || res.Gone {
		// Only a poll that worked shows the new URL serves this feed:
		// publishers often redirect a dead feed to their home page.
		res.MovedTo = ""
	}
	c.rec.stage(StagePoll, res.Duration)
	c.countPoll(&res)

	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), finishTimeout)
	defer cancel()
	switch err := c.store.FinishPoll(fctx, res); {
	case err != nil && news.ErrorCode(err) == news.ECONFLICT:
		log.Warn("crawl: feed moved permanently, but its new URL belongs to another feed; kept the old one",
			"moved_to", res.MovedTo, "err", err)
	case err != nil:
		log.Error("crawl: record poll", "err", err)
	case res.MovedTo != "":
		log.Info("crawl: feed moved permanently; polled at its new URL from now on", "moved_to", res.MovedTo)
	}
	lvl := slog.LevelInfo
	if res.Err != "" {
		lvl = slog.LevelWarn
	}
	log.Log(ctx, lvl, "crawl: polled feed", "status", res.Status, "not_modified", res.NotModified,
		"items", res.Items, "new", res.NewItems, "bytes", res.Bytes, "took", res.Duration.Round(time.Millisecond),
		"next_in", res.NextPollAt.Sub(c.cfg.Now()).Round(time.Second), "err", res.Err)
	return res
}

func (c *Crawler) countPoll(res *news.PollResult) {
	result := "ok"
	switch {
	case res.Gone:
		result = "gone"
	case res.Err != "":
		result = "error"
	case res.NotModified:
		result = "not_modified"
	}
	c.rec.count(func(s *Stats) {
		s.Polls++
		s.Bytes += res.Bytes
		switch result {
		case "gone":
			s.Gone++
		case "error":
			s.PollErrors++
		case "not_modified":
			s.NotModified++
		}
	})
	if c.rec.m != nil {
		c.rec.m.polls.WithLabelValues(result).Inc()
		c.rec.m.bytes.Add(float64(res.Bytes))
	}
}

// pollSafely runs poll, turning a panic (a parser bug on one publisher's
// odd feed) into a failed poll instead of a dead crawler.
func (c *Crawler) pollSafely(ctx context.Context, f news.Feed, res *news.PollResult, log *slog.Logger) (o outcome) {
	defer func() {
		if p := recover(); p != nil {
			c.countError("poll", "panic")
			res.Err = fmt.Sprintf("panic: %v", p)
			res.ETag, res.LastModified = "", ""
			log.Error("crawl: panic while polling", "panic", p, "stack", string(debug.Stack()))
			o = outcome{failed: true}
		}
	}()
	return c.poll(ctx, f, res, log)
}

// poll does the work of Poll and fills res; it returns what scheduling needs.
func (c *Crawler) poll(ctx context.Context, f news.Feed, res *news.PollResult, log *slog.Logger) outcome {
	start := time.Now()
	t := start
	resp, err := c.fetcher.Get(ctx, fetch.Request{URL: f.URL, ETag: f.ETag, LastModified: f.LastModified})
	c.rec.stage(StageFeedFetch, time.Since(t))
	if err != nil {
		return c.feedFailed(ctx, res, err, log)
	}
	res.Status, res.Bytes = resp.Status, resp.Bytes
	res.ETag, res.LastModified = resp.ETag, resp.LastModified
	if moved, err := movedURL(f, resp.MovedTo); err != nil {
		log.Warn("crawl: feed moved permanently to a URL not accepted as a feed URL; kept the old one", "err", err)
	} else {
		res.MovedTo = moved
	}
	if resp.NotModified {
		res.NotModified = true
		return outcome{retryAfter: resp.RetryAfter}
	}

	now := c.cfg.Now()
	t = time.Now()
	parsed, err := feed.ParseAt(resp.Body, resp.URL, now)
	c.rec.stage(StageParse, time.Since(t))
	if err != nil {
		c.countError("parse", reasonName(err))
		res.Err = fmt.Sprintf("parse %s: %v", resp.URL, err)
		res.ETag, res.LastModified = "", ""
		log.Warn("crawl: feed does not parse", "url", resp.URL, "content_type", resp.ContentType, "reason", err)
		return outcome{failed: true}
	}
	items := parsed.Items
	if len(parsed.Sitemaps) > 0 {
		items = append(items, c.childSitemaps(ctx, parsed.Sitemaps, res, log)...)
	}
	res.Items = len(items)
	// Stop handing out items well before the lease runs out: past it,
	// another crawler may take the feed over and redo the same work.
	budget := start.Add(c.cfg.LeaseDuration * 4 / 5)
	created, partial, err := c.handleItems(ctx, f, parsed, items, budget, log)
	res.NewItems = created
	if err != nil && ctx.Err() == nil {
		c.countError("store", "known_urls")
		res.Err = err.Error()
		res.ETag, res.LastModified = "", ""
		log.Error("crawl: store lookup failed", "err", err)
		return outcome{failed: true}
	}
	if partial {
		// Some items failed for reasons that may pass; forget the
		// validators so the next poll sees them again instead of a 304.
		res.ETag, res.LastModified = "", ""
	}
	return outcome{newItems: created, retryAfter: resp.RetryAfter}
}

func (c *Crawler) feedFailed(ctx context.Context, res *news.PollResult, err error, log *slog.Logger) outcome {
	if ctx.Err() != nil {
		return outcome{}
	}
	res.Status = fetch.StatusOf(err)
	reason := reasonName(err)
	c.countError("feed_fetch", reason)
	if errors.Is(err, fetch.ErrGone) {
		res.Gone = true
		res.Err = err.Error()
		log.Warn("crawl: feed is gone", "status", res.Status, "reason", err)
		return outcome{gone: true}
	}
	res.Err = err.Error()
	ra := fetch.RetryAfterOf(err)
	log.Warn("crawl: feed fetch failed", "reason", reason, "status", res.Status, "retry_after", ra, "err", err)
	return outcome{failed: true, retryAfter: ra}
}

// childSitemaps reads the first MaxChildSitemaps children of a sitemap index
// (news publishers list the newest first). Children are fetched without
// validators: only the index's are stored.
func (c *Crawler) childSitemaps(ctx context.Context, urls []string, res *news.PollResult, log *slog.Logger) []feed.Item {
	var items []feed.Item
	for i, u := range urls {
		if i >= c.cfg.MaxChildSitemaps || ctx.Err() != nil {
			break
		}
		t := time.Now()
		resp, err := c.fetcher.Get(ctx, fetch.Request{URL: u})
		c.rec.stage(StageFeedFetch, time.Since(t))
		if err != nil {
			c.countError("sitemap_fetch", reasonName(err))
			log.Warn("crawl: child sitemap fetch failed", "sitemap", u, "reason", reasonName(err), "err", err)
			continue
		}
		res.Bytes += resp.Bytes
		t = time.Now()
		child, err := feed.ParseAt(resp.Body, resp.URL, c.cfg.Now())
		c.rec.stage(StageParse, time.Since(t))
		if err != nil {
			c.countError("parse", reasonName(err))
			log.Warn("crawl: child sitemap does not parse", "sitemap", u, "err", err)
			continue
		}
		// One level only: an index inside an index is not followed, so a
		// misconfigured site cannot send us around in circles.
		items = append(items, child.Items...)
	}
	return items
}

func (c *Crawler) countError(stage, reason string) {
	if c.rec.m != nil {
		c.rec.m.errors.WithLabelValues(stage, reason).Inc()
	}
}

// reasonName is a short, bounded label for an error (metrics, logs).
func reasonName(err error) string {
	if r := fetch.ReasonOf(err); r != nil {
		switch r {
		case fetch.ErrGone:
			return "gone"
		case fetch.ErrRateLimited:
			return "rate_limited"
		case fetch.ErrUnavailable:
			return "unavailable"
		case fetch.ErrServer:
			return "server_error"
		case fetch.ErrStatus:
			return "bad_status"
		case fetch.ErrTooLarge:
			return "too_large"
		case fetch.ErrTooManyRedirects:
			return "too_many_redirects"
		case fetch.ErrRedirectLoop:
			return "redirect_loop"
		case fetch.ErrRobotsDisallowed:
			return "robots"
		case fetch.ErrTimeout:
			return "timeout"
		case fetch.ErrTruncated:
			return "truncated"
		case fetch.ErrBlockedNetwork:
			return "blocked_network"
		case fetch.ErrBadURL, fetch.ErrUnsupportedScheme:
			return "bad_url"
		case fetch.ErrNotText:
			return "not_text"
		case fetch.ErrDecode:
			return "decode"
		}
		return "network"
	}
	switch {
	case errors.Is(err, feed.ErrNotAFeed):
		return "not_a_feed"
	case errors.Is(err, feed.ErrMalformed):
		return "malformed"
	case errors.Is(err, feed.ErrEmpty):
		return "empty"
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return "canceled"
	}
	return "other"
}
