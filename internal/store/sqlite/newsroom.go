package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/trend"
)

// SaveAnalysis stores what the newsroom derived, in one transaction: story
// states first (so articles can point at them), then each article's derived
// columns, hashtags and related list (replaced wholesale), then merges,
// which move the absorbed story's articles to the survivor and delete it.
func (s *Store) SaveAnalysis(ctx context.Context, as []news.Analysis, stories []news.StoryUpdate) error {
	return s.write(ctx, "save analysis", func(tx *sql.Tx) error {
		if err := saveAnalysis(ctx, tx, as, stories); err != nil {
			return err
		}
		// Analysed inline (import, demo, migration): no longer waiting
		// for the newsroom leader (see queue.go).
		return dequeueAnalysed(ctx, tx, as)
	})
}

// saveAnalysis is SaveAnalysis inside a caller's transaction, shared with
// CompleteAnalysis; see analysisWriter for what it skips.
func saveAnalysis(ctx context.Context, tx *sql.Tx, as []news.Analysis, stories []news.StoryUpdate) error {
	as, stories = compactAnalysis(as, stories)
	w, err := newAnalysisWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	for _, su := range stories {
		if su.MergedInto == "" {
			if err := w.story(ctx, &su.Story); err != nil {
				return fmt.Errorf("story %s: %w", su.Story.ID, err)
			}
		}
	}
	for i := range as {
		if err := w.save(ctx, &as[i]); err != nil {
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
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET story_id = ? WHERE story_id = ?`, su.MergedInto, su.Story.ID); err != nil {
			return fmt.Errorf("merge story %s into %s: %w", su.Story.ID, su.MergedInto, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM stories WHERE id = ?`, su.Story.ID); err != nil {
			return fmt.Errorf("merge story %s into %s: %w", su.Story.ID, su.MergedInto, err)
		}
	}
	return nil
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

const storyCols = `id, headline, lead_article_id, first_reported_at, first_source_id, last_updated_at, size, sources, hashtags`

func scanStory(sc scanner) (news.Story, error) {
	var st news.Story
	var first, last int64
	var srcs, tags string
	if err := sc.Scan(&st.ID, &st.Headline, &st.LeadArticleID, &first, &st.FirstSourceID, &last, &st.Size, &srcs, &tags); err != nil {
		return st, err
	}
	st.FirstReportedAt, st.LastUpdatedAt = fromMicros(first), fromMicros(last)
	if err := json.Unmarshal([]byte(srcs), &st.Sources); err != nil {
		return st, fmt.Errorf("story %s sources: %w", st.ID, err)
	}
	if err := json.Unmarshal([]byte(tags), &st.Hashtags); err != nil {
		return st, fmt.Errorf("story %s hashtags: %w", st.ID, err)
	}
	return st, nil
}

// Story returns one story.
func (s *Store) Story(ctx context.Context, id string) (*news.Story, error) {
	st, err := scanStory(s.r.QueryRowContext(ctx, `SELECT `+storyCols+` FROM stories WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, news.Errorf(news.ENOTFOUND, "story %q not found", id)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: story %s: %w", id, err)
	}
	return &st, nil
}

// Stories lists stories by size weighted by freshness:
// size * 24h / (24h + age), where age is measured from the newest story
// update in the database rather than the wall clock, so a replayed
// archive ranks the same as a live feed.
func (s *Store) Stories(ctx context.Context, f news.StoryFilter) ([]news.Story, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+storyCols+` FROM stories,
			(SELECT coalesce(max(last_updated_at), 0) AS ref FROM stories) r
		WHERE last_updated_at > ? AND size >= ? AND (? = '' OR language = ?)
		ORDER BY size * 86400000000.0 / (86400000000.0 + max(r.ref - last_updated_at, 0)) DESC,
			last_updated_at DESC, id
		LIMIT ? OFFSET ?`,
		sinceMicros(f.Since), f.MinSize, f.Language, f.Language, clampLimit(f.Limit), max(f.Offset, 0))
	if err != nil {
		return nil, fmt.Errorf("sqlite: stories: %w", err)
	}
	defer rows.Close()
	var out []news.Story
	for rows.Next() {
		st, err := scanStory(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: stories: %w", err)
		}
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: stories: %w", err)
	}
	return out, nil
}

func sinceMicros(t time.Time) int64 {
	if t.IsZero() {
		return -1 << 63
	}
	return toMicros(t)
}

// Related returns the precomputed related list, joined with the related
// articles' current titles and sources; entries whose article is gone are
// skipped.
func (s *Store) Related(ctx context.Context, articleID string) ([]news.Related, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT r.related_id, a.title, a.source_id,
			coalesce(nullif(src.name_ar, ''), nullif(src.name_en, ''), a.source_id),
			a.published_at, a.excerpt, r.reason, r.shared, r.same_story, r.score
		FROM related r JOIN articles a ON a.id = r.related_id
		LEFT JOIN sources src ON src.id = a.source_id
		WHERE r.article_id = ? ORDER BY r.rank`, articleID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: related %s: %w", articleID, err)
	}
	defer rows.Close()
	var out []news.Related
	for rows.Next() {
		var r news.Related
		var pub int64
		var shared string
		if err := rows.Scan(&r.ArticleID, &r.Title, &r.SourceID, &r.SourceName, &pub, &r.Excerpt, &r.Reason, &shared,
			&r.SameStory, &r.Score); err != nil {
			return nil, fmt.Errorf("sqlite: related %s: %w", articleID, err)
		}
		r.PublishedAt = fromMicros(pub)
		if err := json.Unmarshal([]byte(shared), &r.Shared); err != nil {
			return nil, fmt.Errorf("sqlite: related %s shared: %w", articleID, err)
		}
		if len(r.Shared) == 0 {
			r.Shared = nil
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: related %s: %w", articleID, err)
	}
	if len(out) == 0 {
		var one int
		err := s.r.QueryRowContext(ctx, `SELECT 1 FROM articles WHERE id = ?`, articleID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, news.Errorf(news.ENOTFOUND, "article %q not found", articleID)
		}
		if err != nil {
			return nil, fmt.Errorf("sqlite: related %s: %w", articleID, err)
		}
	}
	return out, nil
}

// TrendingHashtags counts each tag's articles in the recent window and in
// the trend.BaselineWindows windows before it, in one index range scan,
// and ranks them with trend.Rank.
func (s *Store) TrendingHashtags(ctx context.Context, now time.Time, window time.Duration, limit int) ([]news.HashtagTrend, error) {
	if window <= 0 {
		return nil, news.Errorf(news.EINVALID, "trending window must be positive")
	}
	recentStart := now.Add(-window)
	baseStart := recentStart.Add(-trend.BaselineWindows * window)
	rows, err := s.r.QueryContext(ctx, `SELECT tag, sum(published_at >= ?), sum(published_at < ?)
		FROM article_hashtags WHERE published_at >= ? AND published_at < ?
		GROUP BY tag`, toMicros(recentStart), toMicros(recentStart), toMicros(baseStart), toMicros(now))
	if err != nil {
		return nil, fmt.Errorf("sqlite: trending hashtags: %w", err)
	}
	defer rows.Close()
	var counts []trend.Count
	for rows.Next() {
		var c trend.Count
		if err := rows.Scan(&c.Tag, &c.Recent, &c.Before); err != nil {
			return nil, fmt.Errorf("sqlite: trending hashtags: %w", err)
		}
		counts = append(counts, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: trending hashtags: %w", err)
	}
	return trend.Rank(counts, limit), nil
}
