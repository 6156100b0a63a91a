package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/textkey"
)

// analysisWriter saves newsroom output inside one write transaction. Its
// statements are prepared once per transaction (a batch saves thousands of
// rows), and it writes only what changed: most analyses in a batch are
// older articles whose related list moved by one entry, with the same
// story, flags and hashtags as before. An unchanged row is read, never
// rewritten; rewriting an article row would copy its whole body.
type analysisWriter struct {
	getArticle, setArticle                     *sql.Stmt
	getTags, uncountTags, delTags, insTag, tag *sql.Stmt
	getRelated, putRelated, trimRelated        *sql.Stmt
	putStory                                   *sql.Stmt
}

func newAnalysisWriter(ctx context.Context, tx *sql.Tx) (*analysisWriter, error) {
	w := &analysisWriter{}
	for _, p := range []struct {
		st **sql.Stmt
		q  string
	}{
		{&w.getArticle, `SELECT published_at, duplicate_of, wire_agency, story_id FROM articles WHERE id = ?`},
		{&w.setArticle, `UPDATE articles SET duplicate_of = ?, wire_agency = ?, story_id = ? WHERE id = ?`},
		{&w.getTags, `SELECT tag FROM article_hashtags WHERE article_id = ? ORDER BY position`},
		// Keep hashtags' article counts exact: un-count the old set, count the new.
		{&w.uncountTags, `UPDATE hashtags SET articles = articles - 1
			WHERE tag IN (SELECT tag FROM article_hashtags WHERE article_id = ?)`},
		{&w.delTags, `DELETE FROM article_hashtags WHERE article_id = ?`},
		{&w.insTag, `INSERT INTO article_hashtags (article_id, tag, position, published_at) VALUES (?, ?, ?, ?)`},
		{&w.tag, `INSERT INTO hashtags (tag, tag_key, articles) VALUES (?, ?, 1)
			ON CONFLICT(tag) DO UPDATE SET articles = articles + 1`},
		{&w.getRelated, `SELECT related_id, reason, shared, same_story, score FROM related WHERE article_id = ? ORDER BY rank`},
		{&w.putRelated, `INSERT INTO related (article_id, rank, related_id, reason, shared, same_story, score)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT(article_id, rank) DO UPDATE SET related_id = excluded.related_id, reason = excluded.reason,
				shared = excluded.shared, same_story = excluded.same_story, score = excluded.score`},
		{&w.trimRelated, `DELETE FROM related WHERE article_id = ? AND rank >= ?`},
		{&w.putStory, `INSERT INTO stories (id, headline, lead_article_id, first_reported_at, first_source_id,
				last_updated_at, size, sources, hashtags, language)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce((SELECT language FROM articles WHERE id = ?), ''))
			ON CONFLICT(id) DO UPDATE SET headline = excluded.headline, lead_article_id = excluded.lead_article_id,
				first_reported_at = excluded.first_reported_at, first_source_id = excluded.first_source_id,
				last_updated_at = excluded.last_updated_at, size = excluded.size, sources = excluded.sources,
				hashtags = excluded.hashtags, language = excluded.language`},
	} {
		st, err := tx.PrepareContext(ctx, p.q)
		if err != nil {
			w.close()
			return nil, fmt.Errorf("prepare: %w", err)
		}
		*p.st = st
	}
	return w, nil
}

func (w *analysisWriter) close() {
	for _, st := range []*sql.Stmt{w.getArticle, w.setArticle, w.getTags, w.uncountTags, w.delTags, w.insTag, w.tag,
		w.getRelated, w.putRelated, w.trimRelated, w.putStory} {
		if st != nil {
			st.Close()
		}
	}
}

func (w *analysisWriter) story(ctx context.Context, st *news.Story) error {
	if st.ID == "" {
		return news.Errorf(news.EINVALID, "story id is required")
	}
	srcs, err := json.Marshal(nonNil(st.Sources))
	if err != nil {
		return err
	}
	tags, err := json.Marshal(nonNil(st.Hashtags))
	if err != nil {
		return err
	}
	_, err = w.putStory.ExecContext(ctx, st.ID, st.Headline, st.LeadArticleID, toMicros(st.FirstReportedAt), st.FirstSourceID,
		toMicros(st.LastUpdatedAt), st.Size, string(srcs), string(tags), st.LeadArticleID)
	return err
}

// save writes one article's analysis: its derived columns, hashtags and
// related list, each only if it differs from what is stored.
func (w *analysisWriter) save(ctx context.Context, an *news.Analysis) error {
	var published int64
	var dup, wire, storyID string
	err := w.getArticle.QueryRowContext(ctx, an.ArticleID).Scan(&published, &dup, &wire, &storyID)
	if errors.Is(err, sql.ErrNoRows) {
		return news.Errorf(news.ENOTFOUND, "analysis for unknown article %q", an.ArticleID)
	}
	if err != nil {
		return fmt.Errorf("article %s: %w", an.ArticleID, err)
	}
	if dup != an.DuplicateOf || wire != an.WireAgency || storyID != an.StoryID {
		if _, err := w.setArticle.ExecContext(ctx, an.DuplicateOf, an.WireAgency, an.StoryID, an.ArticleID); err != nil {
			return fmt.Errorf("article %s: %w", an.ArticleID, err)
		}
	}
	if err := w.hashtags(ctx, an.ArticleID, published, distinctTags(an.Hashtags)); err != nil {
		return fmt.Errorf("article %s hashtags: %w", an.ArticleID, err)
	}
	if err := w.related(ctx, an.ArticleID, an.Related); err != nil {
		return fmt.Errorf("article %s related: %w", an.ArticleID, err)
	}
	return nil
}

// distinctTags drops empty and repeated tags, keeping first positions.
func distinctTags(tags []string) []string {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func (w *analysisWriter) hashtags(ctx context.Context, id string, published int64, tags []string) error {
	old, err := queryStrings(ctx, w.getTags, id)
	if err != nil {
		return err
	}
	if slices.Equal(old, tags) {
		return nil
	}
	if len(old) > 0 {
		if _, err := w.uncountTags.ExecContext(ctx, id); err != nil {
			return err
		}
		if _, err := w.delTags.ExecContext(ctx, id); err != nil {
			return err
		}
	}
	for i, t := range tags {
		if _, err := w.insTag.ExecContext(ctx, id, t, i, published); err != nil {
			return fmt.Errorf("%q: %w", t, err)
		}
		if _, err := w.tag.ExecContext(ctx, t, textkey.Key(t)); err != nil {
			return fmt.Errorf("%q: %w", t, err)
		}
	}
	return nil
}

type relatedRow struct {
	id, reason, shared string
	same               bool
	score              float64
}

// related rewrites only the ranks whose entry changed and drops ranks past
// the new list's end.
func (w *analysisWriter) related(ctx context.Context, id string, rel []news.Related) error {
	rows, err := w.getRelated.QueryContext(ctx, id)
	if err != nil {
		return err
	}
	var old []relatedRow
	for rows.Next() {
		var r relatedRow
		if err := rows.Scan(&r.id, &r.reason, &r.shared, &r.same, &r.score); err != nil {
			rows.Close()
			return err
		}
		old = append(old, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for i, r := range rel {
		shared, err := json.Marshal(nonNil(r.Shared))
		if err != nil {
			return err
		}
		row := relatedRow{r.ArticleID, r.Reason, string(shared), r.SameStory, r.Score}
		if i < len(old) && old[i] == row {
			continue
		}
		if _, err := w.putRelated.ExecContext(ctx, id, i, row.id, row.reason, row.shared, row.same, row.score); err != nil {
			return fmt.Errorf("%s: %w", r.ArticleID, err)
		}
	}
	if len(old) > len(rel) {
		if _, err := w.trimRelated.ExecContext(ctx, id, len(rel)); err != nil {
			return err
		}
	}
	return nil
}

func queryStrings(ctx context.Context, st *sql.Stmt, args ...any) ([]string, error) {
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// compactAnalysis drops the states a later entry of the same call
// supersedes: an article's analysis replaces the previous one wholesale and
// a story's state likewise, so only the last of each is written. Merges
// keep their order; they apply after every state, as before compaction.
func compactAnalysis(as []news.Analysis, ss []news.StoryUpdate) ([]news.Analysis, []news.StoryUpdate) {
	if len(as) > 1 {
		last := make(map[string]int, len(as))
		for i := range as {
			last[as[i].ArticleID] = i
		}
		if len(last) < len(as) {
			out := make([]news.Analysis, 0, len(last))
			for i := range as {
				if last[as[i].ArticleID] == i {
					out = append(out, as[i])
				}
			}
			as = out
		}
	}
	if len(ss) > 1 {
		last := make(map[string]int, len(ss))
		for i := range ss {
			if ss[i].MergedInto == "" {
				last[ss[i].Story.ID] = i
			}
		}
		out := make([]news.StoryUpdate, 0, len(ss))
		for i := range ss {
			if ss[i].MergedInto != "" || last[ss[i].Story.ID] == i {
				out = append(out, ss[i])
			}
		}
		ss = out
	}
	return as, ss
}
