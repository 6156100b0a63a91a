package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/textkey"
)

// UpsertArticle stores, updates or skips one article.
func (s *Store) UpsertArticle(ctx context.Context, a *news.Article) (news.UpsertResult, error) {
	res, err := s.UpsertArticles(ctx, []*news.Article{a})
	if err != nil {
		return news.Unchanged, err
	}
	return res[0], nil
}

// upsertSQL inserts, or on a known ID updates the reader-visible fields
// only when the content hash changed. xmax = 0 tells a fresh insert from an
// update; no row back means the stored copy was identical. ON CONFLICT is
// atomic, so concurrent upserts of one URL from any number of processes
// store it once.
const upsertSQL = `INSERT INTO articles AS a (id, url, source_id, feed_id, category, title, title_key, author,
		published_at, fetched_at, updated_at, language, excerpt, image_url, content_hash, duplicate_of, story_id,
		wire_agency, body_text, body_html, idx_title, idx_body, idx_author, idx_source, idx_tags, tsv)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
		$21, $22, $23, $24, $25, $26::tsvector)
	ON CONFLICT (id) DO UPDATE SET title = excluded.title, title_key = excluded.title_key,
		author = CASE WHEN excluded.author <> '' THEN excluded.author ELSE a.author END,
		body_text = excluded.body_text, body_html = excluded.body_html, excerpt = excluded.excerpt,
		image_url = CASE WHEN excluded.image_url <> '' THEN excluded.image_url ELSE a.image_url END,
		content_hash = excluded.content_hash, updated_at = $27,
		idx_title = CASE WHEN $28 THEN excluded.idx_title ELSE a.idx_title END,
		idx_body = CASE WHEN $28 THEN excluded.idx_body ELSE a.idx_body END,
		idx_author = CASE WHEN $28 THEN excluded.idx_author ELSE a.idx_author END,
		idx_source = CASE WHEN $28 THEN excluded.idx_source ELSE a.idx_source END,
		idx_tags = CASE WHEN $28 THEN excluded.idx_tags ELSE a.idx_tags END,
		tsv = CASE WHEN $28 THEN excluded.tsv ELSE a.tsv END
	WHERE a.content_hash <> excluded.content_hash
	RETURNING xmax = 0, fetched_at, updated_at`

// UpsertArticles upserts a batch in one transaction, pipelined in one
// round trip per batch.
func (s *Store) UpsertArticles(ctx context.Context, as []*news.Article) ([]news.UpsertResult, error) {
	for i, a := range as {
		if err := prepareArticle(a); err != nil {
			return nil, fmt.Errorf("article %d: %w", i, err)
		}
	}
	out := make([]news.UpsertResult, len(as))
	if len(as) == 0 {
		return out, nil
	}
	now := ts(s.now())
	err := s.write(ctx, "upsert articles", func(tx pgx.Tx) error {
		// Results come back in queue order; a URL named twice in one batch
		// is created by the first statement and found by the second.
		b := &pgx.Batch{}
		for _, a := range as {
			doc := a.Index
			if doc == nil {
				doc = &news.IndexDoc{}
			}
			fetched := ts(a.FetchedAt)
			if a.FetchedAt.IsZero() {
				fetched = now
			}
			updated := ts(a.UpdatedAt)
			if a.UpdatedAt.IsZero() {
				updated = fetched
			}
			b.Queue(upsertSQL, txt(a.ID), txt(a.URL), txt(a.SourceID), a.FeedID, txt(a.Category), txt(a.Title),
				textkey.Key(a.Title), txt(a.Author), ts(a.PublishedAt), fetched, updated, txt(a.Language), txt(a.Excerpt),
				txt(a.ImageURL), a.ContentHash, txt(a.DuplicateOf), txt(a.StoryID), txt(a.WireAgency), txt(a.BodyText),
				txt(a.BodyHTML), txt(doc.Title), txt(doc.Body), txt(doc.Author), txt(doc.Source), txt(doc.Tags),
				tsvectorLiteral(doc), now, a.Index != nil)
		}
		br := tx.SendBatch(ctx, b)
		for i, a := range as {
			var inserted bool
			err := br.QueryRow().Scan(&inserted, &a.FetchedAt, &a.UpdatedAt)
			switch {
			case errors.Is(err, pgx.ErrNoRows):
				out[i] = news.Unchanged
			case err != nil:
				br.Close()
				return fmt.Errorf("%s: %w", a.URL, err)
			case inserted:
				out[i] = news.Created
			default:
				out[i] = news.Updated
			}
			a.FetchedAt, a.UpdatedAt = fromTS(a.FetchedAt), fromTS(a.UpdatedAt)
		}
		return br.Close()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// prepareArticle validates a and fills the fields derived from others.
func prepareArticle(a *news.Article) error {
	if a == nil {
		return news.Errorf(news.EINVALID, "nil article")
	}
	if strings.TrimSpace(a.URL) == "" {
		return news.Errorf(news.EINVALID, "article has no URL")
	}
	if a.SourceID == "" {
		return news.Errorf(news.EINVALID, "article %s has no source", a.URL)
	}
	if a.ID == "" {
		a.ID = news.ArticleID(a.URL)
	}
	if a.ContentHash == "" {
		a.ContentHash = news.ContentHash(a.Title, a.BodyText)
	}
	return nil
}

// Reindex replaces the index document of an article.
func (s *Store) Reindex(ctx context.Context, id string, doc *news.IndexDoc) error {
	if doc == nil {
		doc = &news.IndexDoc{}
	}
	tag, err := s.pool.Exec(ctx, `UPDATE articles SET idx_title = $2, idx_body = $3, idx_author = $4, idx_source = $5,
		idx_tags = $6, tsv = $7::tsvector WHERE id = $1`,
		txt(id), txt(doc.Title), txt(doc.Body), txt(doc.Author), txt(doc.Source), txt(doc.Tags), tsvectorLiteral(doc))
	if err != nil {
		return fmt.Errorf("postgres: reindex %s: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return news.Errorf(news.ENOTFOUND, "article %q not found", id)
	}
	return nil
}
