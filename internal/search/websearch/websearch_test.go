package websearch

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/search"
	"github.com/nashra/nashra/internal/store/sqlite"
)

func newAdapter(t *testing.T) Adapter {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "nashra.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, id := range []string{"sabq", "okaz"} {
		if err := st.PutSource(ctx, &news.Source{ID: id, NameAr: id, Language: "ar"}); err != nil {
			t.Fatal(err)
		}
	}
	day := time.Date(2015, 8, 1, 0, 0, 0, 0, time.UTC)
	var as []*news.Article
	for i := 0; i < 25; i++ {
		a := &news.Article{URL: fmt.Sprintf("https://example.sa/%d", i), SourceID: "sabq", Language: "ar",
			Title: fmt.Sprintf("أسعار النفط اليوم %d", i), BodyText: "تراجعت أسعار النفط في الأسواق.",
			PublishedAt: day.Add(-time.Duration(i) * time.Hour)}
		if i%5 == 0 {
			a.SourceID = "okaz"
		}
		a.Index = search.IndexDoc(a)
		as = append(as, a)
	}
	if _, err := st.UpsertArticles(ctx, as); err != nil {
		t.Fatal(err)
	}
	return Adapter{Service: search.New(st, func() time.Time { return day })}
}

func TestAdapterPagesAndChips(t *testing.T) {
	a := newAdapter(t)
	ctx := context.Background()
	res, err := a.Search(ctx, "النفط", "ar", 2, 10)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 25 || res.Page != 2 || res.PerPage != 10 || len(res.Hits) != 10 {
		t.Errorf("page 2: total %d page %d per %d hits %d", res.Total, res.Page, res.PerPage, len(res.Hits))
	}
	if res.Interpreted != "" || len(res.Chips) != 0 || len(res.Notes) != 0 {
		t.Errorf("a plain query needs no explanation: %+v", res)
	}
	if !strings.Contains(string(res.Hits[0].SnippetHTML), "<mark>النفط</mark>") {
		t.Errorf("snippet %q", res.Hits[0].SnippetHTML)
	}

	res, err = a.Search(ctx, `النفط -الغاز source:okaz sort:new في "غير`, "en", 1, 20)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 5 || res.Interpreted == "" || !strings.HasPrefix(res.Interpreted, "articles with") {
		t.Errorf("total %d, interpreted %q", res.Total, res.Interpreted)
	}
	want := map[string]string{
		"source":  `النفط -الغاز sort:new`,
		"exclude": `النفط source:okaz sort:new`,
		"sort":    `النفط -الغاز source:okaz`,
	}
	if len(res.Chips) != len(want) {
		t.Errorf("chips %+v", res.Chips)
	}
	for _, c := range res.Chips {
		if want[c.Kind] != c.Remove {
			t.Errorf("chip %s=%s removes to %q, want %q", c.Kind, c.Value, c.Remove, want[c.Kind])
		}
	}
	notes := strings.Join(res.Notes, " | ")
	if !strings.Contains(notes, "unbalanced quote") || !strings.Contains(notes, "common words not searched for: في") {
		t.Errorf("notes %q", notes)
	}
}

func TestAdapterZeroResults(t *testing.T) {
	a := newAdapter(t)
	res, err := a.Search(context.Background(), "النفط زلزال", "ar", 1, 20)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 0 || len(res.Suggestions) == 0 || res.Suggestions[0].Query != "النفط" {
		t.Errorf("want the suggestion النفط, got %+v", res.Suggestions)
	}
	for _, s := range res.Suggestions {
		if strings.HasPrefix(s.Query, "#") {
			t.Errorf("trending tags are the site's to show: %+v", s)
		}
	}
	sugg, err := a.Suggest(context.Background(), "أسعار")
	if err != nil || len(sugg) == 0 || len(sugg) > 8 {
		t.Errorf("suggest: %v %d", err, len(sugg))
	}
}
