package admin

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/sources"
)

const maxUpload = 4 << 20

func (a *Admin) index(w http.ResponseWriter, r *http.Request) {
	list, err := a.cfg.Store.Sources(r.Context())
	if err != nil {
		a.fail(w, err)
		return
	}
	log, err := a.cfg.Store.FetchLog(r.Context(), "", 30)
	if err != nil {
		a.fail(w, err)
		return
	}
	total := 0
	failing := 0
	for _, s := range list {
		total += s.Articles
		if s.ConsecutiveFailures > 0 {
			failing++
		}
	}
	a.render(w, http.StatusOK, "index.html", map[string]any{
		"Sources": list, "Log": log, "Total": total, "Failing": failing, "Flash": r.URL.Query().Get("done"),
	})
}

func (a *Admin) source(w http.ResponseWriter, r *http.Request) {
	s, err := a.cfg.Store.Source(r.Context(), r.PathValue("id"))
	if err != nil {
		a.fail(w, err)
		return
	}
	log, err := a.cfg.Store.FetchLog(r.Context(), s.ID, 50)
	if err != nil {
		a.fail(w, err)
		return
	}
	a.render(w, http.StatusOK, "source.html", map[string]any{"Source": s, "Log": log})
}

func (a *Admin) addSource(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		a.fail(w, news.Errorf(news.EINVALID, "form: %v", err))
		return
	}
	f := r.PostForm
	s := news.Source{
		ID: strings.TrimSpace(f.Get("id")), NameAr: strings.TrimSpace(f.Get("name_ar")), NameEn: strings.TrimSpace(f.Get("name_en")),
		HomeURL: strings.TrimSpace(f.Get("home")), Language: f.Get("language"), Country: strings.TrimSpace(f.Get("country")),
		Feeds: []news.Feed{{URL: strings.TrimSpace(f.Get("feed")), Kind: f.Get("kind"), Category: strings.TrimSpace(f.Get("category"))}},
	}
	if s.ID == "" && s.Feeds[0].URL != "" {
		s.ID = sources.Slug(firstNonEmpty(s.HomeURL, s.Feeds[0].URL))
	}
	if old, err := a.cfg.Store.Source(r.Context(), s.ID); err == nil {
		s.NameAr = firstNonEmpty(s.NameAr, old.NameAr)
		s.NameEn = firstNonEmpty(s.NameEn, old.NameEn)
		s.HomeURL = firstNonEmpty(s.HomeURL, old.HomeURL)
	}
	if err := sources.Validate(&s); err != nil {
		a.fail(w, err)
		return
	}
	if err := a.cfg.Store.PutSource(r.Context(), &s); err != nil {
		a.fail(w, err)
		return
	}
	http.Redirect(w, r, "/admin/?done="+url.QueryEscape("added "+s.Feeds[0].URL+" to "+s.ID), http.StatusSeeOther)
}

func (a *Admin) deleteSource(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := a.cfg.Store.DeleteSource(r.Context(), id); err != nil {
		a.fail(w, err)
		return
	}
	http.Redirect(w, r, "/admin/?done="+url.QueryEscape("removed source "+id), http.StatusSeeOther)
}

func (a *Admin) deleteFeed(w http.ResponseWriter, r *http.Request) {
	feedURL := r.PostFormValue("url")
	if !isURL(feedURL) {
		a.fail(w, news.Errorf(news.EINVALID, "feed URL %q: must be http or https", feedURL))
		return
	}
	if err := a.cfg.Store.RemoveFeed(r.Context(), feedURL); err != nil {
		a.fail(w, err)
		return
	}
	http.Redirect(w, r, "/admin/?done="+url.QueryEscape("removed feed "+feedURL), http.StatusSeeOther)
}

func (a *Admin) exportOPML(w http.ResponseWriter, r *http.Request) {
	list, err := a.cfg.Store.Sources(r.Context())
	if err != nil {
		a.fail(w, err)
		return
	}
	srcs := make([]news.Source, len(list))
	for i, s := range list {
		srcs[i] = s.Source
	}
	var buf bytes.Buffer
	if err := sources.WriteOPML(&buf, "nashra sources", srcs); err != nil {
		a.fail(w, err)
		return
	}
	w.Header().Set("Content-Type", "text/x-opml; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="nashra-sources.opml"`)
	_, _ = w.Write(buf.Bytes())
}

func (a *Admin) importOPML(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	file, _, err := r.FormFile("opml")
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			a.fail(w, news.Errorf(news.EINVALID, "OPML file larger than %d MB", maxUpload>>20))
			return
		}
		a.fail(w, news.Errorf(news.EINVALID, "choose an OPML file to upload (%v)", err))
		return
	}
	defer file.Close()
	list, err := sources.ParseOPML(file)
	if err != nil {
		a.fail(w, news.Errorf(news.EINVALID, "%v", err))
		return
	}
	feeds := 0
	for i := range list {
		if err := a.cfg.Store.PutSource(r.Context(), &list[i]); err != nil {
			a.fail(w, err)
			return
		}
		feeds += len(list[i].Feeds)
	}
	http.Redirect(w, r, "/admin/?done="+url.QueryEscape("imported "+itoa(len(list))+" sources, "+itoa(feeds)+" feeds"), http.StatusSeeOther)
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

func itoa(n int) string { return strconv.Itoa(n) }
