// Package search is nashra's Arabic-first search: a forgiving query language
// (Parse), the analysed index document of an article (IndexDoc), and a
// Service that asks the store's full-text index for candidates, re-ranks them
// by relevance, title matches and freshness, and cuts highlighted snippets
// from the original text.
//
// Indexing and querying share exactly one analysis, textar.Analyze, so every
// spelling variant the analyser folds (hamza forms, ة/ه, ى/ي, clitics,
// diacritics, tatweel, Arabic-Indic digits) matches in both directions.
package search
