package story

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/gazetteer"
	"github.com/nashra/nashra/internal/textar"
)

// Collocation mining (offline: cmd internal/story/collocgen writes
// collocations.tsv from the reference corpus). A two-word phrase of hashtag
// shape ("سوق العمل", "الأمن السياحي") is kept when its words occur
// together far more often than chance (Dunning's log-likelihood ratio), it
// is a whole phrase rather than the middle of a longer name ("الحرمين
// الشريفين" of "خادم الحرمين الشريفين"), and its first word is a noun. A
// phrase whose next word is nearly always the same one is kept as that
// three-word phrase instead ("مواقع التواصل الاجتماعي").

// MineOptions tunes MineCollocations.
type MineOptions struct {
	MinDF    int     // fewest articles a phrase must appear in
	MaxShare float64 // largest share of articles a phrase may appear in
	MinG2    float64 // smallest log-likelihood ratio
}

// pairShape reports whether terms[i-1] and terms[i] can form a hashtag
// phrase: adjacent Arabic content words (only space between), the second
// definite, the first either a definite noun (the pair is noun and
// adjective, "الأمن السياحي") or indefinite (a construct noun and its
// genitive, "سوق العمل", if the first word is a noun at all, which only
// the corpus can tell).
func pairShape(terms []textar.Term, text string, i int) (construct, ok bool) {
	a, b := terms[i-1], terms[i]
	if a.Kind != textar.Word || b.Kind != textar.Word || a.Stop || b.Stop || !usefulStem(a.Stem) || !usefulStem(b.Stem) {
		return false, false
	}
	if strings.TrimSpace(text[a.End:b.Start]) != "" {
		return false, false
	}
	pb := plainWord(b.Text)
	if !strings.HasPrefix(pb, "ال") || utf8.RuneCountInString(pb) < 5 {
		return false, false
	}
	da := displayWord(a.Text)
	if definiteNoun(da) {
		return false, true
	}
	if strings.HasPrefix(da, "ال") || utf8.RuneCountInString(da) < 3 {
		return false, false
	}
	return true, true
}

// contentWord is a token that may sit next to a phrase as part of a longer
// one.
func contentWord(t textar.Term) bool {
	return t.Kind == textar.Word && !t.Stop && usefulStem(t.Stem)
}

type minedPhrase struct {
	stems          []string
	construct      bool
	df, df2, count int
	tdf            int // articles with it in the headline
	g2             float64
	surf           map[string]int
	first          map[string]int // first word's normalised form
	left, right    map[string]int // neighbouring content stems ("" none)
	parent         *minedPhrase   // the phrase one word shorter
}

func (p *minedPhrase) key() string { return strings.Join(p.stems, " ") }

// maxPhraseWords bounds how far a phrase is extended to the right.
const maxPhraseWords = 5

// MineCollocations returns the collocation prior file for recs.
func MineCollocations(recs []corpus.Record, opt MineOptions) string {
	analyse := func(r *corpus.Record) ([]textar.Term, string) {
		lang := r.Language
		if lang == "" {
			lang = "ar"
		}
		text := r.Title + "\n" + r.Content
		return textar.Terms(text, lang), text
	}
	uni := map[string]int{}
	def, bare := map[string]int{}, map[string]int{}
	total := 0
	// Pass 1: word counts, how often each word form takes the article
	// (nouns do; verbs never), and every pair's document frequency.
	pairs := map[string]*minedPhrase{}
	local := map[*minedPhrase]int{}
	inTitle := map[*minedPhrase]bool{}
	for i := range recs {
		terms, text := analyse(&recs[i])
		clear(local)
		clear(inTitle)
		for j, t := range terms {
			if t.Kind == textar.Word {
				if k := gazetteer.Key(t.Norm); strings.HasPrefix(k, "ال") && len(k) > len("ال")+2 {
					def[k[len("ال"):]]++
				} else {
					bare[t.Norm]++
				}
			}
			if contentWord(t) {
				uni[t.Stem]++
				total++
			}
			if j == 0 {
				continue
			}
			if c, ok := pairShape(terms, text, j); ok {
				k := terms[j-1].Stem + " " + t.Stem
				p := pairs[k]
				if p == nil {
					p = &minedPhrase{stems: []string{terms[j-1].Stem, t.Stem}}
					pairs[k] = p
				}
				p.construct = p.construct || c
				local[p]++
				inTitle[p] = inTitle[p] || t.End <= len(recs[i].Title)
			}
		}
		for p, c := range local {
			p.df++
			p.count += c
			if c >= 2 {
				p.df2++
			}
			if inTitle[p] {
				p.tdf++
			}
		}
	}
	maxDF := int(opt.MaxShare * float64(len(recs)))
	level := make([]*minedPhrase, 0, 1024)
	for _, p := range pairs {
		if p.df < opt.MinDF || p.df > maxDF {
			continue
		}
		sa, sb := p.stems[0], p.stems[1]
		p.g2 = logLikelihood(float64(p.count), float64(uni[sa]), float64(uni[sb]), float64(total))
		if p.g2 < opt.MinG2 || float64(p.count)*float64(total) <= float64(uni[sa])*float64(uni[sb]) {
			continue // no more frequent together than apart
		}
		level = append(level, p)
	}
	pairs = nil
	// Each further pass counts the current phrases' display forms and
	// neighbours; a phrase nearly always followed by the same word is
	// replaced by the longer phrase ("الهيئة العامة" → "الهيئة العامة
	// للسياحة" → ...), and one nearly always preceded by the same word is
	// the tail of a longer phrase and dropped.
	var final []*minedPhrase
	counted := true // pairs' counts come from pass 1
	for len(level) > 0 {
		countPhrases(recs, analyse, level, !counted)
		counted = false
		var next []*minedPhrase
		for _, p := range level {
			if p.parent != nil && p.df < opt.MinDF {
				final = append(final, p.parent) // the longer form is too rare
				continue
			}
			if top, share := dominant(p.left); top != "" && share >= 0.6 {
				continue
			}
			if top, share := dominant(p.right); top != "" && share >= 0.6 && len(p.stems) < maxPhraseWords {
				next = append(next, &minedPhrase{stems: append(append([]string(nil), p.stems...), top), construct: p.construct, g2: p.g2, parent: p})
				continue
			}
			if ends(p.right) < minEndShare {
				// Nearly always continued, by varying words: the start of
				// many names ("مدينة الملك" فهد/سعود/عبدالله), none of them.
				continue
			}
			final = append(final, p)
		}
		level = next
	}
	sort.Slice(final, func(i, j int) bool { return final[i].key() < final[j].key() })
	var b strings.Builder
	fmt.Fprintf(&b, "# nashra collocation prior: hashtag-shaped phrases of SaudiNewsNet (2015), df %d..%d, G2 >= %.0f, taggable.\n", opt.MinDF, maxDF, opt.MinG2)
	b.WriteString("# Regenerate: go run ./internal/story/collocgen\n")
	b.WriteString("# stems<TAB>display<TAB>df<TAB>df with two or more uses<TAB>df in headlines<TAB>G2 of the first two words\n")
	seen := map[string]bool{}
	for _, p := range final {
		k := p.key()
		if seen[k] {
			continue
		}
		seen[k] = true
		if p.construct {
			// The first word must be a noun: a form the article attaches to
			// in the corpus ("سوق" → "السوق"), unlike a verb ("قال").
			f, _ := dominant(p.first)
			if d := def[f]; d < 3 || float64(d) < 0.05*float64(d+bare[f]) {
				continue
			}
		}
		disp, _ := dominant(p.surf)
		if c := (colloc{display: disp, df: p.df, df2: p.df2, tdf: p.tdf}); !c.taggable() {
			continue
		}
		fmt.Fprintf(&b, "%s\t%s\t%d\t%d\t%d\t%.0f\n", k, disp, p.df, p.df2, p.tdf, p.g2)
	}
	return b.String()
}

// countPhrases finds every use of the phrases in recs and records their
// display forms, first words and neighbours, and, when withDF, their
// document counts.
func countPhrases(recs []corpus.Record, analyse func(*corpus.Record) ([]textar.Term, string), phrases []*minedPhrase, withDF bool) {
	idx := map[string][]*minedPhrase{}
	for _, p := range phrases {
		k := p.stems[0] + " " + p.stems[1]
		idx[k] = append(idx[k], p)
		p.surf, p.first, p.left, p.right = map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	}
	local := map[*minedPhrase]int{}
	inTitle := map[*minedPhrase]bool{}
	adjacent := func(terms []textar.Term, text string, j int) bool { // terms[j-1], terms[j]
		return contentWord(terms[j]) && strings.TrimSpace(text[terms[j-1].End:terms[j].Start]) == ""
	}
	for i := range recs {
		terms, text := analyse(&recs[i])
		clear(local)
		clear(inTitle)
		for j := 1; j < len(terms); j++ {
			cands := idx[terms[j-1].Stem+" "+terms[j].Stem]
			if len(cands) == 0 {
				continue
			}
			if _, ok := pairShape(terms, text, j); !ok {
				continue
			}
		next:
			for _, p := range cands {
				end := j - 1 + len(p.stems) // one past the last word
				if end > len(terms) {
					continue
				}
				for m := j + 1; m < end; m++ {
					if terms[m].Stem != p.stems[m-j+1] || !adjacent(terms, text, m) {
						continue next
					}
				}
				words := make([]string, 0, len(p.stems))
				for m := j - 1; m < end; m++ {
					if m == j-1 {
						words = append(words, displayWord(terms[m].Text))
					} else if len(p.stems) > 2 {
						// Inside a longer name a clitic belongs to it ("والتراث").
						words = append(words, plainWord(terms[m].Text))
					} else {
						words = append(words, displayWord(terms[m].Text))
					}
				}
				p.surf[strings.Join(words, "_")]++
				p.first[terms[j-1].Norm]++
				left, right := "", ""
				if j >= 2 && adjacent(terms, text, j-1) && contentWord(terms[j-2]) {
					left = terms[j-2].Stem
				}
				if end < len(terms) && adjacent(terms, text, end) {
					right = terms[end].Stem
				}
				p.left[left]++
				p.right[right]++
				local[p]++
				inTitle[p] = inTitle[p] || terms[end-1].End <= len(recs[i].Title)
			}
		}
		if !withDF {
			continue
		}
		for p, c := range local {
			p.df++
			p.count += c
			if c >= 2 {
				p.df2++
			}
			if inTitle[p] {
				p.tdf++
			}
		}
	}
}

// minEndShare is the least share of a phrase's uses that end it (no
// content word follows) for the phrase to stand on its own.
const minEndShare = 0.2

// ends is the share of uses with no content word after the phrase.
func ends(right map[string]int) float64 {
	sum := 0
	for _, c := range right {
		sum += c
	}
	if sum == 0 {
		return 0
	}
	return float64(right[""]) / float64(sum)
}

// dominant returns the most frequent key of m and its share.
func dominant(m map[string]int) (string, float64) {
	best, n, sum := "", 0, 0
	for k, c := range m {
		sum += c
		if c > n || (c == n && k < best) {
			best, n = k, c
		}
	}
	if sum == 0 {
		return "", 0
	}
	return best, float64(n) / float64(sum)
}

// logLikelihood is Dunning's G² for a pair seen k11 times, its words c1
// and c2 times, among n tokens.
func logLikelihood(k11, c1, c2, n float64) float64 {
	k12, k21 := c1-k11, c2-k11
	k22 := n - k11 - k12 - k21
	h := func(ks ...float64) float64 {
		var s, t float64
		for _, k := range ks {
			if k > 0 {
				s += k * math.Log(k)
			}
			t += k
		}
		if t > 0 {
			s -= t * math.Log(t)
		}
		return s
	}
	return 2 * (h(k11, k12, k21, k22) - h(k11+k12, k21+k22) - h(k11+k21, k12+k22))
}
