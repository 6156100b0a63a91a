package postgres

import (
	"context"
	"fmt"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/textkey"
)

// Suggest completes a prefix from source names, hashtags and titles, in
// that order, each an index range scan over a folded COLLATE "C" key.
func (s *Store) Suggest(ctx context.Context, prefix string, limit int) ([]news.Suggestion, error) {
	key := textkey.Key(prefix)
	if key == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = 10
	}
	hi := textkey.UpperBound(key)
	out, err := s.suggestSources(ctx, key, hi, min(limit, 3))
	if err != nil {
		return nil, err
	}
	queries := []struct {
		kind string
		max  int
		q    string
	}{
		{"hashtag", min(limit, 5), `SELECT tag, tag FROM hashtags
			WHERE tag_key >= $1 AND tag_key < $2 AND articles > 0 ORDER BY articles DESC, tag LIMIT $3`},
		{"title", limit, `SELECT title, id FROM (SELECT title, id, published_at FROM articles
			WHERE title_key >= $1 AND title_key < $2 AND duplicate_of = '' LIMIT 2000) t
			ORDER BY published_at DESC, id DESC LIMIT $3`},
	}
	for _, sq := range queries {
		room := min(sq.max, limit-len(out))
		if room <= 0 {
			break
		}
		rows, err := s.pool.Query(ctx, sq.q, key, hi, room)
		if err != nil {
			return nil, fmt.Errorf("postgres: suggest %s: %w", sq.kind, err)
		}
		for rows.Next() {
			sg := news.Suggestion{Kind: sq.kind}
			if err := rows.Scan(&sg.Text, &sg.Value); err != nil {
				rows.Close()
				return nil, fmt.Errorf("postgres: suggest %s: %w", sq.kind, err)
			}
			out = append(out, sg)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("postgres: suggest %s: %w", sq.kind, err)
		}
	}
	return out, nil
}

// suggestSources returns one suggestion per matching source, named by the
// shortest of its names that matches.
func (s *Store) suggestSources(ctx context.Context, key, hi string, limit int) ([]news.Suggestion, error) {
	rows, err := s.pool.Query(ctx, `SELECT source_id, name FROM source_keys
		WHERE name_key >= $1 AND name_key < $2 ORDER BY length(name_key), source_id LIMIT 100`, key, hi)
	if err != nil {
		return nil, fmt.Errorf("postgres: suggest sources: %w", err)
	}
	defer rows.Close()
	var out []news.Suggestion
	seen := map[string]bool{}
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, fmt.Errorf("postgres: suggest sources: %w", err)
		}
		if seen[id] || len(out) >= limit {
			continue
		}
		seen[id] = true
		out = append(out, news.Suggestion{Kind: "source", Text: name, Value: id})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: suggest sources: %w", err)
	}
	return out, nil
}
