package web

import (
	"context"
	"encoding/json"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/nashra/nashra/internal/news"
)

type articleData struct {
	A        *news.Article
	Source   *news.SourceStats // nil if the source is gone
	Image    template.URL      // CSP-safe lead image (see httpsURL), or ""
	Body     template.HTML
	Related  []news.Related
	Original *news.Article // the first publication when this is a near-copy
	// AlsoBy are the other outlets that published near-copies of this text.
	AlsoBy []string
	// StorySize is how many articles the story holds (0 without a story).
	StorySize int
}

// storyScan bounds how many story articles are read to find duplicates.
const storyScan = 100

// articlePage: one article read, one related read, and — only when the
// article belongs to a story — one listing of that story for duplicates.
// The loaded data is shared by the page's language and theme variants.
func (s *Site) articlePage(r *http.Request, v *view) (string, error) {
	id := r.PathValue("id")
	if !validID(id) {
		return "", notFound("error.articleNotFound")
	}
	d, err := memoize(r.Context(), s.data, "article|"+id, ttlArticle, func(ctx context.Context) (*articleData, error) {
		return s.loadArticle(ctx, id)
	})
	if err != nil {
		return "", err
	}
	a := d.A
	v.Title = a.Title + " — " + v.SourceName(a.SourceID)
	v.Description = excerptOf(a)
	v.Image = shareImage(a.ImageURL)
	v.OGType = "article"
	v.Published = a.PublishedAt
	v.JSONLD = s.articleJSONLD(v, a, d)
	v.Data = d
	return "article", nil
}

func (s *Site) loadArticle(ctx context.Context, id string) (*articleData, error) {
	a, err := s.cfg.Store.Article(ctx, id)
	if news.IsNotFound(err) {
		return nil, notFound("error.articleNotFound")
	}
	if err != nil {
		return nil, err
	}
	d := &articleData{A: a, Image: template.URL(httpsURL(a.ImageURL))}
	d.Source, _ = s.sources.get(ctx, a.SourceID)
	if strings.TrimSpace(a.BodyHTML) != "" {
		d.Body = s.san.body(a.ID, a.ContentHash, a.BodyHTML)
	} else {
		d.Body = paragraphsHTML(a.BodyText)
	}
	if d.Related, err = s.cfg.Store.Related(ctx, a.ID); err != nil {
		return nil, err
	}
	if a.StoryID != "" {
		// Every article of a story needs the same listing: share it.
		siblings, err := memoize(ctx, s.data, "siblings|"+a.StoryID, ttlArticle, func(ctx context.Context) ([]news.Article, error) {
			return s.cfg.Store.Articles(ctx, news.ArticleFilter{StoryID: a.StoryID, Limit: storyScan})
		})
		if err != nil {
			return nil, err
		}
		d.StorySize = len(siblings)
		d.AlsoBy, d.Original = duplicates(a, siblings)
	}
	return d, nil
}

// duplicates finds the other outlets carrying a near-copy of a's text: all
// articles sharing a's original (or a itself as the original).
func duplicates(a *news.Article, siblings []news.Article) (alsoBy []string, original *news.Article) {
	root := a.ID
	if a.DuplicateOf != "" {
		root = a.DuplicateOf
	}
	seen := map[string]bool{a.SourceID: true}
	for i := range siblings {
		o := &siblings[i]
		if o.ID == a.ID {
			continue
		}
		if o.ID == root && a.DuplicateOf != "" {
			original = o
		}
		if o.ID != root && o.DuplicateOf != root {
			continue
		}
		if !seen[o.SourceID] {
			seen[o.SourceID] = true
			alsoBy = append(alsoBy, o.SourceID)
		}
	}
	return alsoBy, original
}

func excerptOf(a *news.Article) string {
	if a.Excerpt != "" {
		return a.Excerpt
	}
	t := a.BodyText
	if i := strings.Index(t, "\n\n"); i > 0 {
		t = t[:i]
	}
	return truncateRunes(t, 200)
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n])) + "…"
}

// validID: article, story and source IDs are short URL-safe slugs; anything
// else cannot exist, so it is a 404 without asking the store.
func validID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}

// articleJSONLD is schema.org NewsArticle. json.Marshal escapes <, > and &,
// so the text can't close the script element it sits in.
func (s *Site) articleJSONLD(v *view, a *news.Article, d *articleData) template.JS {
	type org struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url,omitempty"`
	}
	type person struct {
		Type string `json:"@type"`
		Name string `json:"name"`
	}
	doc := map[string]any{
		"@context":         "https://schema.org",
		"@type":            "NewsArticle",
		"headline":         truncateRunes(a.Title, 110),
		"inLanguage":       a.Language,
		"mainEntityOfPage": v.Canonical,
		"url":              v.Canonical,
		"isBasedOn":        a.URL,
		"description":      v.Description,
	}
	if !a.PublishedAt.IsZero() {
		doc["datePublished"] = a.PublishedAt.UTC().Format(time.RFC3339)
	}
	if !a.UpdatedAt.IsZero() {
		doc["dateModified"] = a.UpdatedAt.UTC().Format(time.RFC3339)
	}
	if img := shareImage(a.ImageURL); img != "" {
		doc["image"] = []string{img}
	}
	if a.Author != "" {
		doc["author"] = []person{{Type: "Person", Name: a.Author}}
	}
	if d.Source != nil {
		doc["publisher"] = org{Type: "Organization", Name: d.Source.Name(v.Lang), URL: d.Source.HomeURL}
	}
	if len(a.Hashtags) > 0 {
		doc["keywords"] = a.Hashtags
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return ""
	}
	return template.JS(b)
}
