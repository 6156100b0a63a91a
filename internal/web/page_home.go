package web

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/nashra/nashra/internal/news"
)

const (
	homeLatest      = 24  // latest articles per page
	homeScan        = 120 // newest articles grouped into category sections
	homeStories     = 6
	homeTrending    = 12
	sectionMin      = 3 // a category needs this many recent articles to get a section
	sectionItems    = 4
	storyWindow     = 48 * time.Hour
	trendingWindow  = 24 * time.Hour
	maxSectionCount = 6
)

// homeData is what the home page loads; shared by every variant.
type homeData struct {
	Stories  []storyCard
	Latest   []news.Article // near-copies of an article on the same page folded away
	Last     news.Cursor    // position of the last article read, for "older"
	More     bool           // the page was full: there may be older articles
	Trending []news.HashtagTrend
	Sections []section
	Paged    bool // showing an older page: only the latest list
}

// homeView adds the per-variant "older" link.
type homeView struct {
	*homeData
	Older string
}

type storyCard struct {
	Story   news.Story
	Lead    *news.Article
	Outlets []string // source IDs, first reporter first
}

type section struct {
	Category string
	Articles []news.Article
}

// homePage: top stories, latest, trending and per-category sections.
func (s *Site) homePage(r *http.Request, v *view) (string, error) {
	before := beforeOf(v.Query)
	key := "home|"
	if before != nil {
		key += encodeCursor(*before)
	}
	d, err := memoize(r.Context(), s.data, key, ttlHome, func(ctx context.Context) (*homeData, error) {
		return s.loadHome(ctx, before, v.Now)
	})
	if err != nil {
		return "", err
	}
	hv := &homeView{homeData: d}
	if d.More {
		hv.Older = olderLink(v, []news.Article{{PublishedAt: d.Last.PublishedAt, ID: d.Last.ID}}, 1)
	}
	v.Title = v.T("site.name") + " — " + v.T("home.tagline")
	v.Description = v.T("home.description")
	v.Feeds = s.feedLinks(v, "", v.T("site.name"))
	v.NoIndex = d.Paged
	v.Data = hv
	return "home", nil
}

// loadHome reads the newest articles once and reuses them for the latest
// list, the sections and the time anchor; story leads come in one batch.
func (s *Site) loadHome(ctx context.Context, before *news.Cursor, now time.Time) (*homeData, error) {
	limit := homeLatest
	if before == nil {
		limit = homeScan
	}
	recent, err := s.cfg.Store.Articles(ctx, news.ArticleFilter{Before: before, Limit: limit})
	if err != nil {
		return nil, err
	}
	d := &homeData{Paged: before != nil}
	page := recent[:min(homeLatest, len(recent))]
	d.Latest = foldCopies(page)
	d.More = len(recent) >= homeLatest
	if len(page) > 0 {
		d.Last = news.Cursor{PublishedAt: page[len(page)-1].PublishedAt, ID: page[len(page)-1].ID}
	}
	if d.Paged || len(recent) == 0 {
		return d, nil
	}
	// Anchor "recent" at the newest article rather than the wall clock,
	// so an archive (or a stalled crawler) still gets a front page.
	anchor := now
	if newest := recent[0].PublishedAt; newest.Before(anchor) {
		anchor = newest
	}
	stories, err := s.cfg.Store.Stories(ctx, news.StoryFilter{Since: anchor.Add(-storyWindow), MinSize: 2, Limit: homeStories})
	if err != nil {
		return nil, err
	}
	if len(stories) > 0 {
		ids := make([]string, len(stories))
		for i, st := range stories {
			ids[i] = st.LeadArticleID
		}
		leads, err := s.cfg.Store.ArticlesByID(ctx, ids)
		if err != nil {
			return nil, err
		}
		byID := make(map[string]*news.Article, len(leads))
		for i := range leads {
			byID[leads[i].ID] = &leads[i]
		}
		for _, st := range stories {
			d.Stories = append(d.Stories, storyCard{Story: st, Lead: byID[st.LeadArticleID], Outlets: st.Sources})
		}
	}
	if d.Trending, err = s.cfg.Store.TrendingHashtags(ctx, anchor, trendingWindow, homeTrending); err != nil {
		return nil, err
	}
	d.Sections = sections(foldCopies(recent))
	return d, nil
}

// foldCopies drops near-copies whose original is also in the list: wire
// stories reprinted by five outlets would otherwise fill the front page
// five times. The original stays, and its page names the other outlets.
func foldCopies(list []news.Article) []news.Article {
	present := make(map[string]bool, len(list))
	for _, a := range list {
		present[a.ID] = true
	}
	out := make([]news.Article, 0, len(list))
	for _, a := range list {
		if a.DuplicateOf != "" && present[a.DuplicateOf] {
			continue
		}
		out = append(out, a)
	}
	return out
}

// sections groups the newest articles by category, biggest first.
func sections(recent []news.Article) []section {
	by := map[string][]news.Article{}
	for _, a := range recent {
		c := strings.TrimSpace(a.Category)
		if c == "" {
			continue
		}
		by[c] = append(by[c], a)
	}
	var out []section
	for c, as := range by {
		if len(as) < sectionMin {
			continue
		}
		out = append(out, section{Category: c, Articles: as[:min(sectionItems, len(as))]})
	}
	sort.Slice(out, func(i, j int) bool {
		if li, lj := len(by[out[i].Category]), len(by[out[j].Category]); li != lj {
			return li > lj
		}
		return out[i].Category < out[j].Category
	})
	return out[:min(maxSectionCount, len(out))]
}
