package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/nashra/nashra/internal/news"
)

// articleCols selects an article's metadata; hashtags come joined by U+001F
// in display order. The body columns are appended separately so listings
// never read them.
const articleCols = `a.id, a.url, a.source_id, a.feed_id, a.category, a.title, a.author, a.published_at,
	a.fetched_at, a.updated_at, a.language, a.excerpt, a.image_url, a.content_hash,
	a.duplicate_of, a.story_id, a.wire_agency,
	coalesce((SELECT group_concat(tag, char(31)) FROM
		(SELECT tag FROM article_hashtags h WHERE h.article_id = a.id ORDER BY position)), '')`

// fullCols adds the text and the index document.
const fullCols = articleCols + `, a.body_text, a.body_html,
	coalesce(f.title, ''), coalesce(f.body, ''), coalesce(f.author, ''), coalesce(f.source, ''), coalesce(f.tags, '')`

const fullFrom = ` FROM articles a LEFT JOIN article_fts f ON f.rowid = a.rid`

type scanner interface{ Scan(...any) error }

func scanArticle(sc scanner, full bool, extra ...any) (news.Article, error) {
	var a news.Article
	var pub, fetched, updated int64
	var tags string
	dest := []any{&a.ID, &a.URL, &a.SourceID, &a.FeedID, &a.Category, &a.Title, &a.Author, &pub,
		&fetched, &updated, &a.Language, &a.Excerpt, &a.ImageURL, &a.ContentHash,
		&a.DuplicateOf, &a.StoryID, &a.WireAgency, &tags}
	var doc news.IndexDoc
	if full {
		dest = append(dest, &a.BodyText, &a.BodyHTML, &doc.Title, &doc.Body, &doc.Author, &doc.Source, &doc.Tags)
	}
	dest = append(dest, extra...)
	if err := sc.Scan(dest...); err != nil {
		return a, err
	}
	a.PublishedAt, a.FetchedAt, a.UpdatedAt = fromMicros(pub), fromMicros(fetched), fromMicros(updated)
	if tags != "" {
		a.Hashtags = strings.Split(tags, "\x1f")
	}
	if full {
		a.Index = &doc
	}
	return a, nil
}

// Article returns one article with its text, index document and derived fields.
func (s *Store) Article(ctx context.Context, id string) (*news.Article, error) {
	row := s.r.QueryRowContext(ctx, `SELECT `+fullCols+fullFrom+` WHERE a.id = ?`, id)
	a, err := scanArticle(row, true)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, news.Errorf(news.ENOTFOUND, "article %q not found", id)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: article %s: %w", id, err)
	}
	return &a, nil
}

// maxVars keeps IN lists well under SQLite's bound-parameter limit.
const maxVars = 500

// ArticlesByID returns the articles found, in the order of ids, with text.
func (s *Store) ArticlesByID(ctx context.Context, ids []string) ([]news.Article, error) {
	found := make(map[string]news.Article, len(ids))
	for start := 0; start < len(ids); start += maxVars {
		chunk := ids[start:min(start+maxVars, len(ids))]
		rows, err := s.r.QueryContext(ctx, `SELECT `+fullCols+fullFrom+` WHERE a.id IN (`+placeholders(len(chunk))+`)`, anys(chunk)...)
		if err != nil {
			return nil, fmt.Errorf("sqlite: articles by id: %w", err)
		}
		for rows.Next() {
			a, err := scanArticle(rows, true)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlite: articles by id: %w", err)
			}
			found[a.ID] = a
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("sqlite: articles by id: %w", err)
		}
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
	for start := 0; start < len(urls); start += maxVars {
		chunk := urls[start:min(start+maxVars, len(urls))]
		rows, err := s.r.QueryContext(ctx, `SELECT url FROM articles WHERE url IN (`+placeholders(len(chunk))+`)`, anys(chunk)...)
		if err != nil {
			return nil, fmt.Errorf("sqlite: known urls: %w", err)
		}
		for rows.Next() {
			var u string
			if err := rows.Scan(&u); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlite: known urls: %w", err)
			}
			out[u] = true
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("sqlite: known urls: %w", err)
		}
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

// Articles lists articles newest first, keyset-paginated on (published_at,
// id). A hashtag filter walks article_hashtags' (tag, published_at,
// article_id) index, every other filter an index on (column, published_at,
// id), so each page is a bounded index range scan.
func (s *Store) Articles(ctx context.Context, f news.ArticleFilter) ([]news.Article, error) {
	var where []string
	var args []any
	from := ` FROM articles a`
	pub, id := "a.published_at", "a.id"
	if f.Hashtag != "" {
		from = ` FROM article_hashtags h JOIN articles a ON a.id = h.article_id`
		pub, id = "h.published_at", "h.article_id"
		where = append(where, "h.tag = ?")
		args = append(args, f.Hashtag)
	}
	for _, c := range []struct{ col, val string }{
		{"a.source_id", f.SourceID}, {"a.language", f.Language}, {"a.category", f.Category}, {"a.story_id", f.StoryID},
	} {
		if c.val != "" {
			where = append(where, c.col+" = ?")
			args = append(args, c.val)
			if c.col == "a.category" || c.col == "a.story_id" {
				// Their indexes are partial (WHERE col <> ''); SQLite uses
				// a partial index only when the query implies its WHERE,
				// which a bound parameter alone never does.
				where = append(where, c.col+" <> ''")
			}
		}
	}
	if f.Before != nil {
		where = append(where, "("+pub+", "+id+") < (?, ?)")
		args = append(args, toMicros(f.Before.PublishedAt), f.Before.ID)
	}
	q := `SELECT ` + articleCols + from
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	q += ` ORDER BY ` + pub + ` DESC, ` + id + ` DESC LIMIT ?`
	args = append(args, clampLimit(f.Limit))
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: articles: %w", err)
	}
	defer rows.Close()
	var out []news.Article
	for rows.Next() {
		a, err := scanArticle(rows, false)
		if err != nil {
			return nil, fmt.Errorf("sqlite: articles: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: articles: %w", err)
	}
	return out, nil
}

// CountArticles counts stored articles.
func (s *Store) CountArticles(ctx context.Context) (int, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlite: count articles: %w", err)
	}
	return n, nil
}

// scanBatch is how many articles ScanArticles reads per query. Each batch is
// its own short read, so fn may write to the store and a long scan never
// pins an old WAL snapshot.
const scanBatch = 256

// ScanArticles calls fn for every article, oldest first, with full text.
// Articles stored during the scan with a publication time after the
// current position are visited too.
func (s *Store) ScanArticles(ctx context.Context, fn func(*news.Article) error) error {
	var lastPub int64 = -1 << 63
	lastID := ""
	for {
		rows, err := s.r.QueryContext(ctx, `SELECT `+fullCols+fullFrom+`
			WHERE (a.published_at, a.id) > (?, ?) ORDER BY a.published_at, a.id LIMIT ?`, lastPub, lastID, scanBatch)
		if err != nil {
			return fmt.Errorf("sqlite: scan articles: %w", err)
		}
		var batch []news.Article
		for rows.Next() {
			a, err := scanArticle(rows, true)
			if err != nil {
				rows.Close()
				return fmt.Errorf("sqlite: scan articles: %w", err)
			}
			batch = append(batch, a)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return fmt.Errorf("sqlite: scan articles: %w", err)
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
		lastPub, lastID = toMicros(last.PublishedAt), last.ID
	}
}

func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

func anys[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}
