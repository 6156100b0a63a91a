package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/nashra/nashra/internal/news"
)

const (
	// TotalCap bounds how many matches Search counts; beyond it Total is a
	// lower bound, as in the SQLite store.
	TotalCap = 10000
	// DefaultRankWindow is how many of the newest matches relevance
	// ranking scores (Options.RankWindow). Smaller than SQLite's 3000:
	// ts_rank_cd must detoast each candidate's whole tsvector, about ten
	// times the cost of an FTS5 bm25() call on the same document.
	DefaultRankWindow = 1000
)

// rankExpr scores a match with cover density over the field weights
// {D body, C author/source, B tags, A title} = {0.25, 0.25, 0.5, 1}: the
// same 4:2:1 title/tags/body proportions as the SQLite store's BM25
// weights. Normalisation 1 divides by 1 + log(document length), as BM25's
// length normalisation damps long documents. Multiplied by 10 so scores
// land in the same few-units range as negated BM25.
const rankExpr = `10 * ts_rank_cd('{0.25, 0.25, 0.5, 1.0}', a.tsv, q.q, 1)`

const hitCols = articleCols + `, a.body_text`

// Search runs an analysed query against the tsvector index. Like the
// SQLite store it ranks only the newest rank-window matches (exact for any
// query with fewer matches) and counts at most TotalCap.
func (s *Store) Search(ctx context.Context, q news.SearchQuery) (news.SearchResult, error) {
	limit := clampLimit(q.Limit)
	offset := max(q.Offset, 0)
	expr, positive := tsqueryExpr(q)

	var p args
	var where []string
	from := ` FROM articles a`
	score := `0.0::float8`
	if expr != "" {
		from = ` FROM articles a, (SELECT ` + p.add(expr) + `::tsquery AS q) q`
		where = append(where, `a.tsv @@ q.q`)
		if positive {
			score = rankExpr
		}
	}
	if len(q.Sources) > 0 {
		where = append(where, `a.source_id = ANY(`+p.add(txts(q.Sources))+`)`)
	}
	if len(q.Langs) > 0 {
		where = append(where, `a.language = ANY(`+p.add(txts(q.Langs))+`)`)
	}
	for _, tag := range q.Tags {
		where = append(where, `EXISTS (SELECT 1 FROM article_hashtags h WHERE h.article_id = a.id AND h.tag = `+p.add(txt(tag))+`)`)
	}
	if !q.After.IsZero() {
		where = append(where, `a.published_at >= `+p.add(ts(q.After)))
	}
	if !q.Before.IsZero() {
		where = append(where, `a.published_at < `+p.add(ts(q.Before)))
	}
	cond := ""
	if len(where) > 0 {
		cond = ` WHERE ` + strings.Join(where, " AND ")
	}
	countArgs := append(args(nil), p...)

	var sql string
	window := 0 // set when relevance ranks a window of the newest matches
	if q.ByNewest || !positive {
		sql = `SELECT ` + hitCols + `, ` + score + from + cond +
			` ORDER BY a.published_at DESC, a.id DESC LIMIT ` + p.add(limit) + ` OFFSET ` + p.add(offset)
	} else {
		// Pick the newest window of matches first (index only, no tsvector
		// read), then rank just those: ts_rank_cd detoasts each document's
		// tsvector, which is what costs.
		// n counts the window: when it is not full it holds every match,
		// and the total needs no second pass.
		window = max(s.rankWindow, offset+limit)
		sql = `WITH c AS MATERIALIZED (SELECT a.id` + from + cond + `
				ORDER BY a.published_at DESC, a.id DESC LIMIT ` + p.add(window) + `)
			SELECT ` + hitCols + `, ` + score + ` AS score, (SELECT count(*) FROM c) AS n
			FROM c JOIN articles a ON a.id = c.id, (SELECT ` + p.add(expr) + `::tsquery AS q) q
			ORDER BY score DESC, a.published_at DESC, a.id DESC LIMIT ` + p.add(limit) + ` OFFSET ` + p.add(offset)
	}
	var res news.SearchResult
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		if expr != "" {
			// A common word matches half the table, and the planner then
			// prefers a sequential scan, unaware that evaluating @@ row by
			// row detoasts every article's tsvector: ten times slower than
			// the GIN bitmap, which answers without reading them.
			if _, err := tx.Exec(ctx, `SET LOCAL enable_seqscan = off`); err != nil {
				return err
			}
		}
		rows, err := tx.Query(ctx, sql, p...)
		if err != nil {
			return err
		}
		var inWindow *int64
		if window > 0 {
			inWindow = new(int64)
		}
		if res.Hits, err = scanHits(rows, inWindow); err != nil {
			return err
		}
		if hits := len(res.Hits); hits < limit && (offset == 0 || hits > 0) {
			res.Total = offset + hits
			return nil
		}
		if inWindow != nil && len(res.Hits) > 0 && *inWindow < int64(window) {
			res.Total = int(*inWindow)
			return nil
		}
		return tx.QueryRow(ctx, `SELECT count(*) FROM (SELECT 1`+from+cond+` LIMIT `+countArgs.add(TotalCap)+`) x`, countArgs...).
			Scan(&res.Total)
	})
	if err != nil {
		return res, fmt.Errorf("postgres: search: %w", err)
	}
	return res, nil
}

// scanHits reads hit rows; window, when set, receives the trailing count
// column of a relevance query.
func scanHits(rows pgx.Rows, window *int64) ([]news.SearchHit, error) {
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
			return nil, err
		}
		a.BodyText = body
		hits = append(hits, news.SearchHit{Article: a, Score: score})
	}
	return hits, rows.Err()
}
