package news

import "time"

// QueryTerm is one search term: the analysed tokens of a word, or of an
// "exact phrase" (Phrase true: the tokens must be adjacent and in order).
type QueryTerm struct {
	Tokens []string
	Phrase bool
}

// QueryClause matches when any of its terms matches (OR).
type QueryClause struct {
	Any []QueryTerm
}

// SearchQuery is a parsed, analysed query, ready for a store's index.
// internal/search builds it from what the reader typed; stores only translate
// it to their index syntax (FTS5 MATCH, tsquery), so no user text ever reaches
// index syntax unescaped.
type SearchQuery struct {
	Clauses  []QueryClause // all must match (AND)
	Exclude  []QueryTerm   // none may match
	Sources  []string      // source IDs (any)
	Langs    []string      // languages (any)
	Tags     []string      // hashtags (all), display form without '#'
	After    time.Time     // inclusive, zero for none
	Before   time.Time     // exclusive, zero for none
	Limit    int           // candidates wanted
	Offset   int
	ByNewest bool // sort by date instead of relevance
}

// SearchHit is one candidate from the index, with its raw BM25-style score
// (higher is better) before internal/search blends in freshness and titles.
type SearchHit struct {
	Article Article // BodyHTML and Index may be left empty
	Score   float64
}

// SearchResult is a page of candidates plus the total number of matches.
type SearchResult struct {
	Hits  []SearchHit
	Total int
}

// Suggestion is one completion for the search box.
type Suggestion struct {
	Kind  string // "title", "source", "hashtag"
	Text  string // display text
	Value string // what to search for / link target (article ID, source ID, tag)
}
