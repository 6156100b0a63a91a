// Package story is nashra's newsroom intelligence: near-duplicate and
// wire-copy detection, online story clustering, related articles with
// human-readable reasons, and hashtags. It is pure, in-memory logic over a
// sliding time window; the store persists what it derives (news.Analysis,
// news.StoryUpdate), so reads never recompute anything.
//
// Articles are processed in arrival order. Each Add is deterministic given
// the sequence of earlier Adds: fixed-seed hashing, sorted iteration, no
// map-order dependence in any output.
package story

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/gazetteer"
	"github.com/nashra/nashra/internal/news"
)

// Config tunes the engine; the zero value is the production default.
type Config struct {
	// Window is how long a story stays open and an article stays a
	// candidate for duplicates, stories and related lists (default 72h).
	Window time.Duration
	// MaxRelated is the length of each related list (default 10).
	MaxRelated int
	// MaxUpdated bounds how many older articles' related lists one new
	// article may change (default 5).
	MaxUpdated int
	// MaxDuplicateGroup bounds how many copies of one text join its story;
	// beyond it copies are still marked DuplicateOf but stay out of stories
	// (boilerplate pages, spam), so identical floods cannot build a giant
	// story (default 64).
	MaxDuplicateGroup int
	// Gazetteer recognises entities (default gazetteer.Default()).
	Gazetteer *gazetteer.Gazetteer
	// SourceName names a source for related lists (default: the corpus
	// outlet table, else the ID).
	SourceName func(sourceID, lang string) string
}

func (c *Config) defaults() {
	if c.Window <= 0 {
		c.Window = 72 * time.Hour
	}
	if c.MaxRelated <= 0 {
		c.MaxRelated = 10
	}
	if c.MaxUpdated <= 0 {
		c.MaxUpdated = 5
	}
	if c.MaxDuplicateGroup <= 0 {
		c.MaxDuplicateGroup = 64
	}
	if c.Gazetteer == nil {
		c.Gazetteer = gazetteer.Default()
	}
	if c.SourceName == nil {
		c.SourceName = func(id, lang string) string {
			o, ok := corpus.Outlets[id]
			if !ok {
				return id
			}
			if lang == "en" && o.NameEn != "" {
				return o.NameEn
			}
			return o.NameAr
		}
	}
}

// Result is what one Add derived: the new article's analysis first, then
// the updated analyses of older articles whose related lists changed, and
// the stories that changed.
type Result struct {
	Analyses []news.Analysis
	Stories  []news.StoryUpdate
}

// Engine holds the newsroom's in-memory state for the recent window.
type Engine struct {
	cfg   Config
	gaz   *gazetteer.Gazetteer
	prior *dfPrior

	mu    sync.Mutex
	state *state
}

var (
	priorOnce sync.Once
	priorVal  *dfPrior
)

func loadPrior() *dfPrior {
	priorOnce.Do(func() {
		p, err := parseDFPrior(strings.NewReader(dfPriorFile))
		if err != nil {
			// Generated, embedded and tested: a failure is a broken build.
			panic(err)
		}
		priorVal = p
	})
	return priorVal
}

// New returns an engine with an empty window.
func New(cfg Config) *Engine {
	cfg.defaults()
	e := &Engine{cfg: cfg, gaz: cfg.Gazetteer, prior: loadPrior()}
	e.state = newState(e)
	return e
}

// Add analyses a new article and updates the window. Articles must be added
// in arrival order; re-adding a known ID replaces nothing and returns its
// current analysis.
func (e *Engine) Add(a *news.Article) Result {
	return e.Apply(e.Prepare(a))
}

// Apply adds an article analysed by Prepare.
func (e *Engine) Apply(p *Prepared) Result {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.state.add(p.p, false)
}

// Warm replays stored articles (oldest first) into the window without
// producing results, honouring the StoryID and DuplicateOf they already
// have, so stories keep their IDs across restarts.
func (e *Engine) Warm(articles []news.Article) {
	for i := range articles {
		p := e.prepare(&articles[i])
		e.mu.Lock()
		e.state.add(p, true)
		e.mu.Unlock()
	}
}

// Rebuild warms the engine from a store: every article published within the
// window before now (zero: the newest stored article's time).
func (e *Engine) Rebuild(ctx context.Context, st news.ArticleStore, now time.Time) (int, error) {
	var cutoff time.Time
	if !now.IsZero() {
		cutoff = now.Add(-e.cfg.Window)
	}
	n := 0
	err := st.ScanArticles(ctx, func(a *news.Article) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if !cutoff.IsZero() && a.PublishedAt.Before(cutoff) {
			return nil
		}
		p := e.prepare(a)
		e.mu.Lock()
		e.state.add(p, true)
		e.mu.Unlock()
		n++
		return nil
	})
	if err != nil {
		return n, fmt.Errorf("story: rebuild: %w", err)
	}
	return n, nil
}

// Stats describes the window's size, for metrics and benchmarks.
type Stats struct {
	Articles int // articles in the window
	Stories  int // open stories
	Terms    int // indexed keys
	Buckets  int // LSH buckets
	Seen     int // articles ever added
}

// Stats returns the current window sizes.
func (e *Engine) Stats() Stats {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := e.state
	return Stats{Articles: len(s.docs), Stories: len(s.stories), Terms: len(s.postings), Buckets: len(s.buckets), Seen: s.seen}
}
