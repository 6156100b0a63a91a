package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/textkey"
	"github.com/nashra/nashra/internal/store/trend"
)

// SaveAnalysis stores what the newsroom derived, in one transaction: story
// states, then each article's derived columns, hashtags and related list
// (replaced wholesale), then merges.
func (s *Store) SaveAnalysis(ctx context.Context, as []news.Analysis, stories []news.StoryUpdate) error {
	return s.write(ctx, "save analysis", func(tx pgx.Tx) error {
		if err := saveAnalysis(ctx, tx, as, stories); err != nil {
			return err
		}
		// Analysed inline (import, demo, migration): no longer waiting
		// for the newsroom leader (see queue.go).
		return dequeueAnalysed(ctx, tx, as)
	})
}

// saveAnalysis is SaveAnalysis inside a caller's transaction, shared with
// CompleteAnalysis.
func saveAnalysis(ctx context.Context, tx pgx.Tx, as []news.Analysis, stories []news.StoryUpdate) error {
	for _, su := range stories {
		if su.MergedInto == "" {
			if err := putStory(ctx, tx, &su.Story); err != nil {
				return fmt.Errorf("story %s: %w", su.Story.ID, err)
			}
		}
	}
	for i := range as {
		if err := saveOne(ctx, tx, &as[i]); err != nil {
			return err
		}
	}
	for _, su := range stories {
		if su.MergedInto == "" {
			continue
		}
		if su.MergedInto == su.Story.ID {
			return news.Errorf(news.EINVALID, "story %s cannot merge into itself", su.Story.ID)
		}
		if _, err := tx.Exec(ctx, `UPDATE articles SET story_id = $1 WHERE story_id = $2`, txt(su.MergedInto), txt(su.Story.ID)); err != nil {
			return fmt.Errorf("merge story %s into %s: %w", su.Story.ID, su.MergedInto, err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM stories WHERE id = $1`, txt(su.Story.ID)); err != nil {
			return fmt.Errorf("merge story %s into %s: %w", su.Story.ID, su.MergedInto, err)
		}
	}
	return nil
}

func putStory(ctx context.Context, tx pgx.Tx, st *news.Story) error {
	if st.ID == "" {
		return news.Errorf(news.EINVALID, "story id is required")
	}
	_, err := tx.Exec(ctx, `INSERT INTO stories (id, headline, lead_article_id, first_reported_at, first_source_id,
			last_updated_at, size, sources, hashtags, language)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce((SELECT language FROM articles WHERE id = $3), ''))
		ON CONFLICT (id) DO UPDATE SET headline = excluded.headline, lead_article_id = excluded.lead_article_id,
			first_reported_at = excluded.first_reported_at, first_source_id = excluded.first_source_id,
			last_updated_at = excluded.last_updated_at, size = excluded.size, sources = excluded.sources,
			hashtags = excluded.hashtags, language = excluded.language`,
		txt(st.ID), txt(st.Headline), txt(st.LeadArticleID), ts(st.FirstReportedAt), txt(st.FirstSourceID),
		ts(st.LastUpdatedAt), st.Size, nonNil(txts(st.Sources)), nonNil(txts(st.Hashtags)))
	return err
}

func saveOne(ctx context.Context, tx pgx.Tx, an *news.Analysis) error {
	id := txt(an.ArticleID)
	var published time.Time
	err := tx.QueryRow(ctx, `UPDATE articles SET duplicate_of = $2, wire_agency = $3, story_id = $4
		WHERE id = $1 RETURNING published_at`, id, txt(an.DuplicateOf), txt(an.WireAgency), txt(an.StoryID)).Scan(&published)
	if errors.Is(err, pgx.ErrNoRows) {
		return news.Errorf(news.ENOTFOUND, "analysis for unknown article %q", an.ArticleID)
	}
	if err != nil {
		return fmt.Errorf("article %s: %w", an.ArticleID, err)
	}
	// Keep hashtags' article counts exact: un-count the old set, count the new.
	if _, err := tx.Exec(ctx, `UPDATE hashtags SET articles = articles - 1
		WHERE tag IN (SELECT tag FROM article_hashtags WHERE article_id = $1)`, id); err != nil {
		return fmt.Errorf("article %s hashtags: %w", an.ArticleID, err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM article_hashtags WHERE article_id = $1`, id); err != nil {
		return fmt.Errorf("article %s hashtags: %w", an.ArticleID, err)
	}
	seen := map[string]bool{}
	for _, tag := range an.Hashtags {
		tag = txt(tag)
		if tag == "" || seen[tag] {
			continue
		}
		seen[tag] = true
		if _, err := tx.Exec(ctx, `INSERT INTO article_hashtags (article_id, tag, position, published_at) VALUES ($1, $2, $3, $4)`,
			id, tag, len(seen)-1, published); err != nil {
			return fmt.Errorf("article %s hashtag %q: %w", an.ArticleID, tag, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO hashtags (tag, tag_key, articles) VALUES ($1, $2, 1)
			ON CONFLICT (tag) DO UPDATE SET articles = hashtags.articles + 1`, tag, textkey.Key(tag)); err != nil {
			return fmt.Errorf("article %s hashtag %q: %w", an.ArticleID, tag, err)
		}
	}
	if _, err := tx.Exec(ctx, `DELETE FROM related WHERE article_id = $1`, id); err != nil {
		return fmt.Errorf("article %s related: %w", an.ArticleID, err)
	}
	for i, r := range an.Related {
		if _, err := tx.Exec(ctx, `INSERT INTO related (article_id, rank, related_id, reason, shared, same_story, score)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, id, i, txt(r.ArticleID), txt(r.Reason), nonNil(txts(r.Shared)), r.SameStory, r.Score); err != nil {
			return fmt.Errorf("article %s related %s: %w", an.ArticleID, r.ArticleID, err)
		}
	}
	return nil
}

const storyCols = `id, headline, lead_article_id, first_reported_at, first_source_id, last_updated_at, size, sources, hashtags`

func scanStory(row pgx.Row) (news.Story, error) {
	var st news.Story
	err := row.Scan(&st.ID, &st.Headline, &st.LeadArticleID, &st.FirstReportedAt, &st.FirstSourceID, &st.LastUpdatedAt,
		&st.Size, &st.Sources, &st.Hashtags)
	st.FirstReportedAt, st.LastUpdatedAt = fromTS(st.FirstReportedAt), fromTS(st.LastUpdatedAt)
	return st, err
}

// Story returns one story.
func (s *Store) Story(ctx context.Context, id string) (*news.Story, error) {
	st, err := scanStory(s.pool.QueryRow(ctx, `SELECT `+storyCols+` FROM stories WHERE id = $1`, txt(id)))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, news.Errorf(news.ENOTFOUND, "story %q not found", id)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: story %s: %w", id, err)
	}
	return &st, nil
}

// Stories lists stories by size weighted by freshness, size * 24h /
// (24h + age) with age measured from the newest story update (see the
// SQLite store).
func (s *Store) Stories(ctx context.Context, f news.StoryFilter) ([]news.Story, error) {
	since := epoch.Add(-1 << 62)
	if !f.Since.IsZero() {
		since = ts(f.Since)
	}
	rows, err := s.pool.Query(ctx, `SELECT `+storyCols+` FROM stories,
			(SELECT coalesce(max(last_updated_at), 'epoch') AS ref FROM stories) r
		WHERE last_updated_at > $1 AND size >= $2 AND ($3 = '' OR language = $3)
		ORDER BY size * 86400.0 / (86400.0 + greatest(extract(epoch FROM r.ref - last_updated_at), 0)) DESC,
			last_updated_at DESC, id
		LIMIT $4 OFFSET $5`,
		since, f.MinSize, txt(f.Language), clampLimit(f.Limit), max(f.Offset, 0))
	if err != nil {
		return nil, fmt.Errorf("postgres: stories: %w", err)
	}
	defer rows.Close()
	var out []news.Story
	for rows.Next() {
		st, err := scanStory(rows)
		if err != nil {
			return nil, fmt.Errorf("postgres: stories: %w", err)
		}
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: stories: %w", err)
	}
	return out, nil
}

// Related returns the precomputed related list joined with the related
// articles' current data; entries whose article is gone are skipped.
func (s *Store) Related(ctx context.Context, articleID string) ([]news.Related, error) {
	id := txt(articleID)
	rows, err := s.pool.Query(ctx, `SELECT r.related_id, a.title, a.source_id,
			coalesce(nullif(src.name_ar, ''), nullif(src.name_en, ''), a.source_id),
			a.published_at, a.excerpt, r.reason, r.shared, r.same_story, r.score
		FROM related r JOIN articles a ON a.id = r.related_id
		LEFT JOIN sources src ON src.id = a.source_id
		WHERE r.article_id = $1 ORDER BY r.rank`, id)
	if err != nil {
		return nil, fmt.Errorf("postgres: related %s: %w", articleID, err)
	}
	defer rows.Close()
	var out []news.Related
	for rows.Next() {
		var r news.Related
		if err := rows.Scan(&r.ArticleID, &r.Title, &r.SourceID, &r.SourceName, &r.PublishedAt, &r.Excerpt, &r.Reason,
			&r.Shared, &r.SameStory, &r.Score); err != nil {
			return nil, fmt.Errorf("postgres: related %s: %w", articleID, err)
		}
		r.PublishedAt = fromTS(r.PublishedAt)
		if len(r.Shared) == 0 {
			r.Shared = nil
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: related %s: %w", articleID, err)
	}
	if len(out) == 0 {
		var exists bool
		if err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM articles WHERE id = $1)`, id).Scan(&exists); err != nil {
			return nil, fmt.Errorf("postgres: related %s: %w", articleID, err)
		}
		if !exists {
			return nil, news.Errorf(news.ENOTFOUND, "article %q not found", articleID)
		}
	}
	return out, nil
}

// TrendingHashtags counts each tag's articles in the recent window and the
// trend.BaselineWindows windows before it, and ranks them with trend.Rank.
func (s *Store) TrendingHashtags(ctx context.Context, now time.Time, window time.Duration, limit int) ([]news.HashtagTrend, error) {
	if window <= 0 {
		return nil, news.Errorf(news.EINVALID, "trending window must be positive")
	}
	recentStart := now.Add(-window)
	baseStart := recentStart.Add(-trend.BaselineWindows * window)
	rows, err := s.pool.Query(ctx, `SELECT tag, count(*) FILTER (WHERE published_at >= $1), count(*) FILTER (WHERE published_at < $1)
		FROM article_hashtags WHERE published_at >= $2 AND published_at < $3
		GROUP BY tag`, ts(recentStart), ts(baseStart), ts(now))
	if err != nil {
		return nil, fmt.Errorf("postgres: trending hashtags: %w", err)
	}
	defer rows.Close()
	var counts []trend.Count
	for rows.Next() {
		var c trend.Count
		if err := rows.Scan(&c.Tag, &c.Recent, &c.Before); err != nil {
			return nil, fmt.Errorf("postgres: trending hashtags: %w", err)
		}
		counts = append(counts, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: trending hashtags: %w", err)
	}
	return trend.Rank(counts, limit), nil
}
