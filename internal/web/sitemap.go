package web

import (
	"context"
	"encoding/xml"
	"net/http"
	"time"

	"github.com/nashra/nashra/internal/news"
)

const (
	sitemapArticles = 1000
	sitemapStories  = 200
	newsWindow      = 48 * time.Hour // Google News sitemaps list the last two days
	sitemapTTL      = 60 * time.Second
)

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	XHTML   string       `xml:"xmlns:xhtml,attr,omitempty"`
	News    string       `xml:"xmlns:news,attr,omitempty"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string         `xml:"loc"`
	LastMod string         `xml:"lastmod,omitempty"`
	Alts    []sitemapAlt   `xml:"xhtml:link"`
	News    *sitemapNewsEl `xml:"news:news,omitempty"`
}

type sitemapAlt struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

type sitemapNewsEl struct {
	Publication struct {
		Name     string `xml:"news:name"`
		Language string `xml:"news:language"`
	} `xml:"news:publication"`
	Date  string `xml:"news:publication_date"`
	Title string `xml:"news:title"`
}

// sitemap lists the fixed pages, every source, the biggest stories and the
// newest articles, each with its Arabic and English alternates.
func (s *Site) sitemap(w http.ResponseWriter, r *http.Request) {
	s.cachedXML(w, r, "sitemap", func(ctx context.Context) (any, error) {
		set := urlset{XHTML: "http://www.w3.org/1999/xhtml"}
		add := func(path string, mod time.Time) {
			u := sitemapURL{Loc: s.absURL(path)}
			if !mod.IsZero() {
				u.LastMod = mod.UTC().Format(time.RFC3339)
			}
			for _, l := range langs {
				u.Alts = append(u.Alts, sitemapAlt{Rel: "alternate", Hreflang: l, Href: s.absURL(langPath(l, path))})
			}
			set.URLs = append(set.URLs, u)
		}
		add("/", time.Time{})
		add("/sources", time.Time{})
		add("/about", time.Time{})
		sources, _, err := s.sources.all(ctx)
		if err != nil {
			return nil, err
		}
		for _, st := range sources {
			add("/source/"+st.ID, st.LatestArticleAt)
		}
		stories, err := s.cfg.Store.Stories(ctx, news.StoryFilter{MinSize: 2, Limit: sitemapStories})
		if err != nil {
			return nil, err
		}
		for _, st := range stories {
			add("/story/"+st.ID, st.LastUpdatedAt)
		}
		list, err := s.cfg.Store.Articles(ctx, news.ArticleFilter{Limit: sitemapArticles})
		if err != nil {
			return nil, err
		}
		for _, a := range list {
			mod := a.UpdatedAt
			if mod.IsZero() {
				mod = a.PublishedAt
			}
			add("/article/"+a.ID, mod)
		}
		return set, nil
	})
}

// newsSitemap is the Google News sitemap: articles of the last two days.
func (s *Site) newsSitemap(w http.ResponseWriter, r *http.Request) {
	s.cachedXML(w, r, "sitemap-news", func(ctx context.Context) (any, error) {
		set := urlset{News: "http://www.google.com/schemas/sitemap-news/0.9"}
		list, err := s.cfg.Store.Articles(ctx, news.ArticleFilter{Limit: sitemapArticles})
		if err != nil {
			return nil, err
		}
		since := s.now().Add(-newsWindow)
		for _, a := range list {
			if a.PublishedAt.Before(since) {
				break // newest first: the rest are older
			}
			el := &sitemapNewsEl{Date: a.PublishedAt.UTC().Format(time.RFC3339), Title: a.Title}
			el.Publication.Name = s.i18n[langs[0]].T("site.name")
			el.Publication.Language = a.Language
			set.URLs = append(set.URLs, sitemapURL{Loc: s.absURL("/article/" + a.ID), News: el})
		}
		return set, nil
	})
}

func langPath(lang, path string) string {
	if lang == langs[0] {
		return path
	}
	if path == "/" {
		return "/" + lang + "/"
	}
	return "/" + lang + path
}

func (s *Site) cachedXML(w http.ResponseWriter, r *http.Request, key string, build func(context.Context) (any, error)) {
	resp, err := memoize(r.Context(), s.pages, key, sitemapTTL, func(ctx context.Context) (*response, error) {
		doc, err := build(ctx)
		if err != nil {
			return nil, err
		}
		body, err := marshalXML(doc)
		if err != nil {
			return nil, err
		}
		return newResponse(http.StatusOK, "application/xml; charset=utf-8", "public, max-age=300", body), nil
	})
	if err != nil {
		s.renderError(w, r, langs[0], err)
		return
	}
	resp.write(w, r)
}

// robots lets crawlers read everything but the search results and the
// theme switch, and points them at the sitemaps.
func (s *Site) robots(w http.ResponseWriter, r *http.Request) {
	body := "User-agent: *\n"
	for _, l := range langs {
		body += "Disallow: " + langPath(l, "/search") + "\n"
	}
	body += "Disallow: /theme\nAllow: /\n\n" +
		"Sitemap: " + s.absURL("/sitemap.xml") + "\n" +
		"Sitemap: " + s.absURL("/sitemap-news.xml") + "\n"
	newResponse(http.StatusOK, "text/plain; charset=utf-8", "public, max-age=3600", []byte(body)).write(w, r)
}
