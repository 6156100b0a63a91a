package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	jsonfeed "github.com/mmcdole/gofeed/json"

	"github.com/nashra/nashra/internal/fetch"
	"github.com/nashra/nashra/internal/news"
)

// Parse parses a feed fetched from baseURL, as of now.
func Parse(body []byte, baseURL string) (*Feed, error) {
	return ParseAt(body, baseURL, time.Now())
}

// ParseAt parses a feed fetched from baseURL at time now (used to clamp dates
// in the future). body should be UTF-8 (fetch decodes it); raw bytes in a
// declared legacy charset are decoded too. The XML declaration's encoding is
// ignored once the body is UTF-8: trusting it would decode the text twice.
func ParseAt(body []byte, baseURL string, now time.Time) (*Feed, error) {
	// Junk goes first, so the XML declaration is at the start when the
	// charset is decided and the declaration rewritten.
	body, _ = fetch.DecodeUTF8(trimLeadingJunk(body), "")
	kind, err := sniff(body)
	if err != nil {
		return nil, err
	}
	var f *Feed
	switch kind {
	case kindSitemap, kindSitemapIndex:
		f, err = parseSitemap(body, baseURL, kind == kindSitemapIndex)
	case kindJSON:
		f, err = parseGofeed(body, baseURL, news.FeedJSON)
	case kindAtom:
		f, err = parseGofeed(body, baseURL, news.FeedAtom)
	default:
		f, err = parseGofeed(body, baseURL, news.FeedRSS)
	}
	if err != nil {
		return nil, err
	}
	finish(f, now.UTC())
	return f, nil
}

type rootKind int

const (
	kindRSS rootKind = iota
	kindAtom
	kindJSON
	kindSitemap
	kindSitemapIndex
)

var htmlStart = regexp.MustCompile(`(?is)^(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])`)

// sniff identifies the format from the document itself; Content-Type headers
// are too often wrong (text/html feeds, application/octet-stream sitemaps).
func sniff(body []byte) (rootKind, error) {
	b := bytes.TrimSpace(body)
	if len(b) == 0 {
		return 0, fmt.Errorf("feed: %w", ErrEmpty)
	}
	switch b[0] {
	case '{':
		var probe struct {
			Version string `json:"version"`
		}
		if err := json.Unmarshal(b, &probe); err != nil {
			return 0, fmt.Errorf("feed: %w: JSON: %v", ErrMalformed, err)
		}
		if !strings.Contains(probe.Version, "jsonfeed.org") {
			return 0, fmt.Errorf("feed: %w: JSON document without a jsonfeed.org version", ErrNotAFeed)
		}
		return kindJSON, nil
	case '<':
	default:
		return 0, fmt.Errorf("feed: %w: starts with %q", ErrNotAFeed, firstBytes(b))
	}
	if htmlStart.Match(b) {
		return 0, fmt.Errorf("feed: %w: HTML page", ErrNotAFeed)
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	for {
		tok, err := d.Token()
		if err != nil {
			return 0, fmt.Errorf("feed: %w: no root element: %v", ErrMalformed, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch strings.ToLower(se.Name.Local) {
		case "rss", "rdf":
			return kindRSS, nil
		case "feed":
			return kindAtom, nil
		case "urlset":
			return kindSitemap, nil
		case "sitemapindex":
			return kindSitemapIndex, nil
		case "html":
			return 0, fmt.Errorf("feed: %w: HTML page", ErrNotAFeed)
		}
		return 0, fmt.Errorf("feed: %w: unknown root element <%s>", ErrNotAFeed, se.Name.Local)
	}
}

// trimLeadingJunk drops whatever precedes a late XML declaration: PHP
// sites often print warnings ("<br /><b>Warning</b>: ...") before the feed,
// which makes the document ill-formed although the feed itself is fine.
func trimLeadingJunk(b []byte) []byte {
	i := bytes.Index(b, []byte("<?xml"))
	if i <= 0 || len(bytes.TrimSpace(b[:i])) == 0 {
		return b
	}
	return b[i:]
}

func firstBytes(b []byte) string {
	if len(b) > 20 {
		b = b[:20]
	}
	return string(b)
}

func parseGofeed(body []byte, baseURL, kind string) (*Feed, error) {
	p := gofeed.NewParser()
	p.KeepOriginalFeed = kind == news.FeedJSON
	gf, err := p.Parse(bytes.NewReader(body))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, fmt.Errorf("feed: %w: %v", ErrNotAFeed, err)
		}
		return nil, fmt.Errorf("feed: %w: %s: %v", ErrMalformed, kind, err)
	}
	f := &Feed{
		Title:    plainText(gf.Title),
		Kind:     kind,
		Link:     absolute(gf.Link, baseURL),
		Language: languageTag(gf.Language),
		Items:    make([]Item, 0, len(gf.Items)),
	}
	var jsonItems []*jsonfeed.Item
	if jf, ok := gf.OriginalFeed().(*jsonfeed.Feed); ok && len(jf.Items) == len(gf.Items) {
		jsonItems = jf.Items
	}
	for i, gi := range gf.Items {
		if jsonItems != nil && jsonItems[i].ContentHTML == "" && jsonItems[i].ContentText != "" {
			gi.Content = textToHTML(jsonItems[i].ContentText)
		}
		it, ok := convertItem(gi, baseURL)
		if !ok {
			f.Dropped++
			continue
		}
		f.Items = append(f.Items, it)
	}
	return f, nil
}
