package gazetteer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// CapitalisedPhrases extracts candidate English proper names: runs of
// capitalised words inside a sentence ("Warner Bros", "Gordon Brown"),
// skipping sentence-initial function words and single capitalised words that
// open a sentence (they are capitalised for grammar, not as names). Each
// phrase is returned once, in order of first appearance, with its count.
func CapitalisedPhrases(text string, maxWords int) []Phrase {
	var out []Phrase
	index := map[string]int{}
	var run []string
	runAtStart := false
	sentenceStart := true
	flush := func() {
		defer func() { run = run[:0] }()
		for len(run) > 0 && englishFunction[strings.ToLower(run[0])] {
			run = run[1:]
			runAtStart = false
		}
		for len(run) > 0 && englishFunction[strings.ToLower(run[len(run)-1])] {
			run = run[:len(run)-1]
		}
		if len(run) == 0 || len(run) > maxWords {
			return
		}
		if len(run) == 1 && runAtStart {
			return
		}
		p := strings.Join(run, " ")
		if i, ok := index[p]; ok {
			out[i].Count++
			return
		}
		index[p] = len(out)
		out = append(out, Phrase{Text: p, Count: 1})
	}
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return unicode.IsSpace(r) }) {
		core := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '&' })
		endsSentence := strings.ContainsAny(lastRune(w), ".!?:;\"")
		breaks := endsSentence || strings.ContainsAny(lastRune(w), ",()")
		r, _ := utf8.DecodeRuneInString(core)
		if core != "" && unicode.IsUpper(r) && isLatinWord(core) {
			if len(run) == 0 {
				runAtStart = sentenceStart
			}
			run = append(run, strings.TrimSuffix(strings.TrimSuffix(core, "'s"), "’s"))
		} else {
			flush()
		}
		if breaks {
			flush()
		}
		if core != "" {
			sentenceStart = endsSentence
		}
	}
	flush()
	return out
}

// Phrase is a capitalised phrase with its number of occurrences.
type Phrase struct {
	Text  string
	Count int
}

func lastRune(w string) string {
	r, size := utf8.DecodeLastRuneInString(w)
	if size == 0 {
		return ""
	}
	return string(r)
}

func isLatinWord(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if r > unicode.MaxLatin1 && !unicode.Is(unicode.Latin, r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// englishFunction are capitalised words that start or end runs without being
// part of a name ("The", "Mr", "On Monday"...).
var englishFunction = toSet(`a an and the of in on at for to by with from as but or if it its this that these those
he she they we you i his her their our my mr mrs ms dr sir
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
said says also however after before when while there here what which who why how
`)

func toSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
