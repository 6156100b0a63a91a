package web

import (
	"compress/gzip"
	"net/http"
	"strconv"
	"strings"
)

// minGzipSize: below this, gzip's header and CPU cost more than they save.
const minGzipSize = 1024

// Gzip compresses responses for clients that accept gzip. Handlers that
// already set Content-Encoding (the page cache serves pre-compressed bytes)
// pass through untouched, as do non-text types (fonts are already
// compressed) and bodiless statuses. The lead may reuse it for /api/.
func Gzip(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !acceptsGzip(r) {
			h.ServeHTTP(w, r)
			return
		}
		gw := &gzipWriter{ResponseWriter: w}
		defer gw.close()
		h.ServeHTTP(gw, r)
	})
}

// acceptsGzip reads Accept-Encoding, honouring an explicit "gzip;q=0".
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") && strings.TrimSpace(name) != "*" {
			continue
		}
		params = strings.ReplaceAll(params, " ", "")
		if q, ok := strings.CutPrefix(params, "q="); ok {
			if f, err := strconv.ParseFloat(q, 64); err == nil && f == 0 {
				return false
			}
		}
		return true
	}
	return false
}

func compressible(contentType string) bool {
	ct, _, _ := strings.Cut(contentType, ";")
	ct = strings.TrimSpace(ct)
	return strings.HasPrefix(ct, "text/") || strings.HasSuffix(ct, "json") ||
		strings.HasSuffix(ct, "xml") || ct == "application/javascript" || ct == "image/svg+xml"
}

type gzipWriter struct {
	http.ResponseWriter
	zw      *gzip.Writer
	decided bool
}

func (g *gzipWriter) WriteHeader(status int) {
	if !g.decided {
		g.decide(status)
	}
	g.ResponseWriter.WriteHeader(status)
}

func (g *gzipWriter) decide(status int) {
	g.decided = true
	h := g.Header()
	addVary(h, "Accept-Encoding")
	if h.Get("Content-Encoding") != "" || status < 200 || status == http.StatusNoContent ||
		status == http.StatusNotModified || !compressible(h.Get("Content-Type")) {
		return
	}
	if cl := h.Get("Content-Length"); cl != "" {
		if n, err := strconv.Atoi(cl); err == nil && n < minGzipSize {
			return
		}
	}
	h.Del("Content-Length")
	h.Set("Content-Encoding", "gzip")
	zw := gzPool.Get().(*gzip.Writer)
	zw.Reset(g.ResponseWriter)
	g.zw = zw
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	if !g.decided {
		if g.Header().Get("Content-Type") == "" {
			g.Header().Set("Content-Type", http.DetectContentType(b))
		}
		g.WriteHeader(http.StatusOK)
	}
	if g.zw != nil {
		return g.zw.Write(b)
	}
	return g.ResponseWriter.Write(b)
}

func (g *gzipWriter) Flush() {
	if g.zw != nil {
		_ = g.zw.Flush()
	}
	if f, ok := g.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (g *gzipWriter) Unwrap() http.ResponseWriter { return g.ResponseWriter }

func (g *gzipWriter) close() {
	if g.zw != nil {
		_ = g.zw.Close()
		gzPool.Put(g.zw)
		g.zw = nil
	}
}

// addVary adds a Vary value once, however many layers ask for it.
func addVary(h http.Header, v string) {
	for _, have := range h.Values("Vary") {
		for _, x := range strings.Split(have, ",") {
			if strings.EqualFold(strings.TrimSpace(x), v) {
				return
			}
		}
	}
	h.Add("Vary", v)
}
