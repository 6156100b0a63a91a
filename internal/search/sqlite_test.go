package search

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/sqlite"
)

// TestWithSQLiteStore runs the service against the real SQLite store, so
// IndexDoc, Parse and the store's FTS5 translation are checked together.
func TestWithSQLiteStore(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "nashra.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, src := range []news.Source{{ID: "sabq", NameAr: "سبق", NameEn: "Sabq", Language: "ar"}, {ID: "okaz", NameAr: "عكاظ", NameEn: "Okaz", Language: "ar"}} {
		if err := st.PutSource(ctx, &src); err != nil {
			t.Fatal(err)
		}
	}
	docs := []news.Article{
		art("ministry", "الوزارة تعلن خطة للمستشفيات", "أعلنت وزارة الصحة خطة جديدة. وقالت الوزارة إن مستشفى الملك فهد سيبدأ التنفيذ، وللوزارة فرق ميدانية.", 1),
		art("bomber", "قاذفات B-52 تحلق فوق الخليج", "حلقت قاذفات بي-52 الأمريكية فوق مياه الخليج في عام ٢٠١٥.", 2),
		art("iran", "إيران والاتفاق النووي", "قال وزير الخارجية الإيراني إن الاتفاق النووي مع إيران لن يستغل ضد الخليج.", 3),
		art("oil", "أسعار النفط تتراجع", "تراجعت أسعار النفط بعد تخفيض الصين لقيمة اليوان.", 0),
		art("gas", "الغاز الطبيعي", "ارتفعت أسعار الغاز الطبيعي وأسعار النفط معاً.", 0),
	}
	docs[4].SourceID = "okaz"
	var ps []*news.Article
	for i := range docs {
		docs[i].ID = news.ArticleID(docs[i].URL)
		docs[i].Index = IndexDoc(&docs[i])
		ps = append(ps, &docs[i])
	}
	if _, err := st.UpsertArticles(ctx, ps); err != nil {
		t.Fatal(err)
	}
	s := New(st, func() time.Time { return day0 })
	cases := []struct {
		q    string
		want []string // URL suffixes, in any order
	}{
		{"الوزاره", []string{"/ministry"}},
		{"والوزارة", []string{"/ministry"}},
		{"مستشفي", []string{"/ministry"}},
		{"بي 52", []string{"/bomber"}},
		{"B52", []string{"/bomber"}},
		{"٢٠١٥", []string{"/bomber"}},
		{"2015", []string{"/bomber"}},
		{"ايران", []string{"/iran"}},
		{"الإيرانى", []string{"/iran"}},
		{"النفط", []string{"/oil", "/gas"}},
		{"النفط -الغاز", []string{"/oil"}},
		{`"أسعار النفط"`, []string{"/oil", "/gas"}},
		{`"النفط أسعار"`, nil},
		{"النفط source:okaz", []string{"/gas"}},
		{"النفط source:عكاظ", []string{"/gas"}},
		{"الغاز OR اليوان", []string{"/oil", "/gas"}},
		{"النفط after:2015-08-01", []string{"/oil", "/gas"}},
		{"النفط before:2015-08-01", nil},
		{"source:sabq sort:new", []string{"/oil", "/ministry", "/bomber", "/iran"}},
		{`"*`, nil},
		{`NEAR(النفط`, nil}, // "near" is a word here, and no article has it
		{`the النفط`, []string{"/oil", "/gas"}},
		{`'; DROP TABLE articles; --`, nil},
	}
	for _, tc := range cases {
		res, err := s.Search(ctx, tc.q, Options{})
		if err != nil {
			t.Errorf("%q: %v", tc.q, err)
			continue
		}
		got := map[string]bool{}
		for _, h := range res.Hits {
			got[h.Article.URL[strings.LastIndex(h.Article.URL, "/"):]] = true
		}
		if len(got) != len(tc.want) {
			t.Errorf("%q: got %v, want %v", tc.q, got, tc.want)
			continue
		}
		for _, w := range tc.want {
			if !got[w] {
				t.Errorf("%q: got %v, want %v", tc.q, got, tc.want)
			}
		}
	}
	res, _ := s.Search(ctx, "NEAR(النفط", Options{})
	if len(res.Suggestions) == 0 || res.Suggestions[0].Query != "النفط" || res.Suggestions[0].Total != 2 {
		t.Errorf("NEAR(النفط should suggest النفط: %+v", res.Suggestions)
	}
	res, _ = s.Search(ctx, "الوزاره", Options{})
	if sn := string(res.Hits[0].SnippetHTML); !strings.Contains(sn, "<mark>الوزارة</mark>") || !strings.Contains(sn, "<mark>وللوزارة</mark>") {
		t.Errorf("snippet %q", sn)
	}
	res, _ = s.Search(ctx, "source:sabq sort:new", Options{})
	if !strings.HasSuffix(res.Hits[0].Article.URL, "/oil") {
		t.Errorf("sort:new should list the newest first: %v", urls(res))
	}
	sugg, err := s.Suggest(ctx, "أسعار الن", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(sugg) == 0 || sugg[0].Text != "أسعار النفط تتراجع" {
		t.Errorf("suggestions %+v", sugg)
	}
}
