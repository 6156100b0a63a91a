package extract

import (
	"html"
	"net/url"
	"strings"
)

// titleSeparators split a headline from the site name in <title> and
// og:title ("الخبر | عكاظ", "Story - BBC News").
var titleSeparators = []string{" | ", " || ", " - ", " – ", " — ", " :: ", " « ", " » ", " · ", " ـ ", " :"}

// cleanTitle removes a site-name prefix or suffix. A segment goes only when
// it names the site (og:site_name or the host) or when the separator is a
// pipe and the segment is short: Arabic headlines use " - " themselves.
func cleanTitle(t, siteName, host string, bodyFolded func() string) string {
	t = normalizeSpace(t)
	// When the page body repeats exactly one side of a strong separator,
	// that side is the headline ("جريدة الأنباء :: همسات").
	if bodyFolded != nil {
		for _, sep := range titleSeparators {
			if !strongSeparator(sep) {
				continue
			}
			if head, tail, ok := strings.Cut(t, sep); ok && !strings.Contains(tail, sep) {
				body := bodyFolded()
				inHead := strings.Contains(body, fold(head))
				inTail := strings.Contains(body, fold(tail))
				if inHead != inTail {
					if inHead {
						return strings.TrimSpace(head)
					}
					return strings.TrimSpace(tail)
				}
			}
		}
	}
	siteF := fold(siteName)
	hostLabel := hostName(host)
	isSite := func(seg string) bool {
		f := fold(seg)
		if f == "" {
			return false
		}
		if siteF != "" && (f == siteF || strings.Contains(siteF, f) || strings.Contains(f, siteF)) && wordCount(f) <= 6 {
			return true
		}
		if hostLabel != "" && strings.Contains(strings.ReplaceAll(f, " ", ""), hostLabel) && wordCount(f) <= 4 {
			return true
		}
		return false
	}
	for changed := true; changed; {
		changed = false
		for _, sep := range titleSeparators {
			i := strings.LastIndex(t, sep)
			if i > 0 {
				head, tail := t[:i], t[i+len(sep):]
				if isSite(tail) || (strongSeparator(sep) && wordCount(tail) <= 4 && wordCount(head) > wordCount(tail)) {
					t, changed = strings.TrimSpace(head), true
					break
				}
			}
			if j := strings.Index(t, sep); j > 0 {
				head, tail := t[:j], t[j+len(sep):]
				if (isSite(head) || (strongSeparator(sep) && wordCount(head) <= 3)) && wordCount(tail) > wordCount(head) {
					t, changed = strings.TrimSpace(tail), true
					break
				}
			}
		}
	}
	return t
}

// hostName is the distinctive label of a host: "okaz" for www.okaz.com.sa.
func hostName(host string) string {
	host = strings.ToLower(strings.TrimPrefix(host, "www."))
	label, _, _ := strings.Cut(host, ".")
	if len(label) < 3 {
		return ""
	}
	return label
}

// chooseTitle prefers the feed title, which is usually clean, unless it is
// missing or truncated and the page has the full one.
func chooseTitle(hint string, m *pageMeta, base *url.URL, bodyFolded func() string) string {
	host := ""
	if base != nil {
		host = base.Host
	}
	page := ""
	for _, c := range [...]string{m.ogTitle, m.ldHeadline, m.twTitle, m.h1, m.title} {
		if c = cleanTitle(c, m.siteName, host, bodyFolded); c != "" && hasLetterOrDigit(c) {
			page = c
			break
		}
	}
	hint = normalizeSpace(html.UnescapeString(hint))
	if hint == "" {
		return page
	}
	if trimmed, cut := trimEllipsis(hint); cut && page != "" && strings.HasPrefix(fold(page), fold(trimmed)) {
		return page
	}
	return hint
}

func trimEllipsis(s string) (string, bool) {
	for _, e := range [...]string{"…", "...", "[…]", "[...]"} {
		if strings.HasSuffix(s, e) {
			return strings.TrimSpace(strings.TrimSuffix(s, e)), true
		}
	}
	return s, false
}

// cleanAuthor strips "بقلم"/"By" and rejects values that are not names
// (URLs, whole sentences).
func cleanAuthor(s string) string {
	// Feeds double-escape ("&amp;nbsp;واس"), so entities can reach us.
	s = normalizeSpace(html.UnescapeString(s))
	for {
		f := fold(s)
		loc := reByline.FindStringIndex(f)
		if loc == nil || loc[1] == 0 {
			break
		}
		// fold keeps the rune count of letters it does not drop; cut by
		// words instead of bytes to stay safe.
		n := wordCount(f[:loc[1]])
		fields := strings.Fields(s)
		if n >= len(fields) {
			return ""
		}
		s = strings.Join(fields[n:], " ")
		s = strings.TrimLeft(s, ":： ")
	}
	s = strings.Trim(s, " -–—|:،,")
	if s == "" || runeLen(s) > 80 || wordCount(s) > 8 || strings.Contains(s, "://") || strings.HasPrefix(s, "www.") ||
		!hasLetter(strings.ToLower(s)) {
		return ""
	}
	return s
}

func chooseAuthor(hint string, m *pageMeta) string {
	if a := cleanAuthor(hint); a != "" {
		return a
	}
	for _, c := range m.authors {
		if a := cleanAuthor(c); a != "" {
			return a
		}
	}
	return ""
}

// strongSeparator is a separator headlines do not use themselves, so a
// short segment on either side of it is the site name.
func strongSeparator(sep string) bool {
	switch strings.TrimSpace(sep) {
	case "|", "||", "::", "«", "»", "·":
		return true
	}
	return false
}
