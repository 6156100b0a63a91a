// Package textar is nashra's single text-analysis pipeline. Search indexing,
// query parsing, near-duplicate detection, clustering, hashtags and summaries
// all analyse text through it, so a word written "الوزارة" in one article and
// "للوزارة" in a query, or "بي-52" in one outlet and "B-52" in another, end up
// as the same term everywhere.
//
// The stages are:
//
//   - Normalize: Unicode compatibility folding, Arabic letter folding
//     (أ إ آ ٱ→ا, ى→ي, ة→ه, ؤ→و, ئ→ي), removal of diacritics, tatweel and
//     invisible bidi/zero-width controls, Arabic-Indic/Persian digits to
//     ASCII, lower-casing.
//   - Tokenize: words, numbers (3.5, ٣٫٥, 1,000), Latin words, hyphenated
//     compounds, and letter+number designations ("بي 52" = "B-52" = "b52"),
//     with byte offsets into the original text.
//   - Terms/Analyze: stop words marked/dropped, a light Arabic stemmer that
//     strips clitics and inflection without eating root letters, the Porter
//     stemmer for English, and a small table folding variant spellings of
//     frequent names.
//   - Sentences, DetectLanguage (ar/en/""), CountScripts, and Shingles /
//     Hash64 (fixed FNV-1a, safe to store) for the newsroom stages.
//
// Analysis does not depend on the lang argument: a token's script picks its
// stemmer, so a query typed without a language produces exactly the terms
// of the article it should find.
//
// The word lists are curated by hand from corpus evidence; the command in
// internal/gen prints that evidence (frequent words, و/ف-initial words
// attested with the article, stem collisions, variant spellings) and
// regenerates conj_stems.go. Everything is deterministic and
// allocation-conscious: no regular expressions, table lookups per rune, one
// map lookup per candidate form, one buffer per call.
package textar
