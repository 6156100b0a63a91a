package cli

import (
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/nashra/nashra/internal/crawl"
	"github.com/nashra/nashra/internal/fetch"
	"github.com/nashra/nashra/internal/ingest"
	"github.com/nashra/nashra/internal/news"
)

// crawlTuning separates politeness toward real publishers from the demo's
// loopback fixtures, which replay weeks of news in minutes.
type crawlTuning struct {
	fetch fetch.Config
	crawl crawl.Config
}

var liveCrawlTuning = crawlTuning{
	fetch: fetch.Config{},
	crawl: crawl.Config{},
}

var demoCrawlTuning = crawlTuning{
	fetch: fetch.Config{PerHostDelay: -1, PerHostConcurrency: 8, Retries: 1, RetryBackoff: 100 * time.Millisecond},
	crawl: crawl.Config{MinInterval: time.Second, DefaultInterval: 2 * time.Second, MaxInterval: 20 * time.Second,
		LeaseDuration: time.Minute, PageConcurrency: 4, MaxItemsPerPoll: 200, IdleWait: time.Second},
}

func newCrawler(st news.Store, p *ingest.Pipeline, c Config, logger *slog.Logger, reg *prometheus.Registry, t crawlTuning) (*crawl.Crawler, error) {
	fc := t.fetch
	fc.UserAgent = "nashra/1.0 (+https://github.com/nashra/nashra)"
	client := fetch.New(fc)
	cc := t.crawl
	cc.Owner = c.Node
	cc.Workers = c.Workers
	cc.Logger = logger
	cc.Registry = reg
	return crawl.New(st, client, p, cc)
}
