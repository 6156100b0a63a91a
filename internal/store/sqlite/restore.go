package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/nashra/nashra/internal/news"
)

// What `nashra migrate-store` needs beyond news.Store (see
// news.MigrationStore): verbatim writes of crawl state and history, the
// analysis queue, and counts.

var _ news.MigrationStore = (*Store)(nil)

// RestoreFeedState writes a feed's crawl state as given and frees its lease.
func (s *Store) RestoreFeedState(ctx context.Context, f news.Feed) error {
	gone := 0
	if f.Gone {
		gone = 1
	}
	return s.write(ctx, "restore feed state", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE feeds SET kind = ?, category = ?, interval_us = ?, next_poll_at = ?,
				etag = ?, last_modified = ?, gone = ?, last_polled_at = ?, last_success_at = ?,
				consecutive_failures = ?, last_error = ?, last_note = ?, lease_owner = '', lease_until = 0
			WHERE id = ?`,
			f.Kind, f.Category, int64(f.Interval/time.Microsecond), toMicros(f.NextPollAt),
			f.ETag, f.LastModified, gone, toMicros(f.LastPolledAt), toMicros(f.LastSuccessAt),
			f.ConsecutiveFailures, f.LastError, f.LastNote, f.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return news.Errorf(news.ENOTFOUND, "feed %d not found", f.ID)
		}
		return nil
	})
}

// RestoreFetchLog replaces a feed's fetch log. Rows are inserted oldest
// first, so their row IDs break ties between equal start times the way
// the original IDs did.
func (s *Store) RestoreFetchLog(ctx context.Context, feedID int64, entries []news.FetchLogEntry) error {
	rows := newestFirst(entries)
	return s.write(ctx, "restore fetch log", func(tx *sql.Tx) error {
		var sourceID string
		err := tx.QueryRowContext(ctx, `SELECT source_id FROM feeds WHERE id = ?`, feedID).Scan(&sourceID)
		if errors.Is(err, sql.ErrNoRows) {
			return news.Errorf(news.ENOTFOUND, "feed %d not found", feedID)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM fetch_log WHERE feed_id = ?`, feedID); err != nil {
			return err
		}
		ins, err := tx.PrepareContext(ctx, `INSERT INTO fetch_log (feed_id, source_id, url, started_at, duration_us, status, error, note, items, new_items, bytes)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		for i := len(rows) - 1; i >= 0; i-- {
			e := rows[i]
			if _, err := ins.ExecContext(ctx, feedID, sourceID, e.URL, toMicros(e.StartedAt), int64(e.Duration/time.Microsecond),
				e.Status, e.Err, e.Note, e.Items, e.NewItems, e.Bytes); err != nil {
				return fmt.Errorf("row started %s: %w", e.StartedAt.Format(time.RFC3339Nano), err)
			}
		}
		return nil
	})
}

// newestFirst orders a copy of entries newest first; entries with equal
// start times keep their given order.
func newestFirst(entries []news.FetchLogEntry) []news.FetchLogEntry {
	out := append([]news.FetchLogEntry(nil), entries...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].StartedAt.After(out[j].StartedAt) })
	return out
}

// QueuedArticleIDs returns the analysis queue in order.
func (s *Store) QueuedArticleIDs(ctx context.Context) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT article_id FROM analysis_queue ORDER BY seq`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: queued articles: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("sqlite: queued articles: %w", err)
		}
		out = append(out, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: queued articles: %w", err)
	}
	return out, nil
}

// QueueForAnalysis appends articles to the analysis queue unless queued.
func (s *Store) QueueForAnalysis(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	return s.write(ctx, "queue for analysis", func(tx *sql.Tx) error {
		ins, err := tx.PrepareContext(ctx, `INSERT INTO analysis_queue (article_id)
			SELECT id FROM articles WHERE id = ? ON CONFLICT(article_id) DO NOTHING`)
		if err != nil {
			return err
		}
		defer ins.Close()
		exists, err := tx.PrepareContext(ctx, `SELECT 1 FROM articles WHERE id = ?`)
		if err != nil {
			return err
		}
		defer exists.Close()
		for _, id := range ids {
			res, err := ins.ExecContext(ctx, id)
			if err != nil {
				return fmt.Errorf("queue %s: %w", id, err)
			}
			if n, _ := res.RowsAffected(); n > 0 {
				continue
			}
			// Nothing inserted: already queued, or no such article.
			var one int
			if err := exists.QueryRowContext(ctx, id).Scan(&one); errors.Is(err, sql.ErrNoRows) {
				return news.Errorf(news.ENOTFOUND, "article %q not found", id)
			} else if err != nil {
				return fmt.Errorf("queue %s: %w", id, err)
			}
		}
		return nil
	})
}

// Tally counts the store's rows in one read transaction, so the counts
// are of one moment.
func (s *Store) Tally(ctx context.Context) (news.Tally, error) {
	var t news.Tally
	err := s.r.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM sources), (SELECT count(*) FROM feeds), (SELECT count(*) FROM fetch_log),
			(SELECT count(*) FROM articles), (SELECT count(*) FROM analysis_queue), (SELECT count(*) FROM stories),
			(SELECT count(*) FROM article_hashtags),
			(SELECT count(*) FROM related r JOIN articles a ON a.id = r.related_id)`).
		Scan(&t.Sources, &t.Feeds, &t.FetchLog, &t.Articles, &t.Queued, &t.Stories, &t.Hashtags, &t.Related)
	if err != nil {
		return t, fmt.Errorf("sqlite: tally: %w", err)
	}
	return t, nil
}
