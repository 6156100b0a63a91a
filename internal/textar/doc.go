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
//   - Sentences, DetectLanguage, Shingles for the other newsroom stages.
//
// Everything is deterministic and allocation-conscious: no regular
// expressions, per-rune table lookups, one buffer per call.
package textar
