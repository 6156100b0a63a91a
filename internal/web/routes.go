package web

import (
	"net/http"
	"time"
)

// Page cache lifetimes: long enough to absorb bursts, short enough that
// relative dates and new articles appear promptly.
const (
	ttlHome    = 2 * time.Second
	ttlArticle = 10 * time.Second
	ttlList    = 5 * time.Second
	ttlStatic  = 60 * time.Second
)

func (s *Site) routes() {
	m := s.mux
	for _, lang := range langs {
		p := ""
		if lang != langs[0] {
			p = "/" + lang
			m.HandleFunc("GET "+p, func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			})
		}
		var home http.Handler = s.page(lang, ttlHome, s.homePage)
		if lang == langs[0] {
			home = s.firstVisit(home)
		}
		m.Handle("GET "+p+"/{$}", home)
		m.Handle("GET "+p+"/article/{id}", s.page(lang, ttlArticle, s.articlePage))
		m.Handle("GET "+p+"/source/{id}", s.page(lang, ttlList, s.sourcePage))
		m.Handle("GET "+p+"/sources", s.page(lang, ttlList, s.sourcesPage))
		m.Handle("GET "+p+"/hashtag/{tag}", s.page(lang, ttlList, s.hashtagPage))
		m.Handle("GET "+p+"/story/{id}", s.page(lang, ttlArticle, s.storyPage))
		m.Handle("GET "+p+"/about", s.page(lang, ttlStatic, s.aboutPage))
		if s.cfg.Search != nil {
			m.Handle("GET "+p+"/search", s.page(lang, ttlList, s.searchPage))
		}

		// Feeds: the site's, and one per source, hashtag and story.
		for _, f := range feedFormats {
			m.Handle("GET "+p+"/"+f.file, s.feed(lang, f, s.feedAll))
			m.Handle("GET "+p+"/source/{id}/"+f.file, s.feed(lang, f, s.feedSource))
			m.Handle("GET "+p+"/hashtag/{tag}/"+f.file, s.feed(lang, f, s.feedHashtag))
			m.Handle("GET "+p+"/story/{id}/"+f.file, s.feed(lang, f, s.feedStory))
		}
		m.HandleFunc("GET "+p+"/", func(w http.ResponseWriter, r *http.Request) {
			s.renderError(w, r, lang, notFound("error.notFound"))
		})
	}
	if s.cfg.Search != nil {
		m.HandleFunc("GET /search/suggest", s.suggest)
	}
	m.HandleFunc("GET /theme", s.setTheme)
	m.HandleFunc("GET /static/", s.serveStatic)
	m.HandleFunc("GET /robots.txt", s.robots)
	m.HandleFunc("GET /sitemap.xml", s.sitemap)
	m.HandleFunc("GET /sitemap-news.xml", s.newsSitemap)
}
