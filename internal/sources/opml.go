package sources

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/nashra/nashra/internal/news"
)

// OPML attributes nashra adds in its own namespace-free form, so an export
// re-imports losslessly while other readers ignore them.
type opmlOutline struct {
	Text     string        `xml:"text,attr,omitempty"`
	Title    string        `xml:"title,attr,omitempty"`
	Type     string        `xml:"type,attr,omitempty"`
	XMLURL   string        `xml:"xmlUrl,attr,omitempty"`
	HTMLURL  string        `xml:"htmlUrl,attr,omitempty"`
	Language string        `xml:"language,attr,omitempty"`
	Category string        `xml:"category,attr,omitempty"`
	SourceID string        `xml:"nashraSource,attr,omitempty"`
	NameEn   string        `xml:"nashraNameEn,attr,omitempty"`
	Country  string        `xml:"nashraCountry,attr,omitempty"`
	Outlines []opmlOutline `xml:"outline"`
}

type opmlDoc struct {
	XMLName xml.Name `xml:"opml"`
	Version string   `xml:"version,attr"`
	Head    struct {
		Title string `xml:"title"`
	} `xml:"head"`
	Body struct {
		Outlines []opmlOutline `xml:"outline"`
	} `xml:"body"`
}

// ErrNotOPML is returned for documents that are not OPML.
var ErrNotOPML = errors.New("not an OPML document")

const maxOPMLBytes = 8 << 20

// ParseOPML reads subscriptions from an OPML file. Feeds are grouped into
// sources by the nashraSource attribute when present, else by the host of
// their site (htmlUrl) or feed URL; a parent outline without xmlUrl names a
// category for the feeds under it.
func ParseOPML(r io.Reader) ([]news.Source, error) {
	var doc opmlDoc
	dec := xml.NewDecoder(io.LimitReader(r, maxOPMLBytes))
	dec.Strict = false
	if err := dec.Decode(&doc); err != nil {
		var se *xml.SyntaxError
		if errors.As(err, &se) || err == io.EOF {
			return nil, fmt.Errorf("sources: %w: %v", ErrNotOPML, err)
		}
		if strings.Contains(err.Error(), "expected element type <opml>") {
			return nil, fmt.Errorf("sources: %w", ErrNotOPML)
		}
		return nil, fmt.Errorf("sources: opml: %w", err)
	}
	byID := map[string]*news.Source{}
	var order []string
	var walk func(os []opmlOutline, category string) error
	walk = func(os []opmlOutline, category string) error {
		for _, o := range os {
			if o.XMLURL == "" {
				// nashra's own exports group feeds under a source outline;
				// other readers' folders are categories.
				name := ""
				if o.SourceID == "" {
					name = o.Title
					if name == "" {
						name = o.Text
					}
				}
				if err := walk(o.Outlines, strings.TrimSpace(name)); err != nil {
					return err
				}
				continue
			}
			cat := o.Category
			if cat == "" {
				cat = category
			}
			id := o.SourceID
			if id == "" {
				home := o.HTMLURL
				if home == "" {
					home = o.XMLURL
				}
				id = Slug(home)
			}
			if id == "" {
				return news.Errorf(news.EINVALID, "opml: outline %q: cannot derive a source id", o.Text)
			}
			s, ok := byID[id]
			if !ok {
				name := o.Title
				if name == "" {
					name = o.Text
				}
				s = &news.Source{ID: id, HomeURL: o.HTMLURL, Language: o.Language, Country: o.Country, NameEn: o.NameEn}
				if isArabic(name) || (o.Language == "ar" && s.NameEn != "") {
					s.NameAr = name
				} else if s.NameEn == "" {
					s.NameEn = name
				} else {
					s.NameAr = name
				}
				if s.NameAr == "" && s.NameEn == "" {
					s.NameEn = hostOf(o.XMLURL)
				}
				byID[id] = s
				order = append(order, id)
			}
			s.Feeds = append(s.Feeds, news.Feed{SourceID: id, URL: strings.TrimSpace(o.XMLURL), Category: cat, Kind: kindFromOPML(o.Type)})
		}
		return nil
	}
	if err := walk(doc.Body.Outlines, ""); err != nil {
		return nil, err
	}
	if len(order) == 0 {
		return nil, fmt.Errorf("sources: opml has no feeds (no outline with xmlUrl)")
	}
	out := make([]news.Source, 0, len(order))
	for _, id := range order {
		s := byID[id]
		if s.Language == "" {
			s.Language = guessLanguage(s)
		}
		if err := Validate(s); err != nil {
			return nil, fmt.Errorf("sources: opml: %w", err)
		}
		out = append(out, *s)
	}
	return out, nil
}

// WriteOPML writes sources as OPML 2.0, one outline per feed grouped under
// its source.
func WriteOPML(w io.Writer, title string, srcs []news.Source) error {
	var doc opmlDoc
	doc.Version = "2.0"
	doc.Head.Title = title
	for _, s := range srcs {
		parent := opmlOutline{Text: s.Name("ar"), Title: s.Name("ar"), SourceID: s.ID}
		for _, f := range s.Feeds {
			parent.Outlines = append(parent.Outlines, opmlOutline{
				Text: s.Name("ar"), Title: s.Name("ar"), Type: opmlType(f.Kind),
				XMLURL: f.URL, HTMLURL: s.HomeURL, Language: s.Language, Category: f.Category,
				SourceID: s.ID, NameEn: s.NameEn, Country: s.Country,
			})
		}
		doc.Body.Outlines = append(doc.Body.Outlines, parent)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("sources: write opml: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func opmlType(kind string) string {
	switch kind {
	case news.FeedAtom:
		return "atom"
	case news.FeedJSON:
		return "json"
	case news.FeedSitemap:
		return "sitemap"
	}
	return "rss"
}

func kindFromOPML(t string) string {
	switch strings.ToLower(t) {
	case "atom":
		return news.FeedAtom
	case "json":
		return news.FeedJSON
	case "sitemap":
		return news.FeedSitemap
	}
	return news.FeedAuto
}

func isArabic(s string) bool {
	for _, r := range s {
		if r >= 0x0600 && r <= 0x06FF {
			return true
		}
	}
	return false
}

func guessLanguage(s *news.Source) string {
	if s.NameAr != "" {
		return "ar"
	}
	for _, f := range s.Feeds {
		if strings.Contains(f.URL, "/ar/") || strings.Contains(f.URL, "arabic") {
			return "ar"
		}
	}
	return "en"
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Host
}
