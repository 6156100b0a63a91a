package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/textkey"
)

// UpsertArticle stores, updates or skips one article; see upsertOne.
func (s *Store) UpsertArticle(ctx context.Context, a *news.Article) (news.UpsertResult, error) {
	res, err := s.UpsertArticles(ctx, []*news.Article{a})
	if err != nil {
		return news.Unchanged, err
	}
	return res[0], nil
}

// UpsertArticles upserts a batch in one transaction with statements
// prepared once for the batch.
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
	err := s.write(ctx, "upsert articles", func(tx *sql.Tx) error {
		u, err := newUpserter(ctx, tx)
		if err != nil {
			return err
		}
		defer u.close()
		now := toMicros(s.now())
		for i, a := range as {
			r, err := u.upsert(ctx, a, now)
			if err != nil {
				return fmt.Errorf("%s: %w", a.URL, err)
			}
			out[i] = r
		}
		return u.flushIndex(ctx)
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

type upserter struct {
	find, insert, insertFTS, update, updateFTS *sql.Stmt
	// Index writes wait until every article row of the batch is written.
	// A row write that may abort opens a statement savepoint, and FTS5
	// flushes its pending terms to a new index segment at every savepoint:
	// interleaved, each article became its own segment and the index spent
	// most of the import merging them. Deferred, the whole batch is one
	// segment written at commit.
	pending []indexWrite
}

type indexWrite struct {
	rid    int64
	doc    *news.IndexDoc
	meta   string
	update bool
}

func newUpserter(ctx context.Context, tx *sql.Tx) (*upserter, error) {
	u := &upserter{}
	for _, p := range []struct {
		st **sql.Stmt
		q  string
	}{
		{&u.find, `SELECT rid, content_hash, fetched_at, source_id, language FROM articles WHERE id = ? OR url = ?`},
		// rid: the next free slot of the publication second (see schema).
		{&u.insert, `INSERT INTO articles (rid, id, url, source_id, feed_id, category, title, title_key, author,
			published_at, fetched_at, updated_at, language, body_text, body_html, excerpt, image_url, content_hash,
			duplicate_of, story_id, wire_agency)
			VALUES ((SELECT coalesce(max(rid) + 1, ?1) FROM articles WHERE rid >= ?1 AND rid < ?1 + ` + slotsExpr + `),
				?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING rid`},
		{&u.insertFTS, `INSERT INTO article_fts (rowid, title, body, author, source, tags, meta) VALUES (?, ?, ?, ?, ?, ?, ?)`},
		// An edit changes what a reader sees; published_at, source and the
		// newsroom's derived fields stay as they were.
		{&u.update, `UPDATE articles SET title = ?, title_key = ?,
			author = CASE WHEN ? <> '' THEN ? ELSE author END,
			body_text = ?, body_html = ?, excerpt = ?,
			image_url = CASE WHEN ? <> '' THEN ? ELSE image_url END,
			content_hash = ?, updated_at = ? WHERE rid = ?`},
		{&u.updateFTS, `UPDATE article_fts SET title = ?, body = ?, author = ?, source = ?, tags = ?, meta = ? WHERE rowid = ?`},
	} {
		st, err := tx.PrepareContext(ctx, p.q)
		if err != nil {
			u.close()
			return nil, fmt.Errorf("prepare: %w", err)
		}
		*p.st = st
	}
	return u, nil
}

func (u *upserter) close() {
	for _, st := range []*sql.Stmt{u.find, u.insert, u.insertFTS, u.update, u.updateFTS} {
		if st != nil {
			st.Close()
		}
	}
}

// upsert runs inside the write transaction, so the existence check and the
// write are atomic against every other writer, in or out of this process.
func (u *upserter) upsert(ctx context.Context, a *news.Article, now int64) (news.UpsertResult, error) {
	var rid, fetched int64
	var hash, source, lang string
	err := u.find.QueryRowContext(ctx, a.ID, a.URL).Scan(&rid, &hash, &fetched, &source, &lang)
	doc := cleanDoc(a.Index)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		fetchedAt := toMicros(a.FetchedAt)
		if fetchedAt == 0 {
			fetchedAt = now
		}
		updatedAt := toMicros(a.UpdatedAt)
		if updatedAt == 0 {
			updatedAt = fetchedAt
		}
		first := ridBase(a.PublishedAt)
		err := u.insert.QueryRowContext(ctx, first, a.ID, a.URL, a.SourceID, a.FeedID, a.Category, a.Title, textkey.Key(a.Title),
			a.Author, toMicros(a.PublishedAt), fetchedAt, updatedAt, a.Language, a.BodyText, a.BodyHTML, a.Excerpt,
			a.ImageURL, a.ContentHash, a.DuplicateOf, a.StoryID, a.WireAgency).Scan(&rid)
		if err != nil {
			return 0, fmt.Errorf("insert: %w", err)
		}
		if rid >= first+slotsPerSecond {
			return 0, fmt.Errorf("insert: more than %d articles published in the second of %v", slotsPerSecond, a.PublishedAt)
		}
		u.pending = append(u.pending, indexWrite{rid: rid, doc: doc, meta: metaTokens(a.SourceID, a.Language)})
		a.FetchedAt, a.UpdatedAt = fromMicros(fetchedAt), fromMicros(updatedAt)
		return news.Created, nil
	case err != nil:
		return 0, fmt.Errorf("look up: %w", err)
	case hash == a.ContentHash:
		a.FetchedAt = fromMicros(fetched)
		return news.Unchanged, nil
	}
	if _, err := u.update.ExecContext(ctx, a.Title, textkey.Key(a.Title), a.Author, a.Author, a.BodyText, a.BodyHTML,
		a.Excerpt, a.ImageURL, a.ImageURL, a.ContentHash, now, rid); err != nil {
		return 0, fmt.Errorf("update: %w", err)
	}
	if a.Index != nil {
		u.pending = append(u.pending, indexWrite{rid: rid, doc: doc, meta: metaTokens(source, lang), update: true})
	}
	a.FetchedAt, a.UpdatedAt = fromMicros(fetched), fromMicros(now)
	return news.Updated, nil
}

// flushIndex writes the batch's deferred index documents.
func (u *upserter) flushIndex(ctx context.Context) error {
	for _, w := range u.pending {
		d := w.doc
		if w.update {
			if _, err := u.updateFTS.ExecContext(ctx, d.Title, d.Body, d.Author, d.Source, d.Tags, w.meta, w.rid); err != nil {
				return fmt.Errorf("reindex rid %d: %w", w.rid, err)
			}
			continue
		}
		if _, err := u.insertFTS.ExecContext(ctx, w.rid, d.Title, d.Body, d.Author, d.Source, d.Tags, w.meta); err != nil {
			return fmt.Errorf("index rid %d: %w", w.rid, err)
		}
	}
	u.pending = u.pending[:0]
	return nil
}

// Reindex replaces the index document of an article.
func (s *Store) Reindex(ctx context.Context, id string, doc *news.IndexDoc) error {
	doc = cleanDoc(doc)
	return s.write(ctx, "reindex "+id, func(tx *sql.Tx) error {
		var rid int64
		var source, lang string
		err := tx.QueryRowContext(ctx, `SELECT rid, source_id, language FROM articles WHERE id = ?`, id).Scan(&rid, &source, &lang)
		if errors.Is(err, sql.ErrNoRows) {
			return news.Errorf(news.ENOTFOUND, "article %q not found", id)
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE article_fts SET title = ?, body = ?, author = ?, source = ?, tags = ?, meta = ? WHERE rowid = ?`,
			doc.Title, doc.Body, doc.Author, doc.Source, doc.Tags, metaTokens(source, lang), rid)
		return err
	})
}

// cleanDoc returns the document to index: empty for nil, invalid UTF-8
// dropped (see validUTF8).
func cleanDoc(d *news.IndexDoc) *news.IndexDoc {
	if d == nil {
		return &news.IndexDoc{}
	}
	return &news.IndexDoc{Title: validUTF8(d.Title), Body: validUTF8(d.Body), Author: validUTF8(d.Author),
		Source: validUTF8(d.Source), Tags: validUTF8(d.Tags)}
}
