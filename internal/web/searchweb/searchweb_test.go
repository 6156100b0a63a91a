package searchweb

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/search"
	"github.com/nashra/nashra/internal/store/sqlite"
	"github.com/nashra/nashra/internal/web"
	"github.com/nashra/nashra/internal/web/webtest"
)

// setup is the real stack: SQLite store, search service, adapter, site.
func setup(t *testing.T) (*Adapter, http.Handler, *webtest.Fixture) {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "nashra.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	fx, err := webtest.Fill(context.Background(), st, webtest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ad := New(search.New(st, func() time.Time { return fx.Now }))
	site, err := web.New(web.Config{Store: st, Search: ad, Now: func() time.Time { return fx.Now },
		BaseURL: "https://nashra.test", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return ad, site.Handler(), fx
}

func TestAdapter(t *testing.T) {
	ad, _, fx := setup(t)
	ctx := context.Background()
	tests := []struct {
		name, raw string
		minHits   int
		chips     []string // kinds
		check     func(t *testing.T, r *web.SearchResults)
	}{
		{"word", "أوبك", 3, nil, func(t *testing.T, r *web.SearchResults) {
			found := false
			for _, h := range r.Hits {
				found = found || h.Article.ID == fx.ShowcaseID
				if !strings.Contains(string(h.TitleHTML)+string(h.SnippetHTML), "<mark>") {
					t.Errorf("hit %s has no highlight", h.Article.ID)
				}
			}
			if !found {
				t.Errorf("showcase article not found")
			}
		}},
		{"source filter", "أوبك source:okaz", 1, []string{"source"}, func(t *testing.T, r *web.SearchResults) {
			for _, h := range r.Hits {
				if h.Article.SourceID != "okaz" {
					t.Errorf("hit from %s despite source:okaz", h.Article.SourceID)
				}
			}
			if r.Chips[0].Value != "okaz" || strings.Contains(r.Chips[0].Remove, "source:") {
				t.Errorf("chip %+v", r.Chips[0])
			}
		}},
		{"language and exclusion", "أوبك lang:ar -محللون", 1, []string{"lang", "exclude"}, nil},
		{"nothing", "كلمةلاوجودلها", 0, nil, func(t *testing.T, r *web.SearchResults) {
			if r.Total != 0 || len(r.Hits) != 0 {
				t.Errorf("%d hits for nonsense", r.Total)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ad.Search(ctx, tt.raw, "ar", 1, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Hits) < tt.minHits {
				t.Fatalf("%d hits, want ≥ %d", len(r.Hits), tt.minHits)
			}
			var kinds []string
			for _, c := range r.Chips {
				kinds = append(kinds, c.Kind)
			}
			if strings.Join(kinds, ",") != strings.Join(tt.chips, ",") {
				t.Errorf("chips %v, want %v", kinds, tt.chips)
			}
			if tt.check != nil {
				tt.check(t, r)
			}
		})
	}
	if _, err := ad.Search(ctx, "x", "ar", 0, 10); err == nil {
		t.Errorf("page 0 accepted")
	}
}

// TestSearchPage renders the search page through the real engine.
func TestSearchPage(t *testing.T) {
	_, h, _ := setup(t)
	get := func(target string) (int, string) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "https://nashra.test"+target, nil))
		return rec.Code, rec.Body.String()
	}
	code, body := get("/search?q=" + url.QueryEscape("أوبك source:okaz"))
	if code != 200 || !strings.Contains(body, "<mark>") || !strings.Contains(body, `class="chip chip-source"`) || !strings.Contains(body, "عكاظ") {
		t.Errorf("search page = %d\n%.2000s", code, body)
	}
	code, body = get("/en/search?q=" + url.QueryEscape("كلمةلاوجودلها"))
	if code != 200 || !strings.Contains(body, "No news matches") {
		t.Errorf("zero-result page = %d", code)
	}
	// A typo that finds nothing shows its correction's results, with a link
	// to insist on the spelling typed; that link offers the correction.
	for _, c := range []struct{ path, showing, meant string }{
		{"/search", "عرض نتائج «أوبك»", "هل تقصد:"},
		{"/en/search", "Showing results for “أوبك”", "Did you mean:"},
	} {
		code, body = get(c.path + "?q=" + url.QueryEscape("أوبق"))
		verbatim := c.path + "?q=" + url.QueryEscape("أوبق") + "&amp;verbatim=1"
		if code != 200 || !strings.Contains(body, c.showing) || !strings.Contains(body, verbatim) || !strings.Contains(body, "<mark>") {
			t.Errorf("%s typo page = %d, want %q, a link to %s and highlighted hits\n%.3000s", c.path, code, c.showing, verbatim, body)
		}
		code, body = get(c.path + "?q=" + url.QueryEscape("أوبق") + "&verbatim=1")
		link := `href="` + c.path + `?q=` + url.QueryEscape("أوبك") + `"`
		if code != 200 || strings.Contains(body, c.showing) || !strings.Contains(body, c.meant) || !strings.Contains(body, link) {
			t.Errorf("%s verbatim typo page = %d, want %q with %s\n%.3000s", c.path, code, c.meant, link, body)
		}
	}
	code, body = get("/search/suggest?q=" + url.QueryEscape("أوب"))
	if code != 200 || !strings.HasPrefix(body, "[") {
		t.Errorf("suggest = %d %s", code, body)
	}
}
