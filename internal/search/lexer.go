package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type itemKind int

const (
	itemWord   itemKind = iota // a bare word (may still analyse to several tokens)
	itemPhrase                 // "an exact phrase"
	itemOr                     // OR, |, أو
	itemNot                    // NOT: negates the next word or phrase
	itemField                  // field:value
	itemTag                    // #tag
)

// item is one lexeme of a query. Lexing never fails: anything it cannot
// place becomes a word, and the analyser later drops what is not searchable.
type item struct {
	kind  itemKind
	text  string // word, phrase content, tag, or field value
	field string // lower-cased field name for itemField
	neg   bool   // led by '-'
}

// lexResult carries the lexemes plus what the reader should be told about.
type lexResult struct {
	items       []item
	unbalanced  bool // a quote had no partner and was dropped
	parentheses bool // parentheses were present (and ignored)
}

func isQuote(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»', '″', '＂':
		return true
	}
	return false
}

func isMinus(r rune) bool { return r == '-' || r == '−' || r == '–' || r == '—' }

// isSeparator reports runes that end a word in the query language. Brackets
// are separators because grouping is not needed (OR binds adjacent terms).
func isSeparator(r rune) bool {
	if unicode.IsSpace(r) {
		return true
	}
	switch r {
	case '(', ')', '[', ']', '{', '}', ',', '،', ';', '؛':
		return true
	}
	return false
}

func isBracket(r rune) bool {
	switch r {
	case '(', ')', '[', ']', '{', '}':
		return true
	}
	return false
}

// lex splits a cleaned query into lexemes.
func lex(s string) lexResult {
	var res lexResult
	i := 0
	next := func(at int) (rune, int) { return utf8.DecodeRuneInString(s[at:]) }
	for i < len(s) {
		r, size := next(i)
		if isSeparator(r) {
			if isBracket(r) {
				res.parentheses = true
			}
			i += size
			continue
		}
		// A leading '-' (or '+', which only says "required", as every term is)
		// applies to what follows it directly; alone it is stray punctuation.
		neg := false
		for i < len(s) {
			r, size = next(i)
			if isMinus(r) {
				neg = true
			} else if r != '+' {
				break
			}
			i += size
		}
		if i >= len(s) {
			break
		}
		r, size = next(i)
		if isSeparator(r) {
			continue
		}
		if isQuote(r) {
			if end := closingQuote(s, i+size); end >= 0 {
				res.items = append(res.items, item{kind: itemPhrase, text: s[i+size : end], neg: neg})
				_, qs := next(end)
				i = end + qs
				continue
			}
			// No partner: drop the quote and read on as plain words.
			res.unbalanced = true
			i += size
			if neg {
				// "-" then a stray quote: negate the word that follows.
				j := i
				for j < len(s) {
					if r2, s2 := next(j); isSeparator(r2) || isQuote(r2) {
						break
					} else {
						j += s2
					}
				}
				if j > i {
					res.items = append(res.items, item{kind: itemWord, text: s[i:j], neg: true})
					i = j
				}
			}
			continue
		}
		if r == '#' || r == '＃' {
			j := i + size
			for j < len(s) {
				r2, s2 := next(j)
				if isSeparator(r2) || isQuote(r2) {
					break
				}
				j += s2
			}
			if tag := strings.Trim(s[i+size:j], "#＃_.:!?؟"); tag != "" {
				res.items = append(res.items, item{kind: itemTag, text: tag, neg: neg})
			}
			i = j
			continue
		}
		// A chunk runs to the next separator or quote; in a field value
		// (source:sabq,okaz) a comma lists values instead of separating.
		j := i
		inField := false
		for j < len(s) {
			r2, s2 := next(j)
			if r2 == ':' || r2 == '：' {
				inField = true
			}
			if isQuote(r2) || (isSeparator(r2) && !(inField && (r2 == ',' || r2 == '،'))) {
				break
			}
			j += s2
		}
		chunk := s[i:j]
		i = j
		if name, value, ok := splitField(chunk); ok {
			if value == "" && i < len(s) {
				// field:"quoted value"
				if r2, s2 := next(i); isQuote(r2) {
					if end := closingQuote(s, i+s2); end >= 0 {
						value = s[i+s2 : end]
						_, qs := next(end)
						i = end + qs
					}
				}
			}
			res.items = append(res.items, item{kind: itemField, field: name, text: value, neg: neg})
			continue
		}
		if !neg {
			switch {
			case chunk == "OR" || chunk == "|" || chunk == "||" || chunk == "أو" || chunk == "او" || chunk == "أوْ":
				res.items = append(res.items, item{kind: itemOr, text: chunk})
				continue
			case chunk == "NOT":
				res.items = append(res.items, item{kind: itemNot, text: chunk})
				continue
			case chunk == "AND" || chunk == "&&" || chunk == "&":
				continue // every term is required already
			}
		}
		res.items = append(res.items, item{kind: itemWord, text: chunk, neg: neg})
	}
	return res
}

// closingQuote returns the byte offset of the next quote rune at or after
// from, or -1. Any quote style closes any other: phones mix “ and ".
func closingQuote(s string, from int) int {
	for j := from; j < len(s); {
		r, size := utf8.DecodeRuneInString(s[j:])
		if isQuote(r) {
			return j
		}
		j += size
	}
	return -1
}

// splitField recognises name:value where name is a run of letters. Whether
// the name is a known field is decided by the parser, so URLs and times
// ("https://…", "10:30") are not mistaken for filters.
func splitField(chunk string) (name, value string, ok bool) {
	k := strings.IndexAny(chunk, ":：")
	if k <= 0 {
		return "", "", false
	}
	name = chunk[:k]
	for _, r := range name {
		if !unicode.IsLetter(r) && r != '_' {
			return "", "", false
		}
	}
	_, colon := utf8.DecodeRuneInString(chunk[k:])
	value = chunk[k+colon:]
	if strings.HasPrefix(value, "//") {
		return "", "", false
	}
	return strings.ToLower(name), value, true
}
