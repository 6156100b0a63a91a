package web

import (
	"context"
	"sync"
	"time"

	"github.com/nashra/nashra/internal/news"
)

// sourceCache keeps Store.Sources for a few seconds: every page names
// sources, and asking the store per article would be an N+1 query. A failed
// refresh keeps serving the previous list (stale names beat an error page).
type sourceCache struct {
	store news.Store
	ttl   time.Duration

	mu      sync.Mutex
	fetched time.Time
	list    []news.SourceStats
	byID    map[string]*news.SourceStats
}

func newSourceCache(st news.Store, ttl time.Duration) *sourceCache {
	return &sourceCache{store: st, ttl: ttl}
}

func (c *sourceCache) all(ctx context.Context) ([]news.SourceStats, map[string]*news.SourceStats, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	// Real time, not Config.Now: tests freeze Now, and the cache must still expire.
	if c.byID != nil && time.Since(c.fetched) < c.ttl {
		return c.list, c.byID, nil
	}
	list, err := c.store.Sources(ctx)
	if err != nil {
		if c.byID != nil {
			return c.list, c.byID, nil
		}
		return nil, nil, err
	}
	byID := make(map[string]*news.SourceStats, len(list))
	for i := range list {
		byID[list[i].ID] = &list[i]
	}
	c.list, c.byID, c.fetched = list, byID, time.Now()
	return list, byID, nil
}

func (c *sourceCache) get(ctx context.Context, id string) (*news.SourceStats, bool) {
	_, byID, err := c.all(ctx)
	if err != nil {
		return nil, false
	}
	st, ok := byID[id]
	return st, ok
}
