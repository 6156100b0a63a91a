package crawl

import (
	"math/rand/v2"
	"time"
)

// outcome summarises a poll for scheduling.
type outcome struct {
	failed     bool
	gone       bool
	newItems   int
	retryAfter time.Duration
	failures   int // consecutive failures before this poll
}

// schedule returns the feed's next interval and poll time. Busy feeds are
// polled more often (halving toward MinInterval), quiet ones less (×1.5
// toward MaxInterval); failures back off exponentially from MinInterval
// without touching the learned interval, and a server's Retry-After is a
// floor. A little jitter keeps feeds of one host from synchronising.
func (c *Crawler) schedule(cur time.Duration, o outcome, now time.Time) (time.Duration, time.Time) {
	cfg := c.cfg
	if cur <= 0 {
		cur = cfg.DefaultInterval
	}
	cur = min(max(cur, cfg.MinInterval), cfg.MaxInterval)
	switch {
	case o.gone:
		return cur, now.Add(cfg.MaxInterval)
	case o.failed:
		wait := cfg.MinInterval
		for i := 0; i < o.failures && wait < cfg.MaxInterval; i++ {
			wait *= 2
		}
		wait = jitter(min(wait, cfg.MaxInterval))
		return cur, now.Add(max(wait, o.retryAfter))
	case o.newItems > 0:
		cur = max(cur/2, cfg.MinInterval)
	default:
		cur = min(cur*3/2, cfg.MaxInterval)
	}
	return cur, now.Add(max(jitter(cur), o.retryAfter))
}

// jitter spreads d by up to ±10%.
func jitter(d time.Duration) time.Duration {
	if d <= 0 {
		return d
	}
	spread := int64(d) / 5
	return d - time.Duration(spread/2) + time.Duration(rand.Int64N(spread+1))
}
