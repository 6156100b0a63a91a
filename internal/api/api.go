// Package api serves nashra's JSON API under /api/v1. Handlers are one file
// per resource; errors are JSON bodies with the right status, mapped from
// news error codes in one place (writeError).
package api

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/nashra/nashra/internal/httpx"
	"github.com/nashra/nashra/internal/news"
)

// Searcher is the search service the API exposes; internal/search
// implements it. Results are serialised as they come.
type Searcher interface {
	SearchJSON(ctx context.Context, raw string, limit, offset int) (any, error)
	SuggestJSON(ctx context.Context, prefix string, limit int) (any, error)
}

// Config wires the API to the engine.
type Config struct {
	Store  news.Store
	Search Searcher // nil: search endpoints answer 503
	Now    func() time.Time
	Logger *slog.Logger
}

// API is the http.Handler for /api/v1/.
type API struct {
	cfg Config
	mux *http.ServeMux
}

// New builds the API's routes.
func New(cfg Config) *API {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	a := &API{cfg: cfg, mux: http.NewServeMux()}
	a.mux.HandleFunc("GET /api/v1/articles", a.listArticles)
	a.mux.HandleFunc("GET /api/v1/articles/{id}", a.getArticle)
	a.mux.HandleFunc("GET /api/v1/sources", a.listSources)
	a.mux.HandleFunc("GET /api/v1/sources/{id}", a.getSource)
	a.mux.HandleFunc("GET /api/v1/search", a.search)
	a.mux.HandleFunc("GET /api/v1/suggest", a.suggest)
	a.mux.HandleFunc("GET /api/v1/stories", a.listStories)
	a.mux.HandleFunc("GET /api/v1/stories/{id}", a.getStory)
	a.mux.HandleFunc("GET /api/v1/hashtags/trending", a.trending)
	a.mux.HandleFunc("GET /api/v1/hashtags/{tag}/articles", a.hashtagArticles)
	return a
}

// ServeHTTP answers paths and methods no route takes with the API's JSON
// errors rather than the mux's plain text. There is deliberately no
// catch-all "/api/" route: it would match every method and hide the 405.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	switch status, allow := httpx.Unmatched(a.mux, r); status {
	case http.StatusMethodNotAllowed:
		w.Header().Set("Allow", allow)
		writeErrorBody(w, status, codeMethodNotAllowed,
			fmt.Sprintf("method %s is not allowed on %s; allowed methods: %s", r.Method, r.URL.Path, allow))
	case http.StatusNotFound:
		writeError(w, news.Errorf(news.ENOTFOUND, "no API endpoint %s %s", r.Method, r.URL.Path))
	default:
		a.mux.ServeHTTP(w, r)
	}
}

// writeJSON lets shared caches keep successes briefly; an error must not
// outlive its cause (a 503 while search starts, a 404 before an article
// lands), so errors are never stored.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if status == http.StatusOK {
		w.Header().Set("Cache-Control", "public, max-age=30")
	} else {
		w.Header().Set("Cache-Control", "no-store")
	}
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// statusOf is the single mapping from error codes to HTTP statuses.
func statusOf(code string) int {
	switch code {
	case news.ENOTFOUND:
		return http.StatusNotFound
	case news.EINVALID:
		return http.StatusBadRequest
	case news.ECONFLICT:
		return http.StatusConflict
	}
	return http.StatusInternalServerError
}

// codeMethodNotAllowed is the error code of a 405; the other codes are the
// news error codes.
const codeMethodNotAllowed = "method_not_allowed"

func writeError(w http.ResponseWriter, err error) {
	code := news.ErrorCode(err)
	writeErrorBody(w, statusOf(code), code, news.ErrorMessage(err))
}

func writeErrorBody(w http.ResponseWriter, status int, code, message string) {
	var body errorBody
	body.Error.Code = code
	body.Error.Message = message
	writeJSON(w, status, body)
}

func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	if news.ErrorCode(err) == news.EINTERNAL {
		a.cfg.Logger.Error("api", "path", r.URL.Path, "err", err)
	}
	writeError(w, err)
}
