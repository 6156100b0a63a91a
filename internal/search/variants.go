package search

import (
	"strings"

	"github.com/nashra/nashra/internal/textar"
)

// variantGroups are transliteration variants that letter folding cannot
// unify: foreign names and brands Arabic writers spell several ways, and the
// spellings of brands. A query for
// any member also finds the others; the index is untouched. (Letter names
// before numbers, بي 52 = B-52, are folded by the tokenizer itself.)
var variantGroups = [][]string{
	{"ترامب", "ترمب", "trump"},
	{"بوتين", "بوتن", "putin"},
	{"أوباما", "obama"},
	{"كلينتون", "clinton"},
	{"غوغل", "جوجل", "قوقل", "google"},
	{"فيسبوك", "فيس بوك", "facebook"},
	{"تويتر", "twitter"},
	{"يوتيوب", "يوتوب", "youtube"},
	{"واتساب", "واتس اب", "واتس آب", "whatsapp"},
	{"سناب شات", "سنابشات", "سناب", "snapchat"},
	{"انستغرام", "انستقرام", "انستجرام", "إنستغرام", "instagram"},
	{"آيفون", "ايفون", "iphone"},
	{"آيباد", "ايباد", "ipad"},
	{"ويندوز", "windows"},
	{"مايكروسوفت", "مايكرسوفت", "microsoft"},
	{"أبل", "آبل", "ابل", "apple"},
	{"سامسونج", "سامسونغ", "سامسونق", "samsung"},
	{"يوتيوب", "youtube"},
	{"نتفليكس", "netflix"},
	{"أمازون", "amazon"},
}

var variantIndex = buildVariantIndex()

func buildVariantIndex() map[string][]string {
	idx := map[string][]string{}
	for _, g := range variantGroups {
		for _, w := range g {
			k := textar.Normalize(w)
			for _, o := range g {
				if textar.Normalize(o) != k {
					idx[k] = appendUnique(idx[k], o)
				}
			}
		}
	}
	return idx
}

// variantsOf returns other spellings of text: the whole text if it is a
// known name, otherwise text with one word at a time replaced.
func variantsOf(text string) []string {
	const max = 6
	norm := textar.Normalize(text)
	if alts, ok := variantIndex[norm]; ok {
		return alts
	}
	words := strings.FieldsFunc(norm, func(r rune) bool { return r == ' ' || r == '-' || r == '_' })
	if len(words) < 2 {
		return nil
	}
	var out []string
	for i, w := range words {
		for _, alt := range variantIndex[w] {
			vs := append([]string(nil), words...)
			vs[i] = alt
			out = append(out, strings.Join(vs, " "))
			if len(out) == max {
				return out
			}
		}
	}
	return out
}

// procliticAlternative returns word without a leading ب or ل when the
// analyser kept it: the stemmer strips those prepositions only before ال,
// as stripping them blindly would eat root letters in the index ("بلاتيني"
// would lose its ب everywhere). At query time an extra alternative costs
// little, so "بتخفيض" also finds "تخفيض" and "لسعود" finds "سعود". Only
// stems of five letters or more qualify, so the rest stays a real word.
func procliticAlternative(word, stem string) string {
	r := []rune(stem)
	if len(r) < 5 || (r[0] != 'ب' && r[0] != 'ل') {
		return ""
	}
	w := []rune(strings.TrimSpace(word))
	if len(w) < 5 || w[0] != r[0] {
		return ""
	}
	return string(w[1:])
}
