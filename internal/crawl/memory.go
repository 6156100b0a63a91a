package crawl

import (
	"context"
	"crypto/sha256"
	"strconv"
	"sync"
	"time"

	"github.com/nashra/nashra/internal/feed"
	"github.com/nashra/nashra/internal/news"
)

// memory is what the crawler remembers between polls in this process:
// fingerprints of items already seen (to notice edits of stored articles
// without refetching every page) and URLs that had no article content (so a
// video page is not refetched on every poll). Both are bounded; forgetting
// only costs a refetch.
type memory struct {
	mu     sync.Mutex
	busy   map[string]bool // URLs some poll of this process is working on
	stored map[string]bool // URLs this process stored (two generations, as seen/old)
	ostore map[string]bool
	seen   map[string][32]byte // feedID+GUID → fingerprint
	old    map[string][32]byte // previous generation
	empty  map[string]time.Time
	maxGen int
}

const (
	memoryGeneration = 50_000
	emptyTTL         = 24 * time.Hour
	maxEmpty         = 20_000
)

func newMemory() *memory {
	return &memory{busy: map[string]bool{}, stored: map[string]bool{}, ostore: map[string]bool{}, seen: map[string][32]byte{}, old: map[string][32]byte{}, empty: map[string]time.Time{}, maxGen: memoryGeneration}
}

func itemKey(feedID int64, it *feed.Item) string {
	return strconv.FormatInt(feedID, 10) + "\x00" + it.GUID
}

func fingerprint(it *feed.Item) [32]byte {
	h := sha256.New()
	// The updated date is left out on purpose: some feeds change it on
	// every request; handleItems weighs it separately.
	for _, s := range []string{it.Title, it.ContentHTML, it.SummaryHTML} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

// changed reports whether the item differs from when this process last saw
// it; an item never seen before is not "changed".
func (m *memory) changed(key string, fp [32]byte) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	prev, ok := m.seen[key]
	if !ok {
		prev, ok = m.old[key]
	}
	return ok && prev != fp
}

// seenSame reports whether this process already handled the item exactly as
// it is now.
func (m *memory) seenSame(key string, fp [32]byte) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	prev, ok := m.seen[key]
	if !ok {
		prev, ok = m.old[key]
	}
	return ok && prev == fp
}

func (m *memory) remember(key string, fp [32]byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.seen) >= m.maxGen {
		m.old, m.seen = m.seen, make(map[string][32]byte, m.maxGen/2)
	}
	m.seen[key] = fp
}

// claim marks url as being handled; false means another poll (say the
// sitemap of the same outlet) already has it, and will store it.
func (m *memory) claim(url string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.busy[url] {
		return false
	}
	m.busy[url] = true
	return true
}

// release ends a claim; stored records that the article is now in the
// store, so a poll whose KnownURLs answer predates it does not redo it.
func (m *memory) release(url string, stored bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.busy, url)
	if stored {
		if len(m.stored) >= m.maxGen {
			m.ostore, m.stored = m.stored, make(map[string]bool, m.maxGen/2)
		}
		m.stored[url] = true
	}
}

func (m *memory) wasStored(url string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.stored[url] || m.ostore[url]
}

func (m *memory) markEmpty(url string, now time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.empty) >= maxEmpty {
		for k, t := range m.empty {
			if now.Sub(t) > emptyTTL {
				delete(m.empty, k)
			}
		}
		if len(m.empty) >= maxEmpty {
			clear(m.empty)
		}
	}
	m.empty[url] = now
}

func (m *memory) isEmpty(url string, now time.Time) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	t, ok := m.empty[url]
	return ok && now.Sub(t) < emptyTTL
}

// sourceCache keeps sources (for their language) for a few minutes.
type sourceCache struct {
	store Store
	mu    sync.Mutex
	m     map[string]sourceEntry
}

type sourceEntry struct {
	src     *news.Source
	fetched time.Time
}

func (s *sourceCache) get(ctx context.Context, id string, now time.Time) *news.Source {
	s.mu.Lock()
	e, ok := s.m[id]
	s.mu.Unlock()
	if ok && now.Sub(e.fetched) < 5*time.Minute {
		return e.src
	}
	src, err := s.store.Source(ctx, id)
	if err != nil {
		src = &news.Source{ID: id}
	}
	s.mu.Lock()
	s.m[id] = sourceEntry{src: src, fetched: now}
	s.mu.Unlock()
	return src
}
