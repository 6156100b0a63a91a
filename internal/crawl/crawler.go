package crawl

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// Crawler polls feeds. Create it with New; it is safe for concurrent use.
type Crawler struct {
	cfg     Config
	store   Store
	fetcher Fetcher
	sink    Sink
	rec     *recorder
	memory  *memory
	sources *sourceCache
}

// New returns a crawler. fetcher is usually a shared *fetch.Client and sink
// the ingest pipeline.
func New(store Store, fetcher Fetcher, sink Sink, cfg Config) (*Crawler, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if store == nil || fetcher == nil || sink == nil {
		return nil, fmt.Errorf("%w: store, fetcher and sink are required", ErrConfig)
	}
	rec, err := newRecorder(cfg.Observe, cfg.Registry)
	if err != nil {
		return nil, fmt.Errorf("crawl: register metrics: %w", err)
	}
	return &Crawler{
		cfg: cfg, store: store, fetcher: fetcher, sink: sink, rec: rec,
		memory:  newMemory(),
		sources: &sourceCache{store: store, m: map[string]sourceEntry{}},
	}, nil
}

// Stats returns a snapshot of counters and stage latencies.
func (c *Crawler) Stats() Stats { return c.rec.snapshot() }

// Run polls due feeds with up to Workers polls in flight until ctx ends. A
// failing feed or store call never stops it; it returns nil after ctx ends
// and every poll in flight has recorded its result.
func (c *Crawler) Run(ctx context.Context) error {
	slots := make(chan struct{}, c.cfg.Workers)
	done := make(chan struct{}, c.cfg.Workers) // a poll finished: lease more
	var wg sync.WaitGroup
	defer wg.Wait()
	storeFailures := 0
	for ctx.Err() == nil {
		free := cap(slots) - len(slots)
		if free == 0 {
			select {
			case <-done:
			case <-ctx.Done():
			}
			continue
		}
		feeds, err := c.store.LeaseDueFeeds(ctx, c.cfg.Owner, c.cfg.Now(), free, c.cfg.LeaseDuration)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			storeFailures++
			wait := min(time.Second<<min(storeFailures, 5), c.cfg.IdleWait)
			c.cfg.Logger.Error("crawl: lease due feeds", "owner", c.cfg.Owner, "err", err, "retry_in", wait)
			c.idle(ctx, wait, done)
			continue
		}
		storeFailures = 0
		for _, f := range feeds {
			slots <- struct{}{}
			wg.Add(1)
			go func() {
				defer wg.Done()
				c.Poll(ctx, f)
				<-slots
				select {
				case done <- struct{}{}:
				default:
				}
			}()
		}
		if len(feeds) < free {
			// Nothing else is due: sleep until the next feed is, a poll
			// finishes, or IdleWait passes.
			c.idle(ctx, c.untilNextDue(ctx), done)
		}
	}
	return nil
}

func (c *Crawler) untilNextDue(ctx context.Context) time.Duration {
	next, err := c.store.NextDue(ctx)
	if err != nil || next.IsZero() {
		return c.cfg.IdleWait
	}
	// The floor keeps a feed leased by another process (due, but not ours)
	// from turning this into a busy loop; our own polls wake us anyway.
	return min(max(next.Sub(c.cfg.Now()), time.Second), c.cfg.IdleWait)
}

func (c *Crawler) idle(ctx context.Context, d time.Duration, wake <-chan struct{}) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-wake:
	case <-ctx.Done():
	}
}

// PollDue leases every feed due now (up to limit) and polls them with up to
// Workers in parallel, returning when all are done. It is the one-shot form
// of Run, for `nashra crawl --once`, benchmarks and tests.
func (c *Crawler) PollDue(ctx context.Context, limit int) (int, error) {
	feeds, err := c.store.LeaseDueFeeds(ctx, c.cfg.Owner, c.cfg.Now(), limit, c.cfg.LeaseDuration)
	if err != nil {
		return 0, fmt.Errorf("crawl: lease due feeds: %w", err)
	}
	sem := make(chan struct{}, c.cfg.Workers)
	var wg sync.WaitGroup
	for _, f := range feeds {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			c.Poll(ctx, f)
		}()
	}
	wg.Wait()
	return len(feeds), ctx.Err()
}
