package news

import (
	"context"
	"time"
)

// NewsroomQueue lets one elected newsroom leader per database derive
// duplicates, stories, related lists and hashtags for articles stored by any
// number of crawler nodes. Every created or edited article joins a durable
// queue in the same transaction that stores it; the leader drains the queue
// in order and saves each batch's analysis and its removal from the queue
// in one transaction, so an article is analysed once, by one engine, and a
// crash loses nothing.
type NewsroomQueue interface {
	// PendingAnalysis returns up to limit queued articles with full text,
	// in queue order (the order their creating or editing writes were
	// queued).
	PendingAnalysis(ctx context.Context, limit int) ([]PendingArticle, error)
	// PendingCount returns how many articles await analysis.
	PendingCount(ctx context.Context) (int, error)
	// CompleteAnalysis saves analyses and story updates like SaveAnalysis
	// and removes the given queue entries, in one transaction, only while
	// lease.Owner still holds the lease lease.Name: a leader that lost its
	// lease (it stalled past the TTL and another took over) gets ECONFLICT
	// and writes nothing. An entry whose article was edited again after it
	// was read stays queued for the new text.
	CompleteAnalysis(ctx context.Context, lease Lease, as []Analysis, stories []StoryUpdate, done []QueueEntry) error
	// TryLead acquires the named lease for owner, or renews it if owner
	// already holds it, for ttl from now. It fails (false, nil) while
	// another owner holds an unexpired lease; a holder that stops renewing
	// loses it when the TTL runs out.
	TryLead(ctx context.Context, lease Lease) (bool, error)
	// ReleaseLead gives the lease up if owner holds it, so a successor need
	// not wait for the TTL.
	ReleaseLead(ctx context.Context, lease Lease) error
}

// Lease names a database-wide lease and who asks for it.
type Lease struct {
	Name  string
	Owner string
	TTL   time.Duration // only used by TryLead
}

// QueueEntry identifies one queued version of an article: Seq changes every
// time the article is queued again after an edit.
type QueueEntry struct {
	Seq       int64
	ArticleID string
}

// PendingArticle is a queued article with its full text.
type PendingArticle struct {
	QueueEntry
	Article Article
}
