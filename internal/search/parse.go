package search

import (
	"strings"
	"unicode"

	"github.com/nashra/nashra/internal/textar"
)

// Parse reads a reader's query. It never fails: malformed parts are dropped
// or read as plain words, and Interpretation.Warnings says so.
//
// The language: words are required (AND); "exact phrase"; -word and
// -"phrase" exclude; OR, | or أو between two terms makes either enough;
// source:, lang:, tag: or #tag, after:/before: (2015-07-25, 2015/07/25,
// 25-07-2015, 2015-07, 2015, in Western or Arabic-Indic digits) and sort:new
// filter and order. Parentheses are accepted and ignored.
func Parse(raw string) Parsed {
	p := Parsed{Raw: raw, Sort: SortRelevance}
	var w warnings
	clean, truncated := cleanQuery(raw)
	if truncated {
		w.add(WarnTruncated, "البحث طويل جداً؛ استُخدمت أول 512 حرفاً فقط", "query too long; only its first 512 characters were used")
	}
	lx := lex(clean)
	if lx.unbalanced {
		w.add(WarnUnbalancedQuote, "علامة تنصيص بلا إغلاق أُهملت", "unbalanced quote ignored")
	}
	if lx.parentheses {
		w.add(WarnParentheses, "الأقواس غير لازمة وأُهملت", "parentheses are not needed and were ignored")
	}

	// Filters first: lang: decides how the terms are analysed.
	var textItems []item
	for _, it := range lx.items {
		switch it.kind {
		case itemField:
			if !applyField(&p, it, &w) {
				// Not a filter we know: search its text as words.
				textItems = append(textItems, item{kind: itemWord, text: it.field + " " + it.text, neg: it.neg})
			}
		case itemTag:
			if it.neg {
				w.add(WarnNegatedFilter, "استبعاد وسم غير مدعوم وأُهمل: #"+it.text, "excluding a tag is not supported; ignored: #"+it.text)
				continue
			}
			p.Filters.Tags = appendUnique(p.Filters.Tags, it.text)
		default:
			textItems = append(textItems, it)
		}
	}
	if !p.Filters.After.IsZero() && !p.Filters.Before.IsZero() && !p.Filters.Before.After(p.Filters.After) {
		w.add(WarnEmptyDateRange, "تاريخ «قبل» لا يأتي بعد تاريخ «بعد»؛ لا نتائج ممكنة", "the before: date is not after the after: date; nothing can match")
	}

	langs := []string{"ar", "en"}
	if len(p.Filters.Langs) == 1 {
		langs = p.Filters.Langs
	}
	b := termBuilder{langs: langs, w: &w}
	b.build(textItems)
	p.Clauses, p.Excluded = b.clauses, b.excluded
	if p.Filters.any() {
		// "-x source:sabq" lists sabq without x: nothing is missing.
		w.drop(WarnOnlyExclusions)
	}
	if p.Empty() && strings.TrimSpace(clean) != "" && !w.has(WarnOnlyStopWords) && !w.has(WarnOnlyExclusions) {
		w.add(WarnNothing, "لا كلمات يمكن البحث بها (رموز أو علامات فقط)", "nothing searchable: only symbols or punctuation")
	}

	p.Interpretation = interpret(p, b.ignored, b.stopOnly, w.list)
	return p
}

// termBuilder turns word, phrase and operator lexemes into clauses.
type termBuilder struct {
	langs    []string
	w        *warnings
	clauses  []Clause
	excluded []Term
	ignored  []string
	stopOnly bool // every dropped word was a stop word and nothing else remains
	count    int
	capped   bool
}

func (b *termBuilder) build(items []item) {
	items = joinDesignations(items)
	joinNext := false   // an OR is waiting for its right-hand term
	lastPositive := -1  // index of the clause an OR would extend
	negateNext := false // NOT was typed
	sawStop := false
	for k, it := range items {
		switch it.kind {
		case itemOr:
			if lastPositive < 0 || joinNext || !hasTermAfter(items[k+1:]) {
				if it.text == "OR" || it.text == "|" || it.text == "||" {
					b.w.add(WarnStrayOperator, "«"+it.text+"» بلا كلمة على جانبيه أُهمل", "stray "+it.text+" ignored")
				}
				continue
			}
			joinNext = true
			continue
		case itemNot:
			if !hasTermAfter(items[k+1:]) {
				b.w.add(WarnStrayOperator, "«NOT» بلا كلمة بعده أُهمل", "stray NOT ignored")
				continue
			}
			negateNext = true
			continue
		}
		neg := it.neg || negateNext
		negateNext = false
		if b.count >= MaxQueryTerms {
			if !b.capped {
				b.capped = true
				b.w.add(WarnTooManyTerms, "استُخدمت أول 32 كلمة فقط", "only the first 32 terms were used")
			}
			continue
		}
		t, stop, ok := b.term(it)
		if !ok {
			if stop {
				sawStop = true
			}
			if joinNext && !neg {
				// "x OR <stop word>": the OR has nothing to join.
				joinNext = false
			}
			continue
		}
		b.count++
		if neg {
			b.excluded = append(b.excluded, t)
			lastPositive = -1 // "a -b OR c" must not join c to a
			continue
		}
		if joinNext && lastPositive >= 0 {
			b.clauses[lastPositive].Any = append(b.clauses[lastPositive].Any, t)
			joinNext = false
			continue
		}
		b.clauses = append(b.clauses, Clause{Any: []Term{t}})
		lastPositive = len(b.clauses) - 1
	}
	if len(b.clauses) == 0 {
		switch {
		case len(b.excluded) > 0:
			b.w.add(WarnOnlyExclusions, "البحث يستبعد فقط ولا يطلب شيئاً؛ أضف كلمة تبحث عنها", "the query only excludes; add a word to search for")
		case sawStop:
			b.stopOnly = true
			b.w.add(WarnOnlyStopWords, "كل الكلمات شائعة جداً (مثل «في» و«من») فلا يُبحث بها وحدها؛ أضف كلمة مميزة", "every word is too common to search on its own; add a distinctive word")
		}
	}
}

func hasTermAfter(items []item) bool {
	for _, it := range items {
		if it.kind == itemWord || it.kind == itemPhrase {
			return true
		}
	}
	return false
}

// term analyses one word or phrase. ok is false when nothing searchable is
// left; stop is then true if it was dropped as a stop word (rather than as
// punctuation or symbols).
func (b *termBuilder) term(it item) (t Term, stop, ok bool) {
	text := strings.TrimSpace(it.text)
	t = Term{Text: text, Phrase: it.kind == itemPhrase}
	t.Tokens = analyzeAlternatives(text, b.langs)
	if len(t.Tokens) == 0 {
		if hasWord(text) {
			b.ignored = appendUnique(b.ignored, text)
			return t, true, false
		}
		return t, false, false
	}
	extra := variantsOf(text)
	if !t.Phrase && len(t.Tokens[0]) == 1 {
		if v := procliticAlternative(text, t.Tokens[0][0]); v != "" {
			extra = append(extra, v)
		}
	}
	for _, v := range extra {
		for _, alt := range analyzeAlternatives(v, b.langs) {
			t.Tokens = appendAlt(t.Tokens, alt)
		}
	}
	return t, false, true
}

// hasWord reports whether s holds a letter or digit: a dropped term with one
// was a stop word, a dropped term without one was punctuation or emoji.
func hasWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// analyzeAlternatives analyses text once per language and keeps the distinct
// non-empty token sequences: an article is indexed in its own language, so a
// Latin word must match both its English stem and its unstemmed Arabic-text
// form.
//
// A word that is a stop word in any of the languages is dropped: "near"
// or "the" typed among Arabic words is syntax or filler, and must not
// become a required term only because Arabic analysis keeps Latin words.
func analyzeAlternatives(text string, langs []string) [][]string {
	var alts [][]string
	for _, lang := range langs {
		toks := textar.Analyze(text, lang)
		if len(toks) == 0 {
			return nil
		}
		alts = appendAlt(alts, toks)
	}
	return alts
}

func appendAlt(alts [][]string, toks []string) [][]string {
	for _, a := range alts {
		if equalStrings(a, toks) {
			return alts
		}
	}
	return append(alts, toks)
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

type warnings struct{ list []Warning }

func (w *warnings) has(code string) bool {
	for _, x := range w.list {
		if x.Code == code {
			return true
		}
	}
	return false
}

func (w *warnings) drop(code string) {
	kept := w.list[:0]
	for _, x := range w.list {
		if x.Code != code {
			kept = append(kept, x)
		}
	}
	w.list = kept
}

func (w *warnings) add(code, ar, en string) {
	w.list = append(w.list, Warning{Code: code, Text: ar, TextEn: en})
}

// joinDesignations merges adjacent plain words that the tokenizer reads as
// one token ("بي 52", "F 16"), so the query analyses them as the index does.
func joinDesignations(items []item) []item {
	out := make([]item, 0, len(items))
	for i := 0; i < len(items); {
		if items[i].kind != itemWord || items[i].neg {
			out = append(out, items[i])
			i++
			continue
		}
		j := i
		for j < len(items) && items[j].kind == itemWord && !items[j].neg {
			j++
		}
		out = append(out, mergeSpanning(items[i:j])...)
		i = j
	}
	return out
}

func mergeSpanning(words []item) []item {
	if len(words) < 2 {
		return words
	}
	var sb strings.Builder
	ends := make([]int, len(words)) // byte offset just past each word
	for k, w := range words {
		if k > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(w.text)
		ends[k] = sb.Len()
	}
	wordAt := func(off int) int {
		for k, e := range ends {
			if off < e {
				return k
			}
		}
		return len(ends) - 1
	}
	// group[k] is the first word of the merged group word k belongs to.
	group := make([]int, len(words))
	for k := range group {
		group[k] = k
	}
	for _, tok := range textar.Tokenize(sb.String()) {
		first, last := wordAt(tok.Start), wordAt(tok.End-1)
		for k := first + 1; k <= last; k++ {
			group[k] = group[first]
		}
	}
	var out []item
	for k, w := range words {
		if group[k] != k {
			out[len(out)-1].text += " " + w.text
			continue
		}
		out = append(out, w)
	}
	return out
}
