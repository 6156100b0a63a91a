package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/nashra/nashra/internal/news"
)

const (
	// TotalCap bounds how many matches Search counts; beyond it Total is a
	// lower bound (a results page shows "10,000+").
	TotalCap = 10000
	// DefaultRankWindow is how many of the newest matches relevance
	// ranking scores (Options.RankWindow). BM25 costs a few microseconds per match, so ranking all
	// 16,000 articles containing a common word would take ~70 ms; the
	// newest few thousand matches of a news query are where the answers a
	// reader wants are, and internal/search blends in freshness anyway.
	// Queries with fewer matches (almost all of them) are ranked exactly.
	DefaultRankWindow = 3000
)

// bm25Weights are the FTS5 column weights: title 4x, tags 2x, meta 0.
const bm25Expr = `bm25(article_fts, 4.0, 1.0, 1.0, 1.0, 2.0, 0.0)`

// textColumns restricts user terms to the analysed text, never meta.
const textColumns = `{title body author source tags}`

// hitCols are the columns of a search hit: metadata plus the plain text
// for snippets, never the HTML.
const hitCols = articleCols + `, a.body_text`

// Search runs an analysed query against the FTS5 index.
//
// Index rowids are time-ordered (see the schema), so the index streams
// matches newest first and every query stops early: ByNewest reads just
// one page, relevance scores at most the newest rank-window matches with BM25 (negated
// so higher is better). Source and language filters are meta tokens
// intersected inside the index, whole-second date bounds are rowid ranges,
// and only hashtag and sub-second date filters join articles. A query with
// no positive terms and no exclusions lists filtered articles newest first
// from the articles indexes.
func (s *Store) Search(ctx context.Context, q news.SearchQuery) (news.SearchResult, error) {
	limit := clampLimit(q.Limit)
	offset := max(q.Offset, 0)
	match, ok := ftsMatch(q)
	if !ok {
		return s.listSearch(ctx, q, limit, offset)
	}

	where := []string{`article_fts MATCH ?`}
	args := []any{match}
	join := false
	if !q.After.IsZero() {
		where, args = append(where, `article_fts.rowid >= ?`), append(args, ridBase(q.After))
		if !wholeSecond(q.After) {
			join = true
			where, args = append(where, `a.published_at >= ?`), append(args, toMicros(q.After))
		}
	}
	if !q.Before.IsZero() {
		where, args = append(where, `article_fts.rowid < ?`), append(args, ridCeil(q.Before))
		if !wholeSecond(q.Before) {
			join = true
			where, args = append(where, `a.published_at < ?`), append(args, toMicros(q.Before))
		}
	}
	for _, tag := range q.Tags {
		join = true
		where = append(where, `EXISTS (SELECT 1 FROM article_hashtags h WHERE h.article_id = a.id AND h.tag = ?)`)
		args = append(args, tag)
	}
	from := ` FROM article_fts`
	if join {
		from += ` JOIN articles a ON a.rid = article_fts.rowid`
	}
	cond := ` WHERE ` + strings.Join(where, " AND ")

	// Candidates: newest first from the index, scored as they stream.
	var cand string
	var candArgs []any
	var window int
	if q.ByNewest {
		cand = `SELECT article_fts.rowid AS rid, ` + bm25Expr + ` AS bm` + from + cond +
			` ORDER BY article_fts.rowid DESC LIMIT ? OFFSET ?`
		candArgs = append(append(candArgs, args...), limit, offset)
	} else {
		// n counts the window: when the window is not full it holds every
		// match, and the total needs no second pass over the index.
		window = max(s.rankWindow, offset+limit)
		inner := `SELECT article_fts.rowid AS rid, ` + bm25Expr + ` AS bm` + from + cond +
			` ORDER BY article_fts.rowid DESC LIMIT ?`
		cand = `SELECT rid, bm, count(*) OVER () AS n FROM (` + inner + `) ORDER BY bm, rid DESC LIMIT ? OFFSET ?`
		candArgs = append(append(candArgs, args...), window, limit, offset)
	}
	order := ` ORDER BY c.bm, c.rid DESC`
	cols := hitCols + `, -c.bm`
	if q.ByNewest {
		order = ` ORDER BY c.rid DESC`
	} else {
		cols += `, c.n`
	}
	var res news.SearchResult
	rows, err := s.r.QueryContext(ctx, `SELECT `+cols+` FROM (`+cand+`) c JOIN articles a ON a.rid = c.rid`+order,
		candArgs...)
	if err != nil {
		return res, fmt.Errorf("sqlite: search: %w", err)
	}
	var windowed *int
	if !q.ByNewest {
		windowed = new(int)
	}
	if res.Hits, err = scanHits(rows, windowed); err != nil {
		return res, err
	}
	if known, ok := knownTotal(len(res.Hits), limit, offset); ok {
		res.Total = known
		return res, nil
	}
	if windowed != nil && len(res.Hits) > 0 && *windowed < window {
		res.Total = *windowed
		return res, nil
	}
	err = s.r.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1`+from+cond+` LIMIT ?)`, append(args, TotalCap)...).Scan(&res.Total)
	if err != nil {
		return res, fmt.Errorf("sqlite: search count: %w", err)
	}
	return res, nil
}

// ftsMatch builds the whole MATCH expression, or reports false when the
// query has neither positive terms nor exclusions.
func ftsMatch(q news.SearchQuery) (string, bool) {
	include, exclude := matchExpr(q)
	var parts []string
	if include != "" {
		parts = append(parts, textColumns+" : ("+include+")")
	}
	if len(q.Sources) > 0 {
		parts = append(parts, metaAny(metaSource, q.Sources))
	}
	if len(q.Langs) > 0 {
		parts = append(parts, metaAny(metaLang, q.Langs))
	}
	if include == "" {
		if exclude == "" {
			return "", false
		}
		// FTS5's NOT is binary: exclusions need something to subtract from.
		parts = append(parts, `{meta} : `+quote(metaAll))
	}
	m := strings.Join(parts, " AND ")
	if exclude != "" {
		m = "(" + m + ") NOT " + textColumns + " : (" + exclude + ")"
	}
	return m, true
}

func metaAny(prefix string, vals []string) string {
	toks := make([]string, len(vals))
	for i, v := range vals {
		toks[i] = quote(prefix + metaValue(v))
	}
	return `{meta} : (` + strings.Join(toks, " OR ") + `)`
}

// ridCeil is the first rid published at or after t.
func ridCeil(t time.Time) int64 {
	base := ridBase(t) // t.Unix() floors, also before 1970
	if !wholeSecond(t) {
		base += slotsPerSecond
	}
	return base
}

func wholeSecond(t time.Time) bool { return t.Nanosecond() == 0 }

// knownTotal reports the total when the page itself proves it: a short
// page that is not past the end.
func knownTotal(hits, limit, offset int) (int, bool) {
	if hits < limit && (offset == 0 || hits > 0) {
		return offset + hits, true
	}
	return 0, false
}

// scanHits reads hit rows; window, when set, receives the trailing count
// column of a relevance query.
func scanHits(rows interface {
	Next() bool
	Scan(...any) error
	Err() error
	Close() error
}, window *int) ([]news.SearchHit, error) {
	defer rows.Close()
	var hits []news.SearchHit
	for rows.Next() {
		var body string
		var score float64
		dest := []any{&body, &score}
		if window != nil {
			dest = append(dest, window)
		}
		a, err := scanArticle(rows, false, dest...)
		if err != nil {
			return nil, fmt.Errorf("sqlite: search: %w", err)
		}
		a.BodyText = body
		hits = append(hits, news.SearchHit{Article: a, Score: score})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: search: %w", err)
	}
	return hits, nil
}

// listSearch serves queries without text: filtered articles, newest first,
// straight from the articles indexes.
func (s *Store) listSearch(ctx context.Context, q news.SearchQuery, limit, offset int) (news.SearchResult, error) {
	var where []string
	var args []any
	if len(q.Sources) > 0 {
		where = append(where, `a.source_id IN (`+placeholders(len(q.Sources))+`)`)
		args = append(args, anys(q.Sources)...)
	}
	if len(q.Langs) > 0 {
		where = append(where, `a.language IN (`+placeholders(len(q.Langs))+`)`)
		args = append(args, anys(q.Langs)...)
	}
	for _, tag := range q.Tags {
		where = append(where, `EXISTS (SELECT 1 FROM article_hashtags h WHERE h.article_id = a.id AND h.tag = ?)`)
		args = append(args, tag)
	}
	if !q.After.IsZero() {
		where, args = append(where, `a.published_at >= ?`), append(args, toMicros(q.After))
	}
	if !q.Before.IsZero() {
		where, args = append(where, `a.published_at < ?`), append(args, toMicros(q.Before))
	}
	cond := ""
	if len(where) > 0 {
		cond = ` WHERE ` + strings.Join(where, " AND ")
	}
	var res news.SearchResult
	rows, err := s.r.QueryContext(ctx, `SELECT `+hitCols+`, 0.0 FROM articles a`+cond+
		` ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return res, fmt.Errorf("sqlite: search: %w", err)
	}
	if res.Hits, err = scanHits(rows, nil); err != nil {
		return res, err
	}
	if known, ok := knownTotal(len(res.Hits), limit, offset); ok {
		res.Total = known
		return res, nil
	}
	err = s.r.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM articles a`+cond+` LIMIT ?)`,
		append(args, TotalCap)...).Scan(&res.Total)
	if err != nil {
		return res, fmt.Errorf("sqlite: search count: %w", err)
	}
	return res, nil
}
