package postgres

import "unicode"

// isSeparator splits token text exactly where the SQLite store's FTS5
// tokenizer does (unicode61 with categories 'L* N* Co M* P* S*'): spaces
// and control/format characters separate, everything else is part of a
// token. Together with lower-casing (unicode61 folds case) both stores
// index and query identical lexemes.
func isSeparator(r rune) bool {
	return !(unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r) ||
		unicode.IsMark(r) || unicode.IsPunct(r) || unicode.IsSymbol(r))
}
