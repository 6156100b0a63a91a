package extract

import (
	"strings"

	"github.com/nashra/nashra/internal/textar"
)

const excerptMax = 280

// excerpt is the first two sentences of the body, at most ~280 runes, cut on
// a word boundary with "…".
func excerpt(body string) string {
	// Skip datelines and labels ("الرياض - الوئام :") before the lead.
	paras := strings.Split(body, "\n\n")
	para := paras[0]
	for _, p := range paras {
		if wordCount(p) >= 6 {
			para = p
			break
		}
	}
	para = strings.ReplaceAll(para, "\n", " ")
	sents := splitSentences(para)
	var b strings.Builder
	for i, s := range sents {
		if i == 2 {
			break
		}
		if b.Len() > 0 && runeLen(b.String())+1+runeLen(s) > excerptMax {
			break
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	return truncateWords(b.String(), excerptMax)
}

// splitSentences uses textar's sentence splitter, which knows Arabic
// punctuation and Latin abbreviations.
func splitSentences(s string) []string { return textar.Sentences(s) }
