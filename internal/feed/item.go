package feed

import (
	"path"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"

	"github.com/nashra/nashra/internal/canon"
)

// convertItem maps a gofeed item to an Item; ok is false when the entry has
// no URL that can be made canonical (it could never become an article).
func convertItem(gi *gofeed.Item, baseURL string) (Item, bool) {
	link := gi.Link
	if link == "" && len(gi.Links) > 0 {
		link = gi.Links[0]
	}
	if link == "" && looksLikeURL(gi.GUID) {
		link = gi.GUID // RSS <guid isPermaLink="true"> without <link>
	}
	u, err := canon.Canonicalize(absolute(link, baseURL))
	if err != nil {
		return Item{}, false
	}
	it := Item{
		GUID:        strings.TrimSpace(gi.GUID),
		URL:         u,
		Title:       plainText(gi.Title),
		Author:      author(gi),
		Published:   utc(gi.PublishedParsed),
		Updated:     utc(gi.UpdatedParsed),
		ContentHTML: strings.TrimSpace(gi.Content),
		SummaryHTML: strings.TrimSpace(gi.Description),
		ImageURL:    image(gi, baseURL),
		Categories:  categories(gi.Categories),
	}
	if it.GUID == "" {
		it.GUID = it.URL
	}
	// A feed that only has a summary and puts the full text there is
	// handled by extract.IsTeaser; a feed with identical content and
	// summary needs it only once.
	if it.SummaryHTML == it.ContentHTML {
		it.SummaryHTML = ""
	}
	return it, true
}

func looksLikeURL(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

func utc(t *time.Time) time.Time {
	if t == nil || t.IsZero() {
		return time.Time{}
	}
	return t.UTC()
}

func author(gi *gofeed.Item) string {
	for _, p := range gi.Authors {
		if p == nil {
			continue
		}
		if n := plainText(p.Name); n != "" {
			return n
		}
	}
	if gi.Author != nil {
		if n := plainText(gi.Author.Name); n != "" {
			return n
		}
	}
	if gi.DublinCoreExt != nil {
		for _, c := range gi.DublinCoreExt.Creator {
			if n := plainText(c); n != "" {
				return n
			}
		}
	}
	return ""
}

func categories(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range in {
		// Some CMSs put "a, b, c" in one <category>.
		for _, part := range strings.Split(c, ",") {
			p := plainText(part)
			if p == "" || seen[p] {
				continue
			}
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// image picks the item's lead image: the feed's own image field, then an
// image enclosure, then media:content / media:thumbnail.
func image(gi *gofeed.Item, baseURL string) string {
	if gi.Image != nil && gi.Image.URL != "" {
		return absolute(gi.Image.URL, baseURL)
	}
	for _, e := range gi.Enclosures {
		if e != nil && e.URL != "" && (strings.HasPrefix(strings.ToLower(e.Type), "image/") || e.Type == "" && imageExt(e.URL)) {
			return absolute(e.URL, baseURL)
		}
	}
	if m := mediaImage(gi.Extensions["media"]); m != "" {
		return absolute(m, baseURL)
	}
	return ""
}

func mediaImage(media map[string][]ext.Extension) string {
	if media == nil {
		return ""
	}
	for _, c := range media["content"] {
		u := c.Attrs["url"]
		medium, typ := c.Attrs["medium"], strings.ToLower(c.Attrs["type"])
		if u != "" && (medium == "image" || strings.HasPrefix(typ, "image/") || medium == "" && typ == "" && imageExt(u)) {
			return u
		}
	}
	for _, g := range media["group"] {
		if u := mediaImage(g.Children); u != "" {
			return u
		}
	}
	for _, c := range media["thumbnail"] {
		if u := c.Attrs["url"]; u != "" {
			return u
		}
	}
	return ""
}

func imageExt(u string) bool {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	switch strings.ToLower(path.Ext(u)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif":
		return true
	}
	return false
}
