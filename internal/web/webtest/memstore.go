// Package webtest provides what the site's tests share: an in-memory
// news.Store and fixtures that fill any news.Store (the in-memory one or the
// real SQLite store) with corpus articles, stories, hashtags and related
// lists. It is test support, imported only from _test files.
package webtest

import (
	"context"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/nashra/nashra/internal/news"
)

// MemStore is a small, thread-safe in-memory news.Store. It implements the
// reads the site uses faithfully (ordering, keyset paging, filters) and the
// writes just well enough to load fixtures; crawl scheduling is inert.
type MemStore struct {
	mu       sync.RWMutex
	sources  map[string]*news.Source
	articles map[string]*news.Article
	related  map[string][]news.Related
	stories  map[string]*news.Story
	// Calls counts method calls, so tests can check for N+1 queries.
	calls map[string]int
}

// NewMemStore returns an empty store.
func NewMemStore() *MemStore {
	return &MemStore{
		sources:  map[string]*news.Source{},
		articles: map[string]*news.Article{},
		related:  map[string][]news.Related{},
		stories:  map[string]*news.Story{},
		calls:    map[string]int{},
	}
}

var _ news.Store = (*MemStore)(nil)

func (m *MemStore) count(name string) {
	m.calls[name]++
}

// Calls returns how often each method was called since the last reset.
func (m *MemStore) Calls(reset bool) map[string]int {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make(map[string]int, len(m.calls))
	for k, v := range m.calls {
		out[k] = v
	}
	if reset {
		m.calls = map[string]int{}
	}
	return out
}

func (m *MemStore) PutSource(ctx context.Context, s *news.Source) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	cp := *s
	cp.Feeds = append([]news.Feed(nil), s.Feeds...)
	for i := range cp.Feeds {
		cp.Feeds[i].SourceID = s.ID
		if cp.Feeds[i].ID == 0 {
			cp.Feeds[i].ID = int64(len(m.sources)*100 + i + 1)
		}
	}
	m.sources[s.ID] = &cp
	return nil
}

func (m *MemStore) Source(ctx context.Context, id string) (*news.Source, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.count("Source")
	s, ok := m.sources[id]
	if !ok {
		return nil, news.Errorf(news.ENOTFOUND, "source %q not found", id)
	}
	cp := *s
	return &cp, nil
}

func (m *MemStore) Sources(ctx context.Context) ([]news.SourceStats, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.count("Sources")
	var out []news.SourceStats
	for _, s := range m.sources {
		st := news.SourceStats{Source: *s}
		for _, a := range m.articles {
			if a.SourceID == s.ID {
				st.Articles++
				if a.PublishedAt.After(st.LatestArticleAt) {
					st.LatestArticleAt = a.PublishedAt
				}
			}
		}
		for _, f := range s.Feeds {
			if f.LastSuccessAt.After(st.LastSuccessAt) {
				st.LastSuccessAt = f.LastSuccessAt
			}
			if f.ConsecutiveFailures > st.ConsecutiveFailures {
				st.ConsecutiveFailures = f.ConsecutiveFailures
			}
			if f.LastError != "" {
				st.LastError = f.LastError
			}
		}
		out = append(out, st)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func (m *MemStore) DeleteSource(ctx context.Context, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.sources, id)
	return nil
}

func (m *MemStore) RemoveFeed(ctx context.Context, feedURL string) error {
	return news.Errorf(news.ENOTFOUND, "feed %q not found", feedURL)
}

func (m *MemStore) LeaseDueFeeds(ctx context.Context, owner string, now time.Time, limit int, lease time.Duration) ([]news.Feed, error) {
	return nil, nil
}

func (m *MemStore) FinishPoll(ctx context.Context, r news.PollResult) error { return nil }

func (m *MemStore) FetchLog(ctx context.Context, sourceID string, limit int) ([]news.FetchLogEntry, error) {
	return nil, nil
}

func (m *MemStore) NextDue(ctx context.Context) (time.Time, error) { return time.Time{}, nil }

func (m *MemStore) UpsertArticle(ctx context.Context, a *news.Article) (news.UpsertResult, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.upsert(a), nil
}

func (m *MemStore) upsert(a *news.Article) news.UpsertResult {
	old, ok := m.articles[a.ID]
	cp := *a
	cp.Hashtags = append([]string(nil), a.Hashtags...)
	if !ok {
		m.articles[a.ID] = &cp
		return news.Created
	}
	if old.ContentHash == a.ContentHash {
		return news.Unchanged
	}
	cp.DuplicateOf, cp.StoryID, cp.Hashtags, cp.WireAgency = old.DuplicateOf, old.StoryID, old.Hashtags, old.WireAgency
	m.articles[a.ID] = &cp
	return news.Updated
}

func (m *MemStore) UpsertArticles(ctx context.Context, as []*news.Article) ([]news.UpsertResult, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]news.UpsertResult, len(as))
	for i, a := range as {
		out[i] = m.upsert(a)
	}
	return out, nil
}

func (m *MemStore) KnownURLs(ctx context.Context, urls []string) (map[string]bool, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := map[string]bool{}
	for _, a := range m.articles {
		for _, u := range urls {
			if a.URL == u {
				out[u] = true
			}
		}
	}
	return out, nil
}

func (m *MemStore) Article(ctx context.Context, id string) (*news.Article, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.count("Article")
	a, ok := m.articles[id]
	if !ok {
		return nil, news.Errorf(news.ENOTFOUND, "article %q not found", id)
	}
	cp := *a
	return &cp, nil
}

func (m *MemStore) ArticlesByID(ctx context.Context, ids []string) ([]news.Article, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.count("ArticlesByID")
	var out []news.Article
	for _, id := range ids {
		if a, ok := m.articles[id]; ok {
			out = append(out, *a)
		}
	}
	return out, nil
}

func newer(a, b *news.Article) bool {
	if !a.PublishedAt.Equal(b.PublishedAt) {
		return a.PublishedAt.After(b.PublishedAt)
	}
	return a.ID > b.ID
}

func (m *MemStore) Articles(ctx context.Context, f news.ArticleFilter) ([]news.Article, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.count("Articles")
	var list []*news.Article
	for _, a := range m.articles {
		switch {
		case f.SourceID != "" && a.SourceID != f.SourceID,
			f.Language != "" && a.Language != f.Language,
			f.Category != "" && a.Category != f.Category,
			f.StoryID != "" && a.StoryID != f.StoryID:
			continue
		}
		if f.Hashtag != "" && !hasTag(a.Hashtags, f.Hashtag) {
			continue
		}
		if f.Before != nil && !newer(&news.Article{PublishedAt: f.Before.PublishedAt, ID: f.Before.ID}, a) {
			continue
		}
		list = append(list, a)
	}
	sort.Slice(list, func(i, j int) bool { return newer(list[i], list[j]) })
	if f.Limit > 0 && len(list) > f.Limit {
		list = list[:f.Limit]
	}
	out := make([]news.Article, len(list))
	for i, a := range list {
		out[i] = *a
		out[i].BodyHTML, out[i].BodyText, out[i].Index = "", "", nil
	}
	return out, nil
}

func hasTag(tags []string, t string) bool {
	for _, x := range tags {
		if strings.EqualFold(x, t) {
			return true
		}
	}
	return false
}

func (m *MemStore) CountArticles(ctx context.Context) (int, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.articles), nil
}

func (m *MemStore) ScanArticles(ctx context.Context, fn func(*news.Article) error) error {
	m.mu.RLock()
	list := make([]*news.Article, 0, len(m.articles))
	for _, a := range m.articles {
		cp := *a
		list = append(list, &cp)
	}
	m.mu.RUnlock()
	sort.Slice(list, func(i, j int) bool { return newer(list[j], list[i]) })
	for _, a := range list {
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}

func (m *MemStore) Search(ctx context.Context, q news.SearchQuery) (news.SearchResult, error) {
	return news.SearchResult{}, nil
}

func (m *MemStore) Suggest(ctx context.Context, prefix string, limit int) ([]news.Suggestion, error) {
	return nil, nil
}

func (m *MemStore) Reindex(ctx context.Context, id string, doc *news.IndexDoc) error { return nil }

func (m *MemStore) SaveAnalysis(ctx context.Context, as []news.Analysis, stories []news.StoryUpdate) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, an := range as {
		a, ok := m.articles[an.ArticleID]
		if !ok {
			return news.Errorf(news.ENOTFOUND, "article %q not found", an.ArticleID)
		}
		a.DuplicateOf, a.WireAgency, a.StoryID = an.DuplicateOf, an.WireAgency, an.StoryID
		a.Hashtags = append([]string(nil), an.Hashtags...)
		m.related[an.ArticleID] = append([]news.Related(nil), an.Related...)
	}
	for _, su := range stories {
		if su.MergedInto != "" {
			delete(m.stories, su.Story.ID)
			for _, a := range m.articles {
				if a.StoryID == su.Story.ID {
					a.StoryID = su.MergedInto
				}
			}
			continue
		}
		st := su.Story
		m.stories[st.ID] = &st
	}
	return nil
}

func (m *MemStore) Story(ctx context.Context, id string) (*news.Story, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.count("Story")
	st, ok := m.stories[id]
	if !ok {
		return nil, news.Errorf(news.ENOTFOUND, "story %q not found", id)
	}
	cp := *st
	return &cp, nil
}

func (m *MemStore) Stories(ctx context.Context, f news.StoryFilter) ([]news.Story, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.count("Stories")
	var out []news.Story
	for _, st := range m.stories {
		if st.Size < f.MinSize || (!f.Since.IsZero() && !st.LastUpdatedAt.After(f.Since)) {
			continue
		}
		out = append(out, *st)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Size != out[j].Size {
			return out[i].Size > out[j].Size
		}
		if !out[i].LastUpdatedAt.Equal(out[j].LastUpdatedAt) {
			return out[i].LastUpdatedAt.After(out[j].LastUpdatedAt)
		}
		return out[i].ID < out[j].ID
	})
	if f.Offset > 0 {
		out = out[min(f.Offset, len(out)):]
	}
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}

func (m *MemStore) Related(ctx context.Context, articleID string) ([]news.Related, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.count("Related")
	return append([]news.Related(nil), m.related[articleID]...), nil
}

func (m *MemStore) TrendingHashtags(ctx context.Context, now time.Time, window time.Duration, limit int) ([]news.HashtagTrend, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.count("TrendingHashtags")
	counts := map[string]int{}
	for _, a := range m.articles {
		if a.PublishedAt.After(now) || a.PublishedAt.Before(now.Add(-window)) {
			continue
		}
		for _, t := range a.Hashtags {
			counts[t]++
		}
	}
	var out []news.HashtagTrend
	for t, n := range counts {
		out = append(out, news.HashtagTrend{Tag: t, Recent: n, Score: float64(n)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Recent != out[j].Recent {
			return out[i].Recent > out[j].Recent
		}
		return out[i].Tag < out[j].Tag
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

func (m *MemStore) Close() error { return nil }
