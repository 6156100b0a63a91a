package web

import (
	"net/http"

	"github.com/nashra/nashra/internal/news"
)

const listLimit = 30

type sourceData struct {
	Source   *news.Source
	Stats    *news.SourceStats // nil until the source list refreshes
	Articles []news.Article
	Older    string
}

// sourcePage: a publisher's latest articles and its crawl health.
func (s *Site) sourcePage(r *http.Request, v *view) (string, error) {
	ctx := r.Context()
	id := r.PathValue("id")
	if !validID(id) {
		return "", notFound("error.sourceNotFound")
	}
	src, err := s.cfg.Store.Source(ctx, id)
	if news.IsNotFound(err) {
		return "", notFound("error.sourceNotFound")
	}
	if err != nil {
		return "", err
	}
	d := &sourceData{Source: src}
	d.Stats, _ = s.sources.get(ctx, id)
	before := beforeOf(v.Query)
	if d.Articles, err = s.cfg.Store.Articles(ctx, news.ArticleFilter{SourceID: id, Before: before, Limit: listLimit}); err != nil {
		return "", err
	}
	d.Older = olderLink(v, d.Articles, listLimit)
	name := src.Name(v.Lang)
	v.Title = name + " — " + v.T("site.name")
	v.Description = v.TD("source.description", "Name", name)
	v.Feeds = s.feedLinks(v, "/source/"+id, name)
	v.NoIndex = before != nil
	v.Data = d
	return "source", nil
}

type sourcesData struct {
	Sources []news.SourceStats
}

// sourcesPage lists every publisher with its health.
func (s *Site) sourcesPage(r *http.Request, v *view) (string, error) {
	list, _, err := s.sources.all(r.Context())
	if err != nil {
		return "", err
	}
	v.Title = v.T("sources.title") + " — " + v.T("site.name")
	v.Description = v.T("sources.intro")
	v.Data = &sourcesData{Sources: list}
	return "sources", nil
}
