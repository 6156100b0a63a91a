package news

import (
	"fmt"
	"time"
)

// Source is a publisher.
type Source struct {
	ID       string // short slug, e.g. "aawsat"
	NameAr   string
	NameEn   string
	HomeURL  string
	Language string // main language, ISO 639-1
	Country  string // ISO 3166-1 alpha-2
	LogoURL  string
	Feeds    []Feed
}

// Name returns the source's name in the given UI language, falling back to
// whichever name exists.
func (s *Source) Name(lang string) string {
	if lang == "en" && s.NameEn != "" {
		return s.NameEn
	}
	if s.NameAr != "" {
		return s.NameAr
	}
	if s.NameEn != "" {
		return s.NameEn
	}
	return s.ID
}

// Feed kinds. An empty kind means "detect from the response".
const (
	FeedAuto    = ""
	FeedRSS     = "rss"
	FeedAtom    = "atom"
	FeedJSON    = "json"
	FeedSitemap = "sitemap"
)

// Feed is one feed of a source, with its polling state.
type Feed struct {
	ID       int64
	SourceID string
	URL      string
	Kind     string
	Category string

	// Scheduling and conditional-GET state, owned by the crawler.
	Interval     time.Duration // current adaptive polling interval
	NextPollAt   time.Time
	ETag         string
	LastModified string
	Gone         bool // 404/410: no longer polled until re-added

	// Health.
	LastPolledAt        time.Time
	LastSuccessAt       time.Time
	ConsecutiveFailures int
	LastError           string
	LastNote            string // a poll that worked told operators something (a move); the next poll replaces it
}

// SourceStats is a source with its health summary and article count.
type SourceStats struct {
	Source
	Articles            int
	LatestArticleAt     time.Time
	LastSuccessAt       time.Time // newest success over its feeds
	ConsecutiveFailures int       // worst over its feeds
	LastError           string    // most recent error over its feeds
	LastNote            string    // most recent note over its feeds
}

// PollResult is what one poll of a feed produced; the store applies it
// atomically (feed state, health, fetch log, lease release).
type PollResult struct {
	FeedID       int64
	Owner        string // lease owner that polled it
	StartedAt    time.Time
	Duration     time.Duration
	Status       int // HTTP status, 0 if none
	NotModified  bool
	Err          string // empty on success
	Gone         bool
	ETag         string
	LastModified string
	Items        int // items in the feed
	NewItems     int // articles created
	Bytes        int64
	NextPollAt   time.Time
	Interval     time.Duration
	// MovedTo is the feed's new URL when this successful poll reached it
	// through permanent redirects only (301/308), validated like a feed URL
	// added by hand; empty otherwise. FinishPoll stores it as the feed's URL
	// and records MovedNote as the feed's LastNote and the fetch-log row's
	// Note, not as an error: the poll worked. If another feed already has
	// that URL, the old one is kept, MoveConflictNote is recorded the same
	// way and FinishPoll returns an ECONFLICT error after recording the poll
	// all the same. The store writes the note because only it knows which
	// of the two happened.
	MovedTo string
}

// MovedNote is the note FinishPoll records when a feed's URL changed.
func MovedNote(from, to string) string {
	return "feed moved permanently: " + from + " → " + to
}

// MoveConflictNote is the note FinishPoll records when a feed moved to a URL
// another feed already has, so its URL could not change.
func MoveConflictNote(from, to string, otherFeed int64, otherSource string) string {
	return fmt.Sprintf("feed moved permanently to %s, but feed %d of source %s already has that URL: kept %s",
		to, otherFeed, otherSource, from)
}

// FetchLogEntry is one row of the fetch log.
type FetchLogEntry struct {
	FeedID    int64
	SourceID  string
	URL       string
	StartedAt time.Time
	Duration  time.Duration
	Status    int
	Err       string // why the poll failed; empty on success
	Note      string // what a poll that worked has to tell an operator, e.g. MovedNote
	Items     int
	NewItems  int
	Bytes     int64
}
