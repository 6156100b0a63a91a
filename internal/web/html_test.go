package web

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestHTMLInvariants parses every kind of page and checks what a validator
// and a screen reader care about: one main landmark and one h1, unique ids,
// images with alt text, links with a destination and a name, labelled inputs.
func TestHTMLInvariants(t *testing.T) {
	ts := newTestSite(t)
	fx := ts.fx
	pages := []string{"/", "/en/", "/article/" + fx.ShowcaseID, "/en/article/" + fx.EnglishID, "/article/" + fx.OldID,
		"/story/" + fx.StoryID, "/source/sabq", "/sources", "/hashtag/" + url.PathEscape(fx.Tag),
		"/search?q=" + url.QueryEscape("أوبك"), "/search?q=zzz", "/about", "/article/nope", "/?before=garbage"}
	for _, p := range pages {
		t.Run(p, func(t *testing.T) {
			r := ts.get(t, p, "Cookie", "lang=ar")
			doc, err := html.Parse(strings.NewReader(r.body))
			if err != nil {
				t.Fatal(err)
			}
			ids := map[string]bool{}
			labels := map[string]bool{}
			counts := map[string]int{}
			var inputs []string
			var walk func(n *html.Node)
			walk = func(n *html.Node) {
				if n.Type == html.ElementNode {
					counts[n.Data]++
					if id := attr(n, "id"); id != "" {
						if ids[id] {
							t.Errorf("duplicate id %q", id)
						}
						ids[id] = true
					}
					switch n.Data {
					case "img":
						if _, ok := attrOK(n, "alt"); !ok {
							t.Errorf("<img src=%.40q> without alt", attr(n, "src"))
						}
					case "a":
						if attr(n, "href") == "" {
							t.Errorf("<a> without href: %q", text(n))
						}
						if strings.TrimSpace(text(n)) == "" && attr(n, "aria-label") == "" {
							t.Errorf("<a href=%q> has no accessible name", attr(n, "href"))
						}
					case "label":
						labels[attr(n, "for")] = true
					case "input":
						inputs = append(inputs, attr(n, "id"))
					case "html":
						if attr(n, "lang") == "" || attr(n, "dir") == "" {
							t.Errorf("<html> lacks lang or dir")
						}
					}
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
			}
			walk(doc)
			for _, el := range []string{"main", "h1", "header", "footer", "nav"} {
				want := 1
				if el == "header" || el == "footer" || el == "nav" {
					// The site header and footer, plus articles' own.
					if counts[el] < 1 {
						t.Errorf("no <%s>", el)
					}
					continue
				}
				if counts[el] != want {
					t.Errorf("%d <%s> elements, want %d", counts[el], el, want)
				}
			}
			for _, id := range inputs {
				if !labels[id] {
					t.Errorf("input #%s has no label", id)
				}
			}
		})
	}
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
