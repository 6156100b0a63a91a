package api

import (
	"net/http"
	"unicode/utf8"

	"github.com/nashra/nashra/internal/news"
)

const maxQueryBytes = 2048

func (a *API) search(w http.ResponseWriter, r *http.Request) {
	if a.cfg.Search == nil {
		w.Header().Set("Retry-After", "60")
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"error": map[string]string{"code": "unavailable", "message": "search is not enabled on this node"}})
		return
	}
	q := r.URL.Query()
	raw := q.Get("q")
	if len(raw) > maxQueryBytes {
		a.fail(w, r, news.Errorf(news.EINVALID, "q: %d bytes, at most %d", len(raw), maxQueryBytes))
		return
	}
	if !utf8.ValidString(raw) {
		a.fail(w, r, news.Errorf(news.EINVALID, "q: not valid UTF-8"))
		return
	}
	limit, err := limitParam(q, 10)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	offset, err := offsetParam(q)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	res, err := a.cfg.Search.SearchJSON(r.Context(), raw, limit, offset)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (a *API) suggest(w http.ResponseWriter, r *http.Request) {
	if a.cfg.Search == nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"error": map[string]string{"code": "unavailable", "message": "search is not enabled on this node"}})
		return
	}
	q := r.URL.Query()
	raw := q.Get("q")
	if len(raw) > 256 || !utf8.ValidString(raw) {
		a.fail(w, r, news.Errorf(news.EINVALID, "q: want at most 256 bytes of valid UTF-8"))
		return
	}
	limit, err := limitParam(q, 8)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	res, err := a.cfg.Search.SuggestJSON(r.Context(), raw, limit)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}
