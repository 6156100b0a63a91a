// Package extract turns a fetched article page (or a feed item's content)
// into a clean article: title, author, date, lead image, language, plain
// text paragraphs and sanitized HTML, with the site chrome Arabic and English
// news pages wrap around the story removed.
//
// Two body extractors cooperate. A fast readability-style pass (largest
// low-link-density paragraph cluster) answers most pages in well under a
// millisecond; go-trafilatura, which is slower but handles odd layouts, runs
// when the fast pass is unsure (ModeAuto, the default) or always
// (ModeTrafilatura). Both feed the same rune-aware boilerplate filter, which
// knows the chrome phrases of Arabic news sites ("اقرأ أيضاً", "عدد
// المشاهدات", share bars, newsletter boxes, ...).
package extract

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Errors returned by Page and FeedContent, wrapped with the page URL; test
// them with errors.Is.
var (
	// ErrNoContent means the page has no article body (an index page, an
	// error page, a photo with only a caption, an empty document).
	ErrNoContent = errors.New("no article content")
	// ErrInvalidURL means pageURL is not an absolute http(s) URL, so links
	// and images could not be resolved.
	ErrInvalidURL = errors.New("page URL is not an absolute http(s) URL")
	// ErrTooLarge means the document exceeds MaxDocumentSize.
	ErrTooLarge = errors.New("document too large")
)

// MaxDocumentSize bounds the HTML Page accepts. Real article pages are a few
// hundred kilobytes; anything far larger is a feed dump or an attack.
const MaxDocumentSize = 16 << 20

// Hints are what the feed item already told us about the article. Feed
// metadata is usually cleaner than page metadata, so non-empty hints win
// unless they look truncated or invalid.
type Hints struct {
	Title     string
	Author    string
	Published time.Time
	ImageURL  string
	Language  string
}

// Result is one extracted article.
type Result struct {
	CanonicalURL string
	Title        string
	Author       string
	PublishedAt  time.Time // UTC; zero when the page states no date
	ImageURL     string
	Language     string // ISO 639-1 ("ar", "en"), "" when unknown
	BodyText     string // paragraphs separated by "\n\n"
	BodyHTML     string // sanitized, wrapped in a root <div dir="rtl|ltr">
	Excerpt      string
}

// Mode selects how the body extractors are combined.
type Mode int

const (
	// ModeAuto runs the fast pass first and trafilatura only when the fast
	// pass is unsure.
	ModeAuto Mode = iota
	// ModeTrafilatura runs trafilatura first and the fast pass only when
	// trafilatura finds nothing or too little.
	ModeTrafilatura
	// ModeFast never runs trafilatura.
	ModeFast
)

func (m Mode) String() string {
	switch m {
	case ModeTrafilatura:
		return "trafilatura"
	case ModeFast:
		return "fast"
	}
	return "auto"
}

// Extractor extracts articles with a given mode. The zero value is ModeAuto;
// an Extractor is safe for concurrent use.
type Extractor struct {
	Mode Mode
	// Now returns the current time; dates after it are rejected as bogus.
	// Nil means time.Now.
	Now func() time.Time
}

var defaultExtractor Extractor

// Page extracts the article from a page's HTML (already decoded to UTF-8),
// using the feed item's hints. It returns ErrNoContent when there is no
// article body.
func Page(pageURL string, html []byte, hints Hints) (*Result, error) {
	return defaultExtractor.Page(pageURL, html, hints)
}

// FeedContent builds an article from a feed item's content HTML, for feeds
// that carry the full text (see IsTeaser).
func FeedContent(pageURL, contentHTML string, hints Hints) (*Result, error) {
	return defaultExtractor.FeedContent(pageURL, contentHTML, hints)
}

func (e *Extractor) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

func parsePageURL(pageURL string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(pageURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("extract: %q: %w", pageURL, ErrInvalidURL)
	}
	u.Fragment = ""
	return u, nil
}
