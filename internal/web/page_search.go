package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nashra/nashra/internal/news"
)

const (
	searchPerPage  = 20
	maxQueryRunes  = 200
	suggestMinRune = 2
)

type searchData struct {
	Query   string
	Results *SearchResults
	// Corrected is set when the query found nothing and the results shown
	// are its correction's; Verbatim links to the query as typed.
	Corrected string
	Verbatim  string
	Next      string
	Prev      string
	Trending  []news.HashtagTrend // shown when nothing matched
}

// searchPage runs the reader's query through internal/search. An empty
// query shows just the box; a query with no results offers corrections,
// alternatives and what is trending instead of a dead end.
func (s *Site) searchPage(r *http.Request, v *view) (string, error) {
	q := strings.TrimSpace(v.Query.Get("q"))
	if utf8.RuneCountInString(q) > maxQueryRunes {
		return "", badRequest("error.queryTooLong", "")
	}
	page, err := parsePage(v.Query)
	if err != nil {
		return "", err
	}
	d := &searchData{Query: q}
	v.SearchQuery = q
	v.NoIndex = true
	v.Title = v.T("search.title") + " — " + v.T("site.name")
	v.Data = d
	if q == "" {
		return "search", nil
	}
	v.Title = q + " — " + v.T("search.title")
	res, err := s.cfg.Search.Search(r.Context(), q, v.Lang, page, searchPerPage)
	if err != nil {
		return "", err
	}
	// A typo that found nothing shows what its correction finds, as search
	// engines do, with a link to insist on the spelling typed.
	if res.Total == 0 && res.DidYouMean != "" && page == 1 && v.Query.Get("verbatim") == "" {
		fixed, err := s.cfg.Search.Search(r.Context(), res.DidYouMean, v.Lang, 1, searchPerPage)
		if err != nil {
			return "", err
		}
		if fixed.Total > 0 {
			d.Corrected, d.Verbatim = res.DidYouMean, searchHref(v, q, 1)+"&verbatim=1"
			res, q = fixed, res.DidYouMean
		}
	}
	for i := range res.Hits {
		res.Hits[i].SnippetHTML = s.san.highlight(res.Hits[i].SnippetHTML)
		res.Hits[i].TitleHTML = s.san.highlight(res.Hits[i].TitleHTML)
	}
	d.Results = res
	per := res.PerPage
	if per <= 0 {
		per = searchPerPage
	}
	if page*per < res.Total && page < maxPage {
		d.Next = searchHref(v, q, page+1)
	}
	if page > 1 {
		d.Prev = searchHref(v, q, page-1)
	}
	// Nothing found and the engine has nothing to offer: point at what
	// is being talked about instead of a dead end.
	if res.Total == 0 && len(res.Suggestions) == 0 && res.DidYouMean == "" {
		d.Trending, _ = s.cfg.Store.TrendingHashtags(r.Context(), v.Now, trendingWindow, homeTrending)
	}
	return "search", nil
}

func searchHref(v *view, q string, page int) string {
	h := v.Href("/search") + "?q=" + url.QueryEscape(q)
	if page > 1 {
		h += "&page=" + strconv.Itoa(page)
	}
	return h
}

// SearchHref is the template helper for chips and suggestions.
func (v *view) SearchHref(q string) string { return searchHref(v, q, 1) }

// suggest answers the search box's script: a short JSON list. The JSON API
// proper lives in internal/api; this endpoint exists so the site's own
// progressive enhancement works without it.
func (s *Site) suggest(w http.ResponseWriter, r *http.Request) {
	prefix := strings.TrimSpace(r.URL.Query().Get("q"))
	out := []news.Suggestion{}
	if n := utf8.RuneCountInString(prefix); n >= suggestMinRune && n <= maxQueryRunes {
		list, err := s.cfg.Search.Suggest(r.Context(), prefix)
		if err != nil {
			s.log.Warn("web: suggest", "err", err)
		} else if list != nil {
			out = list[:min(10, len(list))]
		}
	}
	type item struct {
		Kind  string `json:"kind"`
		Text  string `json:"text"`
		Value string `json:"value"`
	}
	items := make([]item, len(out))
	for i, sg := range out {
		items[i] = item{sg.Kind, sg.Text, sg.Value}
	}
	b, _ := json.Marshal(items)
	newResponse(http.StatusOK, "application/json; charset=utf-8", "public, max-age=60", b).write(w, r)
}

// ChipLabel is a chip's text: its own label, or a name the site knows.
func (v *view) ChipLabel(c Chip) string {
	switch {
	case c.Label != "":
		return c.Label
	case c.Kind == "source":
		return v.SourceName(c.Value)
	case c.Kind == "lang":
		if s, ok := v.C.plain["lang."+c.Value]; ok {
			return s
		}
	case c.Kind == "tag":
		return "#" + c.Value
	case c.Kind == "exclude":
		return "−" + c.Value
	case c.Kind == "sort":
		return v.T("search.sortNewest")
	}
	return c.Value
}
