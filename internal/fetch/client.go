package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Request is one GET. ETag and LastModified come from the previous response
// and make the request conditional.
type Request struct {
	URL          string
	ETag         string
	LastModified string
	Accept       string // default: feeds first, then HTML
}

// Response is a successful fetch (2xx or 304). Body is always UTF-8.
type Response struct {
	URL          string // final URL after redirects
	MovedTo      string // URL if every redirect followed was permanent (301/308): ask there from now on
	Status       int
	Body         []byte
	ContentType  string // media type, lower-case, without parameters
	Charset      string // charset the body was decoded from, e.g. "windows-1256"
	ETag         string
	LastModified string
	NotModified  bool          // 304: Body is empty, validators carried over
	RetryAfter   time.Duration // server's Retry-After, if it sent one with a 2xx
	Bytes        int64         // body bytes received (after transfer decompression)
	Duration     time.Duration // whole Get, retries and politeness waits included
}

const defaultAccept = "application/rss+xml, application/atom+xml, application/feed+json, " +
	"application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.8, */*;q=0.5"

// Client fetches feeds and pages. It is safe for concurrent use; share one
// per process so per-host politeness covers every worker.
type Client struct {
	cfg    Config
	http   *http.Client
	hosts  *hostGates
	robots *robotsCache
}

// New returns a Client for cfg (zero fields take their defaults).
func New(cfg Config) *Client {
	cfg = cfg.withDefaults()
	dialer := &net.Dialer{
		Timeout:   cfg.ConnectTimeout,
		KeepAlive: 30 * time.Second,
		Control:   dialControl(cfg.AllowedNetworks),
	}
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   cfg.ConnectTimeout,
		ResponseHeaderTimeout: cfg.HeaderTimeout,
		MaxIdleConnsPerHost:   cfg.PerHostConcurrency,
		IdleConnTimeout:       90 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	c := &Client{
		cfg:    cfg,
		hosts:  newHostGates(cfg.PerHostConcurrency, cfg.PerHostDelay, cfg.Now),
		robots: newRobotsCache(),
	}
	c.http = &http.Client{Transport: tr, CheckRedirect: c.checkRedirect}
	return c
}

// Config returns the effective configuration (defaults filled in).
func (c *Client) Config() Config { return c.cfg }

// CloseIdleConnections releases pooled connections.
func (c *Client) CloseIdleConnections() { c.http.CloseIdleConnections() }

// Get fetches r.URL. On failure the error is an *Error (test its Reason with
// errors.Is, read Status and RetryAfter with StatusOf/RetryAfterOf), except
// when ctx ends, where the context's error is returned wrapped.
func (c *Client) Get(ctx context.Context, r Request) (*Response, error) {
	start := time.Now()
	u, err := parseTarget(r.URL)
	if err != nil {
		return nil, err
	}
	if !c.cfg.IgnoreRobots {
		if err := c.checkRobots(ctx, u); err != nil {
			return nil, err
		}
	}
	for attempt := 1; ; attempt++ {
		resp, err := c.attempt(ctx, u, r, c.cfg.MaxBodyBytes)
		if err == nil {
			resp.Duration = time.Since(start)
			return resp, nil
		}
		var fe *Error
		if !errors.As(err, &fe) {
			return nil, err // context ended
		}
		fe.Attempts = attempt
		if !fe.retryable() || attempt > c.cfg.Retries {
			return nil, fe
		}
		if err := sleep(ctx, backoff(attempt, c.cfg.RetryBackoff, c.cfg.RetryMaxWait)); err != nil {
			return nil, fmt.Errorf("fetch %s: %w", u, err)
		}
	}
}

func parseTarget(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, &Error{Reason: ErrBadURL, URL: raw, Err: err}
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, &Error{Reason: ErrUnsupportedScheme, URL: raw}
	}
	if u.Host == "" {
		return nil, &Error{Reason: ErrBadURL, URL: raw, Err: errors.New("no host")}
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

func hostKey(u *url.URL) string { return u.Scheme + "://" + u.Host }

// attempt performs one polite GET, reading at most limit body bytes.
func (c *Client) attempt(ctx context.Context, u *url.URL, r Request, limit int64) (*Response, error) {
	key := hostKey(u)
	release, blocked, err := c.hosts.acquire(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u, err)
	}
	if blocked > 0 {
		return nil, &Error{Reason: ErrRateLimited, URL: u.String(), RetryAfter: blocked,
			Err: errors.New("host asked us to wait (earlier Retry-After)")}
	}
	defer release()

	actx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &Error{Reason: ErrBadURL, URL: u.String(), Err: err}
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	accept := r.Accept
	if accept == "" {
		accept = defaultAccept
	}
	req.Header.Set("Accept", accept)
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}

	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.classify(ctx, u.String(), 0, err)
	}
	defer resp.Body.Close()
	final := resp.Request.URL.String()
	now := c.cfg.Now()
	retryAfter := parseRetryAfter(resp.Header.Get("Retry-After"), now)

	switch st := resp.StatusCode; {
	case st == http.StatusNotModified:
		out := &Response{URL: final, MovedTo: permanentTarget(resp), Status: st, NotModified: true,
			RetryAfter: retryAfter, ETag: r.ETag, LastModified: r.LastModified}
		if v := resp.Header.Get("ETag"); v != "" {
			out.ETag = v
		}
		if v := resp.Header.Get("Last-Modified"); v != "" {
			out.LastModified = v
		}
		return out, nil
	case st >= 200 && st < 300:
		out, err := c.readOK(ctx, resp, final, retryAfter, limit)
		if err != nil {
			return nil, err
		}
		out.MovedTo = permanentTarget(resp)
		return out, nil
	default:
		// Drain a little so the connection can be reused.
		_, _ = io.CopyN(io.Discard, resp.Body, 4<<10)
		e := &Error{URL: final, Status: st, RetryAfter: retryAfter}
		switch {
		case st == http.StatusNotFound || st == http.StatusGone:
			e.Reason = ErrGone
		case st == http.StatusTooManyRequests:
			e.Reason = ErrRateLimited
		case st == http.StatusServiceUnavailable:
			e.Reason = ErrUnavailable
		case st >= 500:
			e.Reason = ErrServer
		default:
			e.Reason = ErrStatus
		}
		if retryAfter > 0 && (e.Reason == ErrRateLimited || e.Reason == ErrUnavailable) {
			c.hosts.block(key, retryAfter)
		}
		return nil, e
	}
}

func (c *Client) readOK(ctx context.Context, resp *http.Response, final string, retryAfter time.Duration, limit int64) (*Response, error) {
	if binaryMedia(resp.Header.Get("Content-Type")) {
		return nil, &Error{Reason: ErrNotText, URL: final, Status: resp.StatusCode,
			Err: fmt.Errorf("Content-Type %q", resp.Header.Get("Content-Type"))}
	}
	if resp.ContentLength > limit {
		return nil, &Error{Reason: ErrTooLarge, URL: final, Status: resp.StatusCode,
			Err: fmt.Errorf("Content-Length %d exceeds limit %d", resp.ContentLength, limit)}
	}
	raw, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, c.classify(ctx, final, resp.StatusCode, err)
	}
	if int64(len(raw)) > limit {
		return nil, &Error{Reason: ErrTooLarge, URL: final, Status: resp.StatusCode,
			Err: fmt.Errorf("body exceeds limit of %d bytes", limit)}
	}
	n := int64(len(raw))
	// A .xml.gz sitemap arrives gzip-compressed without Content-Encoding.
	if isGzip(raw) {
		raw, err = gunzip(raw, limit)
		if err != nil {
			e := &Error{Reason: ErrDecode, URL: final, Status: resp.StatusCode, Err: err}
			if errors.Is(err, ErrTooLarge) {
				e.Reason, e.Err = ErrTooLarge, fmt.Errorf("decompressed body exceeds limit of %d bytes", limit)
			}
			return nil, e
		}
	}
	ctype := resp.Header.Get("Content-Type")
	media, _, _ := mime.ParseMediaType(ctype)
	body, cs := DecodeUTF8(raw, ctype)
	return &Response{
		URL:          final,
		Status:       resp.StatusCode,
		Body:         body,
		ContentType:  strings.ToLower(media),
		Charset:      cs,
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		RetryAfter:   retryAfter,
		Bytes:        n,
	}, nil
}

// binaryMedia reports media types that can never be a feed or an article
// page; reading and "decoding" them would only waste time and memory.
// application/octet-stream is not among them: servers label gzipped
// sitemaps and even feeds that way.
func binaryMedia(contentType string) bool {
	media, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	switch {
	case strings.HasPrefix(media, "image/"), strings.HasPrefix(media, "audio/"), strings.HasPrefix(media, "video/"),
		media == "application/pdf", media == "application/zip":
		return true
	}
	return false
}

// classify turns a transport error into an *Error with a precise reason, or
// passes the caller's own cancellation through.
func (c *Client) classify(ctx context.Context, u string, status int, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("fetch %s: %w", u, ctx.Err())
	}
	var fe *Error
	if errors.As(err, &fe) { // from checkRedirect
		return fe
	}
	e := &Error{URL: u, Status: status, Err: err}
	var ne net.Error
	switch {
	case errors.Is(err, ErrBlockedNetwork):
		e.Reason = ErrBlockedNetwork
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		e.Reason = ErrTimeout
	case errors.Is(err, io.ErrUnexpectedEOF):
		e.Reason = ErrTruncated
	default:
		e.Reason = ErrNetwork
	}
	return e
}

// checkRedirect caps the chain, detects loops and applies robots.txt to the
// hosts redirected to.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	next := req.URL.String()
	if c.cfg.MaxRedirects < 0 || len(via) > c.cfg.MaxRedirects {
		return &Error{Reason: ErrTooManyRedirects, URL: next,
			Err: fmt.Errorf("more than %d redirects from %s", max(c.cfg.MaxRedirects, 0), via[0].URL)}
	}
	for _, v := range via {
		if v.URL.String() == next {
			return &Error{Reason: ErrRedirectLoop, URL: next,
				Err: fmt.Errorf("%s redirected back to a URL already visited", via[len(via)-1].URL)}
		}
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return &Error{Reason: ErrUnsupportedScheme, URL: next}
	}
	if !c.cfg.IgnoreRobots && req.URL.Host != via[len(via)-1].URL.Host {
		return c.checkRobots(req.Context(), req.URL)
	}
	return nil
}
