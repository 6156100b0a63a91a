package extract

import (
	"strings"
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

// splitSentences splits on sentence-final punctuation (Latin and Arabic)
// followed by a space. Decimal points and abbreviations without a trailing
// space do not split.
func splitSentences(s string) []string {
	var out []string
	start := 0
	runes := []rune(s)
	for i, r := range runes {
		switch r {
		case '.', '!', '?', '؟', '۔', '…':
		default:
			continue
		}
		if i+1 < len(runes) && runes[i+1] != ' ' {
			continue
		}
		if sent := strings.TrimSpace(string(runes[start : i+1])); sent != "" {
			out = append(out, sent)
		}
		start = i + 1
	}
	if rest := strings.TrimSpace(string(runes[start:])); rest != "" {
		out = append(out, rest)
	}
	return out
}
