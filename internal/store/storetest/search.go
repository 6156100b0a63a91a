package storetest

import (
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
)

var searchTests = []test{
	{"Queries", testSearchQueries},
	{"Relevance", testSearchRelevance},
	{"Paging", testSearchPaging},
	{"HostileTokens", testSearchHostileTokens},
	{"Suggest", testSuggest},
	{"Reindex", testReindex},
}

// searchFixture is a small corpus with known term placement; keys name
// the articles in expectations.
func searchFixture(t *testing.T, s news.Store) map[string]*news.Article {
	as := map[string]*news.Article{
		"oil":      newArticle("reuters", 1, base, "Oil prices rise as OPEC meets", "Crude oil prices rose sharply on Monday as ministers met in Vienna."),
		"opec":     newArticle("aawsat", 2, base.Add(time.Hour), "OPEC keeps output steady", "The oil cartel decided to keep output unchanged."),
		"football": newArticle("sabq", 3, base.Add(2*time.Hour), "Football final in Riyadh", "Al Hilal won the final against Al Nassr."),
		"arabic":   newArticle("aawsat", 4, base.Add(3*time.Hour), "أسعار النفط ترتفع", "ارتفعت أسعار النفط اليوم مع اجتماع أوبك"),
		"gold":     newArticle("reuters", 5, base.Add(4*time.Hour), "Prices of gold fall", "Gold prices fell while oil was flat."),
		"weird":    newArticle("sabq", 6, base.Add(5*time.Hour), `c++ "quoted" near( a*b title:oil`, `{title} : ^x -y NOT AND OR`),
	}
	as["arabic"].Language = "ar"
	keys := make([]string, 0, len(as))
	for k := range as {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var batch []*news.Article
	for _, k := range keys {
		batch = append(batch, as[k])
	}
	upsert(t, s, batch...)
	must(t, s.SaveAnalysis(ctx(t), []news.Analysis{
		{ArticleID: as["opec"].ID, Hashtags: []string{"أوبك"}},
		{ArticleID: as["arabic"].ID, Hashtags: []string{"أوبك", "النفط"}},
	}, nil))
	return as
}

func word(toks ...string) news.QueryTerm   { return news.QueryTerm{Tokens: toks} }
func phrase(toks ...string) news.QueryTerm { return news.QueryTerm{Tokens: toks, Phrase: true} }
func anyOf(ts ...news.QueryTerm) news.QueryClause {
	return news.QueryClause{Any: ts}
}
func words(ws ...string) []news.QueryClause {
	var cs []news.QueryClause
	for _, w := range ws {
		cs = append(cs, anyOf(word(w)))
	}
	return cs
}

func testSearchQueries(t *testing.T, s news.Store) {
	as := searchFixture(t, s)
	cases := []struct {
		name    string
		q       news.SearchQuery
		want    []string // fixture keys
		ordered bool
	}{
		{"single term", news.SearchQuery{Clauses: words("oil")}, []string{"oil", "opec", "gold"}, false},
		{"and", news.SearchQuery{Clauses: words("oil", "prices")}, []string{"oil", "gold"}, false},
		{"or", news.SearchQuery{Clauses: []news.QueryClause{anyOf(word("opec"), word("football"))}}, []string{"oil", "opec", "football"}, false},
		{"arabic", news.SearchQuery{Clauses: words("أوبك")}, []string{"arabic"}, false},
		{"phrase", news.SearchQuery{Clauses: []news.QueryClause{anyOf(phrase("oil", "prices"))}}, []string{"oil"}, false},
		{"phrase order matters", news.SearchQuery{Clauses: []news.QueryClause{anyOf(phrase("prices", "oil"))}}, nil, false},
		{"multi-token word is AND", news.SearchQuery{Clauses: []news.QueryClause{anyOf(word("gold", "oil"))}}, []string{"gold"}, false},
		{"exclude", news.SearchQuery{Clauses: words("oil"), Exclude: []news.QueryTerm{word("gold")}}, []string{"oil", "opec"}, false},
		{"exclude phrase", news.SearchQuery{Clauses: words("oil"), Exclude: []news.QueryTerm{phrase("crude", "oil")}}, []string{"opec", "gold"}, false},
		{"exclude only lists newest", news.SearchQuery{Exclude: []news.QueryTerm{word("oil"), word("أوبك")}}, []string{"weird", "football"}, true},
		{"source filter", news.SearchQuery{Clauses: words("oil"), Sources: []string{"reuters"}}, []string{"oil", "gold"}, false},
		{"several sources", news.SearchQuery{Clauses: words("oil"), Sources: []string{"reuters", "aawsat"}}, []string{"oil", "opec", "gold"}, false},
		{"language filter", news.SearchQuery{Clauses: []news.QueryClause{anyOf(word("oil"), word("النفط"))}, Langs: []string{"ar"}}, []string{"arabic"}, false},
		{"date range", news.SearchQuery{Clauses: words("oil"), After: base.Add(time.Hour), Before: base.Add(4 * time.Hour)}, []string{"opec"}, false},
		{"after is inclusive", news.SearchQuery{Clauses: words("oil"), After: base.Add(4 * time.Hour)}, []string{"gold"}, false},
		{"tag filter", news.SearchQuery{Clauses: words("oil"), Tags: []string{"أوبك"}}, []string{"opec"}, false},
		{"all tags must match", news.SearchQuery{Tags: []string{"أوبك", "النفط"}}, []string{"arabic"}, false},
		{"by newest", news.SearchQuery{Clauses: words("oil"), ByNewest: true}, []string{"gold", "opec", "oil"}, true},
		{"filters only list newest", news.SearchQuery{Sources: []string{"aawsat"}}, []string{"arabic", "opec"}, true},
		{"no query lists everything", news.SearchQuery{}, []string{"weird", "gold", "arabic", "football", "opec", "oil"}, true},
		{"stop-word clause is ignored", news.SearchQuery{Clauses: []news.QueryClause{anyOf(word()), anyOf(word("football"))}}, []string{"football"}, false},
		{"unknown term", news.SearchQuery{Clauses: words("zeppelin")}, nil, false},
		{"punctuation is part of a token", news.SearchQuery{Clauses: words("c++")}, []string{"weird"}, false},
		{"quotes are part of a token", news.SearchQuery{Clauses: words(`"quoted"`)}, []string{"weird"}, false},
		{"star is not a prefix operator", news.SearchQuery{Clauses: words("a*")}, nil, false},
		{"column syntax is not a filter", news.SearchQuery{Clauses: words("title:oil")}, []string{"weird"}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := c.q
			q.Limit = 50
			res, err := s.Search(ctx(t), q)
			must(t, err)
			var want []string
			for _, k := range c.want {
				want = append(want, as[k].ID)
			}
			got := hitIDs(res.Hits)
			if !c.ordered {
				got, want = sorted(got), sorted(want)
			}
			if !equal(got, want) {
				t.Fatalf("got %v, want %v", keysOf(as, got), keysOf(as, want))
			}
			if res.Total != len(want) {
				t.Fatalf("Total = %d, want %d", res.Total, len(want))
			}
			for _, h := range res.Hits {
				if h.Article.Title == "" || h.Article.BodyText == "" || h.Article.SourceID == "" || h.Article.PublishedAt.IsZero() {
					t.Fatalf("hit without its article: %+v", h.Article)
				}
			}
		})
	}
}

func keysOf(as map[string]*news.Article, ids []string) []string {
	var out []string
	for _, id := range ids {
		name := id
		for k, a := range as {
			if a.ID == id {
				name = k
			}
		}
		out = append(out, name)
	}
	return out
}

func testSearchRelevance(t *testing.T, s news.Store) {
	filler := strings.Repeat("lorem ipsum dolor sit amet ", 20)
	inTitle := newArticle("rel", 1, base, "Sanctions announced", filler)
	inTags := newArticle("rel", 2, base.Add(time.Hour), "Ministers meet", filler)
	inBody := newArticle("rel", 3, base.Add(2*time.Hour), "Markets open", filler+" sanctions "+filler)
	batch := []*news.Article{inBody, inTags, inTitle}
	// Unrelated documents give the term a meaningful IDF.
	for i := range 6 {
		batch = append(batch, newArticle("rel", 10+i, base, "Weather report", filler))
	}
	for _, a := range batch {
		a.Index.Tags = "misc news"
	}
	inTags.Index.Tags = "sanctions news"
	upsert(t, s, batch...)
	res, err := s.Search(ctx(t), news.SearchQuery{Clauses: words("sanctions"), Limit: 10})
	must(t, err)
	if want := []string{inTitle.ID, inTags.ID, inBody.ID}; !equal(hitIDs(res.Hits), want) {
		t.Fatalf("relevance order %v, want title > tags > body %v", hitIDs(res.Hits), want)
	}
	// Pages of one are cut from the ranked list, not from match order.
	for i, want := range []string{inTitle.ID, inTags.ID, inBody.ID} {
		page, err := s.Search(ctx(t), news.SearchQuery{Clauses: words("sanctions"), Limit: 1, Offset: i})
		must(t, err)
		if got := hitIDs(page.Hits); len(got) != 1 || got[0] != want || page.Total != 3 {
			t.Fatalf("relevance page %d: %v (total %d), want %s (total 3)", i, got, page.Total, want)
		}
	}
	for i, h := range res.Hits {
		if h.Score <= 0 {
			t.Fatalf("hit %d has score %v, want > 0", i, h.Score)
		}
		if i > 0 && h.Score > res.Hits[i-1].Score {
			t.Fatalf("scores not descending: %v then %v", res.Hits[i-1].Score, h.Score)
		}
	}
}

func testSearchPaging(t *testing.T, s news.Store) {
	var as []*news.Article
	for i := range 30 {
		as = append(as, newArticle("page", i, base.Add(time.Duration(i)*time.Minute), "common words here", "common body"))
	}
	upsert(t, s, as...)
	q := news.SearchQuery{Clauses: words("common"), ByNewest: true, Limit: 12}
	var all []string
	for _, off := range []int{0, 12, 24, 36} {
		q.Offset = off
		res, err := s.Search(ctx(t), q)
		must(t, err)
		if res.Total != 30 {
			t.Fatalf("offset %d: Total = %d, want 30", off, res.Total)
		}
		all = append(all, hitIDs(res.Hits)...)
	}
	if want := newestFirst(as, func(*news.Article) bool { return true }); !equal(all, want) {
		t.Fatalf("paged results %v, want %v", all, want)
	}
	// Relevance pages are disjoint too.
	q.ByNewest = false
	seen := map[string]bool{}
	for _, off := range []int{0, 12, 24} {
		q.Offset = off
		res, err := s.Search(ctx(t), q)
		must(t, err)
		for _, id := range hitIDs(res.Hits) {
			if seen[id] {
				t.Fatalf("relevance paging returned %s twice", id)
			}
			seen[id] = true
		}
	}
	if len(seen) != 30 {
		t.Fatalf("relevance pages covered %d of 30", len(seen))
	}
}

// hostile are tokens that are FTS5 or tsquery syntax, or would be if a
// store concatenated them into a query unescaped.
var hostile = []string{`"`, `""`, `*`, `a*`, `NEAR(`, `NEAR(a b)`, `NEAR`, `AND`, `OR`, `NOT`, `a"b`, `-x`, `^x`,
	`:`, `title:x`, `{title body}`, `(`, `)`, `+`, `'`, `''`, `\`, `&`, `|`, `!`, `<->`, `:*`, `x:*`, `a&b|c`,
	`\x00`, "\x00", " ", "", "\t", "x\u200by", `%`, `_`, `;DROP TABLE articles;--`}

func testSearchHostileTokens(t *testing.T, s news.Store) {
	searchFixture(t, s)
	for _, tok := range hostile {
		queries := []news.SearchQuery{
			{Clauses: words(tok)},
			{Clauses: []news.QueryClause{anyOf(word(tok), word("oil"))}},
			{Clauses: []news.QueryClause{anyOf(phrase("oil", tok, "prices"))}},
			{Clauses: words("oil"), Exclude: []news.QueryTerm{word(tok)}},
			{Exclude: []news.QueryTerm{word(tok)}},
			{Clauses: words(tok), Tags: []string{tok}, Sources: []string{tok}, Langs: []string{tok}},
		}
		for i, q := range queries {
			if _, err := s.Search(ctx(t), q); err != nil {
				t.Errorf("token %q, query %d: %v", tok, i, err)
			}
		}
		if _, err := s.Suggest(ctx(t), tok, 5); err != nil {
			t.Errorf("suggest %q: %v", tok, err)
		}
	}
	// The store is intact after all that.
	res, err := s.Search(ctx(t), news.SearchQuery{Clauses: words("oil")})
	must(t, err)
	if res.Total != 3 {
		t.Fatalf("after hostile queries: %d hits for oil, want 3", res.Total)
	}
}

func testSuggest(t *testing.T, s news.Store) {
	as := searchFixture(t, s)
	must(t, s.PutSource(ctx(t), &news.Source{ID: "aawsat", NameAr: "الشرق الأوسط", NameEn: "Asharq Al-Awsat"}))
	must(t, s.PutSource(ctx(t), &news.Source{ID: "sabq", NameAr: "سبق", NameEn: "Sabq"}))
	cases := []struct {
		prefix string
		want   []news.Suggestion // must appear, in this relative order
		absent []string          // values that must not appear
	}{
		{"oil", []news.Suggestion{{Kind: "title", Text: as["oil"].Title, Value: as["oil"].ID}}, []string{as["gold"].ID}},
		{"Oil Pri", []news.Suggestion{{Kind: "title", Text: as["oil"].Title, Value: as["oil"].ID}}, nil},
		{"أسعار", []news.Suggestion{{Kind: "title", Text: as["arabic"].Title, Value: as["arabic"].ID}}, nil},
		// Folded: hamza-less alef still matches the hamza title.
		{"اسعار الن", []news.Suggestion{{Kind: "title", Text: as["arabic"].Title, Value: as["arabic"].ID}}, nil},
		{"الشرق", []news.Suggestion{{Kind: "source", Text: "الشرق الأوسط", Value: "aawsat"}}, nil},
		{"asharq", []news.Suggestion{{Kind: "source", Text: "Asharq Al-Awsat", Value: "aawsat"}}, nil},
		{"أوب", []news.Suggestion{{Kind: "hashtag", Text: "أوبك", Value: "أوبك"}}, nil},
		{"#اوب", []news.Suggestion{{Kind: "hashtag", Text: "أوبك", Value: "أوبك"}}, nil},
		{"s", []news.Suggestion{{Kind: "source", Text: "Sabq", Value: "sabq"}}, nil},
		{"zzz", nil, nil},
		{"", nil, nil},
	}
	for _, c := range cases {
		got, err := s.Suggest(ctx(t), c.prefix, 8)
		must(t, err)
		if len(c.want) == 0 && len(got) != 0 {
			t.Errorf("Suggest(%q) = %+v, want none", c.prefix, got)
			continue
		}
		pos := -1
		for _, w := range c.want {
			found := false
			for i, g := range got {
				if g == w && i > pos {
					pos, found = i, true
					break
				}
			}
			if !found {
				t.Errorf("Suggest(%q) = %+v, missing %+v", c.prefix, got, w)
			}
		}
		for _, g := range got {
			for _, a := range c.absent {
				if g.Value == a {
					t.Errorf("Suggest(%q) suggested %+v", c.prefix, g)
				}
			}
		}
	}
	got, err := s.Suggest(ctx(t), "o", 1)
	must(t, err)
	if len(got) != 1 {
		t.Fatalf("limit 1 gave %d suggestions", len(got))
	}
}

func testReindex(t *testing.T, s news.Store) {
	as := searchFixture(t, s)
	id := as["football"].ID
	must(t, s.Reindex(ctx(t), id, &news.IndexDoc{Title: "zebra crossing", Body: "stripes", Tags: "حيوانات"}))
	for term, want := range map[string]int{"zebra": 1, "حيوانات": 1, "football": 0, "hilal": 0} {
		res, err := s.Search(ctx(t), news.SearchQuery{Clauses: words(term)})
		must(t, err)
		if res.Total != want {
			t.Errorf("after reindex, %q matches %d, want %d", term, res.Total, want)
		}
	}
	a, err := s.Article(ctx(t), id)
	must(t, err)
	if a.Index == nil || a.Index.Title != "zebra crossing" || a.Title != "Football final in Riyadh" {
		t.Fatalf("reindex changed the wrong thing: %+v", a)
	}
}
