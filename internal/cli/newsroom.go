package cli

import (
	"context"
	"time"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/story"
)

// newsroom adapts the story engine to the ingest pipeline.
type newsroom struct{ e *story.Engine }

func (n newsroom) Analyze(a *news.Article) ([]news.Analysis, []news.StoryUpdate) {
	r := n.e.Add(a)
	return r.Analyses, r.Stories
}

// newNewsroom returns an engine warmed with the store's recent window, so a
// restarted process keeps joining articles to the stories it already has.
func newNewsroom(ctx context.Context, st news.Store) (newsroom, error) {
	e := story.New(story.Config{})
	now := time.Now()
	// An archive's "recent" is its newest article, not the wall clock.
	if latest, err := st.Articles(ctx, news.ArticleFilter{Limit: 1}); err == nil && len(latest) == 1 && latest[0].PublishedAt.Before(now) {
		now = latest[0].PublishedAt
	}
	if _, err := e.Rebuild(ctx, st, now); err != nil {
		return newsroom{}, err
	}
	return newsroom{e}, nil
}

// Prepare runs the engine's text work (safe in parallel) and returns the
// ordered step that updates its window.
func (n newsroom) Prepare(a *news.Article) func() ([]news.Analysis, []news.StoryUpdate) {
	p := n.e.Prepare(a)
	return func() ([]news.Analysis, []news.StoryUpdate) {
		r := n.e.Apply(p)
		return r.Analyses, r.Stories
	}
}
