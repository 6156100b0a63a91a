package crawl

import (
	"cmp"
	"net/url"
	"strings"
	"time"

	"github.com/nashra/nashra/internal/canon"
	"github.com/nashra/nashra/internal/extract"
	"github.com/nashra/nashra/internal/feed"
	"github.com/nashra/nashra/internal/news"
)

// article assembles the stored article from the feed item and the
// extraction. Feed dates win over page dates (feeds state them in a
// machine-readable form); no date is ever in the future.
func (c *Crawler) article(f news.Feed, it *feed.Item, res *extract.Result, pageURL, lang string, now time.Time) *news.Article {
	u := articleURL(it.URL, pageURL, res.CanonicalURL)
	published := it.Published
	if published.IsZero() {
		published = res.PublishedAt
	}
	if published.IsZero() || published.After(now) {
		published = now
	}
	title := cmp.Or(res.Title, it.Title)
	a := &news.Article{
		ID:          news.ArticleID(u),
		URL:         u,
		SourceID:    f.SourceID,
		FeedID:      f.ID,
		Category:    f.Category,
		Title:       title,
		Author:      cmp.Or(res.Author, it.Author),
		PublishedAt: published.UTC(),
		FetchedAt:   now.UTC(),
		UpdatedAt:   now.UTC(),
		Language:    cmp.Or(res.Language, lang),
		BodyText:    res.BodyText,
		BodyHTML:    res.BodyHTML,
		Excerpt:     res.Excerpt,
		ImageURL:    cmp.Or(res.ImageURL, it.ImageURL),
	}
	a.ContentHash = news.ContentHash(a.Title, a.BodyText)
	return a
}

// articleURL picks the URL an article is stored under: the page's declared
// canonical link when it stays on the publisher's host (a canonical on
// another host is a syndication credit or a mistake, and would let one page
// overwrite another site's article), else the item URL.
func articleURL(itemURL, pageURL, canonicalLink string) string {
	if canonicalLink == "" {
		return itemURL
	}
	cu, err := canon.Canonicalize(canonicalLink)
	if err != nil {
		return itemURL
	}
	h := host(cu)
	if h != "" && (h == host(itemURL) || h == host(pageURL)) {
		return cu
	}
	return itemURL
}

// host returns the lower-case host without a leading "www.".
func host(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}
