package search

import "time"

// Term is one search term: a word or an "exact phrase" as the reader typed
// it, with its analysed token sequences. Any alternative may match: the same
// word analysed as Arabic and as English, or a known spelling variant.
type Term struct {
	Text   string     `json:"text"`
	Phrase bool       `json:"phrase,omitempty"`
	Tokens [][]string `json:"tokens"`
}

// Clause is satisfied when any of its terms matches. A query matches when
// every clause does.
type Clause struct {
	Any []Term `json:"any"`
}

// Filters restrict results by metadata rather than text.
type Filters struct {
	Sources []string `json:"sources,omitempty"`
	Langs   []string `json:"langs,omitempty"`
	Tags    []string `json:"tags,omitempty"`
	// After is inclusive, Before exclusive; zero when unset. The API sees
	// them as dates (AfterDate/BeforeDate) in the form the reader typed them.
	After      time.Time `json:"-"`
	Before     time.Time `json:"-"`
	AfterDate  string    `json:"after,omitempty"`
	BeforeDate string    `json:"before,omitempty"`
}

func (f Filters) any() bool {
	return len(f.Sources) > 0 || len(f.Langs) > 0 || len(f.Tags) > 0 || !f.After.IsZero() || !f.Before.IsZero()
}

// Sort orders.
const (
	SortRelevance = "relevance"
	SortNewest    = "newest"
)

// Warning tells the reader how a part of the query was read differently from
// how it was typed. Text is Arabic, TextEn English.
type Warning struct {
	Code   string `json:"code"`
	Text   string `json:"text"`
	TextEn string `json:"text_en"`
}

// Warning codes.
const (
	WarnTruncated       = "truncated"
	WarnTooManyTerms    = "too_many_terms"
	WarnUnbalancedQuote = "unbalanced_quote"
	WarnParentheses     = "parentheses_ignored"
	WarnStrayOperator   = "stray_operator"
	WarnUnknownField    = "unknown_field"
	WarnEmptyFilter     = "empty_filter"
	WarnBadDate         = "bad_date"
	WarnBadLang         = "bad_lang"
	WarnBadSort         = "bad_sort"
	WarnNegatedFilter   = "negated_filter"
	WarnEmptyDateRange  = "empty_date_range"
	WarnOnlyStopWords   = "only_stop_words"
	WarnOnlyExclusions  = "only_exclusions"
	WarnNothing         = "nothing_searchable"
	WarnUnknownSource   = "unknown_source"
)

// Interpretation is how a query was read, for the reader ("searched for …")
// and for API clients (structured).
type Interpretation struct {
	Text     string     `json:"text"`
	TextEn   string     `json:"text_en"`
	Terms    []string   `json:"terms,omitempty"`
	Phrases  []string   `json:"phrases,omitempty"`
	AnyOf    [][]string `json:"any_of,omitempty"`
	Excluded []string   `json:"excluded,omitempty"`
	Ignored  []string   `json:"ignored,omitempty"`
	Filters  Filters    `json:"filters"`
	Sort     string     `json:"sort"`
	Warnings []Warning  `json:"warnings,omitempty"`
	// Empty is true when nothing is left to search for (no terms, no
	// filters); the service then returns no results and the warnings say why.
	Empty bool `json:"empty"`
}

// Parsed is a query after parsing and analysis.
type Parsed struct {
	Raw            string         `json:"raw"`
	Clauses        []Clause       `json:"clauses"`
	Excluded       []Term         `json:"excluded,omitempty"`
	Filters        Filters        `json:"filters"`
	Sort           string         `json:"sort"`
	Interpretation Interpretation `json:"interpretation"`
}

// Empty reports whether there is nothing to search for.
func (p Parsed) Empty() bool { return len(p.Clauses) == 0 && !p.Filters.any() }

// Tokens returns the set of analysed tokens of the positive terms, the
// tokens a snippet highlights.
func (p Parsed) Tokens() map[string]bool {
	set := map[string]bool{}
	for _, c := range p.Clauses {
		for _, t := range c.Any {
			for _, alt := range t.Tokens {
				for _, tok := range alt {
					set[tok] = true
				}
			}
		}
	}
	return set
}
