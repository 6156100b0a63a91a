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

// fetchLogRetention bounds the fetch log: a thousand feeds polled every few
// minutes would otherwise add hundreds of thousands of rows a day.
const fetchLogRetention = 14 * 24 * time.Hour

// LeaseDueFeeds leases due feeds in one UPDATE ... RETURNING. The write lock
// serialises it against every other process's lease, so two owners can
// never receive the same feed while its lease is live.
func (s *Store) LeaseDueFeeds(ctx context.Context, owner string, now time.Time, limit int, lease time.Duration) ([]news.Feed, error) {
	if owner == "" {
		return nil, news.Errorf(news.EINVALID, "lease owner is required")
	}
	if limit <= 0 {
		return nil, nil
	}
	if lease <= 0 {
		return nil, news.Errorf(news.EINVALID, "lease duration must be positive")
	}
	nowUS := toMicros(now)
	var out []news.Feed
	err := s.write(ctx, "lease due feeds", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `UPDATE feeds SET lease_owner = ?, lease_until = ?
			WHERE id IN (SELECT id FROM feeds
				WHERE gone = 0 AND next_poll_at <= ? AND lease_until <= ?
				ORDER BY next_poll_at, id LIMIT ?)
			RETURNING `+feedCols,
			owner, toMicros(now.Add(lease)), nowUS, nowUS, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			f, err := scanFeed(rows)
			if err != nil {
				return err
			}
			out = append(out, f)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	// RETURNING order is unspecified; most overdue first.
	sort.Slice(out, func(i, j int) bool {
		if !out[i].NextPollAt.Equal(out[j].NextPollAt) {
			return out[i].NextPollAt.Before(out[j].NextPollAt)
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// FinishPoll applies a poll result in one transaction. The lease is only
// released if r.Owner still holds it: after an expiry another crawler may
// have taken the feed over, and its lease must survive our late report.
// A feed that moved to a URL another feed has keeps its URL; the poll is
// recorded and the conflict returned as an ECONFLICT error.
func (s *Store) FinishPoll(ctx context.Context, r news.PollResult) error {
	var conflict error
	err := s.write(ctx, "finish poll", func(tx *sql.Tx) error {
		var sourceID, feedURL string
		err := tx.QueryRowContext(ctx, `SELECT source_id, url FROM feeds WHERE id = ?`, r.FeedID).Scan(&sourceID, &feedURL)
		if errors.Is(err, sql.ErrNoRows) {
			return news.Errorf(news.ENOTFOUND, "feed %d not found", r.FeedID)
		}
		if err != nil {
			return err
		}
		started := toMicros(r.StartedAt)
		success := r.Err == "" && !r.Gone
		gone := 0
		if r.Gone {
			gone = 1
		}
		// Every poll replaces the feed's note, like its error; moveFeed
		// below records this poll's, if it has one.
		_, err = tx.ExecContext(ctx, `UPDATE feeds SET
				last_polled_at = ?,
				etag = CASE WHEN ? <> '' THEN ? ELSE etag END,
				last_modified = CASE WHEN ? <> '' THEN ? ELSE last_modified END,
				next_poll_at = CASE WHEN ? <> 0 THEN ? ELSE next_poll_at END,
				interval_us = CASE WHEN ? <> 0 THEN ? ELSE interval_us END,
				gone = CASE WHEN ? THEN 1 ELSE gone END,
				last_success_at = CASE WHEN ? THEN ? ELSE last_success_at END,
				consecutive_failures = CASE WHEN ? THEN 0 ELSE consecutive_failures + 1 END,
				last_error = CASE WHEN ? THEN '' ELSE ? END,
				last_note = '',
				lease_owner = CASE WHEN lease_owner = ? THEN '' ELSE lease_owner END,
				lease_until = CASE WHEN lease_owner = ? THEN 0 ELSE lease_until END
			WHERE id = ?`,
			started,
			r.ETag, r.ETag,
			r.LastModified, r.LastModified,
			toMicros(r.NextPollAt), toMicros(r.NextPollAt),
			int64(r.Interval/time.Microsecond), int64(r.Interval/time.Microsecond),
			gone,
			success, started,
			success,
			success, pollError(r),
			r.Owner, r.Owner,
			r.FeedID)
		if err != nil {
			return err
		}
		var note string
		if success {
			m, err := moveFeed(ctx, tx, r, feedURL)
			if err != nil {
				return err
			}
			note, conflict = m.note, m.conflict
		}
		// The log row keeps the URL this poll asked for, even after a move.
		_, err = tx.ExecContext(ctx, `INSERT INTO fetch_log (feed_id, source_id, url, started_at, duration_us, status, error, note, items, new_items, bytes)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			r.FeedID, sourceID, feedURL, started, int64(r.Duration/time.Microsecond), r.Status, pollError(r), note,
			r.Items, r.NewItems, r.Bytes)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM fetch_log WHERE started_at < ?`, toMicros(r.StartedAt.Add(-fetchLogRetention)))
		return err
	})
	if err != nil {
		return err
	}
	return conflict
}

// move is what became of a feed's permanent move: note is recorded in the
// fetch log and as the feed's last note (not as an error: the poll worked),
// conflict is returned after commit.
type move struct {
	note     string
	conflict error
}

// moveFeed stores r.MovedTo as the feed's URL unless another feed already
// has it. Feed URLs are unique, and failing the transaction would lose the
// poll, so a taken URL is only noted. BEGIN IMMEDIATE holds the write lock,
// so no other writer can take the URL between the check and the update.
func moveFeed(ctx context.Context, tx *sql.Tx, r news.PollResult, from string) (move, error) {
	to := r.MovedTo
	if to == "" || to == from {
		return move{}, nil
	}
	var otherID int64
	var otherSource string
	err := tx.QueryRowContext(ctx, `SELECT id, source_id FROM feeds WHERE url = ?`, to).Scan(&otherID, &otherSource)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return move{}, err
	}
	if err == nil {
		note := news.MoveConflictNote(from, to, otherID, otherSource)
		if _, err := tx.ExecContext(ctx, `UPDATE feeds SET last_note = ? WHERE id = ?`, note, r.FeedID); err != nil {
			return move{}, err
		}
		return move{note: note, conflict: news.Errorf(news.ECONFLICT, "feed %d: %s", r.FeedID, note)}, nil
	}
	note := news.MovedNote(from, to)
	if _, err := tx.ExecContext(ctx, `UPDATE feeds SET url = ?, last_note = ? WHERE id = ?`, to, note, r.FeedID); err != nil {
		return move{}, fmt.Errorf("move feed %d to %s: %w", r.FeedID, to, err)
	}
	return move{note: note}, nil
}

// pollError is the error text recorded for a poll; a feed that went away
// is a failure even when the crawler left Err empty.
func pollError(r news.PollResult) string {
	if r.Err == "" && r.Gone {
		if r.Status != 0 {
			return fmt.Sprintf("feed gone (HTTP %d)", r.Status)
		}
		return "feed gone"
	}
	return r.Err
}

// FetchLog returns the newest fetch-log rows.
func (s *Store) FetchLog(ctx context.Context, sourceID string, limit int) ([]news.FetchLogEntry, error) {
	if limit <= 0 {
		limit = 100
	}
	q := `SELECT feed_id, source_id, url, started_at, duration_us, status, error, note, items, new_items, bytes FROM fetch_log`
	args := []any{}
	if sourceID != "" {
		q += ` WHERE source_id = ?`
		args = append(args, sourceID)
	}
	q += ` ORDER BY started_at DESC, id DESC LIMIT ?`
	args = append(args, limit)
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: fetch log: %w", err)
	}
	defer rows.Close()
	var out []news.FetchLogEntry
	for rows.Next() {
		var e news.FetchLogEntry
		var started, dur int64
		if err := rows.Scan(&e.FeedID, &e.SourceID, &e.URL, &started, &dur, &e.Status, &e.Err, &e.Note, &e.Items, &e.NewItems, &e.Bytes); err != nil {
			return nil, fmt.Errorf("sqlite: fetch log: %w", err)
		}
		e.StartedAt = fromMicros(started)
		e.Duration = time.Duration(dur) * time.Microsecond
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: fetch log: %w", err)
	}
	return out, nil
}

// NextDue returns the earliest NextPollAt over feeds not gone.
func (s *Store) NextDue(ctx context.Context) (time.Time, error) {
	var next sql.NullInt64
	if err := s.r.QueryRowContext(ctx, `SELECT min(next_poll_at) FROM feeds WHERE gone = 0`).Scan(&next); err != nil {
		return time.Time{}, fmt.Errorf("sqlite: next due: %w", err)
	}
	if !next.Valid {
		return time.Time{}, nil
	}
	if next.Int64 == 0 {
		// A never-scheduled feed is due since the epoch: report it as due
		// "as early as possible" without confusing it with "no feeds".
		return time.Unix(0, 0).UTC(), nil
	}
	return fromMicros(next.Int64), nil
}
