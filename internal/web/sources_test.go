package web

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
)

type flakySources struct {
	news.Store
	calls atomic.Int32
	fail  atomic.Bool
}

func (f *flakySources) Sources(context.Context) ([]news.SourceStats, error) {
	f.calls.Add(1)
	if f.fail.Load() {
		return nil, errors.New("down")
	}
	return []news.SourceStats{{Source: news.Source{ID: "okaz", NameAr: "عكاظ"}}}, nil
}

func TestSourceCache(t *testing.T) {
	st := &flakySources{}
	st.fail.Store(true)
	c := newSourceCache(st, time.Hour)
	if _, _, err := c.all(context.Background()); err == nil {
		t.Fatal("first load error swallowed")
	}
	st.fail.Store(false)
	if s, ok := c.get(context.Background(), "okaz"); !ok || s.NameAr != "عكاظ" {
		t.Fatalf("get = %v %v", s, ok)
	}
	for range 10 {
		c.get(context.Background(), "okaz")
	}
	if n := st.calls.Load(); n != 2 {
		t.Errorf("%d Sources calls within the TTL, want 2 (failed + first)", n)
	}
	// Stale and the store is down: the old list is still served.
	st.fail.Store(true)
	c.expire()
	if _, ok := c.get(context.Background(), "okaz"); !ok {
		t.Errorf("stale list not served during an outage")
	}
	for c.refreshing.Load() {
		time.Sleep(time.Millisecond)
	}
	if _, ok := c.get(context.Background(), "okaz"); !ok {
		t.Errorf("failed refresh dropped the list")
	}
}
