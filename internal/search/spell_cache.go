package search

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/nashra/nashra/internal/news"
)

// Spelling dictionary sources and lifetime.
const (
	// SpellArticles is how many of the newest articles the dictionary reads
	// (titles, ledes, hashtags): the words of the current news, bounded so
	// building stays well under a second however large the archive.
	SpellArticles = 20000
	spellPage     = 1000
	// SpellRefresh is how old a dictionary may grow before it is rebuilt in
	// the background (the old one serves meanwhile). A dictionary read from
	// a store smaller than SpellArticles is rebuilt sooner: a young store
	// (a new install, the demo) grows fast, and its words with it, while
	// rebuilding from it costs little.
	SpellRefresh      = 15 * time.Minute
	SpellRefreshYoung = time.Minute
)

// spellCache holds the current dictionary. The first search that needs it
// builds it (every concurrent one waits for that build); later ones rebuild
// it in the background once it is stale.
type spellCache struct {
	mu       sync.Mutex
	sp       *speller
	built    time.Time
	young    bool             // built from fewer than SpellArticles articles
	clock    func() time.Time // time.Now when nil; tests move it
	building bool
	ready    chan struct{} // closed when the build in progress ends
}

// speller returns a dictionary, building the first one now and refreshing
// a stale one in the background.
func (s *Service) speller(ctx context.Context) (*speller, error) {
	c := &s.spell
	c.mu.Lock()
	if c.sp != nil {
		refresh := SpellRefresh
		if c.young {
			refresh = SpellRefreshYoung
		}
		if !c.building && c.now().Sub(c.built) > refresh {
			c.building, c.ready = true, make(chan struct{})
			go s.rebuildSpeller(context.WithoutCancel(ctx))
		}
		sp := c.sp
		c.mu.Unlock()
		return sp, nil
	}
	if !c.building {
		c.building, c.ready = true, make(chan struct{})
		go s.rebuildSpeller(context.WithoutCancel(ctx))
	}
	ready := c.ready
	c.mu.Unlock()
	select {
	case <-ready:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sp == nil {
		return nil, fmt.Errorf("search: spelling dictionary could not be built")
	}
	return c.sp, nil
}

// rebuildSpeller builds a dictionary and installs it; on failure the old
// one (if any) stays and the next search tries again.
func (s *Service) rebuildSpeller(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	sp, n, err := buildSpeller(ctx, s.store, SpellArticles)
	c := &s.spell
	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil {
		s.log.Warn("search: spelling dictionary", "err", err)
	} else {
		c.sp, c.built, c.young = sp, c.now(), n < SpellArticles
	}
	c.building = false
	close(c.ready)
}

// buildSpeller reads the newest n articles' titles, ledes and hashtags; it
// returns how many articles it read.
func buildSpeller(ctx context.Context, st news.ArticleStore, n int) (*speller, int, error) {
	docs := make([]spellSource, 0, min(n, 4*spellPage))
	f := news.ArticleFilter{Limit: spellPage}
	for len(docs) < n {
		f.Limit = min(spellPage, n-len(docs))
		page, err := st.Articles(ctx, f)
		if err != nil {
			return nil, 0, fmt.Errorf("search: spelling dictionary: %w", err)
		}
		for _, a := range page {
			docs = append(docs, spellSource{text: a.Title + "\n" + a.Excerpt, hashtags: a.Hashtags})
		}
		if len(page) < f.Limit {
			break
		}
		last := page[len(page)-1]
		f.Before = &news.Cursor{PublishedAt: last.PublishedAt, ID: last.ID}
	}
	return newSpeller(docs), len(docs), nil
}

func (c *spellCache) now() time.Time {
	if c.clock != nil {
		return c.clock()
	}
	return time.Now()
}
