package feed

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/nashra/nashra/internal/canon"
	"github.com/nashra/nashra/internal/news"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		body string
		want error
	}{
		{"empty", "", ErrEmpty},
		{"whitespace", " \n\t ", ErrEmpty},
		{"html doctype", "<!doctype html><html><body>x</body></html>", ErrNotAFeed},
		{"html without doctype", "<html lang=ar><head></head></html>", ErrNotAFeed},
		{"html after xml decl", `<?xml version="1.0"?><!-- c --><html><body/></html>`, ErrNotAFeed},
		{"xhtml root", `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>`, ErrNotAFeed},
		{"unknown root", `<?xml version="1.0"?><response><status>ok</status></response>`, ErrNotAFeed},
		{"plain text", "404 page not found", ErrNotAFeed},
		{"json not a feed", `{"error":"nope"}`, ErrNotAFeed},
		{"json malformed", `{"version":"https://jsonfeed.org/version/1.1","items":[`, ErrMalformed},
		{"xml without root", `<?xml version="1.0"?>`, ErrMalformed},
		{"truncated sitemap", `<urlset><url><loc>https://a.example/1</loc></url><url><loc>https://a.exa`, ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse([]byte(tt.body), "https://example.com/feed")
			if !errors.Is(err, tt.want) {
				t.Fatalf("Parse = %+v, %v; want %v", f, err, tt.want)
			}
		})
	}
}

// TestLegacyCharsetBytes feeds the windows-1256 golden input as real
// windows-1256 bytes: the result must equal parsing the UTF-8 text.
func TestLegacyCharsetBytes(t *testing.T) {
	utf, err := os.ReadFile("testdata/rss_windows1256_declared.xml")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := charmap.Windows1256.NewEncoder().Bytes(utf)
	if err != nil {
		t.Fatal(err)
	}
	want, err := ParseAt(utf, "http://www.al-jazirah.com/rss.xml", fetchedAt)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseAt(raw, "http://www.al-jazirah.com/rss.xml", fetchedAt)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Items) != 1 || got.Items[0].Title != want.Items[0].Title || got.Title != want.Title {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestJunkBeforeDeclaredLegacyCharset(t *testing.T) {
	utf, err := os.ReadFile("testdata/rss_windows1256_declared.xml")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := charmap.Windows1256.NewEncoder().Bytes(utf)
	if err != nil {
		t.Fatal(err)
	}
	for _, body := range [][]byte{append([]byte("<br />\n<b>Notice</b>: x<br />\n"), raw...), append([]byte("<br />"), utf...)} {
		f, err := ParseAt(body, "http://www.al-jazirah.com/rss.xml", fetchedAt)
		if err != nil {
			t.Fatal(err)
		}
		if f.Title != "صحيفة الجزيرة" || len(f.Items) != 1 || f.Items[0].Title != "أمانة الرياض تطلق مبادرة للتشجير" {
			t.Errorf("got %+v", f)
		}
	}
}

func TestClampAndDedup(t *testing.T) {
	now := time.Date(2015, 8, 1, 12, 0, 0, 0, time.UTC)
	body := `<rss version="2.0"><channel><title>t</title>
<item><title>a</title><link>https://x.example/a</link><guid>1</guid><pubDate>Sat, 01 Aug 2015 12:59:00 GMT</pubDate></item>
<item><title>b</title><link>https://x.example/b</link><guid>2</guid><pubDate>Sat, 01 Aug 2015 13:01:00 GMT</pubDate></item>
<item><title>a again</title><link>https://x.example/a2</link><guid>1</guid></item>
<item><title>a by url</title><link>https://x.example/a?utm_source=x</link><guid>3</guid></item>
</channel></rss>`
	f, err := ParseAt([]byte(body), "https://x.example/rss", now)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 2 || f.Dropped != 2 {
		t.Fatalf("items %d dropped %d, want 2 and 2", len(f.Items), f.Dropped)
	}
	if want := now.Add(59 * time.Minute); !f.Items[0].Published.Equal(want) {
		t.Errorf("within slack: published %v, want %v kept", f.Items[0].Published, want)
	}
	if !f.Items[1].Published.Equal(now) {
		t.Errorf("beyond slack: published %v, want clamped to %v", f.Items[1].Published, now)
	}
}

func FuzzParse(f *testing.F) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".golden.json") || e.IsDir() {
			continue
		}
		b, err := os.ReadFile("testdata/" + e.Name())
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	now := time.Date(2015, 8, 2, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, body []byte) {
		feed, err := ParseAt(body, "https://example.com/feed/", now)
		if err != nil {
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrNotAFeed) && !errors.Is(err, ErrMalformed) {
				t.Fatalf("untyped error: %v", err)
			}
			return
		}
		switch feed.Kind {
		case news.FeedRSS, news.FeedAtom, news.FeedJSON, news.FeedSitemap:
		default:
			t.Fatalf("kind %q", feed.Kind)
		}
		guids, urls := map[string]bool{}, map[string]bool{}
		for _, it := range feed.Items {
			if c, err := canon.Canonicalize(it.URL); err != nil || c != it.URL {
				t.Fatalf("item URL %q not canonical (%q, %v)", it.URL, c, err)
			}
			if it.GUID == "" || guids[it.GUID] || urls[it.URL] {
				t.Fatalf("empty or duplicate GUID/URL: %+v", it)
			}
			guids[it.GUID], urls[it.URL] = true, true
			if it.Published.After(now.Add(FutureSlack)) || it.Updated.After(now.Add(FutureSlack)) {
				t.Fatalf("future date kept: %+v", it)
			}
		}
	})
}
