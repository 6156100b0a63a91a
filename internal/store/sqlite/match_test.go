package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nashra/nashra/internal/news"
)

func TestMatchExpr(t *testing.T) {
	w := func(toks ...string) news.QueryTerm { return news.QueryTerm{Tokens: toks} }
	p := func(toks ...string) news.QueryTerm { return news.QueryTerm{Tokens: toks, Phrase: true} }
	cases := []struct {
		name             string
		q                news.SearchQuery
		include, exclude string
	}{
		{"empty", news.SearchQuery{}, "", ""},
		{"one word", news.SearchQuery{Clauses: []news.QueryClause{{Any: []news.QueryTerm{w("نفط")}}}}, `"نفط"`, ""},
		{"and of ors", news.SearchQuery{Clauses: []news.QueryClause{{Any: []news.QueryTerm{w("a"), w("b")}}, {Any: []news.QueryTerm{w("c")}}}},
			`("a" OR "b") AND "c"`, ""},
		{"phrase", news.SearchQuery{Clauses: []news.QueryClause{{Any: []news.QueryTerm{p("ولي", "عهد")}}}}, `"ولي عهد"`, ""},
		{"multi-token word", news.SearchQuery{Clauses: []news.QueryClause{{Any: []news.QueryTerm{w("e", "mail")}}}}, `("e" AND "mail")`, ""},
		{"quotes doubled", news.SearchQuery{Clauses: []news.QueryClause{{Any: []news.QueryTerm{w(`a"b`)}}}}, `"a""b"`, ""},
		{"syntax is quoted", news.SearchQuery{Clauses: []news.QueryClause{{Any: []news.QueryTerm{w("NEAR("), w("*"), w("OR")}}}},
			`("NEAR(" OR "*" OR "OR")`, ""},
		{"separators dropped", news.SearchQuery{Clauses: []news.QueryClause{{Any: []news.QueryTerm{w("\x00"), w(" "), w("a\tb")}}}},
			`"a b"`, ""},
		{"empty clause skipped", news.SearchQuery{Clauses: []news.QueryClause{{}, {Any: []news.QueryTerm{w()}}, {Any: []news.QueryTerm{w("x")}}}},
			`"x"`, ""},
		{"excludes", news.SearchQuery{Clauses: []news.QueryClause{{Any: []news.QueryTerm{w("x")}}}, Exclude: []news.QueryTerm{w("y"), p("z", "w")}},
			`"x"`, `("y" OR "z w")`},
	}
	for _, c := range cases {
		inc, exc := matchExpr(c.q)
		if inc != c.include || exc != c.exclude {
			t.Errorf("%s: got %q / %q, want %q / %q", c.name, inc, exc, c.include, c.exclude)
		}
	}
}

// FuzzSearchTokens runs arbitrary tokens through the real FTS5 index: no
// token may produce an FTS5 syntax error, and a token that was indexed
// verbatim must find its document.
func FuzzSearchTokens(f *testing.F) {
	for _, s := range []string{`"`, `*`, `NEAR(`, `a"b`, "AND", "-x", "title:x", "{a b}", "^", "\x00", "ولي_العهد", "c++", ""} {
		f.Add(s, "oil")
	}
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	f.Fuzz(func(t *testing.T, tok, other string) {
		qs := []news.SearchQuery{
			{Clauses: []news.QueryClause{{Any: []news.QueryTerm{{Tokens: []string{tok}}}}}},
			{Clauses: []news.QueryClause{{Any: []news.QueryTerm{{Tokens: []string{tok, other}, Phrase: true}}}}},
			{Clauses: []news.QueryClause{{Any: []news.QueryTerm{{Tokens: []string{other}}, {Tokens: []string{tok}}}}},
				Exclude: []news.QueryTerm{{Tokens: []string{tok}}}},
			{Exclude: []news.QueryTerm{{Tokens: []string{tok, other}}}},
		}
		for i, q := range qs {
			if _, err := s.Search(ctx, q); err != nil {
				t.Fatalf("query %d with %q, %q: %v", i, tok, other, err)
			}
		}
		clean := cleanToken(tok)
		if clean == "" || strings.Contains(clean, " ") {
			return
		}
		a := &news.Article{URL: "https://fuzz.example/" + clean, SourceID: "fuzz", Title: "t",
			Index: &news.IndexDoc{Title: clean}}
		if _, err := s.UpsertArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		res, err := s.Search(ctx, qs[0])
		if err != nil {
			t.Fatal(err)
		}
		if res.Total == 0 {
			t.Fatalf("indexed token %q not found", clean)
		}
	})
}
