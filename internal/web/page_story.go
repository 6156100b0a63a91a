package web

import (
	"context"
	"net/http"
	"sort"

	"github.com/nashra/nashra/internal/news"
)

const storyMaxArticles = 200

type storyData struct {
	Story    *news.Story
	Lead     *news.Article
	Timeline []news.Article // oldest first
	Outlets  []outletVersion
	First    *news.Article // earliest report
	Wire     []news.Article
	Size     int
}

// outletVersion is one outlet's coverage of the story.
type outletVersion struct {
	SourceID string
	Articles []news.Article // oldest first
}

// storyPage: full coverage of one event — every outlet's version, a
// timeline, who reported first and which pieces are wire copies.
func (s *Site) storyPage(r *http.Request, v *view) (string, error) {
	id := r.PathValue("id")
	if !validID(id) {
		return "", notFound("error.storyNotFound")
	}
	d, err := memoize(r.Context(), s.data, "story|"+id, ttlArticle, func(ctx context.Context) (*storyData, error) {
		return s.loadStory(ctx, id)
	})
	if err != nil {
		return "", err
	}
	headline := d.Story.Headline
	if headline == "" && d.Lead != nil {
		headline = d.Lead.Title
	}
	v.Title = headline + " — " + v.T("story.fullCoverage")
	v.Description = v.N("story.description", len(d.Outlets))
	if d.Lead != nil {
		v.Image = shareImage(d.Lead.ImageURL)
	}
	v.Feeds = s.feedLinks(v, "/story/"+id, headline)
	v.Data = d
	return "story", nil
}

func (s *Site) loadStory(ctx context.Context, id string) (*storyData, error) {
	st, err := s.cfg.Store.Story(ctx, id)
	if news.IsNotFound(err) {
		return nil, notFound("error.storyNotFound")
	}
	if err != nil {
		return nil, err
	}
	list, err := s.cfg.Store.Articles(ctx, news.ArticleFilter{StoryID: id, Limit: storyMaxArticles})
	if err != nil {
		return nil, err
	}
	d := &storyData{Story: st, Size: max(st.Size, len(list))}
	timeline := append([]news.Article(nil), list...)
	sort.SliceStable(timeline, func(i, j int) bool {
		if !timeline[i].PublishedAt.Equal(timeline[j].PublishedAt) {
			return timeline[i].PublishedAt.Before(timeline[j].PublishedAt)
		}
		return timeline[i].ID < timeline[j].ID
	})
	d.Timeline = timeline
	if len(timeline) > 0 {
		d.First = &timeline[0]
	}
	idx := map[string]int{}
	for i := range timeline {
		a := timeline[i]
		if a.ID == st.LeadArticleID {
			d.Lead = &timeline[i]
		}
		if a.WireAgency != "" || a.DuplicateOf != "" {
			d.Wire = append(d.Wire, a)
		}
		k, ok := idx[a.SourceID]
		if !ok {
			k = len(d.Outlets)
			idx[a.SourceID] = k
			d.Outlets = append(d.Outlets, outletVersion{SourceID: a.SourceID})
		}
		d.Outlets[k].Articles = append(d.Outlets[k].Articles, a)
	}
	if d.Lead == nil && d.First != nil {
		d.Lead = d.First
	}
	return d, nil
}
