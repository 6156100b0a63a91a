package api

import (
	"net/http"
	"time"

	"github.com/nashra/nashra/internal/news"
)

type sourceRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type relatedJSON struct {
	ID          string    `json:"id"`
	Title       string    `json:"title"`
	Source      sourceRef `json:"source"`
	PublishedAt string    `json:"published_at"`
	Excerpt     string    `json:"excerpt,omitempty"`
	Reason      string    `json:"reason"`
	Shared      []string  `json:"shared,omitempty"`
	SameStory   bool      `json:"same_story"`
}

type articleJSON struct {
	ID          string        `json:"id"`
	URL         string        `json:"url"`
	Source      sourceRef     `json:"source"`
	Title       string        `json:"title"`
	Author      string        `json:"author,omitempty"`
	PublishedAt string        `json:"published_at"`
	UpdatedAt   string        `json:"updated_at,omitempty"`
	Language    string        `json:"language"`
	Category    string        `json:"category,omitempty"`
	Excerpt     string        `json:"excerpt"`
	Body        string        `json:"body,omitempty"`
	BodyHTML    string        `json:"body_html,omitempty"`
	Image       string        `json:"image,omitempty"`
	Hashtags    []string      `json:"hashtags"`
	StoryID     string        `json:"story_id,omitempty"`
	DuplicateOf string        `json:"duplicate_of,omitempty"`
	WireAgency  string        `json:"wire_agency,omitempty"`
	Related     []relatedJSON `json:"related,omitempty"`
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// sourceNames maps source IDs to display names, read once per request.
func (a *API) sourceNames(r *http.Request) map[string]string {
	names := map[string]string{}
	list, err := a.cfg.Store.Sources(r.Context())
	if err != nil {
		return names
	}
	for _, s := range list {
		names[s.ID] = s.Name("ar")
	}
	return names
}

func toArticleJSON(art *news.Article, names map[string]string, full bool) articleJSON {
	j := articleJSON{
		ID: art.ID, URL: art.URL, Title: art.Title, Author: art.Author,
		Source:      sourceRef{ID: art.SourceID, Name: nameOr(names, art.SourceID)},
		PublishedAt: rfc3339(art.PublishedAt), Language: art.Language, Category: art.Category,
		Excerpt: art.Excerpt, Image: art.ImageURL, Hashtags: art.Hashtags, StoryID: art.StoryID,
		DuplicateOf: art.DuplicateOf, WireAgency: art.WireAgency,
	}
	if j.Hashtags == nil {
		j.Hashtags = []string{}
	}
	if full {
		j.Body = art.BodyText
		j.BodyHTML = art.BodyHTML
		if !art.UpdatedAt.Equal(art.FetchedAt) {
			j.UpdatedAt = rfc3339(art.UpdatedAt)
		}
	}
	return j
}

func nameOr(names map[string]string, id string) string {
	if n, ok := names[id]; ok && n != "" {
		return n
	}
	return id
}

type articleList struct {
	Articles   []articleJSON `json:"articles"`
	NextCursor string        `json:"next_cursor,omitempty"`
}

func (a *API) listArticles(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, err := limitParam(q, 20)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	before, err := DecodeCursor(q.Get("before"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	lang := q.Get("lang")
	if lang != "" && lang != "ar" && lang != "en" {
		a.fail(w, r, news.Errorf(news.EINVALID, "lang %q: want ar or en", lang))
		return
	}
	f := news.ArticleFilter{SourceID: q.Get("source"), Language: lang, Category: q.Get("category"), Before: before, Limit: limit}
	a.writeArticleList(w, r, f, nil)
}

// writeArticleList answers one page of a listing; ifNone, when set, is the
// error for a first page with nothing on it (a listing of something that
// does not exist).
func (a *API) writeArticleList(w http.ResponseWriter, r *http.Request, f news.ArticleFilter, ifNone error) {
	list, err := a.cfg.Store.Articles(r.Context(), f)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if len(list) == 0 && f.Before == nil && ifNone != nil {
		a.fail(w, r, ifNone)
		return
	}
	names := a.sourceNames(r)
	out := articleList{Articles: make([]articleJSON, 0, len(list))}
	for i := range list {
		out.Articles = append(out.Articles, toArticleJSON(&list[i], names, false))
	}
	if len(list) == f.Limit && len(list) > 0 {
		last := list[len(list)-1]
		out.NextCursor = EncodeCursor(news.Cursor{PublishedAt: last.PublishedAt, ID: last.ID})
	}
	writeJSON(w, http.StatusOK, out)
}

func (a *API) getArticle(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !validID(id) {
		a.fail(w, r, news.Errorf(news.ENOTFOUND, "no article %q", truncate(id, 80)))
		return
	}
	art, err := a.cfg.Store.Article(r.Context(), id)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	names := a.sourceNames(r)
	j := toArticleJSON(art, names, true)
	rel, err := a.cfg.Store.Related(r.Context(), id)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	j.Related = make([]relatedJSON, 0, len(rel))
	for _, x := range rel {
		name := x.SourceName
		if name == "" {
			name = nameOr(names, x.SourceID)
		}
		j.Related = append(j.Related, relatedJSON{
			ID: x.ArticleID, Title: x.Title, Source: sourceRef{ID: x.SourceID, Name: name},
			PublishedAt: rfc3339(x.PublishedAt), Excerpt: x.Excerpt, Reason: x.Reason, Shared: x.Shared, SameStory: x.SameStory,
		})
	}
	writeJSON(w, http.StatusOK, j)
}

// validID rejects IDs no store could hold before touching the store.
func validID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}
