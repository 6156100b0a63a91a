package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
)

var day0 = time.Date(2015, 8, 1, 12, 0, 0, 0, time.UTC)

func art(url, title, body string, daysAgo int) news.Article {
	return news.Article{URL: "https://example.sa/" + url, SourceID: "sabq", Title: title, BodyText: body,
		PublishedAt: day0.Add(-time.Duration(daysAgo) * 24 * time.Hour), Language: "ar"}
}

func newService(f *fakeStore) *Service {
	return New(f, func() time.Time { return day0.Add(time.Hour) })
}

func TestRankTitleMatchBeatsBodyMatch(t *testing.T) {
	f := newFakeStore(
		art("body", "أخبار اليوم", "تحدث وزير الطاقة عن أسعار النفط في الأسواق.", 0),
		art("title", "أسعار النفط ترتفع", "ارتفعت الأسعار في الأسواق اليوم.", 0),
	)
	f.scores = map[string]float64{f.articles[0].ID: 5, f.articles[1].ID: 5}
	res, err := newService(f).Search(context.Background(), "أسعار النفط", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 2 || !strings.HasSuffix(res.Hits[0].Article.URL, "/title") {
		t.Fatalf("title match should rank first: %+v", urls(res))
	}
}

func TestRankFresherBeatsOlderAtEqualScore(t *testing.T) {
	f := newFakeStore(
		art("old", "هطول أمطار على الرياض", "أمطار غزيرة.", 20),
		art("new", "هطول أمطار على جدة", "أمطار غزيرة.", 1),
	)
	f.scores = map[string]float64{f.articles[0].ID: 3, f.articles[1].ID: 3}
	res, err := newService(f).Search(context.Background(), "أمطار", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := urls(res); len(got) != 2 || !strings.HasSuffix(got[0], "/new") {
		t.Fatalf("fresher should rank first: %v", got)
	}
}

func TestRankMuchBetterMatchBeatsFresher(t *testing.T) {
	f := newFakeStore(
		art("strong", "أمطار", "أمطار.", 30),
		art("weak", "خبر", "أمطار.", 0),
	)
	f.scores = map[string]float64{f.articles[0].ID: 10, f.articles[1].ID: 2}
	res, _ := newService(f).Search(context.Background(), "أمطار", Options{})
	if got := urls(res); !strings.HasSuffix(got[0], "/strong") {
		t.Fatalf("freshness must not bury a far better match: %v", got)
	}
}

func TestSearchReturnsHighlightedHits(t *testing.T) {
	f := newFakeStore(
		art("a", "الوزارة تعلن خطة", "أعلنت الوزارة خطة. وللوزارة دور.", 0),
		art("b", "خبر رياضي", "فاز الفريق.", 0),
	)
	res, err := newService(f).Search(context.Background(), "الوزاره", Options{Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || len(res.Hits) != 1 {
		t.Fatalf("total %d hits %d", res.Total, len(res.Hits))
	}
	h := res.Hits[0]
	if !strings.Contains(string(h.TitleHTML), "<mark>الوزارة</mark>") || !strings.Contains(string(h.SnippetHTML), "<mark>وللوزارة</mark>") {
		t.Errorf("highlights: %q / %q", h.TitleHTML, h.SnippetHTML)
	}
	if res.Canonical != "الوزاره" || res.Interpretation.Text == "" {
		t.Errorf("interpretation: %+v", res.Interpretation)
	}
}

func TestSearchFiltersPagingAndSort(t *testing.T) {
	var as []news.Article
	for i := 0; i < 25; i++ {
		a := art("p"+string(rune('a'+i)), "النفط اليوم", "النفط.", i)
		if i%2 == 1 {
			a.SourceID = "okaz"
		}
		as = append(as, a)
	}
	f := newFakeStore(as...)
	s := newService(f)
	ctx := context.Background()
	res, _ := s.Search(ctx, "النفط source:okaz", Options{Limit: 5, Offset: 10})
	if res.Total != 12 || len(res.Hits) != 2 {
		t.Errorf("okaz page 3: total %d, %d hits", res.Total, len(res.Hits))
	}
	res, _ = s.Search(ctx, "النفط sort:new", Options{Limit: 3})
	if !f.queries[len(f.queries)-1].ByNewest || len(res.Hits) != 3 || !strings.HasSuffix(res.Hits[0].Article.URL, "/pa") {
		t.Errorf("sort:new: %v", urls(res))
	}
	res, _ = s.Search(ctx, "source:okaz", Options{Limit: 3})
	if res.Total != 12 || len(res.Hits) != 3 {
		t.Errorf("filter-only search: total %d, %d hits", res.Total, len(res.Hits))
	}
	res, _ = s.Search(ctx, "النفط", Options{Limit: 1000, Offset: -5})
	if res.Limit != MaxLimit || res.Offset != 0 {
		t.Errorf("paging not clamped: %d %d", res.Limit, res.Offset)
	}
	n := len(f.queries)
	_, _ = s.Search(ctx, "النفط", Options{Lang: "en"})
	if q := f.queries[n]; len(q.Langs) != 1 || q.Langs[0] != "en" {
		t.Errorf("Options.Lang not applied: %+v", q.Langs)
	}
}

func TestSearchBadQueriesAreNotErrors(t *testing.T) {
	f := newFakeStore(art("a", "النفط", "النفط.", 0))
	f.trending = []news.HashtagTrend{{Tag: "اليمن", Recent: 9}}
	s := newService(f)
	for _, q := range []string{"", "في من", "!!!", `"*`, "-النفط", "OR", strings.Repeat("أ", 20000)} {
		res, err := s.Search(context.Background(), q, Options{})
		if err != nil {
			t.Errorf("%q: %v", q, err)
			continue
		}
		if len(res.Hits) != 0 && q != strings.Repeat("أ", 20000) {
			t.Errorf("%q found %d hits", q, len(res.Hits))
		}
		if res.Hits == nil {
			t.Errorf("%q: hits must be an empty list, not null", q)
		}
	}
	res, _ := s.Search(context.Background(), "في من", Options{})
	if !res.Interpretation.Empty || !hasWarning(res.Interpretation.Warnings, WarnOnlyStopWords) {
		t.Errorf("stop words: %+v", res.Interpretation)
	}
	if len(res.Suggestions) == 0 || res.Suggestions[0].Kind != "trending" {
		t.Errorf("empty query should suggest trending tags: %+v", res.Suggestions)
	}
}

func TestZeroResultSuggestions(t *testing.T) {
	f := newFakeStore(
		art("a", "أسعار النفط ترتفع", "النفط.", 0),
		art("b", "النفط والغاز", "النفط.", 0),
	)
	s := newService(f)
	res, err := s.Search(context.Background(), "النفط زلزال source:okaz", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 0 {
		t.Fatalf("expected no results, got %d", res.Total)
	}
	kinds := map[string]Suggestion{}
	for _, sg := range res.Suggestions {
		kinds[sg.Kind] = sg
	}
	if sg, ok := kinds["drop_term"]; !ok || sg.Query != "النفط source:okaz" && sg.Query != "زلزال source:okaz" {
		// Both drop probes still carry source:okaz, so neither finds anything.
		if ok {
			t.Errorf("drop_term: %+v", sg)
		}
	}
	res, _ = s.Search(context.Background(), "النفط زلزال", Options{})
	var drop *Suggestion
	for i := range res.Suggestions {
		if res.Suggestions[i].Kind == "drop_term" {
			drop = &res.Suggestions[i]
		}
	}
	if drop == nil || drop.Query != "النفط" || drop.Total != 2 {
		t.Fatalf("want drop_term النفط (2), got %+v", res.Suggestions)
	}
	res, _ = s.Search(context.Background(), "النفط source:okaz", Options{})
	if len(res.Suggestions) == 0 || res.Suggestions[0].Kind != "drop_filters" || res.Suggestions[0].Query != "النفط" {
		t.Fatalf("want drop_filters, got %+v", res.Suggestions)
	}
}

func TestSearchStoreErrorIsAnError(t *testing.T) {
	f := newFakeStore(art("a", "النفط", "النفط.", 0))
	f.err = errors.New("disk on fire")
	_, err := newService(f).Search(context.Background(), "النفط", Options{})
	if err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("err = %v", err)
	}
}

func TestResultsJSON(t *testing.T) {
	f := newFakeStore(art("a", "الوزارة تعلن", "أعلنت الوزارة <خطة>.", 0))
	res, _ := newService(f).Search(context.Background(), `الوزارة -رياضة source:sabq`, Options{})
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"query", "canonical", "interpretation", "total", "hits", "took_ms"} {
		if _, ok := back[k]; !ok {
			t.Errorf("JSON lacks %q: %s", k, b)
		}
	}
	s := string(b)
	for _, want := range []string{`"snippet_html"`, `"title_html"`, `"excluded":["رياضة"]`, `"sources":["sabq"]`, `"id"`} {
		if !strings.Contains(s, want) {
			t.Errorf("JSON lacks %s: %s", want, s)
		}
	}
	if strings.Contains(s, "BodyText") || strings.Contains(s, `"after":"0001`) {
		t.Errorf("JSON leaks internals: %s", s)
	}
}

func TestSuggestNormalisesPrefix(t *testing.T) {
	f := newFakeStore(art("a", "الأمير محمد بن سلمان", "", 0))
	s := newService(f)
	got, err := s.Suggest(context.Background(), "\u200f#الأمي", 5)
	if err != nil {
		t.Fatal(err)
	}
	if f.prefixes[0] != "الامي" || len(got) != 1 {
		t.Errorf("prefix %q, %d suggestions", f.prefixes[0], len(got))
	}
	got, _ = s.Suggest(context.Background(), "  \u200e ", 5)
	if got == nil || len(got) != 0 || len(f.prefixes) != 1 {
		t.Errorf("blank prefix should not reach the store: %v", got)
	}
}

func urls(r *Results) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.Article.URL)
	}
	return out
}

func TestSourceNamesResolve(t *testing.T) {
	a := art("a", "النفط", "النفط.", 0)
	b := art("b", "النفط", "النفط.", 0)
	b.SourceID = "aawsat"
	f := newFakeStore(a, b)
	s := newService(f)
	ctx := context.Background()
	for _, q := range []string{"النفط source:sabq", "النفط source:سبق", "النفط site:sabq.org", "النفط site:www.sabq.org", "النفط المصدر:Sabq", `النفط source:"الشرق الأوسط"`, "النفط source:الشرق_الاوسط"} {
		res, err := s.Search(ctx, q, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 1 || len(res.Interpretation.Filters.Sources) != 1 {
			t.Errorf("%q: total %d, sources %v", q, res.Total, res.Interpretation.Filters.Sources)
		}
	}
	res, _ := s.Search(ctx, "النفط source:nowhere", Options{})
	if res.Total != 0 || !hasWarning(res.Interpretation.Warnings, WarnUnknownSource) {
		t.Errorf("unknown source: total %d, warnings %+v", res.Total, res.Interpretation.Warnings)
	}
	if f.sourceCalls != 1 {
		t.Errorf("sources listed %d times; the table should be cached", f.sourceCalls)
	}
	res, _ = s.Search(ctx, "-الغاز source:sabq", Options{})
	if res.Total != 1 || hasWarning(res.Interpretation.Warnings, WarnOnlyExclusions) {
		t.Errorf("exclusion within a filter: total %d, warnings %+v", res.Total, res.Interpretation.Warnings)
	}
}

func TestAPIMethods(t *testing.T) {
	f := newFakeStore(art("a", "أسعار النفط", "النفط.", 0), art("b", "الغاز", "الغاز.", 0))
	s := newService(f)
	ctx := context.Background()
	v, err := s.SearchJSON(ctx, "النفط", 5, 0)
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := v.(*Results); !ok || r.Total != 1 || r.Limit != 5 {
		t.Fatalf("SearchJSON = %#v", v)
	}
	v, err = s.SuggestJSON(ctx, "أسعار", 5)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(v)
	if !strings.Contains(string(b), `"suggestions":[{"kind":"title","text":"أسعار النفط"`) {
		t.Errorf("SuggestJSON = %s", b)
	}
	v, _ = s.SuggestJSON(ctx, "", 5)
	if b, _ := json.Marshal(v); !strings.Contains(string(b), `"suggestions":[]`) {
		t.Errorf("empty prefix = %s", b)
	}
}

func TestRemovables(t *testing.T) {
	p := Parse(`النفط -الغاز -الفحم source:sabq source:okaz lang:ar #اليمن after:2015-07-01 before:2015-08-01 sort:new`)
	got := map[string]string{}
	for _, r := range p.Removables() {
		got[r.Kind+"="+r.Value] = r.Remove
	}
	want := map[string]string{
		"source=sabq":       "النفط -الغاز -الفحم source:okaz lang:ar tag:اليمن after:2015-07-01 before:2015-08-01 sort:new",
		"source=okaz":       "النفط -الغاز -الفحم source:sabq lang:ar tag:اليمن after:2015-07-01 before:2015-08-01 sort:new",
		"lang=ar":           "النفط -الغاز -الفحم source:sabq source:okaz tag:اليمن after:2015-07-01 before:2015-08-01 sort:new",
		"tag=اليمن":         "النفط -الغاز -الفحم source:sabq source:okaz lang:ar after:2015-07-01 before:2015-08-01 sort:new",
		"after=2015-07-01":  "النفط -الغاز -الفحم source:sabq source:okaz lang:ar tag:اليمن before:2015-08-01 sort:new",
		"before=2015-08-01": "النفط -الغاز -الفحم source:sabq source:okaz lang:ar tag:اليمن after:2015-07-01 sort:new",
		"exclude=الغاز":     "النفط -الفحم source:sabq source:okaz lang:ar tag:اليمن after:2015-07-01 before:2015-08-01 sort:new",
		"exclude=الفحم":     "النفط -الغاز source:sabq source:okaz lang:ar tag:اليمن after:2015-07-01 before:2015-08-01 sort:new",
		"sort=newest":       "النفط -الغاز -الفحم source:sabq source:okaz lang:ar tag:اليمن after:2015-07-01 before:2015-08-01",
	}
	if len(got) != len(want) {
		t.Errorf("got %d removables, want %d: %v", len(got), len(want), got)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s removes to %q, want %q", k, got[k], w)
		}
	}
	if p.String() != "النفط -الغاز -الفحم source:sabq source:okaz lang:ar tag:اليمن after:2015-07-01 before:2015-08-01 sort:new" {
		t.Errorf("removing must not change the original: %q", p.String())
	}
}

func TestPagesContinueEachOther(t *testing.T) {
	var as []news.Article
	for i := 0; i < 3*CandidateWindow; i++ {
		title := "خبر"
		if i%7 == 0 {
			title = "النفط"
		}
		as = append(as, art(fmt.Sprint("p", i), title, strings.Repeat("النفط ", 1+i%5), i%40))
	}
	s := newService(newFakeStore(as...))
	ctx := context.Background()
	seen := map[string]bool{}
	const per = 30
	for page := 0; page*per < len(as); page++ {
		res, err := s.Search(ctx, "النفط", Options{Limit: per, Offset: page * per})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			if seen[h.Article.URL] {
				t.Fatalf("page %d repeats %s", page, h.Article.URL)
			}
			seen[h.Article.URL] = true
		}
	}
	if len(seen) != len(as) {
		t.Errorf("paging saw %d of %d articles", len(seen), len(as))
	}
}
