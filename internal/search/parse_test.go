package search

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/nashra/nashra/internal/news"
)

type parseCase struct {
	name     string
	in       string
	terms    []string
	phrases  []string
	anyOf    [][]string
	excluded []string
	sources  []string
	langs    []string
	tags     []string
	after    string // YYYY-MM-DD of Filters.After
	before   string
	sort     string
	warn     []string // warning codes that must be present
	empty    bool
}

var parseCases = []parseCase{
	// Plain words and phrases.
	{name: "one word", in: "النفط", terms: []string{"النفط"}},
	{name: "two words", in: "أسعار النفط", terms: []string{"أسعار", "النفط"}},
	{name: "latin words", in: "Saudi Aramco", terms: []string{"Saudi", "Aramco"}},
	{name: "mixed scripts", in: "أرامكو Aramco", terms: []string{"أرامكو", "Aramco"}},
	{name: "phrase", in: `"ولي العهد"`, phrases: []string{"ولي العهد"}},
	{name: "phrase and word", in: `"ولي العهد" الرياض`, phrases: []string{"ولي العهد"}, terms: []string{"الرياض"}},
	{name: "curly quotes", in: "“وزير الخارجية”", phrases: []string{"وزير الخارجية"}},
	{name: "guillemets", in: "«وزير الخارجية»", phrases: []string{"وزير الخارجية"}},
	{name: "mixed quote styles close each other", in: "«وزير الخارجية\"", phrases: []string{"وزير الخارجية"}},
	{name: "two phrases", in: `"ولي العهد" "وزير الدفاع"`, phrases: []string{"ولي العهد", "وزير الدفاع"}},
	{name: "phrase glued to word", in: `سعود"الفيصل وزير"`, terms: []string{"سعود"}, phrases: []string{"الفيصل وزير"}},
	{name: "empty phrase", in: `"" النفط`, terms: []string{"النفط"}},
	{name: "phrase of stop words", in: `"من في" النفط`, terms: []string{"النفط"}},
	{name: "diacritics", in: "مُحَمَّد", terms: []string{"مُحَمَّد"}},
	{name: "tatweel", in: "الريـــاض", terms: []string{"الريـــاض"}},
	{name: "arabic-indic digits", in: "٢٠١٥", terms: []string{"٢٠١٥"}},
	{name: "designation spaced", in: "بي 52", terms: []string{"بي 52"}},
	{name: "designation hyphen", in: "بي-52", terms: []string{"بي-52"}},
	{name: "designation latin", in: "B-52 قاذفة", terms: []string{"B-52", "قاذفة"}},
	{name: "url searched as words", in: "https://sabq.org/x", terms: []string{"https://sabq.org/x"}},
	{name: "time is not a field", in: "10:30 الرياض", terms: []string{"10:30", "الرياض"}},
	{name: "plus prefix", in: "+النفط", terms: []string{"النفط"}},
	{name: "AND ignored", in: "النفط AND الغاز", terms: []string{"النفط", "الغاز"}},
	{name: "double ampersand", in: "النفط && الغاز", terms: []string{"النفط", "الغاز"}},
	{name: "comma separated", in: "النفط،الغاز", terms: []string{"النفط", "الغاز"}},
	{name: "semicolon", in: "النفط;الغاز", terms: []string{"النفط", "الغاز"}},

	// Exclusions.
	{name: "exclude word", in: "النفط -الغاز", terms: []string{"النفط"}, excluded: []string{"الغاز"}},
	{name: "exclude phrase", in: `النفط -"الغاز الطبيعي"`, terms: []string{"النفط"}, excluded: []string{"الغاز الطبيعي"}},
	{name: "exclude with unicode minus", in: "النفط −الغاز", terms: []string{"النفط"}, excluded: []string{"الغاز"}},
	{name: "double minus", in: "النفط --الغاز", terms: []string{"النفط"}, excluded: []string{"الغاز"}},
	{name: "NOT operator", in: "النفط NOT الغاز", terms: []string{"النفط"}, excluded: []string{"الغاز"}},
	{name: "stray minus", in: "النفط - الغاز", terms: []string{"النفط", "الغاز"}},
	{name: "trailing minus", in: "النفط -", terms: []string{"النفط"}},
	{name: "hyphenated word is not exclusion", in: "al-qaeda", terms: []string{"al-qaeda"}},
	{name: "only exclusion", in: "-الغاز", excluded: []string{"الغاز"}, warn: []string{WarnOnlyExclusions}, empty: true},
	{name: "exclusion of stop word", in: "النفط -في", terms: []string{"النفط"}},
	{name: "minus then stray quote", in: `النفط -"الغاز`, terms: []string{"النفط"}, excluded: []string{"الغاز"}, warn: []string{WarnUnbalancedQuote}},
	{name: "trailing NOT", in: "النفط NOT", terms: []string{"النفط"}, warn: []string{WarnStrayOperator}},

	// OR.
	{name: "OR", in: "إيران OR العراق", anyOf: [][]string{{"إيران", "العراق"}}},
	{name: "Arabic أو", in: "إيران أو العراق", anyOf: [][]string{{"إيران", "العراق"}}},
	{name: "Arabic او", in: "إيران او العراق", anyOf: [][]string{{"إيران", "العراق"}}},
	{name: "pipe", in: "إيران | العراق", anyOf: [][]string{{"إيران", "العراق"}}},
	{name: "double pipe", in: "إيران || العراق", anyOf: [][]string{{"إيران", "العراق"}}},
	{name: "OR chain", in: "إيران OR العراق OR سوريا", anyOf: [][]string{{"إيران", "العراق", "سوريا"}}},
	{name: "OR with AND term", in: "النفط إيران OR العراق", terms: []string{"النفط"}, anyOf: [][]string{{"إيران", "العراق"}}},
	{name: "OR with phrases", in: `"ولي العهد" OR "ولي ولي العهد"`, anyOf: [][]string{{"ولي العهد", "ولي ولي العهد"}}},
	{name: "leading OR", in: "OR النفط", terms: []string{"النفط"}, warn: []string{WarnStrayOperator}},
	{name: "trailing OR", in: "النفط OR", terms: []string{"النفط"}, warn: []string{WarnStrayOperator}},
	{name: "double OR", in: "النفط OR OR الغاز", anyOf: [][]string{{"النفط", "الغاز"}}, warn: []string{WarnStrayOperator}},
	{name: "only OR", in: "OR", empty: true},
	{name: "lowercase or is a word", in: "oil or gas", terms: []string{"oil", "gas"}},
	{name: "OR after exclusion does not join", in: "النفط -الغاز OR الفحم", terms: []string{"النفط", "الفحم"}, excluded: []string{"الغاز"}},
	{name: "parentheses ignored", in: "(إيران OR العراق) النفط", anyOf: [][]string{{"إيران", "العراق"}}, terms: []string{"النفط"}, warn: []string{WarnParentheses}},
	{name: "unbalanced parentheses", in: "((النفط", terms: []string{"النفط"}, warn: []string{WarnParentheses}},
	{name: "brackets", in: "[النفط]{الغاز}", terms: []string{"النفط", "الغاز"}, warn: []string{WarnParentheses}},
	{name: "leading أو is just a word", in: "أو النفط", terms: []string{"النفط"}},

	// Filters.
	{name: "source", in: "النفط source:sabq", terms: []string{"النفط"}, sources: []string{"sabq"}},
	{name: "source upper", in: "source:SABQ النفط", terms: []string{"النفط"}, sources: []string{"sabq"}},
	{name: "two sources", in: "source:sabq source:okaz", sources: []string{"sabq", "okaz"}},
	{name: "source list", in: "source:sabq,okaz", sources: []string{"sabq", "okaz"}},
	{name: "site alias", in: "site:okaz", sources: []string{"okaz"}},
	{name: "arabic source field", in: "المصدر:sabq النفط", terms: []string{"النفط"}, sources: []string{"sabq"}},
	{name: "quoted source value", in: `source:"al riyadh"`, sources: []string{"al riyadh"}},
	{name: "lang", in: "oil lang:en", terms: []string{"oil"}, langs: []string{"en"}},
	{name: "lang arabic name", in: "النفط لغة:العربية", terms: []string{"النفط"}, langs: []string{"ar"}},
	{name: "lang english word", in: "oil lang:English", terms: []string{"oil"}, langs: []string{"en"}},
	{name: "bad lang", in: "oil lang:klingon", terms: []string{"oil"}, warn: []string{WarnBadLang}},
	{name: "tag", in: "tag:عاصفة_الحزم", tags: []string{"عاصفة_الحزم"}},
	{name: "hash tag", in: "#عاصفة_الحزم", tags: []string{"عاصفة_الحزم"}},
	{name: "hash tag with words", in: "النفط #أوبك", terms: []string{"النفط"}, tags: []string{"أوبك"}},
	{name: "lone hash", in: "# النفط", terms: []string{"النفط"}},
	{name: "hash of punctuation", in: "#!! النفط", terms: []string{"النفط"}},
	{name: "negated tag", in: "النفط -#أوبك", terms: []string{"النفط"}, warn: []string{WarnNegatedFilter}},
	{name: "negated source", in: "النفط -source:sabq", terms: []string{"النفط"}, warn: []string{WarnNegatedFilter}},
	{name: "empty source", in: "source: النفط", terms: []string{"النفط"}, warn: []string{WarnEmptyFilter}},
	{name: "unknown field", in: "color:red", terms: []string{"color red"}, warn: []string{WarnUnknownField}},
	{name: "after ISO", in: "النفط after:2015-07-25", terms: []string{"النفط"}, after: "2015-07-25"},
	{name: "after Arabic digits", in: "النفط after:٢٠١٥-٠٧-٢٥", terms: []string{"النفط"}, after: "2015-07-25"},
	{name: "after Persian digits", in: "after:۲۰۱۵-۰۷-۲۵ النفط", terms: []string{"النفط"}, after: "2015-07-25"},
	{name: "after slashes", in: "after:2015/07/25 النفط", terms: []string{"النفط"}, after: "2015-07-25"},
	{name: "after day first", in: "after:25-07-2015 النفط", terms: []string{"النفط"}, after: "2015-07-25"},
	{name: "after day first slashes", in: "after:25/7/2015 النفط", terms: []string{"النفط"}, after: "2015-07-25"},
	{name: "after month", in: "after:2015-08 النفط", terms: []string{"النفط"}, after: "2015-08-01"},
	{name: "after year", in: "after:2015 النفط", terms: []string{"النفط"}, after: "2015-01-01"},
	{name: "since alias", in: "since:2015-07-25 النفط", terms: []string{"النفط"}, after: "2015-07-25"},
	{name: "arabic after", in: "بعد:2015-07-25 النفط", terms: []string{"النفط"}, after: "2015-07-25"},
	{name: "before", in: "النفط before:2015-08-01", terms: []string{"النفط"}, before: "2015-08-01"},
	{name: "arabic before with arabic digits", in: "قبل:٢٠١٥/٠٨/٠١ النفط", terms: []string{"النفط"}, before: "2015-08-01"},
	{name: "date range", in: "النفط after:2015-07-25 before:2015-08-01", terms: []string{"النفط"}, after: "2015-07-25", before: "2015-08-01"},
	{name: "empty date range", in: "النفط after:2015-08-01 before:2015-07-01", terms: []string{"النفط"}, after: "2015-08-01", before: "2015-07-01", warn: []string{WarnEmptyDateRange}},
	{name: "bad date", in: "النفط after:yesterday", terms: []string{"النفط"}, warn: []string{WarnBadDate}},
	{name: "impossible date", in: "النفط after:2015-02-30", terms: []string{"النفط"}, warn: []string{WarnBadDate}},
	{name: "month 13", in: "النفط before:2015-13-01", terms: []string{"النفط"}, warn: []string{WarnBadDate}},
	{name: "year out of range", in: "النفط after:0001-01-01", terms: []string{"النفط"}, warn: []string{WarnBadDate}},
	{name: "sort new", in: "النفط sort:new", terms: []string{"النفط"}, sort: SortNewest},
	{name: "sort arabic", in: "النفط ترتيب:الأحدث", terms: []string{"النفط"}, sort: SortNewest},
	{name: "sort relevance", in: "النفط sort:relevance", terms: []string{"النفط"}, sort: SortRelevance},
	{name: "bad sort", in: "النفط sort:random", terms: []string{"النفط"}, warn: []string{WarnBadSort}},
	{name: "filters only", in: "source:sabq sort:new", sources: []string{"sabq"}, sort: SortNewest},
	{name: "everything", in: `"ولي العهد" إيران OR العراق -الحوثي source:sabq lang:ar #اليمن after:2015-07-20 before:2015-08-20 sort:new`,
		phrases: []string{"ولي العهد"}, anyOf: [][]string{{"إيران", "العراق"}}, excluded: []string{"الحوثي"},
		sources: []string{"sabq"}, langs: []string{"ar"}, tags: []string{"اليمن"}, after: "2015-07-20", before: "2015-08-20", sort: SortNewest},

	// Bad input: never an error, always a sensible reading.
	{name: "empty", in: "", empty: true},
	{name: "spaces", in: "   \t\n ", empty: true},
	{name: "only punctuation", in: "!!! ... ؟؟ ،،", empty: true, warn: []string{WarnNothing}},
	{name: "only emoji", in: "🔥🔥 😀", empty: true, warn: []string{WarnNothing}},
	{name: "emoji beside word", in: "🔥النفط🔥", terms: []string{"🔥النفط🔥"}},
	{name: "only stop words", in: "في من على", empty: true, warn: []string{WarnOnlyStopWords}},
	{name: "stop words and a word", in: "في الرياض", terms: []string{"الرياض"}},
	{name: "unbalanced quote", in: `"وزير الخارجية`, terms: []string{"وزير", "الخارجية"}, warn: []string{WarnUnbalancedQuote}},
	{name: "unbalanced quote at end", in: `وزير الخارجية"`, terms: []string{"وزير", "الخارجية"}, warn: []string{WarnUnbalancedQuote}},
	{name: "three quotes", in: `"ولي العهد" "الرياض`, phrases: []string{"ولي العهد"}, terms: []string{"الرياض"}, warn: []string{WarnUnbalancedQuote}},
	{name: "fts star quote", in: `"*`, empty: true, warn: []string{WarnUnbalancedQuote}},
	{name: "fts prefix star", in: `النفط*`, terms: []string{"النفط*"}},
	{name: "fts NEAR", in: `NEAR(النفط الغاز)`, terms: []string{"NEAR", "النفط", "الغاز"}, warn: []string{WarnParentheses}},
	{name: "fts column filter", in: `title:النفط`, terms: []string{"title النفط"}, warn: []string{WarnUnknownField}},
	{name: "fts caret", in: `^النفط`, terms: []string{"^النفط"}},
	{name: "sql injection", in: `'; DROP TABLE articles; --`, terms: []string{"DROP", "TABLE", "articles"}},
	{name: "sql comment", in: `النفط /* x */`, terms: []string{"النفط", "x"}},
	{name: "backslashes", in: `\"النفط\"`, phrases: []string{"النفط\\"}},
	{name: "rtl marks", in: "\u200fالنفط\u200f \u202bالغاز\u202c", terms: []string{"النفط", "الغاز"}},
	{name: "ltr mark in filter", in: "source:\u200esabq النفط", terms: []string{"النفط"}, sources: []string{"sabq"}},
	{name: "isolates", in: "\u2067النفط\u2069", terms: []string{"النفط"}},
	{name: "zero width joiner", in: "الن\u200dفط", terms: []string{"النفط"}},
	{name: "BOM", in: "\ufeffالنفط", terms: []string{"النفط"}},
	{name: "control characters", in: "النفط\x00\x07الغاز", terms: []string{"النفط", "الغاز"}},
	{name: "invalid utf8", in: "النفط \xff\xfe الغاز", terms: []string{"النفط", "الغاز"}},
	{name: "non-breaking space", in: "النفط\u00a0الغاز", terms: []string{"النفط", "الغاز"}},
	{name: "colon alone", in: ": النفط", terms: []string{"النفط"}},
	{name: "field without name", in: ":sabq", terms: []string{":sabq"}},
	{name: "hash only", in: "#", empty: true},
	{name: "minus only", in: "-", empty: true},
	{name: "quote only", in: `"`, empty: true, warn: []string{WarnUnbalancedQuote}},
}

func TestParse(t *testing.T) {
	if len(parseCases) < 100 {
		t.Fatalf("only %d parser cases", len(parseCases))
	}
	for _, tc := range parseCases {
		t.Run(tc.name, func(t *testing.T) {
			p := Parse(tc.in)
			in := p.Interpretation
			eqList(t, "terms", in.Terms, tc.terms)
			eqList(t, "phrases", in.Phrases, tc.phrases)
			eqList(t, "excluded", in.Excluded, tc.excluded)
			eqList(t, "sources", in.Filters.Sources, tc.sources)
			eqList(t, "langs", in.Filters.Langs, tc.langs)
			eqList(t, "tags", in.Filters.Tags, tc.tags)
			if len(in.AnyOf) != len(tc.anyOf) {
				t.Errorf("any_of = %q, want %q", in.AnyOf, tc.anyOf)
			} else {
				for i := range tc.anyOf {
					eqList(t, "any_of", in.AnyOf[i], tc.anyOf[i])
				}
			}
			eqDate(t, "after", p.Filters.After, tc.after)
			eqDate(t, "before", p.Filters.Before, tc.before)
			wantSort := tc.sort
			if wantSort == "" {
				wantSort = SortRelevance
			}
			if p.Sort != wantSort {
				t.Errorf("sort = %q, want %q", p.Sort, wantSort)
			}
			for _, code := range tc.warn {
				if !hasWarning(in.Warnings, code) {
					t.Errorf("warning %q missing; got %+v", code, in.Warnings)
				}
			}
			if in.Empty != tc.empty || p.Empty() != tc.empty {
				t.Errorf("empty = %v/%v, want %v", in.Empty, p.Empty(), tc.empty)
			}
			checkParsedInvariants(t, p)
		})
	}
}

func eqList(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\x00") != strings.Join(want, "\x00") {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

func eqDate(t *testing.T, what string, got time.Time, want string) {
	t.Helper()
	g := ""
	if !got.IsZero() {
		g = got.Format("2006-01-02")
	}
	if g != want {
		t.Errorf("%s = %q, want %q", what, g, want)
	}
}

func hasWarning(ws []Warning, code string) bool {
	for _, w := range ws {
		if w.Code == code {
			return true
		}
	}
	return false
}

// checkParsedInvariants holds for every query, however malformed.
func checkParsedInvariants(t *testing.T, p Parsed) {
	t.Helper()
	n := len(p.Excluded)
	for _, c := range p.Clauses {
		n += len(c.Any)
		if len(c.Any) == 0 {
			t.Errorf("empty clause")
		}
		for _, term := range c.Any {
			checkTerm(t, term)
		}
	}
	for _, term := range p.Excluded {
		checkTerm(t, term)
	}
	if n > MaxQueryTerms {
		t.Errorf("%d terms, cap is %d", n, MaxQueryTerms)
	}
	if p.Interpretation.Text == "" || p.Interpretation.TextEn == "" {
		t.Errorf("no human interpretation")
	}
	q := p.Query(10, 0)
	if len(q.Clauses) != len(p.Clauses) {
		t.Errorf("store query has %d clauses, parsed %d", len(q.Clauses), len(p.Clauses))
	}
	for _, c := range q.Clauses {
		for _, qt := range c.Any {
			if len(qt.Tokens) == 0 {
				t.Errorf("store term without tokens")
			}
			for _, tok := range qt.Tokens {
				if tok == "" || strings.ContainsAny(tok, " \t\"*():^'") || !utf8.ValidString(tok) {
					t.Errorf("unsafe store token %q", tok)
				}
			}
		}
	}
	// The canonical form reads back as the same query.
	again := Parse(p.String())
	if again.String() != p.String() {
		t.Errorf("canonical form not stable: %q -> %q", p.String(), again.String())
	}
}

func checkTerm(t *testing.T, term Term) {
	t.Helper()
	if len(term.Tokens) == 0 {
		t.Errorf("term %q has no tokens", term.Text)
	}
	for _, alt := range term.Tokens {
		if len(alt) == 0 {
			t.Errorf("term %q has an empty alternative", term.Text)
		}
	}
}

func TestParseLongQueryIsCapped(t *testing.T) {
	long := strings.Repeat("النفط الغاز الكهرباء المياه ", 400) // ~11,000 runes
	p := Parse(long)
	if !hasWarning(p.Interpretation.Warnings, WarnTruncated) {
		t.Errorf("no truncation warning")
	}
	words := ""
	for i := 0; i < 60; i++ {
		words += fmt.Sprintf("kw%d ", i)
	}
	p = Parse(words)
	if !hasWarning(p.Interpretation.Warnings, WarnTooManyTerms) {
		t.Errorf("no term-cap warning for %d words", 60)
	}
	checkParsedInvariants(t, p)
	p = Parse(strings.Repeat("x", 10000))
	if utf8.RuneCountInString(p.Interpretation.Terms[0]) > MaxQueryRunes {
		t.Errorf("term longer than the rune cap")
	}
}

func TestParseAnalysesVariantsAlike(t *testing.T) {
	groups := [][]string{
		{"أمير", "امير", "الأمير"},
		{"إيران", "ايران", "إيـــران"},
		{"الوزارة", "الوزاره", "الوِزارة"},
		{"مستشفى", "مستشفي"},
		{"٢٠١٥", "2015", "۲۰۱۵"},
		{"بي 52", "بي-52", "B-52", "b52"},
	}
	for _, g := range groups {
		want := Parse(g[0]).Query(10, 0)
		for _, v := range g[1:] {
			got := Parse(v).Query(10, 0)
			if len(got.Clauses) != 1 || len(want.Clauses) != 1 {
				t.Errorf("%q/%q: clauses %d/%d", g[0], v, len(want.Clauses), len(got.Clauses))
				continue
			}
			if !shareAlternative(got.Clauses[0], want.Clauses[0]) {
				t.Errorf("%q analyses as %v, %q as %v", v, got.Clauses[0], g[0], want.Clauses[0])
			}
		}
	}
}

func TestQueryTranslation(t *testing.T) {
	p := Parse(`"وزير الخارجية" إيران OR العراق -الحوثي source:sabq lang:ar #اليمن after:2015-07-20 sort:new`)
	q := p.Query(20, 40)
	if q.Limit != 20 || q.Offset != 40 || !q.ByNewest {
		t.Errorf("paging/sort: %+v", q)
	}
	if len(q.Clauses) != 2 || !q.Clauses[0].Any[0].Phrase || len(q.Clauses[0].Any[0].Tokens) != 2 {
		t.Errorf("phrase clause: %+v", q.Clauses)
	}
	if len(q.Clauses[1].Any) < 2 {
		t.Errorf("OR clause: %+v", q.Clauses[1])
	}
	if len(q.Exclude) == 0 || q.Sources[0] != "sabq" || q.Langs[0] != "ar" || q.Tags[0] != "اليمن" {
		t.Errorf("filters: %+v", q)
	}
	if !q.After.Equal(time.Date(2015, 7, 20, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("after = %v", q.After)
	}
	// lang: restricts analysis to that language only.
	for _, c := range q.Clauses {
		if len(c.Any) > 2 {
			t.Errorf("lang:ar query has extra alternatives: %+v", c)
		}
	}
}

// shareAlternative reports whether two clauses have a store term in common.
func shareAlternative(a, b news.QueryClause) bool {
	for _, x := range a.Any {
		for _, y := range b.Any {
			if x.Phrase == y.Phrase && equalStrings(x.Tokens, y.Tokens) {
				return true
			}
		}
	}
	return false
}
