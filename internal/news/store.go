package news

import (
	"context"
	"time"
)

// Store is nashra's persistence. SQLite (default) and PostgreSQL implement it
// and pass the same conformance suite (internal/store/storetest).
//
// Every method that writes does so in one transaction: nothing half-written
// is ever visible, and a crash loses nothing that was committed.
type Store interface {
	SourceStore
	CrawlStore
	ArticleStore
	SearchStore
	NewsroomStore
	// Close releases the store.
	Close() error
}

// SourceStore manages publishers and their feeds.
type SourceStore interface {
	// PutSource creates or updates a source and adds the feeds it lists
	// that are not there yet (feeds are matched by URL).
	PutSource(ctx context.Context, s *Source) error
	// Source returns one source with its feeds; ENOTFOUND if unknown.
	Source(ctx context.Context, id string) (*Source, error)
	// Sources lists every source with health and article counts.
	Sources(ctx context.Context) ([]SourceStats, error)
	// DeleteSource removes a source and its feeds. Its articles stay.
	DeleteSource(ctx context.Context, id string) error
	// RemoveFeed removes one feed by URL; ENOTFOUND if unknown.
	RemoveFeed(ctx context.Context, feedURL string) error
}

// CrawlStore holds the crawler's shared schedule. Feeds are leased, so several
// crawler processes on one database never poll the same feed at once.
type CrawlStore interface {
	// LeaseDueFeeds leases up to limit feeds whose NextPollAt <= now and
	// whose lease is free or expired, for the given duration.
	LeaseDueFeeds(ctx context.Context, owner string, now time.Time, limit int, lease time.Duration) ([]Feed, error)
	// FinishPoll applies a poll's result: feed state, health, a fetch-log
	// row, a permanent move (PollResult.MovedTo), and releases the lease.
	// An ECONFLICT error means the poll was recorded but the move was not:
	// another feed already has the new URL.
	FinishPoll(ctx context.Context, r PollResult) error
	// FetchLog returns the newest fetch-log rows (all feeds when sourceID
	// is empty).
	FetchLog(ctx context.Context, sourceID string, limit int) ([]FetchLogEntry, error)
	// NextDue returns the earliest NextPollAt over feeds not gone (zero if none).
	NextDue(ctx context.Context) (time.Time, error)
}

// ArticleStore stores and reads articles.
type ArticleStore interface {
	// UpsertArticle stores a new article, updates an edited one in place
	// (same ID, new content hash), or does nothing. The search index is
	// updated in the same transaction from a.Index.
	UpsertArticle(ctx context.Context, a *Article) (UpsertResult, error)
	// UpsertArticles is the bulk form for imports: one transaction per call.
	UpsertArticles(ctx context.Context, as []*Article) ([]UpsertResult, error)
	// KnownURLs returns which of the canonical URLs are already stored.
	KnownURLs(ctx context.Context, urls []string) (map[string]bool, error)
	// Article returns one article with its derived fields; ENOTFOUND if unknown.
	Article(ctx context.Context, id string) (*Article, error)
	// ArticlesByID returns the articles found, in the order of ids.
	ArticlesByID(ctx context.Context, ids []string) ([]Article, error)
	// Articles lists articles newest first, keyset-paginated. Listings leave
	// BodyText, BodyHTML and Index empty.
	Articles(ctx context.Context, f ArticleFilter) ([]Article, error)
	// CountArticles counts stored articles.
	CountArticles(ctx context.Context) (int, error)
	// ScanArticles calls fn for every article in publication order (oldest
	// first) with the full text; used by reindex, analysis and migration.
	ScanArticles(ctx context.Context, fn func(*Article) error) error
}

// SearchStore is the full-text index over pre-analysed tokens.
type SearchStore interface {
	Search(ctx context.Context, q SearchQuery) (SearchResult, error)
	// Suggest completes a normalised prefix from titles, sources and hashtags.
	Suggest(ctx context.Context, prefix string, limit int) ([]Suggestion, error)
	// Reindex replaces the index document of an article.
	Reindex(ctx context.Context, id string, doc *IndexDoc) error
}

// NewsroomStore persists what internal/story derives.
type NewsroomStore interface {
	// SaveAnalysis stores derived fields, related lists and story updates
	// in one transaction.
	SaveAnalysis(ctx context.Context, as []Analysis, stories []StoryUpdate) error
	Story(ctx context.Context, id string) (*Story, error)
	Stories(ctx context.Context, f StoryFilter) ([]Story, error)
	// Related returns the precomputed related list of an article.
	Related(ctx context.Context, articleID string) ([]Related, error)
	// TrendingHashtags ranks hashtags by their rise in the window ending at now.
	TrendingHashtags(ctx context.Context, now time.Time, window time.Duration, limit int) ([]HashtagTrend, error)
}
