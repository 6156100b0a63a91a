package web

import (
	"context"
	"sync"
	"time"
)

// memo caches what pages load from the store, shared by every language and
// theme variant of a page, and coalesces concurrent misses: when a popular
// page expires under load, one request reloads it while the others wait,
// instead of all of them hitting the database at once.
type memo struct {
	disabled bool
	cache    *ttlCache[any]
	mu       sync.Mutex
	inflight map[string]*flight
}

type flight struct {
	done chan struct{}
	v    any
	err  error
}

func newMemo(disabled bool, max int) *memo {
	return &memo{disabled: disabled, cache: newTTLCache[any](max), inflight: map[string]*flight{}}
}

// loadTimeout bounds a shared load; it runs detached from the request that
// happened to start it, so that reader leaving doesn't fail the others.
const loadTimeout = 10 * time.Second

func (m *memo) do(ctx context.Context, key string, ttl time.Duration, load func(context.Context) (any, error)) (any, error) {
	if m.disabled {
		return load(ctx)
	}
	if v, ok := m.cache.get(key); ok {
		return v, nil
	}
	m.mu.Lock()
	// Check again under the lock: a load may have finished (and filled the
	// cache) since the lookup above. Loads fill the cache before leaving
	// inflight, so one of the two checks always sees a finished load.
	if v, ok := m.cache.get(key); ok {
		m.mu.Unlock()
		return v, nil
	}
	if f, ok := m.inflight[key]; ok {
		m.mu.Unlock()
		select {
		case <-f.done:
			return f.v, f.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	f := &flight{done: make(chan struct{})}
	m.inflight[key] = f
	m.mu.Unlock()

	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), loadTimeout)
	f.v, f.err = load(lctx)
	cancel()
	if f.err == nil {
		m.cache.put(key, f.v, ttl)
	}
	m.mu.Lock()
	delete(m.inflight, key)
	m.mu.Unlock()
	close(f.done)
	return f.v, f.err
}

// memoize is do with a typed result.
func memoize[T any](ctx context.Context, m *memo, key string, ttl time.Duration, load func(context.Context) (T, error)) (T, error) {
	v, err := m.do(ctx, key, ttl, func(ctx context.Context) (any, error) { return load(ctx) })
	if err != nil {
		var zero T
		return zero, err
	}
	return v.(T), nil
}
