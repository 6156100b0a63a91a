package web

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/nashra/nashra/internal/news"
)

// A cursor in a URL is "<unix nanoseconds, base 36>.<article ID>": short,
// opaque enough, and strictly parseable.
func encodeCursor(c news.Cursor) string {
	return strconv.FormatInt(c.PublishedAt.UnixNano(), 36) + "." + c.ID
}

func decodeCursor(s string) (*news.Cursor, error) {
	ts, id, ok := strings.Cut(s, ".")
	if !ok || ts == "" || id == "" || len(s) > 100 {
		return nil, badRequest("error.badCursor", "")
	}
	n, err := strconv.ParseInt(ts, 36, 64)
	if err != nil || n < 0 {
		return nil, badRequest("error.badCursor", "")
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return nil, badRequest("error.badCursor", "")
		}
	}
	return &news.Cursor{PublishedAt: time.Unix(0, n).UTC(), ID: id}, nil
}

// maxPage bounds ?page= so a crawler can't ask for offset 10^9.
const maxPage = 100

// parsePage reads ?page=, 1 when absent.
func parsePage(q url.Values) (int, error) {
	raw := q.Get("page")
	if raw == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > maxPage {
		return 0, badRequest("error.badPage", "")
	}
	return n, nil
}

// checkPaging rejects malformed pagination on every page up front, so
// "?before=garbage" is a 400 that says why rather than a silent first page.
func checkPaging(q url.Values) error {
	if _, ok := q["before"]; ok {
		if _, err := decodeCursor(q.Get("before")); err != nil {
			return err
		}
	}
	if _, ok := q["page"]; ok {
		if _, err := parsePage(q); err != nil {
			return err
		}
	}
	return nil
}

// beforeOf returns the ?before= cursor, nil when absent (already validated).
func beforeOf(q url.Values) *news.Cursor {
	raw := q.Get("before")
	if raw == "" {
		return nil
	}
	c, err := decodeCursor(raw)
	if err != nil {
		return nil
	}
	return c
}

// pageQueryKeys are the parameters that change a page's content; others
// (tracking tags and the like) neither split the cache nor canonical URLs.
var pageQueryKeys = []string{"before", "page", "q", "verbatim"}

func canonicalQuery(q url.Values) string {
	if len(q) == 0 {
		return ""
	}
	return pageQuery(q).Encode()
}

// pageQuery keeps only pageQueryKeys, first value each.
func pageQuery(q url.Values) url.Values {
	keep := url.Values{}
	for _, k := range pageQueryKeys {
		if v := q.Get(k); v != "" {
			keep.Set(k, v)
		}
	}
	return keep
}

// olderLink is the "older" link of a listing: its last item as cursor,
// shown only when the page was full (so there may be more).
func olderLink(v *view, items []news.Article, limit int) string {
	if len(items) < limit || len(items) == 0 {
		return ""
	}
	last := items[len(items)-1]
	return v.Href(v.Path) + "?before=" + url.QueryEscape(encodeCursor(news.Cursor{PublishedAt: last.PublishedAt, ID: last.ID}))
}
