// Package fetch is nashra's HTTP client for feeds and article pages. It is
// polite (per-host concurrency and spacing, robots.txt with Crawl-delay,
// honouring Retry-After), defensive (timeouts that cut slow bodies, a size
// cap, a redirect limit with loop detection) and always hands back UTF-8,
// whatever charset the publisher used or claimed to use.
package fetch

import (
	"net/netip"
	"time"
)

// DefaultUserAgent identifies nashra to publishers; the URL says who we are.
const DefaultUserAgent = "nashra/1.0 (+https://github.com/nashra/nashra)"

// robotsAgent is the token matched against robots.txt User-agent lines.
const robotsAgent = "nashra"

// Config tunes a Client. The zero value of every field means "use the
// default" documented on it.
type Config struct {
	UserAgent string // default DefaultUserAgent

	ConnectTimeout time.Duration // TCP connect + TLS handshake; default 10s
	HeaderTimeout  time.Duration // request sent → response headers; default 20s
	// Timeout bounds one whole attempt including reading the body, so a
	// server trickling bytes (slow-loris) is cut off. Default 45s.
	Timeout time.Duration

	MaxBodyBytes int64 // default 10 MiB; larger bodies fail with ErrTooLarge
	MaxRedirects int   // default 5; negative means none are followed

	// Politeness per scheme://host:port.
	PerHostConcurrency int           // requests in flight per host; default 2
	PerHostDelay       time.Duration // min spacing of request starts; default 1s, negative for none
	MaxCrawlDelay      time.Duration // cap on robots.txt Crawl-delay; default 30s
	IgnoreRobots       bool          // skip robots.txt entirely (fixtures, tests)
	RobotsTTL          time.Duration // how long a robots.txt is cached; default 1h

	// Retries after the first attempt on network errors and 5xx (not on
	// 429, nor on a 503 that says Retry-After: those go back to the
	// caller). Default 2; negative for none.
	Retries      int
	RetryBackoff time.Duration // first backoff; default 500ms, doubled per retry
	RetryMaxWait time.Duration // cap on one backoff; default 10s

	// AllowedNetworks restricts which IP addresses may be dialled (checked
	// on the resolved address at connect time, so DNS tricks do not get
	// around it). Empty means every address is allowed — the default,
	// because nashra's fixture publishers live on loopback. Set it (e.g. to
	// the public unicast ranges) to guard against SSRF when feed URLs come
	// from untrusted users. When a proxy is used it applies to the proxy.
	AllowedNetworks []netip.Prefix

	// Now is the clock used for Retry-After dates and host spacing;
	// default time.Now.
	Now func() time.Time
}

func (c Config) withDefaults() Config {
	if c.UserAgent == "" {
		c.UserAgent = DefaultUserAgent
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	def(&c.ConnectTimeout, 10*time.Second)
	def(&c.HeaderTimeout, 20*time.Second)
	def(&c.Timeout, 45*time.Second)
	def(&c.PerHostDelay, time.Second)
	def(&c.MaxCrawlDelay, 30*time.Second)
	def(&c.RobotsTTL, time.Hour)
	def(&c.RetryBackoff, 500*time.Millisecond)
	def(&c.RetryMaxWait, 10*time.Second)
	if c.PerHostDelay < 0 {
		c.PerHostDelay = 0
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 10 << 20
	}
	if c.MaxRedirects == 0 {
		c.MaxRedirects = 5
	}
	if c.PerHostConcurrency <= 0 {
		c.PerHostConcurrency = 2
	}
	if c.Retries == 0 {
		c.Retries = 2
	}
	if c.Retries < 0 {
		c.Retries = 0
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}
