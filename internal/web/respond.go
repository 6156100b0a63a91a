package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nashra/nashra/internal/news"
)

// response is a fully rendered body with its validators, kept in the page
// cache with its gzip form so a cache hit costs no template work and no
// compression.
type response struct {
	status       int
	contentType  string
	cacheControl string
	body         []byte
	gz           []byte // nil when not worth compressing
	etag         string
}

const (
	ctHTML = "text/html; charset=utf-8"
	// Pages change every few seconds, and stale pages are harmless for a
	// minute; revalidation via ETag keeps repeat views cheap.
	pageCacheControl = "public, max-age=60, stale-while-revalidate=60"
)

func newResponse(status int, contentType, cacheControl string, body []byte) *response {
	sum := sha256.Sum256(body)
	r := &response{
		status:       status,
		contentType:  contentType,
		cacheControl: cacheControl,
		body:         body,
		etag:         `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`,
	}
	if len(body) >= minGzipSize && compressible(contentType) {
		r.gz = gzipBytes(body)
	}
	return r
}

var gzPool = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(b) / 3)
	zw := gzPool.Get().(*gzip.Writer)
	zw.Reset(&buf)
	_, _ = zw.Write(b)
	_ = zw.Close()
	gzPool.Put(zw)
	return buf.Bytes()
}

// write sends the response, honouring If-None-Match and Accept-Encoding.
func (resp *response) write(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", resp.contentType)
	if resp.cacheControl != "" {
		h.Set("Cache-Control", resp.cacheControl)
	}
	addVary(h, "Accept-Encoding")
	if resp.status == http.StatusOK {
		h.Set("ETag", resp.etag)
		if etagMatch(r.Header.Get("If-None-Match"), resp.etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	body := resp.body
	if resp.gz != nil && acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		body = resp.gz
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(resp.status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

func etagMatch(header, etag string) bool {
	if header == "" {
		return false
	}
	for _, part := range strings.Split(header, ",") {
		part = strings.TrimSpace(part)
		if part == "*" || strings.TrimPrefix(part, "W/") == etag {
			return true
		}
	}
	return false
}

// httpError is an error with the status and catalogue message to show.
type httpError struct {
	status int
	msgID  string // catalogue ID of the explanation
	detail string // extra, already-localized or technical detail (may be "")
	// args are the message's template data as key/value pairs; a []string
	// value is shown as a list in the UI's language.
	args []any
}

func (e *httpError) Error() string { return strconv.Itoa(e.status) + " " + e.msgID + " " + e.detail }

func badRequest(msgID, detail string) error {
	return &httpError{status: http.StatusBadRequest, msgID: msgID, detail: detail}
}

func notFound(msgID string) error {
	return &httpError{status: http.StatusNotFound, msgID: msgID}
}

// statusOf maps an error to its HTTP status and message: the one place the
// news error codes meet HTTP.
func statusOf(err error) (int, string, string) {
	var he *httpError
	if errors.As(err, &he) {
		return he.status, he.msgID, he.detail
	}
	switch news.ErrorCode(err) {
	case news.ENOTFOUND:
		return http.StatusNotFound, "error.notFound", ""
	case news.EINVALID:
		return http.StatusBadRequest, "error.badRequest", news.ErrorMessage(err)
	case news.ECONFLICT:
		return http.StatusConflict, "error.conflict", ""
	}
	return http.StatusInternalServerError, "error.internal", ""
}

type errorData struct {
	Status  int
	Heading string
	Message string
	Detail  string
}

// renderError writes a localized error page. Server errors are logged with
// the cause; the reader sees only a calm explanation.
func (s *Site) renderError(w http.ResponseWriter, r *http.Request, lang string, err error) {
	status, msgID, detail := statusOf(err)
	if status >= 500 {
		s.log.Error("web: page failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	v := s.newView(r, lang)
	v.NoIndex = true
	v.Title = v.T("error.title." + strconv.Itoa(status))
	v.Data = errorData{Status: status, Heading: v.Title, Message: errorMessage(v, msgID, err), Detail: detail}
	body, rerr := s.tmpl.render("error", v)
	if rerr != nil {
		s.log.Error("web: render error page", "err", rerr)
		http.Error(w, http.StatusText(status), status)
		return
	}
	newResponse(status, ctHTML, "no-store", body).write(w, r)
}

// errorMessage localizes the explanation, filling in the error's template
// data when it has any.
func errorMessage(v *view, msgID string, err error) string {
	var he *httpError
	if !errors.As(err, &he) || len(he.args) == 0 {
		return v.T(msgID)
	}
	kv := make([]any, len(he.args))
	for i, a := range he.args {
		if list, ok := a.([]string); ok {
			a = strings.Join(list, v.T("list.sep"))
		}
		kv[i] = a
	}
	return v.TD(msgID, kv...)
}

// pageFunc fills the view for one page, or returns why it can't.
type pageFunc func(r *http.Request, v *view) (template string, err error)

// page adapts a pageFunc into a handler with the page cache in front: the
// key is everything that changes the HTML (language, theme, path and the
// query parameters that matter).
func (s *Site) page(lang string, ttl time.Duration, fn pageFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := checkPaging(r.URL.Query()); err != nil {
			s.renderError(w, r, lang, err)
			return
		}
		key := lang + "|" + themeFrom(r) + "|" + r.URL.Path + "?" + canonicalQuery(r.URL.Query())
		resp, err := memoize(r.Context(), s.pages, key, ttl, func(ctx context.Context) (*response, error) {
			r := r.WithContext(ctx)
			v := s.newView(r, lang)
			name, err := fn(r, v)
			if err != nil {
				return nil, err
			}
			body, err := s.tmpl.render(name, v)
			if err != nil {
				return nil, err
			}
			return newResponse(http.StatusOK, ctHTML, pageCacheControl, body), nil
		})
		if err != nil {
			s.renderError(w, r, lang, err)
			return
		}
		withVaryCookie(w)
		resp.write(w, r)
	}
}

// withVaryCookie: the theme cookie changes the HTML (data-theme), so
// shared caches must key on it.
func withVaryCookie(w http.ResponseWriter) { addVary(w.Header(), "Cookie") }
