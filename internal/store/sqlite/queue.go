package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/nashra/nashra/internal/news"
)

// The analysis queue and leases (migration 0002). Triggers on articles fill
// the queue, so every write path (crawl, import, migration) queues what it
// creates or edits without knowing about the newsroom.

var _ news.NewsroomQueue = (*Store)(nil)

// PendingAnalysis returns up to limit queued articles, oldest entry first.
func (s *Store) PendingAnalysis(ctx context.Context, limit int) ([]news.PendingArticle, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := s.r.QueryContext(ctx, `SELECT `+fullCols+`, q.seq
		FROM analysis_queue q JOIN articles a ON a.id = q.article_id LEFT JOIN article_fts f ON f.rowid = a.rid
		ORDER BY q.seq LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: pending analysis: %w", err)
	}
	defer rows.Close()
	var out []news.PendingArticle
	for rows.Next() {
		var seq int64
		a, err := scanArticle(rows, true, &seq)
		if err != nil {
			return nil, fmt.Errorf("sqlite: pending analysis: %w", err)
		}
		out = append(out, news.PendingArticle{QueueEntry: news.QueueEntry{Seq: seq, ArticleID: a.ID}, Article: a})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: pending analysis: %w", err)
	}
	return out, nil
}

// PendingCount returns the queue's length.
func (s *Store) PendingCount(ctx context.Context) (int, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM analysis_queue`).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlite: pending count: %w", err)
	}
	return n, nil
}

// CompleteAnalysis saves a leader's batch and dequeues it, fenced by the
// lease: the check and the writes share the single write transaction, so no
// successor can take the lease between them.
func (s *Store) CompleteAnalysis(ctx context.Context, lease news.Lease, as []news.Analysis, stories []news.StoryUpdate, done []news.QueueEntry) error {
	return s.write(ctx, "complete analysis", func(tx *sql.Tx) error {
		var owner string
		var until int64
		err := tx.QueryRowContext(ctx, `SELECT owner, until FROM leases WHERE name = ?`, lease.Name).Scan(&owner, &until)
		if err != nil && err != sql.ErrNoRows {
			return fmt.Errorf("check lease %s: %w", lease.Name, err)
		}
		if err == sql.ErrNoRows || owner != lease.Owner || until <= toMicros(s.now()) {
			return news.Errorf(news.ECONFLICT, "lease %s is not held by %s", lease.Name, lease.Owner)
		}
		if err := saveAnalysis(ctx, tx, as, stories); err != nil {
			return err
		}
		for _, e := range done {
			// Matching seq too: an article edited after it was read has a
			// new entry, which must stay for its new text.
			if _, err := tx.ExecContext(ctx, `DELETE FROM analysis_queue WHERE article_id = ? AND seq = ?`, e.ArticleID, e.Seq); err != nil {
				return fmt.Errorf("dequeue %s: %w", e.ArticleID, err)
			}
		}
		return nil
	})
}

// dequeueAnalysed removes the queue entries of articles analysed inline.
func dequeueAnalysed(ctx context.Context, tx *sql.Tx, as []news.Analysis) error {
	if len(as) == 0 {
		return nil
	}
	st, err := tx.PrepareContext(ctx, `DELETE FROM analysis_queue WHERE article_id = ?`)
	if err != nil {
		return fmt.Errorf("dequeue: %w", err)
	}
	defer st.Close()
	for i := range as {
		if _, err := st.ExecContext(ctx, as[i].ArticleID); err != nil {
			return fmt.Errorf("dequeue %s: %w", as[i].ArticleID, err)
		}
	}
	return nil
}

// TryLead acquires or renews a lease in one statement: the conflict update
// only fires for the holder or over an expired lease.
func (s *Store) TryLead(ctx context.Context, l news.Lease) (bool, error) {
	if l.Name == "" || l.Owner == "" || l.TTL <= 0 {
		return false, news.Errorf(news.EINVALID, "lease needs a name, an owner and a positive TTL")
	}
	now := s.now()
	var got bool
	err := s.write(ctx, "try lead", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO leases (name, owner, until) VALUES (?, ?, ?)
			ON CONFLICT(name) DO UPDATE SET owner = excluded.owner, until = excluded.until
			WHERE leases.owner = excluded.owner OR leases.until <= ?`,
			l.Name, l.Owner, toMicros(now.Add(l.TTL)), toMicros(now))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		got = n == 1
		return err
	})
	return got, err
}

// ReleaseLead ends owner's lease at once.
func (s *Store) ReleaseLead(ctx context.Context, l news.Lease) error {
	return s.write(ctx, "release lead", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM leases WHERE name = ? AND owner = ?`, l.Name, l.Owner)
		return err
	})
}
