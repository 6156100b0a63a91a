package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/nashra/nashra/internal/news"
)

// The analysis queue and leases (migration 0002). Triggers on articles fill
// the queue, so every write path (crawl, import, migration) queues what it
// creates or edits without knowing about the newsroom. Lease times come
// from the database's clock: nodes whose clocks disagree still agree on
// when a lease expires.

var _ news.NewsroomQueue = (*Store)(nil)

// PendingAnalysis returns up to limit queued articles, oldest entry first.
func (s *Store) PendingAnalysis(ctx context.Context, limit int) ([]news.PendingArticle, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := s.pool.Query(ctx, `SELECT `+fullCols+`, q.seq
		FROM analysis_queue q JOIN articles a ON a.id = q.article_id
		ORDER BY q.seq LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: pending analysis: %w", err)
	}
	defer rows.Close()
	var out []news.PendingArticle
	for rows.Next() {
		var seq int64
		a, err := scanArticle(rows, true, &seq)
		if err != nil {
			return nil, fmt.Errorf("postgres: pending analysis: %w", err)
		}
		out = append(out, news.PendingArticle{QueueEntry: news.QueueEntry{Seq: seq, ArticleID: a.ID}, Article: a})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: pending analysis: %w", err)
	}
	return out, nil
}

// PendingCount returns the queue's length.
func (s *Store) PendingCount(ctx context.Context) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM analysis_queue`).Scan(&n); err != nil {
		return 0, fmt.Errorf("postgres: pending count: %w", err)
	}
	return n, nil
}

// CompleteAnalysis saves a leader's batch and dequeues it, fenced by the
// lease: the lease row stays locked (FOR UPDATE) until commit, so a
// successor's TryLead waits and then sees the result, never the reverse.
func (s *Store) CompleteAnalysis(ctx context.Context, lease news.Lease, as []news.Analysis, stories []news.StoryUpdate, done []news.QueueEntry) error {
	return s.write(ctx, "complete analysis", func(tx pgx.Tx) error {
		var owner string
		var live bool
		err := tx.QueryRow(ctx, `SELECT owner, until > clock_timestamp() FROM leases WHERE name = $1 FOR UPDATE`,
			txt(lease.Name)).Scan(&owner, &live)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("check lease %s: %w", lease.Name, err)
		}
		if err != nil || owner != lease.Owner || !live {
			return news.Errorf(news.ECONFLICT, "lease %s is not held by %s", lease.Name, lease.Owner)
		}
		if err := saveAnalysis(ctx, tx, as, stories); err != nil {
			return err
		}
		if len(done) == 0 {
			return nil
		}
		ids := make([]string, len(done))
		seqs := make([]int64, len(done))
		for i, e := range done {
			ids[i], seqs[i] = txt(e.ArticleID), e.Seq
		}
		// Matching seq too: an article edited after it was read has a new
		// entry, which must stay for its new text.
		if _, err := tx.Exec(ctx, `DELETE FROM analysis_queue q USING unnest($1::text[], $2::bigint[]) AS d(id, seq)
			WHERE q.article_id = d.id AND q.seq = d.seq`, ids, seqs); err != nil {
			return fmt.Errorf("dequeue: %w", err)
		}
		return nil
	})
}

// dequeueAnalysed removes the queue entries of articles analysed inline.
func dequeueAnalysed(ctx context.Context, tx pgx.Tx, as []news.Analysis) error {
	if len(as) == 0 {
		return nil
	}
	ids := make([]string, len(as))
	for i := range as {
		ids[i] = txt(as[i].ArticleID)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM analysis_queue WHERE article_id = ANY($1)`, ids); err != nil {
		return fmt.Errorf("dequeue: %w", err)
	}
	return nil
}

// TryLead acquires or renews a lease in one statement: the conflict update
// only fires for the holder or over an expired lease, and the row lock it
// takes serialises racing candidates.
func (s *Store) TryLead(ctx context.Context, l news.Lease) (bool, error) {
	if l.Name == "" || l.Owner == "" || l.TTL <= 0 {
		return false, news.Errorf(news.EINVALID, "lease needs a name, an owner and a positive TTL")
	}
	var got bool
	err := s.write(ctx, "try lead", func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO leases AS l (name, owner, until)
			VALUES ($1, $2, clock_timestamp() + $3 * interval '1 microsecond')
			ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until
			WHERE l.owner = excluded.owner OR l.until <= clock_timestamp()`,
			txt(l.Name), txt(l.Owner), l.TTL.Microseconds())
		got = tag.RowsAffected() == 1
		return err
	})
	return got, err
}

// ReleaseLead ends owner's lease at once.
func (s *Store) ReleaseLead(ctx context.Context, l news.Lease) error {
	return s.write(ctx, "release lead", func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `DELETE FROM leases WHERE name = $1 AND owner = $2`, txt(l.Name), txt(l.Owner))
		return err
	})
}
