package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// assertSafeHTML parses sanitized output and fails on anything that could
// run script or carry publisher styling.
func assertSafeHTML(t testing.TB, s string) {
	t.Helper()
	if msg := unsafeHTML(s); msg != "" {
		t.Errorf("unsafe HTML (%s): %.300q", msg, s)
	}
}

var allowedTags = map[string]bool{
	"div": true, "p": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "ul": true,
	"ol": true, "li": true, "blockquote": true, "figure": true, "figcaption": true, "img": true,
	"a": true, "b": true, "strong": true, "i": true, "em": true, "br": true,
}

func unsafeHTML(s string) string {
	if strings.Contains(strings.ToLower(s), "<script") {
		return "<script"
	}
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if !allowedTags[tok.Data] {
				return "tag " + tok.Data
			}
			for _, a := range tok.Attr {
				k := strings.ToLower(a.Key)
				v := strings.ToLower(strings.TrimSpace(a.Val))
				switch {
				case strings.HasPrefix(k, "on"):
					return "handler " + k
				case k == "style" || k == "class" || k == "id" || k == "target":
					return "attribute " + k
				case strings.Contains(v, "javascript:") || strings.Contains(v, "vbscript:") || strings.HasPrefix(v, "data:"):
					return "script URL in " + k
				case (k == "href" || k == "src") && !strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "https://"):
					return "non-http URL in " + k
				}
			}
		}
	}
}
