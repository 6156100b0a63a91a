package sources

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/nashra/nashra/internal/news"
)

func TestDefaultsAreValid(t *testing.T) {
	srcs, err := Defaults()
	if err != nil {
		t.Fatal(err)
	}
	var ar, en int
	for _, s := range srcs {
		switch s.Language {
		case "ar":
			ar++
		case "en":
			en++
		}
	}
	if ar < 8 || en < 3 {
		t.Fatalf("defaults: %d Arabic and %d English sources, want a real mix", ar, en)
	}
}

func TestOPMLRoundTrip(t *testing.T) {
	srcs, err := Defaults()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteOPML(&buf, "nashra", srcs); err != nil {
		t.Fatal(err)
	}
	back, err := ParseOPML(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != len(srcs) {
		t.Fatalf("round trip: %d sources, want %d", len(back), len(srcs))
	}
	for i := range srcs {
		a, b := srcs[i], back[i]
		if a.ID != b.ID || a.NameAr != b.NameAr || a.NameEn != b.NameEn || a.Language != b.Language || len(a.Feeds) != len(b.Feeds) {
			t.Fatalf("round trip changed source %d:\n%+v\n%+v", i, a, b)
		}
		for j := range a.Feeds {
			if a.Feeds[j].URL != b.Feeds[j].URL || a.Feeds[j].Category != b.Feeds[j].Category {
				t.Fatalf("round trip changed feed %d of %s", j, a.ID)
			}
		}
	}
}

func TestParseForeignOPML(t *testing.T) {
	doc := `<?xml version="1.0"?>
<opml version="1.0"><head><title>subs</title></head><body>
  <outline text="World">
    <outline type="rss" text="BBC World" xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml" htmlUrl="https://www.bbc.co.uk/news"/>
    <outline type="rss" text="BBC Business" xmlUrl="https://feeds.bbci.co.uk/news/business/rss.xml" htmlUrl="https://www.bbc.co.uk/news"/>
  </outline>
  <outline type="rss" text="الجزيرة" xmlUrl="https://www.aljazeera.net/rss" htmlUrl="https://www.aljazeera.net/"/>
</body></opml>`
	srcs, err := ParseOPML(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != 2 {
		t.Fatalf("got %d sources, want 2 (BBC feeds grouped by site)", len(srcs))
	}
	if srcs[0].ID != "bbc-co-uk" || len(srcs[0].Feeds) != 2 || srcs[0].Feeds[0].Category != "World" {
		t.Fatalf("bbc: %+v", srcs[0])
	}
	if srcs[1].NameAr != "الجزيرة" || srcs[1].Language != "ar" {
		t.Fatalf("aljazeera: %+v", srcs[1])
	}
}

func TestParseOPMLErrors(t *testing.T) {
	cases := []struct {
		name, in string
		notOPML  bool
	}{
		{"empty", "", true},
		{"html", "<html><body>hi</body></html>", true},
		{"garbage", "{json: true}", true},
		{"no feeds", `<opml version="2.0"><body><outline text="x"/></body></opml>`, false},
		{"bad scheme", `<opml version="2.0"><body><outline text="x" xmlUrl="ftp://x/feed"/></body></opml>`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseOPML(strings.NewReader(c.in))
			if err == nil {
				t.Fatal("want error")
			}
			if c.notOPML != errors.Is(err, ErrNotOPML) {
				t.Fatalf("ErrNotOPML = %v, want %v (%v)", errors.Is(err, ErrNotOPML), c.notOPML, err)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	good := func() news.Source {
		return news.Source{ID: "x", NameAr: "س", Feeds: []news.Feed{{URL: "https://x.example/feed"}}}
	}
	cases := []struct {
		name string
		mod  func(*news.Source)
		ok   bool
	}{
		{"ok", func(*news.Source) {}, true},
		{"bad id", func(s *news.Source) { s.ID = "Bad ID" }, false},
		{"no name", func(s *news.Source) { s.NameAr = "" }, false},
		{"no feeds", func(s *news.Source) { s.Feeds = nil }, false},
		{"bad lang", func(s *news.Source) { s.Language = "fr" }, false},
		{"bad kind", func(s *news.Source) { s.Feeds[0].Kind = "gopher" }, false},
		{"relative feed", func(s *news.Source) { s.Feeds[0].URL = "/feed" }, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := good()
			c.mod(&s)
			err := Validate(&s)
			if (err == nil) != c.ok {
				t.Fatalf("Validate = %v, want ok=%v", err, c.ok)
			}
			if err != nil && news.ErrorCode(err) != news.EINVALID {
				t.Fatalf("code = %s", news.ErrorCode(err))
			}
		})
	}
}

func FuzzParseOPML(f *testing.F) {
	f.Add(`<opml version="2.0"><body><outline text="x" xmlUrl="https://x.example/feed"/></body></opml>`)
	f.Add(`<opml><body><outline text="a"><outline xmlUrl="http://a/b" text="ب"/></outline></body></opml>`)
	f.Add(`<html>`)
	f.Fuzz(func(t *testing.T, in string) {
		srcs, err := ParseOPML(strings.NewReader(in))
		if err != nil {
			return
		}
		for i := range srcs {
			if err := Validate(&srcs[i]); err != nil {
				t.Fatalf("parsed source fails validation: %v", err)
			}
		}
	})
}
