package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// testConfig is fast and impolite: tests talk to their own loopback servers.
func testConfig() Config {
	return Config{
		PerHostDelay: -1,
		IgnoreRobots: true,
		RetryBackoff: time.Millisecond,
		RetryMaxWait: 5 * time.Millisecond,
		Timeout:      5 * time.Second,
	}
}

func get(t *testing.T, c *Client, url string) (*Response, error) {
	t.Helper()
	return c.Get(context.Background(), Request{URL: url})
}

func wantReason(t *testing.T, err, reason error) *Error {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %v", reason)
	}
	if !errors.Is(err, reason) {
		t.Fatalf("error = %v, want reason %v", err, reason)
	}
	var fe *Error
	if !errors.As(err, &fe) {
		t.Fatalf("error %T is not *fetch.Error", err)
	}
	return fe
}

func TestGetOK(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ua := r.Header.Get("User-Agent"); ua != DefaultUserAgent {
			t.Errorf("User-Agent = %q", ua)
		}
		w.Header().Set("Content-Type", "application/rss+xml; charset=UTF-8")
		w.Header().Set("ETag", `"v1"`)
		fmt.Fprint(w, "<rss/>")
	}))
	defer srv.Close()
	resp, err := get(t, New(testConfig()), srv.URL+"/feed#frag")
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != 200 || string(resp.Body) != "<rss/>" || resp.ContentType != "application/rss+xml" ||
		resp.ETag != `"v1"` || resp.Bytes != 6 || resp.URL != srv.URL+"/feed" || resp.Charset != "utf-8" {
		t.Errorf("unexpected response %+v", resp)
	}
}

func TestConditionalGet(t *testing.T) {
	const etag, lastMod = `"abc"`, "Sat, 01 Aug 2015 10:00:00 GMT"
	var hits, full atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == lastMod {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		full.Add(1)
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		fmt.Fprint(w, "<rss/>")
	}))
	defer srv.Close()
	c := New(testConfig())
	first, err := get(t, c, srv.URL)
	if err != nil || first.NotModified || first.ETag != etag || first.LastModified != lastMod {
		t.Fatalf("first: %+v, %v", first, err)
	}
	for _, req := range []Request{
		{URL: srv.URL, ETag: first.ETag},
		{URL: srv.URL, LastModified: first.LastModified},
		{URL: srv.URL, ETag: first.ETag, LastModified: first.LastModified},
	} {
		resp, err := c.Get(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		if !resp.NotModified || resp.Status != 304 || len(resp.Body) != 0 {
			t.Errorf("%+v: want 304 NotModified, got %+v", req, resp)
		}
		if resp.ETag != req.ETag || resp.LastModified != req.LastModified {
			t.Errorf("validators not carried over: %+v", resp)
		}
	}
	if full.Load() != 1 || hits.Load() != 4 {
		t.Errorf("full bodies served %d, hits %d; want 1 and 4", full.Load(), hits.Load())
	}
}

func TestSlowLorisBodyIsCut(t *testing.T) {
	stop := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(200)
		for {
			if _, err := w.Write([]byte("<")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-stop:
				return
			case <-r.Context().Done():
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}))
	defer srv.Close()
	defer close(stop)
	cfg := testConfig()
	cfg.Timeout = 300 * time.Millisecond
	cfg.Retries = -1
	_, err := get(t, New(cfg), srv.URL)
	wantReason(t, err, ErrTimeout)
}

func TestSlowHeadersTimeout(t *testing.T) {
	stop := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-stop:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(stop)
	cfg := testConfig()
	cfg.HeaderTimeout = 200 * time.Millisecond
	cfg.Retries = 1
	_, err := get(t, New(cfg), srv.URL)
	fe := wantReason(t, err, ErrTimeout)
	if fe.Attempts != 2 {
		t.Errorf("attempts = %d, want 2 (timeouts are retried)", fe.Attempts)
	}
}

func TestTooLarge(t *testing.T) {
	big := bytes.Repeat([]byte("a"), 10<<20+1)
	var zbuf bytes.Buffer
	zw := gzip.NewWriter(&zbuf)
	zw.Write(big)
	zw.Close()
	tests := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"content-length", func(w http.ResponseWriter, r *http.Request) { w.Write(big) }},
		{"chunked", func(w http.ResponseWriter, r *http.Request) {
			for i := 0; i < len(big); i += 1 << 20 {
				w.Write(big[i:min(i+1<<20, len(big))])
				w.(http.Flusher).Flush()
			}
		}},
		{"gzip bomb via content-encoding", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(zbuf.Bytes())
		}},
		{"gzip bomb as .xml.gz", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/x-gzip")
			w.Write(zbuf.Bytes())
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			_, err := get(t, New(testConfig()), srv.URL)
			wantReason(t, err, ErrTooLarge)
		})
	}
	t.Run("exactly at limit is fine", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(big[:10<<20]) }))
		defer srv.Close()
		resp, err := get(t, New(testConfig()), srv.URL)
		if err != nil || resp.Bytes != 10<<20 {
			t.Fatalf("resp %v err %v", resp != nil, err)
		}
	})
}

func TestRedirects(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/loop/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/b", http.StatusFound) })
	mux.HandleFunc("/loop/b", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop/a", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/self", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/self", http.StatusFound) })
	mux.HandleFunc("/chain/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/chain/"), "%d", &n)
		if n == 0 {
			fmt.Fprint(w, "done")
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/chain/%d", n-1), http.StatusFound)
	})
	mux.HandleFunc("/ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.com/x", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := New(testConfig())

	_, err := get(t, c, srv.URL+"/loop/a")
	wantReason(t, err, ErrRedirectLoop)
	_, err = get(t, c, srv.URL+"/self")
	wantReason(t, err, ErrRedirectLoop)
	_, err = get(t, c, srv.URL+"/chain/6")
	wantReason(t, err, ErrTooManyRedirects)
	_, err = get(t, c, srv.URL+"/ftp")
	wantReason(t, err, ErrUnsupportedScheme)
	resp, err := get(t, c, srv.URL+"/chain/5")
	if err != nil {
		t.Fatalf("5 redirects must be followed: %v", err)
	}
	if resp.URL != srv.URL+"/chain/0" || string(resp.Body) != "done" {
		t.Errorf("final URL %q body %q", resp.URL, resp.Body)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2015, 8, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		status int
		header string
		reason error
		want   time.Duration
	}{
		{"429 seconds", 429, "120", ErrRateLimited, 120 * time.Second},
		{"503 seconds", 503, "30", ErrUnavailable, 30 * time.Second},
		{"503 http date", 503, now.Add(90 * time.Second).Format(http.TimeFormat), ErrUnavailable, 91 * time.Second},
		{"429 without header", 429, "", ErrRateLimited, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				if tt.header != "" {
					w.Header().Set("Retry-After", tt.header)
				}
				w.WriteHeader(tt.status)
			}))
			defer srv.Close()
			cfg := testConfig()
			cfg.Now = func() time.Time { return now }
			c := New(cfg)
			_, err := get(t, c, srv.URL)
			fe := wantReason(t, err, tt.reason)
			if fe.RetryAfter != tt.want || RetryAfterOf(err) != tt.want || fe.Status != tt.status {
				t.Errorf("RetryAfter = %v, status %d; want %v, %d", fe.RetryAfter, fe.Status, tt.want, tt.status)
			}
			if hits.Load() != 1 {
				t.Errorf("server hit %d times; a Retry-After must not be retried in place", hits.Load())
			}
			// The host stays blocked: the next request fails fast without
			// reaching the server.
			if tt.want > 0 {
				_, err = get(t, c, srv.URL+"/other")
				fe = wantReason(t, err, ErrRateLimited)
				if fe.RetryAfter != tt.want || hits.Load() != 1 {
					t.Errorf("blocked host: RetryAfter %v, hits %d", fe.RetryAfter, hits.Load())
				}
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2015, 8, 1, 12, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"":        0,
		"0":       0,
		"-5":      0,
		"7":       7 * time.Second,
		" 7 ":     7 * time.Second,
		"soon":    0,
		"9999999": maxRetryAfter,
		now.Add(-time.Hour).Format(http.TimeFormat): 0,
		now.Add(time.Hour).Format(http.TimeFormat):  time.Hour + time.Second,
		"Sat, 01 Aug 2015 12:00:10 GMT":             11 * time.Second,
	} {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestServerErrorsRetried(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch hits.Add(1) {
		case 1:
			w.WriteHeader(500)
		case 2:
			w.WriteHeader(503) // no Retry-After: retried like any 5xx
		default:
			fmt.Fprint(w, "ok")
		}
	}))
	defer srv.Close()
	resp, err := get(t, New(testConfig()), srv.URL)
	if err != nil || string(resp.Body) != "ok" || hits.Load() != 3 {
		t.Fatalf("resp %v err %v hits %d", resp, err, hits.Load())
	}

	var always atomic.Int32
	srv2 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		always.Add(1)
		w.WriteHeader(502)
	}))
	defer srv2.Close()
	_, err = get(t, New(testConfig()), srv2.URL)
	fe := wantReason(t, err, ErrServer)
	if fe.Attempts != 3 || always.Load() != 3 || fe.Status != 502 {
		t.Errorf("attempts %d hits %d status %d; want 3, 3, 502", fe.Attempts, always.Load(), fe.Status)
	}
}

func TestNetworkErrorRetried(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens now: connection refused
	_, err = get(t, New(testConfig()), "http://"+addr+"/feed")
	fe := wantReason(t, err, ErrNetwork)
	if fe.Attempts != 3 {
		t.Errorf("attempts = %d, want 3", fe.Attempts)
	}
}

func TestBinaryMediaRejected(t *testing.T) {
	for ctype, want := range map[string]error{
		"image/jpeg":               ErrNotText,
		"video/mp4":                ErrNotText,
		"application/pdf":          ErrNotText,
		"application/octet-stream": nil, // gzipped sitemaps arrive like this
		"text/html":                nil,
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ctype)
			w.Write([]byte("\x89PNG\r\n"))
		}))
		_, err := get(t, New(testConfig()), srv.URL)
		if want == nil && err != nil {
			t.Errorf("%s: %v", ctype, err)
		}
		if want != nil {
			wantReason(t, err, want)
			if !IsPermanent(err) {
				t.Errorf("%s: not permanent", ctype)
			}
		}
		srv.Close()
	}
}

func TestIsPermanent(t *testing.T) {
	for reason, want := range map[error]bool{
		ErrGone: true, ErrRobotsDisallowed: true, ErrTooLarge: true, ErrRedirectLoop: true, ErrStatus: true,
		ErrTimeout: false, ErrNetwork: false, ErrServer: false, ErrRateLimited: false, ErrUnavailable: false, ErrTruncated: false,
	} {
		if got := IsPermanent(&Error{Reason: reason}); got != want {
			t.Errorf("IsPermanent(%v) = %v, want %v", reason, got, want)
		}
	}
	if IsPermanent(errors.New("other")) {
		t.Error("foreign error reported permanent")
	}
}

func TestTruncatedBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000")
		w.WriteHeader(200)
		w.Write([]byte("<rss>half"))
		// Returning with fewer bytes than declared makes the server
		// close the connection.
	}))
	defer srv.Close()
	_, err := get(t, New(testConfig()), srv.URL)
	fe := wantReason(t, err, ErrTruncated)
	if fe.Attempts != 3 {
		t.Errorf("attempts = %d, want 3 (truncation is retried)", fe.Attempts)
	}
}

func TestGone(t *testing.T) {
	for _, st := range []int{404, 410} {
		var hits atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			w.WriteHeader(st)
		}))
		_, err := get(t, New(testConfig()), srv.URL)
		fe := wantReason(t, err, ErrGone)
		if fe.Status != st || hits.Load() != 1 {
			t.Errorf("status %d hits %d", fe.Status, hits.Load())
		}
		srv.Close()
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(403) }))
	defer srv.Close()
	_, err := get(t, New(testConfig()), srv.URL)
	wantReason(t, err, ErrStatus)
}

func TestGzip(t *testing.T) {
	body := `<?xml version="1.0" encoding="UTF-8"?><urlset></urlset>`
	var zbuf bytes.Buffer
	zw := gzip.NewWriter(&zbuf)
	zw.Write([]byte(body))
	zw.Close()
	for _, tt := range []struct {
		name     string
		encoding string
	}{{"content-encoding", "gzip"}, {"gzipped file", ""}} {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.encoding != "" {
					if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
						t.Error("client did not offer gzip")
					}
					w.Header().Set("Content-Encoding", tt.encoding)
				}
				w.Write(zbuf.Bytes())
			}))
			defer srv.Close()
			resp, err := get(t, New(testConfig()), srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			if string(resp.Body) != body {
				t.Errorf("body = %q", resp.Body)
			}
		})
	}
}

func TestCharsetOverHTTP(t *testing.T) {
	page := "<html><head><title>عنوان</title></head><body><p>" + arabicSample + "</p></body></html>"
	tests := []struct {
		name, ctype, want string
		body              []byte
	}{
		{"windows-1256 wrong utf-8 label", "text/html; charset=utf-8", "windows-1256", encode(t, charmap.Windows1256, page)},
		{"windows-1256 labelled", "text/html; charset=windows-1256", "windows-1256", encode(t, charmap.Windows1256, page)},
		{"iso-8859-6 labelled", "text/html; charset=iso-8859-6", "iso-8859-6", encode(t, charmap.ISO8859_6, page)},
		{"iso-8859-6 unlabelled", "text/html", "iso-8859-6", encode(t, charmap.ISO8859_6, page)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tt.ctype)
				w.Write(tt.body)
			}))
			defer srv.Close()
			resp, err := get(t, New(testConfig()), srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			if resp.Charset != tt.want || string(resp.Body) != page {
				t.Errorf("charset %q body %q", resp.Charset, resp.Body)
			}
			if resp.Bytes != int64(len(tt.body)) {
				t.Errorf("Bytes = %d, want the %d raw bytes", resp.Bytes, len(tt.body))
			}
		})
	}
}

func TestRobots(t *testing.T) {
	var robotsHits atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		robotsHits.Add(1)
		fmt.Fprint(w, "User-agent: *\nDisallow: /\n\nUser-agent: nashra\nDisallow: /private/\nCrawl-delay: 3\n")
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	cfg := testConfig()
	cfg.IgnoreRobots = false
	cfg.MaxCrawlDelay = 2 * time.Second
	c := New(cfg)
	// Crawl-delay would slow this test; check the gate instead of waiting.
	if _, err := get(t, c, srv.URL+"/news/1"); err != nil {
		t.Fatalf("allowed path: %v", err)
	}
	_, err := get(t, c, srv.URL+"/private/x")
	wantReason(t, err, ErrRobotsDisallowed)
	if n := robotsHits.Load(); n != 1 {
		t.Errorf("robots.txt fetched %d times, want 1 (cached)", n)
	}
	g := c.hosts.get(srv.URL)
	if g.delay != 2*time.Second {
		t.Errorf("host delay = %v, want Crawl-delay 3s capped at 2s", g.delay)
	}
}

func TestRobotsStatuses(t *testing.T) {
	for _, tt := range []struct {
		status int
		allow  bool
	}{{404, true}, {403, true}, {500, false}} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/robots.txt" {
				w.WriteHeader(tt.status)
				return
			}
			fmt.Fprint(w, "ok")
		}))
		cfg := testConfig()
		cfg.IgnoreRobots = false
		cfg.Retries = -1
		_, err := get(t, New(cfg), srv.URL+"/feed")
		if tt.allow && err != nil {
			t.Errorf("robots.txt %d: %v, want allowed", tt.status, err)
		}
		if !tt.allow && !errors.Is(err, ErrRobotsDisallowed) {
			t.Errorf("robots.txt %d: %v, want disallowed", tt.status, err)
		}
		srv.Close()
	}
}

func TestRobotsOnRedirectTarget(t *testing.T) {
	blocked := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nDisallow: /\n")
			return
		}
		t.Error("disallowed page was fetched")
	}))
	defer blocked.Close()
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		http.Redirect(w, r, blocked.URL+"/article", http.StatusFound)
	}))
	defer front.Close()
	cfg := testConfig()
	cfg.IgnoreRobots = false
	_, err := get(t, New(cfg), front.URL+"/go")
	wantReason(t, err, ErrRobotsDisallowed)
}

func TestPerHostConcurrency(t *testing.T) {
	var inFlight, maxSeen atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		for {
			m := maxSeen.Load()
			if n <= m || maxSeen.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(10 * time.Millisecond)
		inFlight.Add(-1)
		fmt.Fprint(w, "ok")
	}))
	defer srv.Close()
	cfg := testConfig()
	cfg.PerHostConcurrency = 2
	c := New(cfg)
	var wg sync.WaitGroup
	for i := 0; i < 12; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := get(t, c, srv.URL); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if m := maxSeen.Load(); m > 2 {
		t.Errorf("max in flight = %d, want <= 2", m)
	}
}

func TestHostSpacing(t *testing.T) {
	now := time.Date(2015, 8, 1, 0, 0, 0, 0, time.UTC)
	h := newHostGates(4, time.Second, func() time.Time { return now })
	g := h.get("http://a")
	for i, want := range []time.Duration{0, time.Second, 2 * time.Second} {
		if wait, blocked := h.reserve(g); wait != want || blocked != 0 {
			t.Errorf("reservation %d: wait %v blocked %v, want %v", i, wait, blocked, want)
		}
	}
	now = now.Add(10 * time.Second)
	if wait, _ := h.reserve(g); wait != 0 {
		t.Errorf("after idle time: wait %v, want 0", wait)
	}
	h.setDelay("http://a", 5*time.Second)
	if wait, _ := h.reserve(g); wait != time.Second {
		t.Errorf("previous slot still spaced by 1s: wait %v", wait)
	}
	if wait, _ := h.reserve(g); wait != 6*time.Second {
		t.Errorf("crawl-delay spacing: wait %v, want 6s", wait)
	}
	h.block("http://a", time.Minute)
	if _, blocked := h.reserve(g); blocked != time.Minute {
		t.Errorf("blocked = %v, want 1m", blocked)
	}
	// Other hosts are unaffected.
	if wait, blocked := h.reserve(h.get("http://b")); wait != 0 || blocked != 0 {
		t.Errorf("other host: wait %v blocked %v", wait, blocked)
	}
}

func TestAllowedNetworks(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") }))
	defer srv.Close()
	cfg := testConfig()
	cfg.AllowedNetworks = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	_, err := get(t, New(cfg), srv.URL)
	wantReason(t, err, ErrBlockedNetwork)
	cfg.AllowedNetworks = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
	if _, err := get(t, New(cfg), srv.URL); err != nil {
		t.Errorf("loopback allowed: %v", err)
	}
}

func TestBadURLs(t *testing.T) {
	c := New(testConfig())
	for url, reason := range map[string]error{
		"ftp://example.com/x": ErrUnsupportedScheme,
		"http:///x":           ErrBadURL,
		"http://a b/":         ErrBadURL,
	} {
		_, err := get(t, c, url)
		wantReason(t, err, reason)
	}
}

func TestContextCancel(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	_, err := New(testConfig()).Get(ctx, Request{URL: srv.URL})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}
