package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/nashra/nashra/internal/news"
)

// articleCols selects an article's metadata with its hashtags in display
// order; the body and index columns are appended separately so listings
// never read (or detoast) them.
const articleCols = `a.id, a.url, a.source_id, a.feed_id, a.category, a.title, a.author, a.published_at,
	a.fetched_at, a.updated_at, a.language, a.excerpt, a.image_url, a.content_hash,
	a.duplicate_of, a.story_id, a.wire_agency,
	coalesce((SELECT array_agg(h.tag ORDER BY h.position) FROM article_hashtags h WHERE h.article_id = a.id), '{}')`

const fullCols = articleCols + `, a.body_text, a.body_html, a.idx_title, a.idx_body, a.idx_author, a.idx_source, a.idx_tags`

func scanArticle(row pgx.Row, full bool, extra ...any) (news.Article, error) {
	var a news.Article
	var doc news.IndexDoc
	dest := []any{&a.ID, &a.URL, &a.SourceID, &a.FeedID, &a.Category, &a.Title, &a.Author, &a.PublishedAt,
		&a.FetchedAt, &a.UpdatedAt, &a.Language, &a.Excerpt, &a.ImageURL, &a.ContentHash,
		&a.DuplicateOf, &a.StoryID, &a.WireAgency, &a.Hashtags}
	if full {
		dest = append(dest, &a.BodyText, &a.BodyHTML, &doc.Title, &doc.Body, &doc.Author, &doc.Source, &doc.Tags)
	}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return a, err
	}
	a.PublishedAt, a.FetchedAt, a.UpdatedAt = fromTS(a.PublishedAt), fromTS(a.FetchedAt), fromTS(a.UpdatedAt)
	if len(a.Hashtags) == 0 {
		a.Hashtags = nil
	}
	if full {
		a.Index = &doc
	}
	return a, nil
}

// Article returns one article with its text, index document and derived fields.
func (s *Store) Article(ctx context.Context, id string) (*news.Article, error) {
	a, err := scanArticle(s.pool.QueryRow(ctx, `SELECT `+fullCols+` FROM articles a WHERE a.id = $1`, txt(id)), true)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, news.Errorf(news.ENOTFOUND, "article %q not found", id)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: article %s: %w", id, err)
	}
	return &a, nil
}

// ArticlesByID returns the articles found, in the order of ids, with text.
func (s *Store) ArticlesByID(ctx context.Context, ids []string) ([]news.Article, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT `+fullCols+` FROM articles a WHERE a.id = ANY($1)`, txts(ids))
	if err != nil {
		return nil, fmt.Errorf("postgres: articles by id: %w", err)
	}
	defer rows.Close()
	found := make(map[string]news.Article, len(ids))
	for rows.Next() {
		a, err := scanArticle(rows, true)
		if err != nil {
			return nil, fmt.Errorf("postgres: articles by id: %w", err)
		}
		found[a.ID] = a
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: articles by id: %w", err)
	}
	out := make([]news.Article, 0, len(found))
	for _, id := range ids {
		if a, ok := found[id]; ok {
			out = append(out, a)
		}
	}
	return out, nil
}

// KnownURLs returns which of urls are stored.
func (s *Store) KnownURLs(ctx context.Context, urls []string) (map[string]bool, error) {
	out := make(map[string]bool)
	if len(urls) == 0 {
		return out, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT url FROM articles WHERE url = ANY($1)`, txts(urls))
	if err != nil {
		return nil, fmt.Errorf("postgres: known urls: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			return nil, fmt.Errorf("postgres: known urls: %w", err)
		}
		out[u] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: known urls: %w", err)
	}
	return out, nil
}

const (
	defaultLimit = 20
	maxLimit     = 1000
)

func clampLimit(n int) int {
	switch {
	case n <= 0:
		return defaultLimit
	case n > maxLimit:
		return maxLimit
	}
	return n
}

// args numbers query parameters as they are added.
type args []any

func (a *args) add(v any) string {
	*a = append(*a, v)
	return fmt.Sprintf("$%d", len(*a))
}

// Articles lists articles newest first, keyset-paginated on (published_at,
// id), each filter served by an index on (column, published_at, id).
func (s *Store) Articles(ctx context.Context, f news.ArticleFilter) ([]news.Article, error) {
	var where []string
	var p args
	from := ` FROM articles a`
	pub, id := "a.published_at", "a.id"
	if f.Hashtag != "" {
		from = ` FROM article_hashtags h JOIN articles a ON a.id = h.article_id`
		pub, id = "h.published_at", "h.article_id"
		where = append(where, "h.tag = "+p.add(txt(f.Hashtag)))
	}
	for _, c := range []struct{ col, val string }{
		{"a.source_id", f.SourceID}, {"a.language", f.Language}, {"a.category", f.Category}, {"a.story_id", f.StoryID},
	} {
		if c.val != "" {
			where = append(where, c.col+" = "+p.add(txt(c.val)))
			if c.col == "a.category" || c.col == "a.story_id" {
				// Their indexes are partial (WHERE col <> ''); a generic
				// plan of a prepared statement cannot prove a parameter
				// non-empty, so without this the planner scans.
				where = append(where, c.col+" <> ''")
			}
		}
	}
	if f.Before != nil {
		where = append(where, "("+pub+", "+id+") < ("+p.add(ts(f.Before.PublishedAt))+", "+p.add(txt(f.Before.ID))+")")
	}
	q := `SELECT ` + articleCols + from
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	q += ` ORDER BY ` + pub + ` DESC, ` + id + ` DESC LIMIT ` + p.add(clampLimit(f.Limit))
	rows, err := s.pool.Query(ctx, q, p...)
	if err != nil {
		return nil, fmt.Errorf("postgres: articles: %w", err)
	}
	defer rows.Close()
	var out []news.Article
	for rows.Next() {
		a, err := scanArticle(rows, false)
		if err != nil {
			return nil, fmt.Errorf("postgres: articles: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: articles: %w", err)
	}
	return out, nil
}

// CountArticles counts stored articles.
func (s *Store) CountArticles(ctx context.Context) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return 0, fmt.Errorf("postgres: count articles: %w", err)
	}
	return n, nil
}

// scanBatch is how many articles ScanArticles reads per query, so fn may
// write to the store and a long scan holds no snapshot open.
const scanBatch = 256

// ScanArticles calls fn for every article, oldest first, with full text.
func (s *Store) ScanArticles(ctx context.Context, fn func(*news.Article) error) error {
	var lastPub time.Time
	var lastID string
	first := true
	for {
		var rows pgx.Rows
		var err error
		if first {
			rows, err = s.pool.Query(ctx, `SELECT `+fullCols+` FROM articles a ORDER BY a.published_at, a.id LIMIT $1`, scanBatch)
		} else {
			rows, err = s.pool.Query(ctx, `SELECT `+fullCols+` FROM articles a
				WHERE (a.published_at, a.id) > ($1, $2) ORDER BY a.published_at, a.id LIMIT $3`, lastPub, lastID, scanBatch)
		}
		if err != nil {
			return fmt.Errorf("postgres: scan articles: %w", err)
		}
		var batch []news.Article
		for rows.Next() {
			a, err := scanArticle(rows, true)
			if err != nil {
				rows.Close()
				return fmt.Errorf("postgres: scan articles: %w", err)
			}
			batch = append(batch, a)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return fmt.Errorf("postgres: scan articles: %w", err)
		}
		for i := range batch {
			if err := fn(&batch[i]); err != nil {
				return err
			}
		}
		if len(batch) < scanBatch {
			return nil
		}
		last := batch[len(batch)-1]
		lastPub, lastID, first = ts(last.PublishedAt), last.ID, false
	}
}
