package fetch

import (
	"context"
	"sync"
	"time"
)

// hostGate enforces politeness towards one host: at most n requests in
// flight, request starts spaced by delay, and nothing at all before a
// server-given Retry-After has passed.
type hostGate struct {
	sem chan struct{}

	mu           sync.Mutex
	next         time.Time     // earliest start of the next request
	delay        time.Duration // max(config delay, robots Crawl-delay)
	blockedUntil time.Time
}

// hostGates holds one gate per scheme://host:port. Gates are never evicted:
// a crawler talks to a bounded set of publishers, and keeping the gate keeps
// the spacing even across feed polls.
type hostGates struct {
	mu    sync.Mutex
	m     map[string]*hostGate
	conc  int
	delay time.Duration
	now   func() time.Time
}

func newHostGates(conc int, delay time.Duration, now func() time.Time) *hostGates {
	return &hostGates{m: map[string]*hostGate{}, conc: conc, delay: delay, now: now}
}

func (h *hostGates) get(key string) *hostGate {
	h.mu.Lock()
	defer h.mu.Unlock()
	g := h.m[key]
	if g == nil {
		g = &hostGate{sem: make(chan struct{}, h.conc), delay: h.delay}
		h.m[key] = g
	}
	return g
}

// acquire waits for a slot and for the host's spacing, then returns a release
// func. If the host asked us to stay away, it fails fast with the remaining
// wait rather than holding a worker for minutes.
func (h *hostGates) acquire(ctx context.Context, key string) (func(), time.Duration, error) {
	g := h.get(key)
	select {
	case g.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, 0, ctx.Err()
	}
	release := func() { <-g.sem }
	wait, blocked := h.reserve(g)
	if blocked > 0 {
		release()
		return nil, blocked, nil
	}
	if err := sleep(ctx, wait); err != nil {
		release()
		return nil, 0, err
	}
	return release, 0, nil
}

// reserve books the next start slot on g and returns how long to wait for
// it, or, if the host is blocked, how long it stays blocked.
func (h *hostGates) reserve(g *hostGate) (wait, blocked time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := h.now()
	if now.Before(g.blockedUntil) {
		return 0, g.blockedUntil.Sub(now)
	}
	start := now
	if g.next.After(start) {
		start = g.next
	}
	g.next = start.Add(g.delay)
	return start.Sub(now), 0
}

// block keeps every request to the host away until now+d.
func (h *hostGates) block(key string, d time.Duration) {
	g := h.get(key)
	g.mu.Lock()
	defer g.mu.Unlock()
	if until := h.now().Add(d); until.After(g.blockedUntil) {
		g.blockedUntil = until
	}
}

// setDelay raises the host's spacing to a robots.txt Crawl-delay; it never
// lowers it below the configured politeness delay.
func (h *hostGates) setDelay(key string, d time.Duration) {
	g := h.get(key)
	g.mu.Lock()
	defer g.mu.Unlock()
	if d < h.delay {
		d = h.delay
	}
	g.delay = d
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
