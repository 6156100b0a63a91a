package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/nashra/nashra/internal/news"
)

// TotalCap bounds how many matches Search counts. Counting every match of
// a very common term costs as much as scoring them all; beyond this many,
// Total is a lower bound (a results page shows "10,000+").
const TotalCap = 10000

// hitCols are the columns of a search hit: metadata plus the plain text
// for snippets, never the HTML.
const hitCols = articleCols + `, a.body_text`

// Search runs an analysed query against the FTS5 index. Relevance is
// FTS5's BM25 with the column weights configured in the schema, negated
// so higher is better. With no positive terms it lists filtered articles
// newest first.
func (s *Store) Search(ctx context.Context, q news.SearchQuery) (news.SearchResult, error) {
	include, exclude := matchExpr(q)
	limit := clampLimit(q.Limit)
	offset := max(q.Offset, 0)

	where, args := searchFilters(q)
	var from, order, score string
	var matchArgs []any
	if include == "" {
		from = ` FROM articles a`
		order = ` ORDER BY a.published_at DESC, a.id DESC`
		score = `0.0`
		if exclude != "" {
			where = append(where, `a.rid NOT IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)`)
			args = append(args, exclude)
		}
	} else {
		match := include
		if exclude != "" {
			match = "(" + include + ") NOT " + exclude
		}
		from = ` FROM article_fts f JOIN articles a ON a.rid = f.rowid`
		where = append([]string{`f.article_fts MATCH ?`}, where...)
		matchArgs = []any{match}
		score = `-f.rank`
		if q.ByNewest {
			order = ` ORDER BY a.published_at DESC, a.id DESC`
		} else {
			order = ` ORDER BY f.rank, a.published_at DESC, a.id DESC`
		}
	}
	cond := ""
	if len(where) > 0 {
		cond = ` WHERE ` + strings.Join(where, " AND ")
	}
	allArgs := append(matchArgs, args...)

	var res news.SearchResult
	rows, err := s.r.QueryContext(ctx, `SELECT `+hitCols+`, `+score+from+cond+order+` LIMIT ? OFFSET ?`,
		append(allArgs, limit, offset)...)
	if err != nil {
		return res, fmt.Errorf("sqlite: search: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var h news.SearchHit
		a, err := scanArticle(rows, false, &h.Article.BodyText, &h.Score)
		if err != nil {
			return res, fmt.Errorf("sqlite: search: %w", err)
		}
		body := h.Article.BodyText
		h.Article = a
		h.Article.BodyText = body
		res.Hits = append(res.Hits, h)
	}
	if err := rows.Err(); err != nil {
		return res, fmt.Errorf("sqlite: search: %w", err)
	}
	rows.Close()

	// A short page that is not past the end already knows the total.
	if len(res.Hits) < limit && (offset == 0 || len(res.Hits) > 0) {
		res.Total = offset + len(res.Hits)
		return res, nil
	}
	countFrom := from
	if include != "" && len(args) == 0 {
		// Unfiltered: count in the index alone, no join.
		countFrom, cond = ` FROM article_fts f`, ` WHERE f.article_fts MATCH ?`
	}
	err = s.r.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1`+countFrom+cond+` LIMIT ?)`,
		append(allArgs, TotalCap)...).Scan(&res.Total)
	if err != nil {
		return res, fmt.Errorf("sqlite: search count: %w", err)
	}
	return res, nil
}

// searchFilters renders the non-text filters as conditions on articles a.
func searchFilters(q news.SearchQuery) ([]string, []any) {
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
		where = append(where, `a.published_at >= ?`)
		args = append(args, toMicros(q.After))
	}
	if !q.Before.IsZero() {
		where = append(where, `a.published_at < ?`)
		args = append(args, toMicros(q.Before))
	}
	return where, args
}
