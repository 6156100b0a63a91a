package postgres

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/nashra/nashra/internal/news"
)

func TestTSVectorLiteral(t *testing.T) {
	cases := []struct {
		doc  *news.IndexDoc
		want string
	}{
		{nil, ""},
		{&news.IndexDoc{}, ""},
		{&news.IndexDoc{Title: "ولي عهد", Body: "نص"}, `'ولي':1A 'عهد':2A 'نص':7`},
		{&news.IndexDoc{Title: "A", Tags: "t", Author: "x", Source: "src", Body: "b"}, `'a':1A 't':3B 'x':5C 'src':7C 'b':9`},
		{&news.IndexDoc{Title: `it's a\b c++`}, `'it''s':1A 'a\\b':2A 'c++':3A`},
		{&news.IndexDoc{Title: "x\u200by\x00z"}, `'x':1A 'yz':2A`},
	}
	for _, c := range cases {
		if got := tsvectorLiteral(c.doc); got != c.want {
			t.Errorf("tsvectorLiteral(%+v) = %q, want %q", c.doc, got, c.want)
		}
	}
}

func TestTSQueryExpr(t *testing.T) {
	w := func(toks ...string) news.QueryTerm { return news.QueryTerm{Tokens: toks} }
	p := func(toks ...string) news.QueryTerm { return news.QueryTerm{Tokens: toks, Phrase: true} }
	cl := func(ts ...news.QueryTerm) news.QueryClause { return news.QueryClause{Any: ts} }
	cases := []struct {
		name     string
		q        news.SearchQuery
		want     string
		positive bool
	}{
		{"empty", news.SearchQuery{}, "", false},
		{"word", news.SearchQuery{Clauses: []news.QueryClause{cl(w("نفط"))}}, `'نفط'`, true},
		{"and of ors", news.SearchQuery{Clauses: []news.QueryClause{cl(w("a"), w("b")), cl(w("c"))}}, `('a' | 'b') & 'c'`, true},
		{"phrase", news.SearchQuery{Clauses: []news.QueryClause{cl(p("a", "b", "c"))}}, `('a' <-> 'b' <-> 'c')`, true},
		{"multi-token word", news.SearchQuery{Clauses: []news.QueryClause{cl(w("e", "mail"))}}, `('e' & 'mail')`, true},
		{"syntax quoted", news.SearchQuery{Clauses: []news.QueryClause{cl(w("a:*"), w("!"), w("'"), w(`\`))}}, `('a:*' | '!' | '''' | '\\')`, true},
		{"exclude only", news.SearchQuery{Exclude: []news.QueryTerm{w("x"), p("y", "z")}}, `!'x' & !('y' <-> 'z')`, false},
		{"exclude", news.SearchQuery{Clauses: []news.QueryClause{cl(w("x"))}, Exclude: []news.QueryTerm{w("y")}}, `'x' & !'y'`, true},
		{"empty terms dropped", news.SearchQuery{Clauses: []news.QueryClause{cl(w()), cl(w("\x00", " "), w("Q"))}}, `'q'`, true},
	}
	for _, c := range cases {
		got, pos := tsqueryExpr(c.q)
		if got != c.want || pos != c.positive {
			t.Errorf("%s: got %q, %v; want %q, %v", c.name, got, pos, c.want, c.positive)
		}
	}
}

// FuzzTSQuery feeds arbitrary tokens through the real PostgreSQL parser:
// no token may make the tsquery or tsvector literal invalid, and a token
// indexed on its own must match itself. Its seeds run under plain go test
// when PostgreSQL is reachable.
func FuzzTSQuery(f *testing.F) {
	for _, s := range []string{`'`, `\`, `:*`, `!`, `&`, `|`, `<->`, `(`, `'a':1`, "\x00", "ولي_العهد", "c++", "\xff", ""} {
		f.Add(s)
	}
	dsn := os.Getenv("NASHRA_TEST_POSTGRES")
	if dsn == "" {
		dsn = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	conn, err := pgx.Connect(ctx, dsn)
	cancel()
	if err != nil {
		f.Skipf("PostgreSQL unreachable at %s (set NASHRA_TEST_POSTGRES): %v", dsn, err)
	}
	f.Cleanup(func() { conn.Close(context.Background()) })
	f.Fuzz(func(t *testing.T, tok string) {
		q := news.SearchQuery{
			Clauses: []news.QueryClause{{Any: []news.QueryTerm{{Tokens: []string{tok}}, {Tokens: []string{tok, "x"}, Phrase: true}}}},
			Exclude: []news.QueryTerm{{Tokens: []string{tok}}},
		}
		expr, _ := tsqueryExpr(q)
		vec := tsvectorLiteral(&news.IndexDoc{Title: tok, Body: tok + " x"})
		var matched bool
		err := conn.QueryRow(context.Background(), `SELECT $1::tsvector @@ $2::tsquery`, vec, expr).Scan(&matched)
		if err != nil {
			t.Fatalf("token %q: vector %q, query %q: %v", tok, vec, expr, err)
		}
		single, _ := tsqueryExpr(news.SearchQuery{Clauses: []news.QueryClause{{Any: []news.QueryTerm{{Tokens: []string{tok}}}}}})
		if single == "" {
			return
		}
		if err := conn.QueryRow(context.Background(), `SELECT $1::tsvector @@ $2::tsquery`, vec, single).Scan(&matched); err != nil {
			t.Fatal(err)
		}
		if !matched {
			t.Fatalf("token %q indexed as %q is not found by %q", tok, vec, single)
		}
	})
}
