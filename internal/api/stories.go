package api

import (
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nashra/nashra/internal/news"
)

type storyJSON struct {
	ID              string        `json:"id"`
	Headline        string        `json:"headline"`
	LeadArticleID   string        `json:"lead_article_id"`
	FirstReportedAt string        `json:"first_reported_at"`
	FirstSource     sourceRef     `json:"first_source"`
	LastUpdatedAt   string        `json:"last_updated_at"`
	Size            int           `json:"size"`
	Sources         []sourceRef   `json:"sources"`
	Hashtags        []string      `json:"hashtags"`
	Articles        []articleJSON `json:"articles,omitempty"`
}

func toStoryJSON(s *news.Story, names map[string]string) storyJSON {
	j := storyJSON{ID: s.ID, Headline: s.Headline, LeadArticleID: s.LeadArticleID,
		FirstReportedAt: rfc3339(s.FirstReportedAt), FirstSource: sourceRef{ID: s.FirstSourceID, Name: nameOr(names, s.FirstSourceID)},
		LastUpdatedAt: rfc3339(s.LastUpdatedAt), Size: s.Size, Hashtags: s.Hashtags, Sources: make([]sourceRef, 0, len(s.Sources))}
	if j.Hashtags == nil {
		j.Hashtags = []string{}
	}
	for _, id := range s.Sources {
		j.Sources = append(j.Sources, sourceRef{ID: id, Name: nameOr(names, id)})
	}
	return j
}

func (a *API) listStories(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, err := limitParam(q, 20)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	offset, err := offsetParam(q)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	list, err := a.cfg.Store.Stories(r.Context(), news.StoryFilter{Limit: limit, Offset: offset, MinSize: 1, Language: q.Get("lang")})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	names := a.sourceNames(r)
	out := struct {
		Stories []storyJSON `json:"stories"`
	}{Stories: make([]storyJSON, 0, len(list))}
	for i := range list {
		out.Stories = append(out.Stories, toStoryJSON(&list[i], names))
	}
	writeJSON(w, http.StatusOK, out)
}

func (a *API) getStory(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !validID(id) {
		a.fail(w, r, news.Errorf(news.ENOTFOUND, "no story %q", truncate(id, 80)))
		return
	}
	s, err := a.cfg.Store.Story(r.Context(), id)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	arts, err := a.cfg.Store.Articles(r.Context(), news.ArticleFilter{StoryID: id, Limit: 200})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	names := a.sourceNames(r)
	j := toStoryJSON(s, names)
	// Full coverage reads as a timeline: first report first.
	for i := len(arts) - 1; i >= 0; i-- {
		j.Articles = append(j.Articles, toArticleJSON(&arts[i], names, false))
	}
	writeJSON(w, http.StatusOK, j)
}

type trendJSON struct {
	Tag      string  `json:"tag"`
	Display  string  `json:"display"`
	Recent   int     `json:"recent"`
	Baseline float64 `json:"baseline"`
	Score    float64 `json:"score"`
	URL      string  `json:"url"`
}

func (a *API) trending(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, err := limitParam(q, 20)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	window := 24 * time.Hour
	if v := q.Get("window"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Hour || d > 30*24*time.Hour {
			a.fail(w, r, news.Errorf(news.EINVALID, "window %q: want a duration from 1h to 720h, e.g. 24h", truncate(v, 40)))
			return
		}
		window = d
	}
	now := a.cfg.Now()
	if latest, err := a.cfg.Store.Articles(r.Context(), news.ArticleFilter{Limit: 1}); err == nil && len(latest) == 1 && latest[0].PublishedAt.Before(now.Add(-window)) {
		// An archive (an imported corpus) has no "now": trend relative
		// to its newest article so the list is never empty.
		now = latest[0].PublishedAt.Add(time.Second)
	}
	list, err := a.cfg.Store.TrendingHashtags(r.Context(), now, window, limit)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := struct {
		Window   string      `json:"window"`
		Hashtags []trendJSON `json:"hashtags"`
	}{Window: window.String(), Hashtags: make([]trendJSON, 0, len(list))}
	for _, t := range list {
		out.Hashtags = append(out.Hashtags, trendJSON{Tag: t.Tag, Display: "#" + t.Tag, Recent: t.Recent, Baseline: t.Baseline, Score: t.Score,
			URL: "/api/v1/hashtags/" + url.PathEscape(t.Tag) + "/articles"})
	}
	writeJSON(w, http.StatusOK, out)
}

func (a *API) hashtagArticles(w http.ResponseWriter, r *http.Request) {
	tag := strings.TrimPrefix(r.PathValue("tag"), "#")
	if tag == "" || len(tag) > 200 {
		a.fail(w, r, news.Errorf(news.EINVALID, "hashtag: want 1 to 200 bytes"))
		return
	}
	if !utf8.ValidString(tag) {
		a.fail(w, r, news.Errorf(news.EINVALID, "hashtag %q: not valid UTF-8", tag))
		return
	}
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
	// A tag no article carries is unknown, as on the site's /hashtag page;
	// past the first page an empty list is just the end.
	a.writeArticleList(w, r, news.ArticleFilter{Hashtag: tag, Before: before, Limit: limit},
		news.Errorf(news.ENOTFOUND, "no article carries the hashtag %q", tag))
}
