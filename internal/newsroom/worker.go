// Package newsroom runs nashra's derived work (duplicates, stories, related
// lists, hashtags) as one elected leader per database, so any number of
// crawler nodes can ingest at once and the result is the same as one engine
// fed every article in order.
//
// Crawler nodes only store articles; the store queues each created or
// edited article in the same transaction. Every node runs a Worker; the one
// holding the database lease "newsroom" drains the queue through its
// in-memory story.Engine and saves each batch's analysis together with its
// removal from the queue, fenced by the lease. The others wait to take over:
// when a leader dies its lease expires after the TTL, a follower acquires
// it, rebuilds its engine from the stored window (as the dead leader left
// it) and continues from the head of the queue. Nothing is lost, since the
// queue is durable, and nothing is analysed twice, since a batch commits
// only while its leader still holds the lease.
package newsroom

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/story"
)

// Store is what a Worker needs from the store.
type Store interface {
	news.ArticleStore
	news.NewsroomQueue
}

// LeaseName is the database lease the newsroom leader holds.
const LeaseName = "newsroom"

// Defaults for a zero Worker field.
const (
	DefaultPoll  = time.Second
	DefaultTTL   = 30 * time.Second
	DefaultBatch = 256
)

// Worker competes for newsroom leadership and, while leader, analyses queued
// articles. Configure the fields, then call Run once.
type Worker struct {
	Store  Store
	Owner  string       // unique per process, e.g. the crawl node name
	Config story.Config // engine tuning; a new engine is built per leadership term
	Logger *slog.Logger
	// Poll is how long a follower waits between attempts to lead, and how
	// long an idle leader waits before looking at the queue again.
	Poll time.Duration
	// TTL is the lease: how long after a leader's last renewal a follower
	// may take over. A leader renews every TTL/3.
	TTL time.Duration
	// Batch is how many queued articles are analysed and committed together.
	Batch int
	// Registerer, when set, receives the worker's metrics.
	Registerer prometheus.Registerer

	metrics *metrics
	// isolate counts queue entries still to be analysed one per batch after
	// the store rejected a batch containing them (see unsaveable).
	isolate int
}

func (w *Worker) defaults() error {
	if w.Store == nil || w.Owner == "" {
		return errors.New("newsroom: worker needs a Store and an Owner")
	}
	if w.Logger == nil {
		w.Logger = slog.New(slog.DiscardHandler)
	}
	if w.Poll <= 0 {
		w.Poll = DefaultPoll
	}
	if w.TTL <= 0 {
		w.TTL = DefaultTTL
	}
	if w.Batch <= 0 {
		w.Batch = DefaultBatch
	}
	m, err := newMetrics(w.Registerer)
	if err != nil {
		return err
	}
	w.metrics = m
	return nil
}

func (w *Worker) lease() news.Lease {
	return news.Lease{Name: LeaseName, Owner: w.Owner, TTL: w.TTL}
}

// Run competes for leadership until ctx ends, then gives the lease up (if it
// holds it) so a successor need not wait for the TTL. It returns nil on
// cancellation; store errors are logged and retried, never fatal, since a
// follower must outlive a database outage to take over after it.
func (w *Worker) Run(ctx context.Context) error {
	if err := w.defaults(); err != nil {
		return err
	}
	defer func() {
		// The lease outlives ctx: release it on a context of its own.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if err := w.Store.ReleaseLead(rctx, w.lease()); err != nil {
			w.Logger.Warn("newsroom: release leadership", "owner", w.Owner, "err", err)
		}
		w.metrics.leader.Set(0)
	}()
	for {
		ok, err := w.Store.TryLead(ctx, w.lease())
		switch {
		case ctx.Err() != nil:
			return nil
		case err != nil:
			w.Logger.Warn("newsroom: try to lead", "owner", w.Owner, "err", err)
		case ok:
			err := w.term(ctx)
			if ctx.Err() != nil {
				return nil
			}
			if err == nil || errors.Is(err, errLostLease) {
				continue // a follower now: wait for the lease at once
			}
			// A failed term is retried after a pause, so a store that keeps
			// failing is not hammered with rebuilds.
		}
		w.updateBacklog(ctx)
		if !sleep(ctx, w.Poll) {
			return nil
		}
	}
}

// term is one leadership term: a fresh engine rebuilt from the store, then
// batches until the lease is lost, a batch fails, or ctx ends. Any failure
// ends the term, because the engine may then hold articles whose analysis
// was not saved; the next term starts again from what the store has.
func (w *Worker) term(ctx context.Context) error {
	tctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	renewed := make(chan struct{})
	go func() {
		defer close(renewed)
		w.keepLease(tctx, cancel)
	}()
	defer func() { cancel(nil); <-renewed }()
	w.metrics.leader.Set(1)
	w.metrics.terms.Inc()
	defer w.metrics.leader.Set(0)
	w.Logger.Info("newsroom: leading", "owner", w.Owner)

	start := time.Now()
	eng := story.New(w.Config)
	n, err := w.rebuild(tctx, eng)
	if err != nil {
		return w.endTerm(tctx, err)
	}
	w.Logger.Info("newsroom: engine rebuilt", "owner", w.Owner, "articles", n, "took", time.Since(start).Round(time.Millisecond))
	for {
		done, err := w.batch(tctx, eng)
		if err != nil {
			return w.endTerm(tctx, err)
		}
		if done == 0 && !sleep(tctx, w.Poll) {
			return w.endTerm(tctx, nil)
		}
	}
}

// endTerm logs why a term ended and returns that reason (nil when ctx
// ended it).
func (w *Worker) endTerm(tctx context.Context, err error) error {
	if cause := context.Cause(tctx); cause != nil && !errors.Is(cause, context.Canceled) {
		err = cause // lost the lease: say that, not the cancellation it caused
	}
	if err == nil || errors.Is(err, context.Canceled) {
		w.Logger.Info("newsroom: leadership term ended", "owner", w.Owner)
		return nil
	}
	w.Logger.Warn("newsroom: leadership term ended", "owner", w.Owner, "err", err)
	return err
}

var errLostLease = errors.New("newsroom: lease lost to another node")

// keepLease renews the lease every TTL/3 and cancels the term when it is
// lost, or when renewals have failed for so long that it may have expired.
// Completions are fenced by the lease anyway; this only stops a deposed
// leader from wasting work.
func (w *Worker) keepLease(tctx context.Context, cancel context.CancelCauseFunc) {
	every := w.TTL / 3
	last := time.Now()
	for sleep(tctx, every) {
		ok, err := w.Store.TryLead(tctx, w.lease())
		switch {
		case tctx.Err() != nil:
			return
		case err != nil:
			w.Logger.Warn("newsroom: renew leadership", "owner", w.Owner, "err", err)
			if time.Since(last) > w.TTL-every {
				cancel(fmt.Errorf("newsroom: could not renew the lease for %v: %w", time.Since(last).Round(time.Millisecond), err))
				return
			}
		case !ok:
			cancel(errLostLease)
			return
		default:
			last = time.Now()
		}
	}
}

// sleep waits d or until ctx ends; it reports whether ctx is still live.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
