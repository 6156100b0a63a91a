package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// teaserEndings close a summary that links to the full story.
var teaserEndings = []string{"…", "...", "[…]", "[...]", "(…)", "(...)", "→", "»»"}

// teaserLinks are "read more" labels; they must be whole words at the end
// ("Baltimore" does not end a teaser).
var teaserLinks = []string{
	"اقرا المزيد", "المزيد", "للمزيد", "التفاصيل", "لمزيد من التفاصيل", "تابع القراءه", "اكمل القراءه",
	"read more", "continue reading", "more", "read the full story", "full story",
}

// IsTeaser reports whether a feed item's content is only a summary of the
// article, so the page must be fetched: short text (under ~120 words or
// ~600 runes), a trailing ellipsis or "read more" link, or a single
// paragraph under ~800 runes. A wrong "teaser" costs one page fetch; a
// wrong "full" loses text, so doubtful cases are teasers.
func IsTeaser(feedContentHTML string) bool {
	paras := teaserParagraphs(feedContentHTML)
	text := strings.Join(paras, "\n\n")
	if wordCount(text) < 120 || runeLen(text) < 600 {
		return true
	}
	last := strings.ToLower(strings.TrimSpace(paras[len(paras)-1]))
	for _, e := range teaserEndings {
		if strings.HasSuffix(last, e) {
			return true
		}
	}
	lastF := strings.TrimRight(fold(last), " .:»>›-–—)]")
	for _, e := range teaserLinks {
		if lastF == e || strings.HasSuffix(lastF, " "+e) || strings.HasSuffix(lastF, "["+e) || strings.HasSuffix(lastF, "("+e) {
			return true
		}
	}
	// WordPress: "The post X appeared first on Y."
	if strings.HasPrefix(last, "the post ") && strings.Contains(last, "appeared first on") {
		return true
	}
	return len(paras) == 1 && runeLen(text) < 800
}

// teaserParagraphs splits feed content into normalised paragraphs at block
// elements and double line breaks; feeds send both HTML and plain text.
func teaserParagraphs(s string) []string {
	var paras []string
	var cur strings.Builder
	flush := func() {
		if t := normalizeSpace(cur.String()); t != "" {
			paras = append(paras, t)
		}
		cur.Reset()
	}
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0
	brs := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			if len(paras) == 0 {
				return []string{""}
			}
			return paras
		case html.TextToken:
			if skip > 0 {
				continue
			}
			t := string(z.Text())
			for i, part := range strings.Split(strings.ReplaceAll(t, "\r\n", "\n"), "\n\n") {
				if i > 0 {
					flush()
				}
				cur.WriteString(part)
			}
			if strings.TrimSpace(t) != "" {
				brs = 0
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skipAlways[a] && a != atom.Head {
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			}
			switch {
			case a == atom.Br:
				brs++
				if brs >= 2 {
					flush()
				}
				cur.WriteByte(' ')
			case !inlineTags[a] && a != atom.Img:
				flush()
			default:
				cur.WriteByte(' ')
			}
		}
	}
}
