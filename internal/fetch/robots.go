package fetch

import (
	"context"
	"errors"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// robotsCache keeps the parsed robots.txt group for each host. Each entry has
// its own lock so concurrent workers fetch a host's robots.txt once.
type robotsCache struct {
	mu sync.Mutex
	m  map[string]*robotsEntry
}

type robotsEntry struct {
	mu      sync.Mutex
	data    *robotstxt.RobotsData // nil: allow everything
	expires time.Time
}

func newRobotsCache() *robotsCache { return &robotsCache{m: map[string]*robotsEntry{}} }

func (rc *robotsCache) entry(key string) *robotsEntry {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	e := rc.m[key]
	if e == nil {
		e = &robotsEntry{}
		rc.m[key] = e
	}
	return e
}

// robotsMaxBytes caps robots.txt; Google ignores content past 500 KiB.
const robotsMaxBytes = 500 << 10

// robotsRetryTTL is how soon an unreachable robots.txt is tried again.
const robotsRetryTTL = 5 * time.Minute

type skipRobotsKey struct{}

// checkRobots returns an ErrRobotsDisallowed *Error if u may not be fetched,
// and applies the host's Crawl-delay to its gate.
func (c *Client) checkRobots(ctx context.Context, u *url.URL) error {
	if ctx.Value(skipRobotsKey{}) != nil || u.Path == "/robots.txt" {
		return nil
	}
	key := hostKey(u)
	e := c.robots.entry(key)
	e.mu.Lock()
	defer e.mu.Unlock()
	now := c.cfg.Now()
	if now.After(e.expires) || e.expires.IsZero() {
		data, ttl, err := c.loadRobots(ctx, u)
		if err != nil {
			return err
		}
		e.data, e.expires = data, now.Add(ttl)
		delay := time.Duration(0)
		if data != nil {
			delay = min(data.FindGroup(robotsAgent).CrawlDelay, c.cfg.MaxCrawlDelay)
		}
		c.hosts.setDelay(key, delay)
	}
	if e.data == nil {
		return nil
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !e.data.TestAgent(path, robotsAgent) {
		return &Error{Reason: ErrRobotsDisallowed, URL: u.String()}
	}
	return nil
}

// loadRobots fetches and parses robots.txt. A missing file (4xx) allows
// everything; a 5xx disallows everything for a short while (Google's rule);
// an unreachable host is allowed, since the real request will then fail
// with the precise network error anyway.
func (c *Client) loadRobots(ctx context.Context, u *url.URL) (*robotstxt.RobotsData, time.Duration, error) {
	ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	rctx := context.WithValue(ctx, skipRobotsKey{}, true)
	resp, err := c.attempt(rctx, ru, Request{URL: ru.String(), Accept: "text/plain, */*;q=0.5"}, robotsMaxBytes)
	status := 0
	var body []byte
	if err != nil {
		var fe *Error
		if !errors.As(err, &fe) {
			return nil, 0, err // context ended
		}
		if fe.Status == 0 || fe.Reason == ErrTooLarge {
			return nil, robotsRetryTTL, nil
		}
		status = fe.Status
	} else {
		status, body = resp.Status, resp.Body
	}
	data, perr := robotstxt.FromStatusAndBytes(status, body)
	if perr != nil {
		// Unparseable robots.txt: treat as absent rather than block a feed.
		return nil, robotsRetryTTL, nil
	}
	ttl := c.cfg.RobotsTTL
	if status >= 500 {
		ttl = robotsRetryTTL
	}
	return data, ttl, nil
}
