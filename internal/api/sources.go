package api

import (
	"net/http"

	"github.com/nashra/nashra/internal/news"
)

type feedJSON struct {
	URL                 string `json:"url"`
	Kind                string `json:"kind,omitempty"`
	Category            string `json:"category,omitempty"`
	LastSuccessAt       string `json:"last_success_at,omitempty"`
	ConsecutiveFailures int    `json:"consecutive_failures"`
	LastError           string `json:"last_error,omitempty"`
	LastNote            string `json:"last_note,omitempty"` // e.g. the feed moved permanently
	Gone                bool   `json:"gone,omitempty"`
}

type healthJSON struct {
	Status              string `json:"status"` // ok, failing, never_polled
	LastSuccessAt       string `json:"last_success_at,omitempty"`
	ConsecutiveFailures int    `json:"consecutive_failures"`
	LastError           string `json:"last_error,omitempty"`
	LastNote            string `json:"last_note,omitempty"`
}

type sourceJSON struct {
	ID              string     `json:"id"`
	Name            string     `json:"name"`
	NameAr          string     `json:"name_ar,omitempty"`
	NameEn          string     `json:"name_en,omitempty"`
	HomeURL         string     `json:"home_url,omitempty"`
	Language        string     `json:"language"`
	Country         string     `json:"country,omitempty"`
	Logo            string     `json:"logo,omitempty"`
	Articles        int        `json:"articles"`
	LatestArticleAt string     `json:"latest_article_at,omitempty"`
	Health          healthJSON `json:"health"`
	Feeds           []feedJSON `json:"feeds"`
}

func toSourceJSON(s news.SourceStats) sourceJSON {
	j := sourceJSON{
		ID: s.ID, Name: s.Name("ar"), NameAr: s.NameAr, NameEn: s.NameEn, HomeURL: s.HomeURL,
		Language: s.Language, Country: s.Country, Logo: s.LogoURL, Articles: s.Articles,
		LatestArticleAt: rfc3339(s.LatestArticleAt),
		Health:          healthJSON{LastSuccessAt: rfc3339(s.LastSuccessAt), ConsecutiveFailures: s.ConsecutiveFailures, LastError: s.LastError, LastNote: s.LastNote},
		Feeds:           make([]feedJSON, 0, len(s.Feeds)),
	}
	switch {
	case s.ConsecutiveFailures > 0:
		j.Health.Status = "failing"
	case s.LastSuccessAt.IsZero():
		j.Health.Status = "never_polled"
	default:
		j.Health.Status = "ok"
	}
	for _, f := range s.Feeds {
		j.Feeds = append(j.Feeds, feedJSON{URL: f.URL, Kind: f.Kind, Category: f.Category,
			LastSuccessAt: rfc3339(f.LastSuccessAt), ConsecutiveFailures: f.ConsecutiveFailures, LastError: f.LastError, LastNote: f.LastNote, Gone: f.Gone})
	}
	return j
}

func (a *API) listSources(w http.ResponseWriter, r *http.Request) {
	list, err := a.cfg.Store.Sources(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := struct {
		Sources []sourceJSON `json:"sources"`
	}{Sources: make([]sourceJSON, 0, len(list))}
	for _, s := range list {
		out.Sources = append(out.Sources, toSourceJSON(s))
	}
	writeJSON(w, http.StatusOK, out)
}

func (a *API) getSource(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	list, err := a.cfg.Store.Sources(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	for _, s := range list {
		if s.ID == id {
			writeJSON(w, http.StatusOK, toSourceJSON(s))
			return
		}
	}
	a.fail(w, r, news.Errorf(news.ENOTFOUND, "no source %q", truncate(id, 80)))
}
