package sqlite

import "unicode"

// isSeparator mirrors the article_fts tokenizer ("unicode61 categories
// 'L* N* Co M* P* S*'"): everything outside those categories separates
// tokens, i.e. spaces (Z*) and control/format characters (Cc, Cf, Cs, Cn).
func isSeparator(r rune) bool {
	return !(unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r) ||
		unicode.IsMark(r) || unicode.IsPunct(r) || unicode.IsSymbol(r))
}
