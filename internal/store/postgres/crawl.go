package postgres

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/nashra/nashra/internal/news"
)

// fetchLogRetention bounds the fetch log (see the SQLite store).
const fetchLogRetention = 14 * 24 * time.Hour

// LeaseDueFeeds leases due feeds. SKIP LOCKED lets concurrent crawlers
// each take different due rows instead of queueing on the same ones; the
// lease columns then keep them apart until the lease expires.
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
	var out []news.Feed
	err := s.write(ctx, "lease due feeds", func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `UPDATE feeds SET lease_owner = $1, lease_until = $2
			WHERE id IN (SELECT id FROM feeds
				WHERE NOT gone AND next_poll_at <= $3 AND lease_until <= $3
				ORDER BY next_poll_at, id LIMIT $4
				FOR UPDATE SKIP LOCKED)
			RETURNING `+feedCols,
			txt(owner), ts(now.Add(lease)), ts(now), limit)
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
	sort.Slice(out, func(i, j int) bool {
		if !out[i].NextPollAt.Equal(out[j].NextPollAt) {
			return out[i].NextPollAt.Before(out[j].NextPollAt)
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// FinishPoll applies a poll result in one transaction; the lease is only
// released if r.Owner still holds it. A feed that moved to a URL another
// feed has keeps its URL; the poll is recorded and the conflict returned as
// an ECONFLICT error.
func (s *Store) FinishPoll(ctx context.Context, r news.PollResult) error {
	var conflict error
	err := s.write(ctx, "finish poll", func(tx pgx.Tx) error {
		success := r.Err == "" && !r.Gone
		errText := txt(pollError(r))
		var sourceID, feedURL string
		// Every poll replaces the feed's note, like its error; moveFeed
		// below records this poll's, if it has one.
		err := tx.QueryRow(ctx, `UPDATE feeds SET
				last_polled_at = $2,
				etag = CASE WHEN $3 <> '' THEN $3 ELSE etag END,
				last_modified = CASE WHEN $4 <> '' THEN $4 ELSE last_modified END,
				next_poll_at = CASE WHEN $5 <> 'epoch'::timestamptz THEN $5 ELSE next_poll_at END,
				interval_us = CASE WHEN $6::bigint <> 0 THEN $6::bigint ELSE interval_us END,
				gone = gone OR $7,
				last_success_at = CASE WHEN $8 THEN $2 ELSE last_success_at END,
				consecutive_failures = CASE WHEN $8 THEN 0 ELSE consecutive_failures + 1 END,
				last_error = CASE WHEN $8 THEN '' ELSE $9 END,
				last_note = '',
				lease_until = CASE WHEN lease_owner = $10 THEN 'epoch' ELSE lease_until END,
				lease_owner = CASE WHEN lease_owner = $10 THEN '' ELSE lease_owner END
			WHERE id = $1 RETURNING source_id, url`,
			r.FeedID, ts(r.StartedAt), txt(r.ETag), txt(r.LastModified), ts(r.NextPollAt),
			int64(r.Interval/time.Microsecond), r.Gone, success, errText, txt(r.Owner)).Scan(&sourceID, &feedURL)
		if errors.Is(err, pgx.ErrNoRows) {
			return news.Errorf(news.ENOTFOUND, "feed %d not found", r.FeedID)
		}
		if err != nil {
			return err
		}
		var note string
		if success {
			m, err := moveFeed(ctx, tx, r, feedURL)
			if err != nil {
				return err
			}
			note, conflict = txt(m.note), m.conflict
		}
		// The log row keeps the URL this poll asked for, even after a move.
		_, err = tx.Exec(ctx, `INSERT INTO fetch_log (feed_id, source_id, url, started_at, duration_us, status, error, note, items, new_items, bytes)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
			r.FeedID, sourceID, feedURL, ts(r.StartedAt), int64(r.Duration/time.Microsecond), r.Status, errText, note,
			r.Items, r.NewItems, r.Bytes)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `DELETE FROM fetch_log WHERE started_at < $1`, ts(r.StartedAt.Add(-fetchLogRetention)))
		return err
	})
	if err != nil {
		return err
	}
	return conflict
}

// uniqueViolation is PostgreSQL's SQLSTATE for a duplicate unique key.
const uniqueViolation = "23505"

// move is what became of a feed's permanent move: note is recorded in the
// fetch log and as the feed's last note (not as an error: the poll worked),
// conflict is returned after commit.
type move struct {
	note     string
	conflict error
}

// moveFeed stores r.MovedTo as the feed's URL unless another feed already
// has it. Feed URLs are unique, and failing the transaction would lose the
// poll, so a taken URL is only noted. The update runs in a savepoint: a
// feed added with that URL by a concurrent transaction after our check
// fails the update, not the poll.
func moveFeed(ctx context.Context, tx pgx.Tx, r news.PollResult, from string) (move, error) {
	to := r.MovedTo
	if to == "" || to == from {
		return move{}, nil
	}
	taken, err := moveHolder(ctx, tx, r, from)
	if err != nil || taken.note != "" {
		return taken, err
	}
	note := news.MovedNote(from, to)
	uerr := pgx.BeginFunc(ctx, tx, func(sp pgx.Tx) error {
		_, err := sp.Exec(ctx, `UPDATE feeds SET url = $2, last_note = $3 WHERE id = $1`, r.FeedID, txt(to), txt(note))
		return err
	})
	if uerr == nil {
		return move{note: note}, nil
	}
	var pgErr *pgconn.PgError
	if errors.As(uerr, &pgErr) && pgErr.Code == uniqueViolation {
		if taken, err := moveHolder(ctx, tx, r, from); err != nil || taken.note != "" {
			return taken, err
		}
	}
	return move{}, fmt.Errorf("move feed %d to %s: %w", r.FeedID, to, uerr)
}

// moveHolder notes the conflict on the feed if another feed has r.MovedTo;
// it returns a zero move when the URL is free.
func moveHolder(ctx context.Context, tx pgx.Tx, r news.PollResult, from string) (move, error) {
	var otherID int64
	var otherSource string
	err := tx.QueryRow(ctx, `SELECT id, source_id FROM feeds WHERE url = $1 AND id <> $2`, txt(r.MovedTo), r.FeedID).
		Scan(&otherID, &otherSource)
	if errors.Is(err, pgx.ErrNoRows) {
		return move{}, nil
	}
	if err != nil {
		return move{}, err
	}
	note := news.MoveConflictNote(from, r.MovedTo, otherID, otherSource)
	if _, err := tx.Exec(ctx, `UPDATE feeds SET last_note = $2 WHERE id = $1`, r.FeedID, txt(note)); err != nil {
		return move{}, err
	}
	return move{note: note, conflict: news.Errorf(news.ECONFLICT, "feed %d: %s", r.FeedID, note)}, nil
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
	rows, err := s.pool.Query(ctx, `SELECT feed_id, source_id, url, started_at, duration_us, status, error, note, items, new_items, bytes
		FROM fetch_log WHERE ($1 = '' OR source_id = $1) ORDER BY started_at DESC, id DESC LIMIT $2`, txt(sourceID), limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: fetch log: %w", err)
	}
	defer rows.Close()
	var out []news.FetchLogEntry
	for rows.Next() {
		var e news.FetchLogEntry
		var dur int64
		if err := rows.Scan(&e.FeedID, &e.SourceID, &e.URL, &e.StartedAt, &dur, &e.Status, &e.Err, &e.Note, &e.Items, &e.NewItems, &e.Bytes); err != nil {
			return nil, fmt.Errorf("postgres: fetch log: %w", err)
		}
		e.StartedAt = fromTS(e.StartedAt)
		e.Duration = time.Duration(dur) * time.Microsecond
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: fetch log: %w", err)
	}
	return out, nil
}

// NextDue returns the earliest NextPollAt over feeds not gone; a feed
// never scheduled reports the epoch (due as early as possible).
func (s *Store) NextDue(ctx context.Context) (time.Time, error) {
	var next *time.Time
	if err := s.pool.QueryRow(ctx, `SELECT min(next_poll_at) FROM feeds WHERE NOT gone`).Scan(&next); err != nil {
		return time.Time{}, fmt.Errorf("postgres: next due: %w", err)
	}
	if next == nil {
		return time.Time{}, nil
	}
	return next.UTC(), nil
}
