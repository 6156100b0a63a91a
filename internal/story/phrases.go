package story

import (
	"strings"

	"github.com/nashra/nashra/internal/textar"
)

// Institution phrases: Arabic names of ministries, airports, festivals,
// parks and the like are a head noun followed by the name ("وزارة الصحة",
// "مطار ينبع", "مهرجان العسل", "جسر الملك فهد"). The gazetteer cannot list
// them all, but the construction itself marks a name, so a headline phrase
// of that shape that the body repeats is a reliable hashtag.
var headNouns = normSet(`وزارة|وزاره|هيئة|جامعة|كلية|مطار|ميناء|مستشفى|مدينة|سوق|مهرجان|متنزه|منتزه|جسر|قناة|أمانة|محافظة|
نادي|شركة|صحيفة|بنك|مصرف|مؤسسة|جمعية|برنامج|مشروع|مركز|كأس|دوري|بطولة|منتخب|مجمع|معرض|ملتقى|مؤتمر|جائزة|حملة|
غرفة|بلدية|إمارة|مجلس|اتحاد|لجنة|صندوق|مصنع|محطة|طريق|حي|قرية|جزيرة|سد|مسجد|جامع|قصر|مكتبة|متحف|منتدى`)

// nameJoiners continue a name past its first word ("جسر الملك فهد",
// "مستشفى الأمير محمد بن عبدالعزيز").
var nameJoiners = normSet(`الملك|الأمير|الشيخ|الإمام|بن|عبد|أبو|أم|ولي`)

type phrase struct {
	display string
	norm    string
}

// institutionPhrases finds head-noun phrases in the title and keeps those
// whose normalised form occurs again in the body.
func institutionPhrases(title []textar.Term, titleText string, bodyNorms []string) []phrase {
	var out []phrase
	normBody := " " + strings.Join(bodyNorms, " ") + " "
	for i := 0; i < len(title)-1; i++ {
		h := title[i]
		if h.Kind != textar.Word || !headNouns[h.Norm] {
			continue
		}
		// Extend over name words: stop at punctuation, numbers and stop
		// words (joiners excepted), after at most two name words.
		end, names := i+1, 0
		for end < len(title) && names < 2 {
			t := title[end]
			if t.Kind != textar.Word || strings.TrimSpace(titleText[title[end-1].End:t.Start]) != "" {
				break
			}
			if t.Stop && !nameJoiners[t.Norm] {
				break
			}
			if !nameJoiners[t.Norm] {
				names++
			}
			end++
		}
		for end > i+1 && nameJoiners[title[end-1].Norm] {
			end--
		}
		if end-i < 2 {
			continue
		}
		// Prefer the longest form the body repeats.
		for e := end; e >= i+2; e-- {
			words := make([]string, 0, e-i)
			norms := make([]string, 0, e-i)
			for j, t := range title[i:e] {
				if j == 0 {
					words = append(words, displayWord(t.Text))
				} else {
					// Inside a name a clitic belongs to it ("للعلوم").
					words = append(words, plainWord(t.Text))
				}
				norms = append(norms, t.Norm)
			}
			n := strings.Join(norms, " ")
			if strings.Contains(normBody, " "+n+" ") || strings.Contains(normBody, "ال"+n+" ") {
				out = append(out, phrase{display: strings.Join(words, "_"), norm: n})
				i = e - 1
				break
			}
		}
	}
	return out
}
