// Package crawl is nashra's scheduler and worker pool: it leases due feeds
// from the shared store, fetches and parses them, extracts the articles it
// has not stored yet, hands each to a Sink, and reschedules every feed
// adaptively. Several crawler processes can share one database: feeds are
// leased, so no two poll the same feed at once.
package crawl

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/nashra/nashra/internal/fetch"
	"github.com/nashra/nashra/internal/news"
)

// Sink receives each finished article; internal/ingest implements it. One
// call is one article, written atomically by the store.
type Sink interface {
	Ingest(ctx context.Context, a *news.Article) (news.UpsertResult, error)
}

// Fetcher is the HTTP side; *fetch.Client implements it.
type Fetcher interface {
	Get(ctx context.Context, r fetch.Request) (*fetch.Response, error)
}

// Store is the part of news.Store the crawler uses.
type Store interface {
	news.CrawlStore
	KnownURLs(ctx context.Context, urls []string) (map[string]bool, error)
	Source(ctx context.Context, id string) (*news.Source, error)
}

// Config tunes a Crawler. Zero fields take the documented defaults.
type Config struct {
	Owner         string        // lease owner: unique per process, e.g. hostname:pid (required)
	Workers       int           // feeds polled at once; default 4
	LeaseDuration time.Duration // how long a leased feed is ours; default 10m

	MinInterval     time.Duration // fastest polling; default 2m
	MaxInterval     time.Duration // slowest polling; default 6h
	DefaultInterval time.Duration // first interval of a new feed; default 15m

	PageConcurrency  int // article pages fetched+extracted at once per feed; default 4
	MaxItemsPerPoll  int // new articles taken from one poll, newest first; default 100
	MaxChildSitemaps int // sitemaps read from one sitemap index; default 5

	// IdleWait caps how long Run sleeps when no feed is due, so feeds
	// added by another process are noticed. Default 30s.
	IdleWait time.Duration

	Now    func() time.Time // default time.Now
	Logger *slog.Logger     // default slog.Default()

	// Registry, when set, receives the crawler's Prometheus metrics.
	Registry prometheus.Registerer
	// Observe, when set, is called with every stage latency (see Stage*).
	Observe func(stage string, d time.Duration)
}

// ErrConfig reports an invalid Config.
var ErrConfig = errors.New("crawl: invalid config")

func (c Config) withDefaults() (Config, error) {
	if c.Owner == "" {
		return c, errors.Join(ErrConfig, errors.New("Owner is required"))
	}
	if c.Workers <= 0 {
		c.Workers = 4
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&c.LeaseDuration, 10*time.Minute)
	def(&c.MinInterval, 2*time.Minute)
	def(&c.MaxInterval, 6*time.Hour)
	def(&c.DefaultInterval, 15*time.Minute)
	def(&c.IdleWait, 30*time.Second)
	if c.MinInterval > c.MaxInterval {
		return c, errors.Join(ErrConfig, errors.New("MinInterval exceeds MaxInterval"))
	}
	c.DefaultInterval = min(max(c.DefaultInterval, c.MinInterval), c.MaxInterval)
	if c.PageConcurrency <= 0 {
		c.PageConcurrency = 4
	}
	if c.MaxItemsPerPoll <= 0 {
		c.MaxItemsPerPoll = 100
	}
	if c.MaxChildSitemaps <= 0 {
		c.MaxChildSitemaps = 5
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c, nil
}
