package postgres

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/nashra/nashra/internal/news"
)

// What `nashra migrate-store` needs beyond news.Store (see
// news.MigrationStore): verbatim writes of crawl state and history, the
// analysis queue, and counts.

var _ news.MigrationStore = (*Store)(nil)

// RestoreFeedState writes a feed's crawl state as given and frees its lease.
func (s *Store) RestoreFeedState(ctx context.Context, f news.Feed) error {
	return s.write(ctx, "restore feed state", func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE feeds SET kind = $2, category = $3, interval_us = $4, next_poll_at = $5,
				etag = $6, last_modified = $7, gone = $8, last_polled_at = $9, last_success_at = $10,
				consecutive_failures = $11, last_error = $12, last_note = $13, lease_owner = '', lease_until = 'epoch'
			WHERE id = $1`,
			f.ID, txt(f.Kind), txt(f.Category), int64(f.Interval/time.Microsecond), ts(f.NextPollAt),
			txt(f.ETag), txt(f.LastModified), f.Gone, ts(f.LastPolledAt), ts(f.LastSuccessAt),
			f.ConsecutiveFailures, txt(f.LastError), txt(f.LastNote))
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return news.Errorf(news.ENOTFOUND, "feed %d not found", f.ID)
		}
		return nil
	})
}

// RestoreFetchLog replaces a feed's fetch log. Rows are copied in oldest
// first, so their identity values break ties between equal start times the
// way the original IDs did.
func (s *Store) RestoreFetchLog(ctx context.Context, feedID int64, entries []news.FetchLogEntry) error {
	rows := append([]news.FetchLogEntry(nil), entries...)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].StartedAt.After(rows[j].StartedAt) })
	return s.write(ctx, "restore fetch log", func(tx pgx.Tx) error {
		var sourceID string
		err := tx.QueryRow(ctx, `SELECT source_id FROM feeds WHERE id = $1`, feedID).Scan(&sourceID)
		if errors.Is(err, pgx.ErrNoRows) {
			return news.Errorf(news.ENOTFOUND, "feed %d not found", feedID)
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM fetch_log WHERE feed_id = $1`, feedID); err != nil {
			return err
		}
		// COPY: a busy feed keeps thousands of rows (14 days of polls).
		in := make([][]any, 0, len(rows))
		for i := len(rows) - 1; i >= 0; i-- {
			e := rows[i]
			in = append(in, []any{feedID, sourceID, txt(e.URL), ts(e.StartedAt), int64(e.Duration / time.Microsecond),
				int32(e.Status), txt(e.Err), txt(e.Note), int32(e.Items), int32(e.NewItems), e.Bytes})
		}
		_, err = tx.CopyFrom(ctx, pgx.Identifier{"fetch_log"},
			[]string{"feed_id", "source_id", "url", "started_at", "duration_us", "status", "error", "note", "items", "new_items", "bytes"},
			pgx.CopyFromRows(in))
		return err
	})
}

// QueuedArticleIDs returns the analysis queue in order.
func (s *Store) QueuedArticleIDs(ctx context.Context) ([]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT article_id FROM analysis_queue ORDER BY seq`)
	if err != nil {
		return nil, fmt.Errorf("postgres: queued articles: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: queued articles: %w", err)
	}
	return ids, nil
}

// QueueForAnalysis appends articles to the analysis queue unless queued.
// WITH ORDINALITY keeps the given order in the sequence values.
func (s *Store) QueueForAnalysis(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	return s.write(ctx, "queue for analysis", func(tx pgx.Tx) error {
		var missing string
		err := tx.QueryRow(ctx, `SELECT u.id FROM unnest($1::text[]) WITH ORDINALITY AS u(id, n)
			WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = u.id) ORDER BY u.n LIMIT 1`, txts(ids)).Scan(&missing)
		if err == nil {
			return news.Errorf(news.ENOTFOUND, "article %q not found", missing)
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO analysis_queue (article_id)
			SELECT u.id FROM unnest($1::text[]) WITH ORDINALITY AS u(id, n)
			WHERE NOT EXISTS (SELECT 1 FROM analysis_queue q WHERE q.article_id = u.id)
			ORDER BY u.n
			ON CONFLICT (article_id) DO NOTHING`, txts(ids))
		return err
	})
}

// Tally counts the store's rows in one statement, so the counts are of one
// snapshot.
func (s *Store) Tally(ctx context.Context) (news.Tally, error) {
	var t news.Tally
	err := s.pool.QueryRow(ctx, `SELECT
			(SELECT count(*) FROM sources), (SELECT count(*) FROM feeds), (SELECT count(*) FROM fetch_log),
			(SELECT count(*) FROM articles), (SELECT count(*) FROM analysis_queue), (SELECT count(*) FROM stories),
			(SELECT count(*) FROM article_hashtags),
			(SELECT count(*) FROM related r JOIN articles a ON a.id = r.related_id)`).
		Scan(&t.Sources, &t.Feeds, &t.FetchLog, &t.Articles, &t.Queued, &t.Stories, &t.Hashtags, &t.Related)
	if err != nil {
		return t, fmt.Errorf("postgres: tally: %w", err)
	}
	return t, nil
}
