package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/textkey"
)

// PutSource creates or updates a source and adds its feeds that are not
// stored yet. A listed feed that exists but was marked gone is revived: the
// caller re-adding it is the signal that it should be polled again. IDs of
// the listed feeds are filled in.
func (s *Store) PutSource(ctx context.Context, src *news.Source) error {
	if src == nil || strings.TrimSpace(src.ID) == "" {
		return news.Errorf(news.EINVALID, "source id is required")
	}
	now := toMicros(s.now())
	return s.write(ctx, "put source "+src.ID, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO sources (id, name_ar, name_en, home_url, language, country, logo_url, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT(id) DO UPDATE SET name_ar = excluded.name_ar, name_en = excluded.name_en,
				home_url = excluded.home_url, language = excluded.language, country = excluded.country,
				logo_url = excluded.logo_url, updated_at = excluded.updated_at`,
			src.ID, src.NameAr, src.NameEn, src.HomeURL, src.Language, src.Country, src.LogoURL, now, now)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM source_keys WHERE source_id = ?`, src.ID); err != nil {
			return err
		}
		// The ID is a key too (readers type "aawsat"), shown by its name.
		for _, n := range [][2]string{{src.NameAr, src.NameAr}, {src.NameEn, src.NameEn}, {src.ID, src.Name("")}} {
			key := textkey.Key(n[0])
			if key == "" {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO source_keys (source_id, name_key, name) VALUES (?, ?, ?)`,
				src.ID, key, n[1]); err != nil {
				return err
			}
		}
		for i := range src.Feeds {
			f := &src.Feeds[i]
			if strings.TrimSpace(f.URL) == "" {
				return news.Errorf(news.EINVALID, "source %s: feed %d has no URL", src.ID, i)
			}
			err := tx.QueryRowContext(ctx, `INSERT INTO feeds (source_id, url, kind, category, interval_us, next_poll_at, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT(url) DO UPDATE SET gone = 0,
					next_poll_at = CASE WHEN feeds.gone <> 0 THEN excluded.next_poll_at ELSE feeds.next_poll_at END,
					consecutive_failures = CASE WHEN feeds.gone <> 0 THEN 0 ELSE feeds.consecutive_failures END,
					kind = CASE WHEN excluded.kind <> '' THEN excluded.kind ELSE feeds.kind END,
					category = CASE WHEN excluded.category <> '' THEN excluded.category ELSE feeds.category END
				RETURNING id`,
				src.ID, f.URL, f.Kind, f.Category, int64(f.Interval/time.Microsecond), toMicros(f.NextPollAt), now).Scan(&f.ID)
			if err != nil {
				return fmt.Errorf("feed %s: %w", f.URL, err)
			}
			f.SourceID = src.ID
		}
		return nil
	})
}

const feedCols = `id, source_id, url, kind, category, interval_us, next_poll_at, etag, last_modified, gone,
	last_polled_at, last_success_at, consecutive_failures, last_error, last_note`

func scanFeed(sc interface{ Scan(...any) error }) (news.Feed, error) {
	var f news.Feed
	var interval, next, polled, success int64
	var gone int
	err := sc.Scan(&f.ID, &f.SourceID, &f.URL, &f.Kind, &f.Category, &interval, &next, &f.ETag, &f.LastModified,
		&gone, &polled, &success, &f.ConsecutiveFailures, &f.LastError, &f.LastNote)
	f.Interval = time.Duration(interval) * time.Microsecond
	f.NextPollAt = fromMicros(next)
	f.Gone = gone != 0
	f.LastPolledAt = fromMicros(polled)
	f.LastSuccessAt = fromMicros(success)
	return f, err
}

// Source returns one source with its feeds.
func (s *Store) Source(ctx context.Context, id string) (*news.Source, error) {
	src := &news.Source{}
	err := s.r.QueryRowContext(ctx, `SELECT id, name_ar, name_en, home_url, language, country, logo_url FROM sources WHERE id = ?`, id).
		Scan(&src.ID, &src.NameAr, &src.NameEn, &src.HomeURL, &src.Language, &src.Country, &src.LogoURL)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, news.Errorf(news.ENOTFOUND, "source %q not found", id)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: source %s: %w", id, err)
	}
	feeds, err := s.feeds(ctx, id)
	if err != nil {
		return nil, err
	}
	src.Feeds = feeds[id]
	return src, nil
}

// feeds returns feeds grouped by source, of one source or (id "") of all.
func (s *Store) feeds(ctx context.Context, sourceID string) (map[string][]news.Feed, error) {
	q := `SELECT ` + feedCols + ` FROM feeds`
	var args []any
	if sourceID != "" {
		q += ` WHERE source_id = ?`
		args = append(args, sourceID)
	}
	q += ` ORDER BY source_id, id`
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: feeds: %w", err)
	}
	defer rows.Close()
	out := map[string][]news.Feed{}
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: feeds: %w", err)
		}
		out[f.SourceID] = append(out[f.SourceID], f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: feeds: %w", err)
	}
	return out, nil
}

// Sources lists every source with its feeds, article count and health, in
// two queries regardless of the number of sources.
func (s *Store) Sources(ctx context.Context) ([]news.SourceStats, error) {
	rows, err := s.r.QueryContext(ctx, `
		SELECT s.id, s.name_ar, s.name_en, s.home_url, s.language, s.country, s.logo_url,
			coalesce(ac.n, 0), coalesce(ac.latest, 0),
			coalesce(fh.last_success, 0), coalesce(fh.worst, 0),
			coalesce((SELECT f2.last_error FROM feeds f2 WHERE f2.source_id = s.id AND f2.last_error <> ''
				ORDER BY f2.last_polled_at DESC LIMIT 1), ''),
			coalesce((SELECT f2.last_note FROM feeds f2 WHERE f2.source_id = s.id AND f2.last_note <> ''
				ORDER BY f2.last_polled_at DESC LIMIT 1), '')
		FROM sources s
		LEFT JOIN (SELECT source_id, count(*) AS n, max(published_at) AS latest FROM articles GROUP BY source_id) ac
			ON ac.source_id = s.id
		LEFT JOIN (SELECT source_id, max(last_success_at) AS last_success, max(consecutive_failures) AS worst
			FROM feeds GROUP BY source_id) fh ON fh.source_id = s.id
		ORDER BY s.id`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: sources: %w", err)
	}
	defer rows.Close()
	var out []news.SourceStats
	for rows.Next() {
		var st news.SourceStats
		var latest, success int64
		if err := rows.Scan(&st.ID, &st.NameAr, &st.NameEn, &st.HomeURL, &st.Language, &st.Country, &st.LogoURL,
			&st.Articles, &latest, &success, &st.ConsecutiveFailures, &st.LastError, &st.LastNote); err != nil {
			return nil, fmt.Errorf("sqlite: sources: %w", err)
		}
		st.LatestArticleAt = fromMicros(latest)
		st.LastSuccessAt = fromMicros(success)
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: sources: %w", err)
	}
	rows.Close()
	feeds, err := s.feeds(ctx, "")
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Feeds = feeds[out[i].ID]
	}
	return out, nil
}

// DeleteSource removes a source and its feeds (and their fetch log); its
// articles stay.
func (s *Store) DeleteSource(ctx context.Context, id string) error {
	return s.write(ctx, "delete source "+id, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM sources WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return news.Errorf(news.ENOTFOUND, "source %q not found", id)
		}
		return nil
	})
}

// RemoveFeed removes one feed by URL.
func (s *Store) RemoveFeed(ctx context.Context, feedURL string) error {
	return s.write(ctx, "remove feed", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM feeds WHERE url = ?`, feedURL)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return news.Errorf(news.ENOTFOUND, "feed %q not found", feedURL)
		}
		return nil
	})
}
