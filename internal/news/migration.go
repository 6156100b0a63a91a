package news

import "context"

// MigrationStore is what `nashra migrate-store` needs beyond Store to copy a
// database whole: crawl state and history written verbatim (the crawler's
// own write path, FinishPoll, derives them instead), the analysis queue read
// and refilled, and counts to verify the copy with. It is not part of Store
// because only a migration needs it; the SQLite and PostgreSQL stores both
// implement it, test doubles need not.
type MigrationStore interface {
	// RestoreFeedState writes f's scheduling, conditional-GET validators,
	// gone flag, health, kind and category onto the stored feed f.ID as
	// they are, and frees its lease: a lease taken on another database
	// means nothing here. ENOTFOUND if the feed is unknown.
	RestoreFeedState(ctx context.Context, f Feed) error
	// RestoreFetchLog replaces the fetch log of feed feedID with entries
	// (newest first, as FetchLog returns them), keeping their times, URLs
	// and outcomes; the rows belong to the feed's source whatever
	// entries' FeedID and SourceID say. ENOTFOUND if the feed is unknown.
	RestoreFetchLog(ctx context.Context, feedID int64, entries []FetchLogEntry) error
	// QueuedArticleIDs returns the IDs of the articles awaiting analysis,
	// in queue order.
	QueuedArticleIDs(ctx context.Context) ([]string, error)
	// QueueForAnalysis adds articles to the back of the analysis queue, in
	// order; an article already queued keeps its place. ENOTFOUND if an
	// article is unknown, and then nothing is queued.
	QueueForAnalysis(ctx context.Context, ids []string) error
	// Tally counts what the store holds.
	Tally(ctx context.Context) (Tally, error)
}

// Tally is what a store holds, counted.
type Tally struct {
	Sources  int
	Feeds    int
	FetchLog int // fetch-log rows
	Articles int
	Queued   int // articles awaiting analysis
	Stories  int
	Hashtags int // hashtags given to articles (one per article and tag)
	Related  int // related-list entries whose article is stored, as Related returns them
}
