package web

import (
	"encoding/json"
	"strings"

	"github.com/nashra/nashra/internal/news"
)

func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	s = s[i+len(start):]
	j := strings.Index(s, end)
	if j < 0 {
		return ""
	}
	return s[:j]
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

func newsFilter(limit int) news.ArticleFilter { return news.ArticleFilter{Limit: limit} }
