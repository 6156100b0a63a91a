package api

import (
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nashra/nashra/internal/news"
)

const maxLimit = 100

// limitParam reads ?limit=, with a default and a hard maximum; a malformed
// value is a 400, not a silent default, so clients learn of their bug.
func limitParam(q url.Values, def int) (int, error) {
	v := q.Get("limit")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxLimit {
		return 0, news.Errorf(news.EINVALID, "limit %q: want a whole number from 1 to %d", v, maxLimit)
	}
	return n, nil
}

func offsetParam(q url.Values) (int, error) {
	v := q.Get("offset")
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 10000 {
		return 0, news.Errorf(news.EINVALID, "offset %q: want a whole number from 0 to 10000", v)
	}
	return n, nil
}

// EncodeCursor makes an opaque keyset cursor for newest-first listings.
func EncodeCursor(c news.Cursor) string {
	raw := strconv.FormatInt(c.PublishedAt.UnixNano(), 10) + "|" + c.ID
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

// DecodeCursor reads a cursor made by EncodeCursor. It also accepts an
// RFC 3339 time, so ?before=2015-08-01T00:00:00Z works by hand.
func DecodeCursor(s string) (*news.Cursor, error) {
	if s == "" {
		return nil, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return &news.Cursor{PublishedAt: t.UTC()}, nil
	}
	if d, err := time.Parse("2006-01-02", s); err == nil {
		return &news.Cursor{PublishedAt: d.UTC()}, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		ns, id, ok := strings.Cut(string(raw), "|")
		if n, perr := strconv.ParseInt(ns, 10, 64); ok && perr == nil && utf8.ValidString(id) && len(id) <= 64 {
			return &news.Cursor{PublishedAt: time.Unix(0, n).UTC(), ID: id}, nil
		}
	}
	return nil, news.Errorf(news.EINVALID, "before %q: not a cursor from a previous page, nor an RFC 3339 time or YYYY-MM-DD date", truncate(s, 80))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}
