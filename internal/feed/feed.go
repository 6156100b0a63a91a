// Package feed reads every feed format nashra's publishers serve — RSS 2.0,
// RSS 1.0, Atom, JSON Feed, Google News sitemaps, plain sitemaps and sitemap
// indexes — into one model with absolute, canonical article URLs.
package feed

import (
	"errors"
	"time"
)

// Errors Parse returns, wrapped with detail; test them with errors.Is.
var (
	ErrEmpty     = errors.New("empty feed body")
	ErrNotAFeed  = errors.New("not a feed")
	ErrMalformed = errors.New("malformed feed")
)

// Feed is a parsed feed of any format.
type Feed struct {
	Title    string   `json:"title,omitempty"`
	Kind     string   `json:"kind"` // news.FeedRSS, FeedAtom, FeedJSON or FeedSitemap
	Link     string   `json:"link,omitempty"`
	Language string   `json:"language,omitempty"`
	Items    []Item   `json:"items"`
	Sitemaps []string `json:"sitemaps,omitempty"` // children of a sitemap index
	// Dropped counts entries left out: no usable URL, or a duplicate.
	Dropped int `json:"dropped,omitempty"`
}

// Item is one feed entry.
type Item struct {
	GUID        string    `json:"guid"`
	URL         string    `json:"url"` // absolute and canonical (internal/canon)
	Title       string    `json:"title,omitempty"`
	Author      string    `json:"author,omitempty"`
	Published   time.Time `json:"published,omitzero"` // UTC; zero when the feed gave none
	Updated     time.Time `json:"updated,omitzero"`
	ContentHTML string    `json:"content_html,omitempty"`
	SummaryHTML string    `json:"summary_html,omitempty"`
	ImageURL    string    `json:"image_url,omitempty"`
	Categories  []string  `json:"categories,omitempty"`
	Language    string    `json:"language,omitempty"` // only when the feed says so per item
}

// FutureSlack is how far past the fetch time an item date may lie before it
// is treated as wrong (a publisher's clock or time-zone error) and clamped.
const FutureSlack = time.Hour
