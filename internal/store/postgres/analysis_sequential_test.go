package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/textkey"
)

// The row-at-a-time saveAnalysis the set-based one replaced, kept verbatim
// as the reference its results are compared with (see
// TestSaveAnalysisMatchesSequential) and as the benchmark's baseline.

// SaveAnalysisSequential is SaveAnalysis with the reference writer.
func (s *Store) SaveAnalysisSequential(ctx context.Context, as []news.Analysis, stories []news.StoryUpdate) error {
	return s.write(ctx, "save analysis", func(tx pgx.Tx) error {
		if err := saveAnalysisSequential(ctx, tx, as, stories); err != nil {
			return err
		}
		return dequeueAnalysed(ctx, tx, as)
	})
}

func saveAnalysisSequential(ctx context.Context, tx pgx.Tx, as []news.Analysis, stories []news.StoryUpdate) error {
	for _, su := range stories {
		if su.MergedInto == "" {
			if err := putStorySequential(ctx, tx, &su.Story); err != nil {
				return fmt.Errorf("story %s: %w", su.Story.ID, err)
			}
		}
	}
	for i := range as {
		if err := saveOneSequential(ctx, tx, &as[i]); err != nil {
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

func putStorySequential(ctx context.Context, tx pgx.Tx, st *news.Story) error {
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

func saveOneSequential(ctx context.Context, tx pgx.Tx, an *news.Analysis) error {
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
