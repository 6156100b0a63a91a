package web

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nashra/nashra/internal/news"
)

// sourceCache keeps Store.Sources for a few seconds: every page names
// sources, and asking the store per article would be an N+1 query.
//
// Readers never wait for a refresh once a list exists: a stale snapshot is
// served while one caller reloads it, and a failed reload keeps the old
// list (stale names beat an error page). Only the very first load blocks.
type sourceCache struct {
	store news.Store
	ttl   time.Duration

	snap       atomic.Pointer[sourceSnapshot]
	refreshing atomic.Bool
	first      sync.Mutex // serialises the initial load
}

type sourceSnapshot struct {
	fetched time.Time
	list    []news.SourceStats
	byID    map[string]*news.SourceStats
}

func newSourceCache(st news.Store, ttl time.Duration) *sourceCache {
	return &sourceCache{store: st, ttl: ttl}
}

func (c *sourceCache) all(ctx context.Context) ([]news.SourceStats, map[string]*news.SourceStats, error) {
	if s := c.snap.Load(); s != nil {
		// Real time, not Config.Now: tests freeze Now, and the cache must
		// still expire.
		if time.Since(s.fetched) >= c.ttl && c.refreshing.CompareAndSwap(false, true) {
			go func() {
				defer c.refreshing.Store(false)
				rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), loadTimeout)
				defer cancel()
				_ = c.load(rctx)
			}()
		}
		return s.list, s.byID, nil
	}
	c.first.Lock()
	defer c.first.Unlock()
	if s := c.snap.Load(); s != nil {
		return s.list, s.byID, nil
	}
	if err := c.load(ctx); err != nil {
		return nil, nil, err
	}
	s := c.snap.Load()
	return s.list, s.byID, nil
}

func (c *sourceCache) load(ctx context.Context) error {
	list, err := c.store.Sources(ctx)
	if err != nil {
		return err
	}
	byID := make(map[string]*news.SourceStats, len(list))
	for i := range list {
		byID[list[i].ID] = &list[i]
	}
	c.snap.Store(&sourceSnapshot{fetched: time.Now(), list: list, byID: byID})
	return nil
}

// expire marks the snapshot stale (tests).
func (c *sourceCache) expire() {
	if s := c.snap.Load(); s != nil {
		cp := *s
		cp.fetched = time.Time{}
		c.snap.Store(&cp)
	}
}

func (c *sourceCache) get(ctx context.Context, id string) (*news.SourceStats, bool) {
	_, byID, err := c.all(ctx)
	if err != nil {
		return nil, false
	}
	st, ok := byID[id]
	return st, ok
}
