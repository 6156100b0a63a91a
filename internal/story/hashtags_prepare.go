package story

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/nashra/nashra/internal/gazetteer"
	"github.com/nashra/nashra/internal/textar"
)

// datelineTerms is how many opening words may be a dateline ("القاهرة -
// واس", "الرياض – محمد العنزي"): the bureau, not necessarily the story.
const datelineTerms = 4

// leadTerms is how much of the body counts as the lead: the first two or
// three sentences of a news article, where its who and where are named.
const leadTerms = 45

// tagPrep is what hashtag selection needs from an article's own text beyond
// the shared preparation: which entities the lead names, and the repeated
// multi-word phrases of the body. Computed in Prepare, outside the lock.
type tagPrep struct {
	leadEnts map[int32]bool
	leadList []int32      // leadEnts in order of first mention, datelines left out
	phrases  []bodyPhrase // ordered by count, then first appearance
	sports   int          // words of sport (نادي، مباراة، لاعب) in title and body
	names    []titleName
	colls    []articleColloc // known collocations (collocations.tsv) used here
}

// titleName is a headline word or quoted headline phrase that the body
// repeats: in news, that is nearly always a name or the topic itself
// («جعجع», "مبرد", بولوني), whether or not the gazetteer knows it.
type titleName struct {
	display string
	stems   []string
	count   int  // occurrences in the body
	quoted  bool // set off by quotes in the headline
}

// bodyPhrase is a repeated noun phrase of the body: an institution name
// ("وزارة الصحة") or a definite adjectival pair ("الأمن السياحي").
type bodyPhrase struct {
	key     string // stems joined by spaces
	display string // most used surface, words joined by '_'
	stems   []string
	count   int
	first   int // token index of the first occurrence
	head    bool
}

func (e *Engine) prepareTags(lang, title string, titleTerms, bodyTerms []textar.Term, body string) tagPrep {
	var tp tagPrep
	tp.names = titleNames(title, titleTerms, bodyTerms)
	n := min(leadTerms, len(bodyTerms))
	norms := make([]string, n)
	for i := range norms {
		norms[i] = bodyTerms[i].Norm
	}
	for _, m := range e.gaz.MatchTokens(norms) {
		if tp.leadEnts == nil {
			tp.leadEnts = make(map[int32]bool, 4)
		}
		if !tp.leadEnts[m.Entity.ID] && m.Start >= datelineTerms {
			tp.leadList = append(tp.leadList, m.Entity.ID)
		}
		tp.leadEnts[m.Entity.ID] = true
	}
	if lang != "en" {
		tp.phrases = bodyPhrases(bodyTerms, body)
		tp.colls = findCollocations(loadCollocations(), title, titleTerms, body, bodyTerms)
	}
	for _, t := range bodyTerms {
		if sportWords[t.Norm] {
			tp.sports++
		}
	}
	return tp
}

// sportWords mark a sports article: only there does a one-word club name
// that is also an ordinary word ("النصر" victory, "الاتحاد" union,
// "التعاون" cooperation) name the club.
var sportWords = normSet(`نادي|النادي|فريق|الفريق|مباراة|المباراة|مباريات|المباريات|لاعب|اللاعب|لاعبي|اللاعبين|لاعبا|مدرب|المدرب|
الدوري|دوري|الملعب|ملعب|هدف|الهدف|أهداف|الأهداف|بطولة|البطولة|الموسم|جماهير|الجماهير|الكروي|كرة|القدم|التعاقد|المحترف|محترف`)

// bodyPhrases counts two- and three-word noun phrases: a head noun of an
// institution followed by name words, or two definite words that are not
// nisba adjectives' chains of conjunctions. Phrases seen at least twice are
// returned.
func bodyPhrases(terms []textar.Term, text string) []bodyPhrase {
	type acc struct {
		bodyPhrase
		surf map[string]int
	}
	byKey := map[string]*acc{}
	adjacent := func(i int) bool { // terms[i-1] and terms[i] with only space between
		return strings.TrimSpace(text[terms[i-1].End:terms[i].Start]) == ""
	}
	word := func(t textar.Term) bool {
		return t.Kind == textar.Word && !t.Stop && usefulStem(t.Stem)
	}
	add := func(from, to int, head bool) {
		stems := make([]string, 0, to-from)
		words := make([]string, 0, to-from)
		for j, t := range terms[from:to] {
			stems = append(stems, t.Stem)
			if j > 0 && head {
				// Inside a name the conjunction belongs to it ("الغذاء والدواء").
				words = append(words, plainWord(t.Text))
			} else {
				words = append(words, displayWord(t.Text))
			}
		}
		k := strings.Join(stems, " ")
		a := byKey[k]
		if a == nil {
			a = &acc{bodyPhrase: bodyPhrase{key: k, stems: stems, first: from, head: head}, surf: map[string]int{}}
			byKey[k] = a
		}
		a.count++
		a.surf[strings.Join(words, "_")]++
	}
	for i := 0; i+1 < len(terms); i++ {
		h := terms[i]
		if h.Kind != textar.Word {
			continue
		}
		if headNouns[h.Norm] {
			// Head noun + up to two name words, joiners allowed inside.
			end, names := i+1, 0
			for end < len(terms) && names < 2 && adjacent(end) {
				t := terms[end]
				if t.Kind != textar.Word || (t.Stop && !nameJoiners[t.Norm]) {
					break
				}
				// In running text only a definite word continues a name
				// ("وزارة الصحة"); an indefinite one is usually the next
				// clause ("شركة مقابل تراجع", "التدريس بكلية").
				if !nameJoiners[t.Norm] && !strings.HasPrefix(plainWord(t.Text), "ال") && !strings.HasPrefix(plainWord(t.Text), "وال") {
					break
				}
				if !nameJoiners[t.Norm] {
					names++
				}
				end++
			}
			for end > i+1 && nameJoiners[terms[end-1].Norm] {
				end--
			}
			// Every prefix is counted ("وزارة الصحة" inside "وزارة الصحة
			// اليوم"); the longest one that repeats as often wins below.
			for e := i + 2; e <= end; e++ {
				if !nameJoiners[terms[e-1].Norm] {
					add(i, e, true)
				}
			}
			continue
		}
		b := terms[i+1]
		if !word(h) || !word(b) || !adjacent(i+1) {
			continue
		}
		da, db := displayWord(h.Text), displayWord(b.Text)
		if definiteNoun(da) && strings.HasPrefix(b.Text, "ال") && utf8.RuneCountInString(db) >= 5 {
			add(i, i+2, false)
		}
	}
	longerAsFrequent := func(m map[string]*acc, key string, n int) bool {
		for k, b := range m {
			if b.count >= n && len(k) > len(key) && strings.HasPrefix(k, key+" ") {
				return true
			}
		}
		return false
	}
	out := make([]bodyPhrase, 0, 8)
	for _, a := range byKey {
		if a.count < 2 || a.head && longerAsFrequent(byKey, a.key, a.count) {
			continue
		}
		best, n := "", 0
		for s, c := range a.surf {
			if c > n || (c == n && s < best) {
				best, n = s, c
			}
		}
		a.display = best
		out = append(out, a.bodyPhrase)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].count != out[j].count {
			return out[i].count > out[j].count
		}
		return out[i].first < out[j].first
	})
	return out
}

// titleNames finds quoted headline phrases of one to three words and
// single headline words that occur again in the body.
func titleNames(title string, titleTerms, bodyTerms []textar.Term) []titleName {
	if len(titleTerms) == 0 || len(bodyTerms) == 0 {
		return nil
	}
	keys := make([]string, len(bodyTerms))
	for i, t := range bodyTerms {
		keys[i] = gazetteer.Key(t.Norm)
	}
	countSeq := func(seq []string) int {
		n := 0
		for i := 0; i+len(seq) <= len(keys); i++ {
			ok := true
			for j, k := range seq {
				if keys[i+j] != k && keys[i+j] != "ال"+k {
					ok = false
					break
				}
			}
			if ok {
				n++
			}
		}
		return n
	}
	var out []titleName
	seen := map[string]bool{}
	// Quoted spans: the terms between an opening and a closing quote.
	for i := 0; i < len(titleTerms); i++ {
		if !opensQuote(title[:titleTerms[i].Start]) {
			continue
		}
		j := i
		for j < len(titleTerms) && j-i < 3 && !closesQuote(title[titleTerms[j].End:]) {
			j++
		}
		if j >= len(titleTerms) || j-i >= 3 || !closesQuote(title[titleTerms[j].End:]) {
			continue
		}
		span := titleTerms[i : j+1]
		if n, ok := nameSpan(span, countSeq); ok && !seen[n.display] {
			n.quoted = true
			seen[n.display] = true
			out = append(out, n)
		}
		i = j
	}
	for i := 0; i < len(titleTerms); i++ {
		// A two-word name ("ميرنا المهندس") beats its first word alone.
		if i+1 < len(titleTerms) && strings.TrimSpace(title[titleTerms[i].End:titleTerms[i+1].Start]) == "" {
			one, _ := nameSpan(titleTerms[i:i+1], countSeq)
			if n, ok := nameSpan(titleTerms[i:i+2], countSeq); ok && one.count >= 2 && !seen[n.display] {
				seen[n.display] = true
				out = append(out, n)
				i++
				continue
			}
		}
		if n, ok := nameSpan(titleTerms[i:i+1], countSeq); ok && n.count >= 2 && !seen[n.display] {
			seen[n.display] = true
			out = append(out, n)
		}
	}
	return out
}

func nameSpan(span []textar.Term, countSeq func([]string) int) (titleName, bool) {
	var n titleName
	seq := make([]string, 0, len(span))
	words := make([]string, 0, len(span))
	content := 0
	for _, t := range span {
		if t.Kind == textar.Number {
			return n, false
		}
		if !t.Stop {
			content++
		}
		seq = append(seq, gazetteer.Key(t.Norm))
		words = append(words, displayWord(t.Text))
		n.stems = append(n.stems, t.Stem)
	}
	if content == 0 || span[0].Stop || span[len(span)-1].Stop {
		return n, false
	}
	n.count = countSeq(seq)
	if n.count == 0 {
		return n, false
	}
	n.display = strings.Join(words, "_")
	return n, true
}

// opensQuote reports whether the text before a word ends with an opening
// quote (only spaces after it).
func opensQuote(before string) bool {
	before = strings.TrimRight(before, " ")
	r, _ := utf8.DecodeLastRuneInString(before)
	return r == '«' || r == '"' || r == '“' || r == '\''
}

func closesQuote(after string) bool {
	after = strings.TrimLeft(after, " ")
	r, _ := utf8.DecodeRuneInString(after)
	return r == '»' || r == '"' || r == '”' || r == '\''
}

// plainWord is a surface word without diacritics or tatweel, clitics kept.
func plainWord(w string) string {
	var b strings.Builder
	for _, r := range w {
		if (r >= 0x064B && r <= 0x065F) || r == 0x0670 || r == 0x0640 || r == '\u200c' || r == '\u200d' || r == '\u200e' || r == '\u200f' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
