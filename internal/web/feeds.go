package web

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/nashra/nashra/internal/news"
)

const (
	feedItems        = 50
	feedCacheTTL     = 30 * time.Second
	feedCacheControl = "public, max-age=300"
)

type feedFormat struct {
	file, contentType, kind string
}

var feedFormats = []feedFormat{
	{"feed.xml", "application/rss+xml; charset=utf-8", "rss"},
	{"feed.atom", "application/atom+xml; charset=utf-8", "atom"},
	{"feed.json", "application/feed+json; charset=utf-8", "json"},
}

// feedContent is what a feed lists: a title, the page it mirrors, and the
// newest articles.
type feedContent struct {
	Title    string
	PagePath string // site path of the HTML page, e.g. "/source/okaz"
	Articles []news.Article
}

type feedFunc func(r *http.Request, v *view) (*feedContent, error)

// feedLinks are the <link rel=alternate> feed links of a page.
func (s *Site) feedLinks(v *view, pagePath, title string) []feedLink {
	out := make([]feedLink, 0, len(feedFormats))
	for _, f := range feedFormats {
		ct, _, _ := strings.Cut(f.contentType, ";")
		out = append(out, feedLink{Type: ct, Title: title + " (" + f.kind + ")", Href: v.Href(pagePath + "/" + f.file)})
	}
	return out
}

func (s *Site) feed(lang string, f feedFormat, fn feedFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		resp, err := memoize(r.Context(), s.pages, "feed|"+r.URL.Path, feedCacheTTL, func(ctx context.Context) (*response, error) {
			r := r.WithContext(ctx)
			v := s.newView(r, lang)
			c, err := fn(r, v)
			if err != nil {
				return nil, err
			}
			var body []byte
			switch f.kind {
			case "rss":
				body, err = s.rss(v, c, f.file)
			case "atom":
				body, err = s.atom(v, c, f.file)
			default:
				body, err = s.jsonFeed(v, c, f.file)
			}
			if err != nil {
				return nil, err
			}
			return newResponse(http.StatusOK, f.contentType, feedCacheControl, body), nil
		})
		if err != nil {
			s.renderError(w, r, lang, err)
			return
		}
		resp.write(w, r)
	}
}

func (s *Site) feedAll(r *http.Request, v *view) (*feedContent, error) {
	list, err := s.cfg.Store.Articles(r.Context(), news.ArticleFilter{Limit: feedItems})
	if err != nil {
		return nil, err
	}
	return &feedContent{Title: v.T("site.name"), PagePath: "/", Articles: list}, nil
}

func (s *Site) feedSource(r *http.Request, v *view) (*feedContent, error) {
	id := r.PathValue("id")
	if !validID(id) {
		return nil, notFound("error.sourceNotFound")
	}
	src, err := s.cfg.Store.Source(r.Context(), id)
	if news.IsNotFound(err) {
		return nil, notFound("error.sourceNotFound")
	}
	if err != nil {
		return nil, err
	}
	list, err := s.cfg.Store.Articles(r.Context(), news.ArticleFilter{SourceID: id, Limit: feedItems})
	if err != nil {
		return nil, err
	}
	return &feedContent{Title: src.Name(v.Lang) + " — " + v.T("site.name"), PagePath: "/source/" + id, Articles: list}, nil
}

func (s *Site) feedHashtag(r *http.Request, v *view) (*feedContent, error) {
	tag := r.PathValue("tag")
	if !validTag(tag) {
		return nil, notFound("error.tagNotFound")
	}
	list, err := s.cfg.Store.Articles(r.Context(), news.ArticleFilter{Hashtag: tag, Limit: feedItems})
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, notFound("error.tagNotFound")
	}
	return &feedContent{Title: "#" + tag + " — " + v.T("site.name"), PagePath: "/hashtag/" + url.PathEscape(tag), Articles: list}, nil
}

func (s *Site) feedStory(r *http.Request, v *view) (*feedContent, error) {
	id := r.PathValue("id")
	if !validID(id) {
		return nil, notFound("error.storyNotFound")
	}
	st, err := s.cfg.Store.Story(r.Context(), id)
	if news.IsNotFound(err) {
		return nil, notFound("error.storyNotFound")
	}
	if err != nil {
		return nil, err
	}
	list, err := s.cfg.Store.Articles(r.Context(), news.ArticleFilter{StoryID: id, Limit: feedItems})
	if err != nil {
		return nil, err
	}
	return &feedContent{Title: st.Headline + " — " + v.T("site.name"), PagePath: "/story/" + id, Articles: list}, nil
}

// updated is the newest time in a feed (now for an empty feed).
func feedUpdated(c *feedContent, now time.Time) time.Time {
	t := time.Time{}
	for _, a := range c.Articles {
		u := a.UpdatedAt
		if u.IsZero() || a.PublishedAt.After(u) {
			u = a.PublishedAt
		}
		if u.After(t) {
			t = u
		}
	}
	if t.IsZero() {
		return now
	}
	return t
}

// RSS 2.0.
type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	AtomNS  string     `xml:"xmlns:atom,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language"`
	LastBuildDate string    `xml:"lastBuildDate"`
	Generator     string    `xml:"generator"`
	Self          rssAtom   `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type rssAtom struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string     `xml:"title"`
	Link        string     `xml:"link"`
	GUID        rssGUID    `xml:"guid"`
	PubDate     string     `xml:"pubDate,omitempty"`
	Description string     `xml:"description,omitempty"`
	Source      *rssSource `xml:"source,omitempty"`
	Categories  []string   `xml:"category"`
}

type rssGUID struct {
	Value     string `xml:",chardata"`
	PermaLink bool   `xml:"isPermaLink,attr"`
}

type rssSource struct {
	URL  string `xml:"url,attr"`
	Name string `xml:",chardata"`
}

func (s *Site) rss(v *view, c *feedContent, file string) ([]byte, error) {
	ch := rssChannel{
		Title:         c.Title,
		Link:          s.absURL(v.Href(c.PagePath)),
		Description:   v.T("home.description"),
		Language:      v.Lang,
		LastBuildDate: feedUpdated(c, v.Now).UTC().Format(time.RFC1123Z),
		Generator:     "nashra",
		Self:          rssAtom{Href: s.absURL(v.Href(joinPath(c.PagePath, file))), Rel: "self", Type: "application/rss+xml"},
	}
	for _, a := range c.Articles {
		it := rssItem{
			Title:       a.Title,
			Link:        s.absURL(v.ArticleHref(a.ID)),
			GUID:        rssGUID{Value: s.absURL(v.ArticleHref(a.ID)), PermaLink: true},
			Description: a.Excerpt,
			Categories:  a.Hashtags,
			Source:      &rssSource{URL: a.URL, Name: v.SourceName(a.SourceID)},
		}
		if !a.PublishedAt.IsZero() {
			it.PubDate = a.PublishedAt.UTC().Format(time.RFC1123Z)
		}
		ch.Items = append(ch.Items, it)
	}
	return marshalXML(rssDoc{Version: "2.0", AtomNS: "http://www.w3.org/2005/Atom", Channel: ch})
}

// Atom 1.0.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Links      []atomLink     `xml:"link"`
	Published  string         `xml:"published,omitempty"`
	Updated    string         `xml:"updated"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Author     atomPerson     `xml:"author"`
	Categories []atomCategory `xml:"category"`
}

type atomText struct {
	Lang  string `xml:"xml:lang,attr,omitempty"`
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

func (s *Site) atom(v *view, c *feedContent, file string) ([]byte, error) {
	self := s.absURL(v.Href(joinPath(c.PagePath, file)))
	f := atomFeed{
		Lang:    v.Lang,
		ID:      self,
		Title:   c.Title,
		Updated: feedUpdated(c, v.Now).UTC().Format(time.RFC3339),
		Links: []atomLink{
			{Href: self, Rel: "self", Type: "application/atom+xml"},
			{Href: s.absURL(v.Href(c.PagePath)), Rel: "alternate", Type: "text/html"},
		},
		Author: atomPerson{Name: v.T("site.name"), URI: s.absURL(v.Href("/"))},
	}
	for _, a := range c.Articles {
		upd := a.UpdatedAt
		if upd.IsZero() || upd.Before(a.PublishedAt) {
			upd = a.PublishedAt
		}
		if upd.IsZero() {
			upd = v.Now
		}
		e := atomEntry{
			ID:    s.absURL("/article/" + a.ID),
			Title: atomText{Lang: a.Language, Type: "text", Value: a.Title},
			Links: []atomLink{
				{Href: s.absURL(v.ArticleHref(a.ID)), Rel: "alternate", Type: "text/html"},
				{Href: a.URL, Rel: "via"},
			},
			Updated: upd.UTC().Format(time.RFC3339),
			Author:  atomPerson{Name: v.SourceName(a.SourceID)},
		}
		if !a.PublishedAt.IsZero() {
			e.Published = a.PublishedAt.UTC().Format(time.RFC3339)
		}
		if a.Excerpt != "" {
			e.Summary = &atomText{Lang: a.Language, Type: "text", Value: a.Excerpt}
		}
		for _, t := range a.Hashtags {
			e.Categories = append(e.Categories, atomCategory{Term: t})
		}
		f.Entries = append(f.Entries, e)
	}
	return marshalXML(f)
}

func marshalXML(doc any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// JSON Feed 1.1.
type jsonFeedDoc struct {
	Version     string         `json:"version"`
	Title       string         `json:"title"`
	HomePageURL string         `json:"home_page_url"`
	FeedURL     string         `json:"feed_url"`
	Language    string         `json:"language"`
	Items       []jsonFeedItem `json:"items"`
}

type jsonFeedItem struct {
	ID            string           `json:"id"`
	URL           string           `json:"url"`
	ExternalURL   string           `json:"external_url,omitempty"`
	Title         string           `json:"title"`
	Summary       string           `json:"summary,omitempty"`
	ContentText   string           `json:"content_text"`
	Image         string           `json:"image,omitempty"`
	DatePublished string           `json:"date_published,omitempty"`
	DateModified  string           `json:"date_modified,omitempty"`
	Authors       []jsonFeedAuthor `json:"authors,omitempty"`
	Tags          []string         `json:"tags,omitempty"`
	Language      string           `json:"language,omitempty"`
}

type jsonFeedAuthor struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

func (s *Site) jsonFeed(v *view, c *feedContent, file string) ([]byte, error) {
	f := jsonFeedDoc{
		Version:     "https://jsonfeed.org/version/1.1",
		Title:       c.Title,
		HomePageURL: s.absURL(v.Href(c.PagePath)),
		FeedURL:     s.absURL(v.Href(joinPath(c.PagePath, file))),
		Language:    v.Lang,
		Items:       []jsonFeedItem{},
	}
	for _, a := range c.Articles {
		it := jsonFeedItem{
			ID:          a.ID,
			URL:         s.absURL(v.ArticleHref(a.ID)),
			ExternalURL: a.URL,
			Title:       a.Title,
			Summary:     a.Excerpt,
			// Excerpt only: the full text belongs to the publisher, who
			// the external_url credits.
			ContentText: a.Excerpt,
			Image:       httpsURL(a.ImageURL),
			Tags:        a.Hashtags,
			Language:    a.Language,
			Authors:     []jsonFeedAuthor{{Name: v.SourceName(a.SourceID)}},
		}
		if !a.PublishedAt.IsZero() {
			it.DatePublished = a.PublishedAt.UTC().Format(time.RFC3339)
		}
		if !a.UpdatedAt.IsZero() {
			it.DateModified = a.UpdatedAt.UTC().Format(time.RFC3339)
		}
		f.Items = append(f.Items, it)
	}
	return json.MarshalIndent(f, "", " ")
}

func joinPath(page, file string) string {
	if page == "/" {
		return "/" + file
	}
	return page + "/" + file
}
