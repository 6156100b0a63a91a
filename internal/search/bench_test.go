package search

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/news"
)

var benchBody = strings.Repeat("أعلنت وزارة الصحة السعودية اليوم تسجيل حالات جديدة في منطقة الرياض، وقالت الوزارة إن الفرق الطبية تتابع. ", 40) +
	"وأكد وزير الطاقة أن أسعار النفط ستتعافى قريباً بعد تخفيض الصين لقيمة اليوان. " +
	strings.Repeat("وتواصل الجهات المختصة أعمالها في مختلف المناطق وفق الخطط المعتمدة. ", 40)

func BenchmarkParse(b *testing.B) {
	for _, q := range []string{
		"أسعار النفط",
		`"ولي العهد" إيران OR العراق -الحوثي source:sabq after:2015-07-20 sort:new`,
		strings.Repeat("كلمة ", 200),
	} {
		b.Run(fmt.Sprintf("%d-bytes", len(q)), func(b *testing.B) {
			for b.Loop() {
				Parse(q)
			}
		})
	}
}

func BenchmarkSnippet(b *testing.B) {
	toks := Parse("وزير النفط اليوان").Tokens()
	b.SetBytes(int64(len(benchBody)))
	for b.Loop() {
		Snippet(benchBody, "ar", toks)
	}
}

func BenchmarkRerank(b *testing.B) {
	p := Parse("أسعار النفط")
	hits := make([]news.SearchHit, CandidateWindow)
	for i := range hits {
		hits[i] = news.SearchHit{Score: float64(i % 17), Article: news.Article{
			ID: fmt.Sprint(i), Title: "تراجع أسعار النفط بعد تخفيض الصين لقيمة اليوان في الأسواق",
			Language: "ar", PublishedAt: day0.Add(-time.Duration(i) * time.Hour)}}
	}
	for b.Loop() {
		rerank(hits, p, day0)
	}
}

func BenchmarkServiceSearch(b *testing.B) {
	var as []news.Article
	for i := 0; i < 300; i++ {
		as = append(as, art(fmt.Sprint("b", i), "أسعار النفط اليوم "+fmt.Sprint(i), benchBody, i%30))
	}
	s := newService(newFakeStore(as...))
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.Search(ctx, "أسعار النفط", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestTitleQueries(t *testing.T) {
	recs := []corpus.Record{
		{Title: "الأمير محمد بن سلمان يلتقي رئيس جمهورية الشيشان"},
		{Title: "«داعشي» يفجر نفسه وسط المصلين في مسجد قوات الطوارئ بأبها"},
		{Title: "&quot;الحقباني&quot; يعايد وطنه بكأس السوبر"},
		{Title: "في"},
	}
	qs := TitleQueries(recs, 200)
	if len(qs) != 200 {
		t.Fatalf("got %d queries", len(qs))
	}
	again := TitleQueries(recs, 200)
	for i, q := range qs {
		if q != again[i] {
			t.Fatalf("not deterministic at %d: %q vs %q", i, q, again[i])
		}
		n := len(strings.Fields(q))
		if n < 2 || n > 4 {
			t.Errorf("%q has %d words", q, n)
		}
		if strings.ContainsAny(q, "«»\"&;") {
			t.Errorf("%q keeps punctuation", q)
		}
		if p := Parse(q); p.Empty() {
			t.Errorf("%q is not searchable", q)
		}
	}
	if TitleQueries(nil, 10) != nil {
		t.Errorf("queries from no records")
	}
}

func TestSynthesize(t *testing.T) {
	base := time.Date(2015, 7, 20, 10, 0, 0, 0, time.UTC)
	recs := []corpus.Record{
		{Source: "sabq", URL: "https://sabq.org/a", Date: base, Title: "وزارة الصحة", Content: "أعلنت الوزارة إصابة جديدة في المستشفى"},
		{Source: "okaz", URL: "https://okaz.com.sa/b?id=1", Date: base.Add(48 * time.Hour), Title: "أمير الرياض", Content: "استقبل أمير منطقة الرياض"},
	}
	got := SynthesizeCorpus(recs, 7)
	if len(got) != 7 {
		t.Fatalf("got %d records", len(got))
	}
	urls := map[string]bool{}
	for i, r := range got {
		if urls[r.URL] {
			t.Errorf("duplicate URL %s", r.URL)
		}
		urls[r.URL] = true
		orig := recs[i%2]
		k := i / 2
		if want := orig.Date.Add(time.Duration(k) * 72 * time.Hour); !r.Date.Equal(want) {
			t.Errorf("record %d date %v, want %v", i, r.Date, want)
		}
		if k == 0 && (r.URL != orig.URL || r.Content != orig.Content) {
			t.Errorf("the first copy must be the original")
		}
		// Variation is spelling only: the analysed text is unchanged.
		if a, b := IndexDoc(ArticleFromRecord(r)).Body, IndexDoc(ArticleFromRecord(orig)).Body; a != b {
			t.Errorf("copy %d analyses differently: %q vs %q", i, a, b)
		}
	}
	if !strings.Contains(got[3].URL, "&nashra_copy=1") {
		t.Errorf("query-string URL not extended with &: %s", got[3].URL)
	}
	n := 0
	if err := Synthesize(recs, 5, func(corpus.Record) error { n++; return nil }); err != nil || n != 5 {
		t.Errorf("streamed %d, err %v", n, err)
	}
	if err := Synthesize(nil, 5, func(corpus.Record) error { return nil }); err == nil {
		t.Errorf("no error for an empty corpus")
	}
}

func TestBenchOverFakeStore(t *testing.T) {
	f := newFakeStore(art("a", "أسعار النفط", "النفط.", 0), art("b", "الغاز", "الغاز.", 0))
	r, err := Bench(context.Background(), f, []string{"النفط", "الغاز", "زلزال"}, BenchOptions{Concurrency: 2, Warmup: -1})
	if err != nil {
		t.Fatal(err)
	}
	if r.Queries != 3 || r.Hits != 2 || r.P50 <= 0 || r.P99 < r.P50 || r.Max < r.P99 || r.QPS <= 0 {
		t.Errorf("implausible result %+v", r)
	}
	if _, err := Bench(context.Background(), f, nil, BenchOptions{}); err == nil {
		t.Errorf("no error without queries")
	}
	f.err = fmt.Errorf("boom")
	if _, err := Bench(context.Background(), f, []string{"النفط"}, BenchOptions{Warmup: -1}); err == nil {
		t.Errorf("store error not reported")
	}
}
