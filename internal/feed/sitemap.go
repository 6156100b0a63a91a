package feed

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/araddon/dateparse"

	"github.com/nashra/nashra/internal/canon"
	"github.com/nashra/nashra/internal/news"
)

// Sitemap XML, matched by local name so the sitemaps.org, news and image
// namespaces (and publishers' variants of their URIs) all work.
type xmlURLSet struct {
	URLs []xmlURL `xml:"url"`
}

type xmlURL struct {
	Loc     string   `xml:"loc"`
	LastMod string   `xml:"lastmod"`
	News    *xmlNews `xml:"news"`
	Images  []struct {
		Loc string `xml:"loc"`
	} `xml:"image"`
}

type xmlNews struct {
	Publication struct {
		Name     string `xml:"name"`
		Language string `xml:"language"`
	} `xml:"publication"`
	PublicationDate string `xml:"publication_date"`
	Title           string `xml:"title"`
	Keywords        string `xml:"keywords"`
}

type xmlSitemapIndex struct {
	Sitemaps []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"sitemap"`
}

func xmlDecoder(body []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(body))
	// The body is UTF-8 by now whatever the declaration said.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	return d
}

func parseSitemap(body []byte, baseURL string, index bool) (*Feed, error) {
	f := &Feed{Kind: news.FeedSitemap, Items: []Item{}}
	if index {
		var idx xmlSitemapIndex
		if err := xmlDecoder(body).Decode(&idx); err != nil {
			return nil, fmt.Errorf("feed: %w: sitemap index: %v", ErrMalformed, err)
		}
		type child struct {
			url string
			mod time.Time
		}
		var children []child
		seen := map[string]bool{}
		for _, s := range idx.Sitemaps {
			u, err := sitemapLoc(s.Loc)
			if err != nil || seen[u] {
				f.Dropped++
				continue
			}
			seen[u] = true
			children = append(children, child{u, parseW3CDate(s.LastMod)})
		}
		// Newest first: a crawler reading only the first few children must
		// get the latest news whether the site lists by date ascending or
		// descending. Undated children keep their order, after dated ones.
		slices.SortStableFunc(children, func(a, b child) int {
			switch {
			case a.mod.IsZero() || b.mod.IsZero():
				return cmp.Compare(boolInt(a.mod.IsZero()), boolInt(b.mod.IsZero()))
			}
			return b.mod.Compare(a.mod)
		})
		for _, c := range children {
			f.Sitemaps = append(f.Sitemaps, c.url)
		}
		return f, nil
	}
	var set xmlURLSet
	if err := xmlDecoder(body).Decode(&set); err != nil {
		return nil, fmt.Errorf("feed: %w: sitemap: %v", ErrMalformed, err)
	}
	for _, x := range set.URLs {
		u, err := sitemapLoc(x.Loc)
		if err != nil {
			f.Dropped++
			continue
		}
		it := Item{GUID: u, URL: u, Updated: parseW3CDate(x.LastMod)}
		if n := x.News; n != nil {
			it.Title = plainText(n.Title)
			it.Published = parseW3CDate(n.PublicationDate)
			it.Language = languageTag(n.Publication.Language)
			it.Categories = categories([]string{n.Keywords})
			if f.Title == "" {
				f.Title = plainText(n.Publication.Name)
			}
		}
		for _, img := range x.Images {
			if img.Loc != "" {
				it.ImageURL = absolute(strings.TrimSpace(img.Loc), baseURL)
				break
			}
		}
		f.Items = append(f.Items, it)
	}
	return f, nil
}

// sitemapLoc canonicalises a <loc>. The protocol requires absolute URLs;
// a relative or space-ridden loc is a broken entry, not something to guess at.
func sitemapLoc(loc string) (string, error) {
	loc = strings.TrimSpace(loc)
	if strings.ContainsAny(loc, " \t\n") {
		return "", fmt.Errorf("sitemap loc %q contains whitespace", loc)
	}
	return canon.Canonicalize(loc)
}

var w3cLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02",
	"2006-01",
	"2006",
}

// parseW3CDate reads the W3C datetime profile sitemaps use, then falls back
// to a lenient parser for the formats publishers actually emit. Dates without
// a zone are taken as UTC.
func parseW3CDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	for _, l := range w3cLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC()
		}
	}
	if t, err := dateparse.ParseIn(s, time.UTC); err == nil {
		return t.UTC()
	}
	return time.Time{}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
