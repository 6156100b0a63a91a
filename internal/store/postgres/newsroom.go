package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
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
// CompleteAnalysis. A leader's batch holds thousands of rows (related
// lists, hashtags, re-analyses of older articles), so it is written with a
// fixed number of set-based statements, pipelined in one round trip,
// whatever the batch's size: stories first, then the articles' columns,
// hashtags and related lists, then merges, as a row-at-a-time writer would
// apply them in order.
func saveAnalysis(ctx context.Context, tx pgx.Tx, as []news.Analysis, stories []news.StoryUpdate) error {
	plan, err := planStories(stories)
	if err != nil {
		return err
	}
	p := &pipeline{}
	queuePuts(p, plan.puts)
	queueAnalyses(p, lastAnalyses(as))
	if plan.mergeErr == nil {
		queueMerges(p, plan.merges)
	}
	if err := p.run(ctx, tx, as); err != nil {
		return err
	}
	return plan.mergeErr
}

// pipeline is a batch of statements with what each writes, for errors.
type pipeline struct {
	b     pgx.Batch
	steps []string
}

// unknownStep names the statement that returns the IDs of analysed
// articles that do not exist.
const unknownStep = "articles"

func (p *pipeline) queue(step, sql string, args ...any) {
	p.b.Queue(sql, args...)
	p.steps = append(p.steps, step)
}

// run sends the batch and checks its results in queue order, so an
// unknown article is reported before whatever the statements after it
// made of its absence (foreign-key violations).
func (p *pipeline) run(ctx context.Context, tx pgx.Tx, as []news.Analysis) error {
	if len(p.steps) == 0 {
		return nil
	}
	br := tx.SendBatch(ctx, &p.b)
	err := p.check(br, as)
	if cerr := br.Close(); err == nil && cerr != nil {
		err = cerr
	}
	return err
}

func (p *pipeline) check(br pgx.BatchResults, as []news.Analysis) error {
	for _, step := range p.steps {
		if step != unknownStep {
			if _, err := br.Exec(); err != nil {
				return fmt.Errorf("%s: %w", step, err)
			}
			continue
		}
		rows, err := br.Query()
		if err != nil {
			return fmt.Errorf("%s: %w", step, err)
		}
		missing, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return fmt.Errorf("%s: %w", step, err)
		}
		if len(missing) > 0 {
			return unknownArticle(as, missing)
		}
	}
	return nil
}

// unknownArticle names the first analysis, in the caller's order, whose
// article is missing: the one a row-at-a-time writer would have stopped at.
func unknownArticle(as []news.Analysis, missing []string) error {
	gone := make(map[string]bool, len(missing))
	for _, id := range missing {
		gone[id] = true
	}
	for i := range as {
		if gone[txt(as[i].ArticleID)] {
			return news.Errorf(news.ENOTFOUND, "analysis for unknown article %q", as[i].ArticleID)
		}
	}
	return news.Errorf(news.ENOTFOUND, "analysis for unknown article %q", missing[0])
}

// storyPlan is a batch's story updates made set-based.
type storyPlan struct {
	// puts holds each story's last state: one INSERT cannot upsert a row
	// twice, and the last state is what a sequence of puts leaves.
	puts []*news.Story
	// merges maps each absorbed story to where its articles end up once
	// every merge has applied in order.
	merges map[string]string
	// mergeErr is a self-merge, reported after the analyses' errors as it
	// would be met after them.
	mergeErr error
}

func planStories(stories []news.StoryUpdate) (storyPlan, error) {
	var plan storyPlan
	lastPut := map[string]int{}
	var mergeOrder []news.StoryUpdate
	for i := range stories {
		su := &stories[i]
		if su.MergedInto != "" {
			mergeOrder = append(mergeOrder, *su)
			continue
		}
		if su.Story.ID == "" {
			return plan, fmt.Errorf("story %s: %w", su.Story.ID, news.Errorf(news.EINVALID, "story id is required"))
		}
		lastPut[txt(su.Story.ID)] = i
	}
	for i := range stories {
		if stories[i].MergedInto == "" && lastPut[txt(stories[i].Story.ID)] == i {
			plan.puts = append(plan.puts, &stories[i].Story)
		}
	}
	for _, su := range mergeOrder {
		if su.MergedInto == su.Story.ID {
			plan.mergeErr = news.Errorf(news.EINVALID, "story %s cannot merge into itself", su.Story.ID)
			return plan, nil
		}
	}
	// Each merge moves the articles the absorbed story has at that point,
	// including those earlier merges moved into it, so an article's final
	// story follows the merges, in order, from its story at the start.
	plan.merges = make(map[string]string, len(mergeOrder))
	for _, su := range mergeOrder {
		from := txt(su.Story.ID)
		if _, ok := plan.merges[from]; ok {
			continue
		}
		cur := from
		for _, m := range mergeOrder {
			if cur == txt(m.Story.ID) {
				cur = txt(m.MergedInto)
			}
		}
		plan.merges[from] = cur
	}
	return plan, nil
}

// lastAnalyses keeps each article's last analysis in the batch: an older
// article re-analysed twice in one batch ends with its second related
// list, and one set-based statement cannot write a row twice.
func lastAnalyses(as []news.Analysis) []*news.Analysis {
	last := make(map[string]int, len(as))
	for i := range as {
		last[txt(as[i].ArticleID)] = i
	}
	out := make([]*news.Analysis, 0, len(last))
	for i := range as {
		if last[txt(as[i].ArticleID)] == i {
			out = append(out, &as[i])
		}
	}
	return out
}

func queuePuts(p *pipeline, puts []*news.Story) {
	if len(puts) == 0 {
		return
	}
	n := len(puts)
	ids, heads, leads, firstSrcs := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	firsts, lasts := make([]time.Time, n), make([]time.Time, n)
	sizes := make([]int64, n)
	srcs, tags := make([]string, n), make([]string, n)
	for i, st := range puts {
		ids[i], heads[i], leads[i], firstSrcs[i] = txt(st.ID), txt(st.Headline), txt(st.LeadArticleID), txt(st.FirstSourceID)
		firsts[i], lasts[i], sizes[i] = ts(st.FirstReportedAt), ts(st.LastUpdatedAt), int64(st.Size)
		srcs[i], tags[i] = arrayLiteral(st.Sources), arrayLiteral(st.Hashtags)
	}
	p.queue("stories", `INSERT INTO stories (id, headline, lead_article_id, first_reported_at, first_source_id,
			last_updated_at, size, sources, hashtags, language)
		SELECT u.id, u.headline, u.lead, u.first_at, u.first_src, u.last_at, u.size, u.sources::text[], u.hashtags::text[],
			coalesce((SELECT language FROM articles WHERE id = u.lead), '')
		FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::timestamptz[], $7::int8[],
			$8::text[], $9::text[]) AS u(id, headline, lead, first_at, first_src, last_at, size, sources, hashtags)
		ON CONFLICT (id) DO UPDATE SET headline = excluded.headline, lead_article_id = excluded.lead_article_id,
			first_reported_at = excluded.first_reported_at, first_source_id = excluded.first_source_id,
			last_updated_at = excluded.last_updated_at, size = excluded.size, sources = excluded.sources,
			hashtags = excluded.hashtags, language = excluded.language`,
		ids, heads, leads, firsts, firstSrcs, lasts, sizes, srcs, tags)
}

// analysisRows is a batch's analyses as column arrays, the shape unnest()
// reads: one entry per article, per hashtag and per related entry. Lists
// nested in a row (a related entry's shared terms) travel as text[]
// literals, since PostgreSQL arrays cannot be ragged.
type analysisRows struct {
	ids, dups, wires, storyIDs, tagLists []string
	relLens                              []int32

	tagIDs, tags []string
	positions    []int32
	keyTags      []string // each distinct tag once, with its key
	keyKeys      []string

	relIDs, relTo, relReasons, relShared []string
	relRanks                             []int32
	relSame                              []bool
	relScores                            []float64
}

func flattenAnalyses(as []*news.Analysis) *analysisRows {
	n := len(as)
	r := &analysisRows{ids: make([]string, n), dups: make([]string, n), wires: make([]string, n),
		storyIDs: make([]string, n), tagLists: make([]string, n), relLens: make([]int32, n)}
	keys := map[string]string{}
	for i, an := range as {
		id := txt(an.ArticleID)
		r.ids[i], r.dups[i], r.wires[i], r.storyIDs[i] = id, txt(an.DuplicateOf), txt(an.WireAgency), txt(an.StoryID)
		distinct := distinctTags(an.Hashtags)
		r.tagLists[i] = arrayLiteral(distinct)
		for pos, tag := range distinct {
			r.tagIDs, r.tags, r.positions = append(r.tagIDs, id), append(r.tags, tag), append(r.positions, int32(pos))
			if _, ok := keys[tag]; !ok {
				keys[tag] = textkey.Key(tag)
				r.keyTags, r.keyKeys = append(r.keyTags, tag), append(r.keyKeys, keys[tag])
			}
		}
		r.relLens[i] = int32(len(an.Related))
		for rank, rel := range an.Related {
			r.relIDs, r.relRanks, r.relTo = append(r.relIDs, id), append(r.relRanks, int32(rank)), append(r.relTo, txt(rel.ArticleID))
			r.relReasons, r.relShared = append(r.relReasons, txt(rel.Reason)), append(r.relShared, arrayLiteral(rel.Shared))
			r.relSame, r.relScores = append(r.relSame, rel.SameStory), append(r.relScores, rel.Score)
		}
	}
	return r
}

// queueAnalyses queues the statements that store the articles' analyses:
// the derived columns (returning the IDs of unknown articles), hashtags in
// two statements and the related lists. Rows that would be rewritten with
// their own values are left alone: most of a batch is older articles whose
// related list shifted, with the same story and hashtags as before, and an
// unchanged hashtag set must not rewrite the popular tags' counters.
func queueAnalyses(p *pipeline, as []*news.Analysis) {
	if len(as) == 0 {
		return
	}
	r := flattenAnalyses(as)
	p.queue(unknownStep, `WITH u AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(id, dup, wire, story)),
		upd AS (UPDATE articles a SET duplicate_of = u.dup, wire_agency = u.wire, story_id = u.story FROM u
			WHERE a.id = u.id AND (a.duplicate_of, a.wire_agency, a.story_id) <> (u.dup, u.wire, u.story))
		SELECT u.id FROM u WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = u.id)`,
		r.ids, r.dups, r.wires, r.storyIDs)
	// Keep hashtags' article counts exact: un-count the old set of every
	// article whose list changed, then count the new one.
	p.queue("hashtags (un-count)", `WITH changed AS (SELECT u.id FROM unnest($1::text[], $2::text[]) AS u(id, tags)
			WHERE u.tags::text[] <> coalesce((SELECT array_agg(h.tag ORDER BY h.position) FROM article_hashtags h
				WHERE h.article_id = u.id), '{}')),
		old AS (DELETE FROM article_hashtags h USING changed c WHERE h.article_id = c.id RETURNING h.tag)
		UPDATE hashtags t SET articles = t.articles - o.n FROM (SELECT tag, count(*) AS n FROM old GROUP BY tag) o
		WHERE t.tag = o.tag`,
		r.ids, r.tagLists)
	// An article still holding hashtags here kept the same list.
	p.queue("hashtags (count)", `WITH ins AS (INSERT INTO article_hashtags (article_id, tag, position, published_at)
			SELECT u.id, u.tag, u.pos, a.published_at
			FROM unnest($1::text[], $2::text[], $3::int4[]) AS u(id, tag, pos), articles a
			WHERE a.id = u.id AND NOT EXISTS (SELECT 1 FROM article_hashtags h WHERE h.article_id = u.id)
			RETURNING tag)
		INSERT INTO hashtags (tag, tag_key, articles)
		SELECT k.tag, k.key, c.n FROM (SELECT tag, count(*) AS n FROM ins GROUP BY tag) c,
			unnest($4::text[], $5::text[]) AS k(tag, key)
		WHERE k.tag = c.tag
		ORDER BY k.tag -- hot rows locked in one order by every writer
		ON CONFLICT (tag) DO UPDATE SET articles = hashtags.articles + excluded.articles`,
		r.tagIDs, r.tags, r.positions, r.keyTags, r.keyKeys)
	// Ranks past the new list's end go; the others are upserted, and a
	// rank whose entry did not move is not rewritten. Both touch disjoint
	// ranks, so their order within the statement does not matter.
	p.queue("related", `WITH trimmed AS (DELETE FROM related r USING unnest($1::text[], $2::int4[]) AS u(id, n)
			WHERE r.article_id = u.id AND r.rank >= u.n)
		INSERT INTO related AS r (article_id, rank, related_id, reason, shared, same_story, score)
		SELECT u.id, u.rank, u.related_id, u.reason, u.shared::text[], u.same_story, u.score
		FROM unnest($3::text[], $4::int4[], $5::text[], $6::text[], $7::text[], $8::bool[], $9::float8[])
			AS u(id, rank, related_id, reason, shared, same_story, score)
		ON CONFLICT (article_id, rank) DO UPDATE SET related_id = excluded.related_id, reason = excluded.reason,
			shared = excluded.shared, same_story = excluded.same_story, score = excluded.score
		WHERE (r.related_id, r.reason, r.shared, r.same_story, r.score)
			IS DISTINCT FROM (excluded.related_id, excluded.reason, excluded.shared, excluded.same_story, excluded.score)`,
		r.ids, r.relLens, r.relIDs, r.relRanks, r.relTo, r.relReasons, r.relShared, r.relSame, r.relScores)
}

// queueMerges moves every absorbed story's articles to where the merges,
// in order, take them, and deletes the absorbed stories.
func queueMerges(p *pipeline, merges map[string]string) {
	if len(merges) == 0 {
		return
	}
	var from, into, gone []string
	for f, t := range merges {
		gone = append(gone, f)
		if f != t {
			from, into = append(from, f), append(into, t)
		}
	}
	p.queue("merge stories", `UPDATE articles a SET story_id = m.dst FROM unnest($1::text[], $2::text[]) AS m(src, dst)
		WHERE a.story_id = m.src`, from, into)
	p.queue("merge stories", `DELETE FROM stories WHERE id = ANY($1::text[])`, gone)
}

// distinctTags drops empty and repeated tags, keeping first positions.
func distinctTags(tags []string) []string {
	out := make([]string, 0, len(tags))
	seen := make(map[string]bool, len(tags))
	for _, tag := range tags {
		tag = txt(tag)
		if tag != "" && !seen[tag] {
			seen[tag] = true
			out = append(out, tag)
		}
	}
	return out
}

// arrayLiteral spells xs as a text[] literal, for lists nested in rows
// passed as arrays (PostgreSQL arrays cannot be ragged): every element is
// quoted, so any text, "NULL" included, round-trips.
func arrayLiteral(xs []string) string {
	var sb strings.Builder
	sb.WriteByte('{')
	for i, x := range xs {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteByte('"')
		x = txt(x)
		for j := 0; j < len(x); j++ {
			if x[j] == '"' || x[j] == '\\' {
				sb.WriteByte('\\')
			}
			sb.WriteByte(x[j])
		}
		sb.WriteByte('"')
	}
	sb.WriteByte('}')
	return sb.String()
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
