// Package news holds nashra's domain types and the interfaces the engine
// packages meet at. It imports nothing internal, so every other package can
// depend on it without cycles.
package news

import (
	"crypto/sha256"
	"encoding/base32"
	"strings"
	"time"
)

// Article is one stored news article: the clean full text plus its metadata.
type Article struct {
	ID          string // stable, URL-safe: ArticleID(URL)
	URL         string // canonical URL
	SourceID    string // Source.ID
	FeedID      int64  // feed it was first found through (0 when imported)
	Category    string // feed category, if the feed was tagged with one
	Title       string
	Author      string
	PublishedAt time.Time // UTC
	FetchedAt   time.Time // UTC, first time we stored it
	UpdatedAt   time.Time // UTC, last time its text or title changed
	Language    string    // ISO 639-1: "ar", "en"
	BodyText    string    // paragraphs separated by "\n\n"
	BodyHTML    string    // sanitized HTML
	Excerpt     string
	ImageURL    string
	ContentHash string // hash of title+body, to tell edits from refetches

	// Index carries the analysed text the search index stores. The ingest
	// pipeline fills it (the store never analyses text itself), so SQLite and
	// PostgreSQL index exactly the same tokens.
	Index *IndexDoc

	// Derived by the newsroom (dedup, stories, hashtags); empty until analysed.
	DuplicateOf string   // ID of the first-published original, if a near-copy
	StoryID     string   // story cluster
	Hashtags    []string // display forms without '#', e.g. "خليفة_حفتر"
	WireAgency  string   // e.g. "واس" when the text credits a wire agency
}

// IndexDoc is the analysed, space-separated token text of an article's fields.
type IndexDoc struct {
	Title  string
	Body   string
	Author string
	Source string
	Tags   string
}

// ArticleID derives the stable public ID of an article from its canonical
// URL: 16 lowercase base32 characters (80 bits of SHA-256), safe in URLs.
func ArticleID(canonicalURL string) string {
	sum := sha256.Sum256([]byte(canonicalURL))
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:10]))
}

// ContentHash fingerprints what a reader sees, so a refetch with the same text
// is not counted as an edit.
func ContentHash(title, body string) string {
	sum := sha256.Sum256([]byte(title + "\x00" + body))
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:15])
}

// ArticleFilter selects articles for listings, newest first.
type ArticleFilter struct {
	SourceID string
	Language string
	Category string
	Hashtag  string
	StoryID  string
	Before   *Cursor // exclusive; nil for the newest
	Limit    int
}

// Cursor is a keyset position in a newest-first listing.
type Cursor struct {
	PublishedAt time.Time
	ID          string
}

// UpsertResult says what UpsertArticle did.
type UpsertResult int

const (
	Unchanged UpsertResult = iota // same URL, same content: nothing written
	Created
	Updated // same URL, new title or text: updated in place
)

func (r UpsertResult) String() string {
	switch r {
	case Created:
		return "created"
	case Updated:
		return "updated"
	}
	return "unchanged"
}
