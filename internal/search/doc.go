// Package search is nashra's Arabic-first search: a forgiving query language
// (Parse), the analysed index document of an article (IndexDoc), and a
// Service that asks the store's full-text index for candidates, re-ranks them
// by relevance, title matches and freshness, and cuts highlighted snippets
// from the original text.
//
// Indexing and querying share exactly one analysis, textar.Analyze, so every
// spelling variant the analyser folds (hamza forms, ة/ه, ى/ي, clitics,
// diacritics, tatweel, Arabic-Indic digits, "بي 52" = "B-52") matches in
// both directions. At query time only, each word may gain alternatives the
// index cannot carry: its English analysis, a known transliteration
// (ترامب/ترمب/Trump, جوجل/غوغل/Google) and the word without a leading ب or
// ل that the stemmer keeps to protect root letters (بتخفيض → تخفيض).
//
// Choices a reader notices:
//
//   - A query never fails. Unbalanced quotes, stray operators, unknown
//     fields and FTS syntax are read as words or dropped, and
//     Interpretation.Warnings says so.
//   - A query of only stop words ("في من") finds nothing and says why. The
//     index holds no stop words, so searching them would need a second
//     index for little value; the zero-result page offers trending tags.
//   - Words are required; OR/أو/| between two terms makes either enough.
//     Parentheses are accepted and ignored, as OR binds adjacent terms.
//   - Ranking: the store's BM25 (title weighted) picks CandidateWindow
//     candidates, which are re-ranked with a boost for titles that contain
//     the query and a mild freshness decay (HalfLife, relative to the
//     newest candidate, so archive searches still prefer the latest).
//     sort:new lists matches newest first instead.
//   - Snippets are the best-matching passage of the original text, with
//     matches marked in their original spelling.
package search
