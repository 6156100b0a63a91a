package web

import (
	"net/http"
	"strings"
	"unicode"

	"github.com/nashra/nashra/internal/news"
)

type hashtagData struct {
	Tag      string
	Articles []news.Article
	Older    string
}

// hashtagPage: the latest articles carrying a hashtag. A tag nothing
// carries is unknown: 404, not an empty page.
func (s *Site) hashtagPage(r *http.Request, v *view) (string, error) {
	tag := strings.TrimPrefix(r.PathValue("tag"), "#")
	if !validTag(tag) {
		return "", notFound("error.tagNotFound")
	}
	before := beforeOf(v.Query)
	list, err := s.cfg.Store.Articles(r.Context(), news.ArticleFilter{Hashtag: tag, Before: before, Limit: listLimit})
	if err != nil {
		return "", err
	}
	if len(list) == 0 && before == nil {
		return "", notFound("error.tagNotFound")
	}
	d := &hashtagData{Tag: tag, Articles: list, Older: olderLink(v, list, listLimit)}
	v.Title = "#" + tag + " — " + v.T("site.name")
	v.Description = v.TD("hashtag.description", "Tag", "#"+tag)
	v.Feeds = s.feedLinks(v, "/hashtag/"+tag, "#"+tag)
	v.NoIndex = before != nil
	v.Data = d
	return "hashtag", nil
}

// validTag: letters, digits, marks and underscores, as the newsroom makes them.
func validTag(tag string) bool {
	if tag == "" || len(tag) > 200 {
		return false
	}
	for _, r := range tag {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_' || r == '-') {
			return false
		}
	}
	return true
}
