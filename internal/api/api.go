// Package api serves nashra's JSON API under /api/v1. Handlers are one file
// per resource; errors are JSON bodies with the right status, mapped from
// news error codes in one place (writeError).
package api

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

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
	a.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, news.Errorf(news.ENOTFOUND, "no API endpoint %s %s", r.Method, r.URL.Path))
	})
	return a
}

func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	a.mux.ServeHTTP(w, r)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=30")
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

func writeError(w http.ResponseWriter, err error) {
	var body errorBody
	body.Error.Code = news.ErrorCode(err)
	body.Error.Message = news.ErrorMessage(err)
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, statusOf(body.Error.Code), body)
}

func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	if news.ErrorCode(err) == news.EINTERNAL {
		a.cfg.Logger.Error("api", "path", r.URL.Path, "err", err)
	}
	writeError(w, err)
}
