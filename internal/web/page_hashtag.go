package web

import (
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

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

// validTag accepts what a hashtag can be: one printable "word" (the
// newsroom joins words with '_'), so "COVID-19" or "U.S." pass while
// spaces, slashes and control characters — which no tag contains — 404
// without a query.
func validTag(tag string) bool {
	if tag == "" || len(tag) > 200 {
		return false
	}
	for _, r := range tag {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '/' || r == '\\' || r == '#' || r == utf8.RuneError {
			return false
		}
	}
	return true
}
