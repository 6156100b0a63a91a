// Package sources reads and writes source lists: the default list shipped
// with nashra (a JSON data file embedded in the binary) and OPML, the format
// feed readers exchange subscriptions in.
package sources

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"

	"github.com/nashra/nashra/internal/news"
)

//go:embed defaults.json
var defaultsJSON []byte

// fileSource is the JSON shape of a source in a source list file.
type fileSource struct {
	ID       string     `json:"id"`
	NameAr   string     `json:"name_ar,omitempty"`
	NameEn   string     `json:"name_en,omitempty"`
	Home     string     `json:"home,omitempty"`
	Language string     `json:"language,omitempty"`
	Country  string     `json:"country,omitempty"`
	Logo     string     `json:"logo,omitempty"`
	Feeds    []fileFeed `json:"feeds"`
}

type fileFeed struct {
	URL      string `json:"url"`
	Kind     string `json:"kind,omitempty"`
	Category string `json:"category,omitempty"`
}

// Defaults returns the real public publishers nashra serve crawls when the
// store has no sources yet.
func Defaults() ([]news.Source, error) {
	return ParseJSON(strings.NewReader(string(defaultsJSON)))
}

// ParseJSON reads a source list in nashra's JSON format and validates it.
func ParseJSON(r io.Reader) ([]news.Source, error) {
	var fs []fileSource
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&fs); err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	out := make([]news.Source, 0, len(fs))
	seen := map[string]bool{}
	for i, f := range fs {
		s := news.Source{ID: f.ID, NameAr: f.NameAr, NameEn: f.NameEn, HomeURL: f.Home,
			Language: f.Language, Country: f.Country, LogoURL: f.Logo}
		for _, ff := range f.Feeds {
			s.Feeds = append(s.Feeds, news.Feed{SourceID: f.ID, URL: ff.URL, Kind: ff.Kind, Category: ff.Category})
		}
		if err := Validate(&s); err != nil {
			return nil, fmt.Errorf("sources: entry %d: %w", i+1, err)
		}
		if seen[s.ID] {
			return nil, fmt.Errorf("sources: entry %d: duplicate id %q", i+1, s.ID)
		}
		seen[s.ID] = true
		out = append(out, s)
	}
	return out, nil
}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,62}$`)

// Validate checks a source before it is stored and says exactly what is wrong.
func Validate(s *news.Source) error {
	if !idPattern.MatchString(s.ID) {
		return news.Errorf(news.EINVALID, "source id %q: use 1-63 lowercase letters, digits, '-' or '_'", s.ID)
	}
	if s.NameAr == "" && s.NameEn == "" {
		return news.Errorf(news.EINVALID, "source %q: needs a name (Arabic or English)", s.ID)
	}
	switch s.Language {
	case "":
		s.Language = "ar"
	case "ar", "en":
	default:
		return news.Errorf(news.EINVALID, "source %q: language %q not served (ar, en)", s.ID, s.Language)
	}
	if s.HomeURL != "" {
		if err := checkHTTPURL(s.HomeURL); err != nil {
			return news.Errorf(news.EINVALID, "source %q: home URL: %v", s.ID, err)
		}
	}
	if len(s.Feeds) == 0 {
		return news.Errorf(news.EINVALID, "source %q: needs at least one feed URL", s.ID)
	}
	for i := range s.Feeds {
		f := &s.Feeds[i]
		f.SourceID = s.ID
		if err := checkHTTPURL(f.URL); err != nil {
			return news.Errorf(news.EINVALID, "source %q: feed %q: %v", s.ID, f.URL, err)
		}
		switch f.Kind {
		case news.FeedAuto, news.FeedRSS, news.FeedAtom, news.FeedJSON, news.FeedSitemap:
		default:
			return news.Errorf(news.EINVALID, "source %q: feed %q: unknown kind %q (rss, atom, json, sitemap)", s.ID, f.URL, f.Kind)
		}
	}
	return nil
}

func checkHTTPURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("not a URL: %v", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("must be http or https")
	}
	if u.Host == "" {
		return fmt.Errorf("has no host")
	}
	return nil
}

// Slug derives a source ID from a title or host name, for OPML imports that
// carry no IDs.
func Slug(s string) string {
	s = strings.ToLower(s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://")
	s = strings.TrimPrefix(s, "www.")
	if i := strings.IndexAny(s, "/?#:"); i >= 0 {
		s = s[:i]
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '.' || r == '-' || r == '_' || r == ' ':
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte('-')
			}
		}
	}
	out := strings.Trim(b.String(), "-")
	if len(out) > 63 {
		out = out[:63]
	}
	return out
}
