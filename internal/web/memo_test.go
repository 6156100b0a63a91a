package web

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestMemoCoalescesConcurrentMisses(t *testing.T) {
	m := newMemo(false, 16)
	var loads atomic.Int32
	release := make(chan struct{})
	started := make(chan struct{})
	load := func(ctx context.Context) (int, error) {
		if loads.Add(1) == 1 {
			close(started)
		}
		<-release
		return 42, nil
	}
	var wg sync.WaitGroup
	results := make([]int, 8)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := memoize(context.Background(), m, "k", time.Minute, load)
			if err != nil {
				t.Error(err)
			}
			results[i] = v
		}()
	}
	<-started
	close(release)
	wg.Wait()
	for _, r := range results {
		if r != 42 {
			t.Fatalf("results %v", results)
		}
	}
	// Whether a caller arrived during the load (and waited) or after it
	// (and hit the cache, which is filled before the flight ends), the
	// store saw exactly one load.
	memoize(context.Background(), m, "k", time.Minute, load)
	if n := loads.Load(); n != 1 {
		t.Errorf("%d loads for one key, want 1", n)
	}
}

func TestMemoDoesNotCacheErrors(t *testing.T) {
	m := newMemo(false, 16)
	calls := 0
	fail := func(ctx context.Context) (int, error) { calls++; return 0, errors.New("boom") }
	for range 3 {
		if _, err := memoize(context.Background(), m, "k", time.Minute, fail); err == nil {
			t.Fatal("error swallowed")
		}
	}
	if calls != 3 {
		t.Errorf("error was cached: %d calls", calls)
	}
}

func TestMemoDisabled(t *testing.T) {
	m := newMemo(true, 16)
	calls := 0
	load := func(ctx context.Context) (int, error) { calls++; return calls, nil }
	a, _ := memoize(context.Background(), m, "k", time.Minute, load)
	b, _ := memoize(context.Background(), m, "k", time.Minute, load)
	if a == b {
		t.Errorf("disabled memo cached")
	}
}
