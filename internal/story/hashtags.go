package story

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nashra/nashra/internal/gazetteer"
	"github.com/nashra/nashra/internal/textar"
)

// Hashtags: up to maxTags per article, people, places and organisations
// first (from the gazetteer, salient ones only: in the title or mentioned
// repeatedly, weighted by rarity so the country every article mentions does
// not tag everything), then statistical keyphrases (a title collocation,
// TF-IDF topic words). Stored without '#', words joined by '_'.
const (
	maxTags       = 8
	minTags       = 3
	maxEntityTags = 5
	minTopicTF    = 5 // title counts 2: a topic word recurs three times in the body
)

var kindWeight = map[gazetteer.Kind]float64{
	gazetteer.Person:       1.15,
	gazetteer.Organisation: 1.0,
	gazetteer.Event:        1.0,
	gazetteer.Place:        0.8,
}

type tagCand struct {
	tag   string
	score float64
}

func (s *state) hashtags(d *doc, p *prepared) []string {
	var out []string
	seen := map[string]bool{}
	covered := map[string]bool{} // stems inside chosen entities
	push := func(tag string) bool {
		tag = cleanTag(tag)
		if tag == "" || len(out) >= maxTags {
			return false
		}
		k := textar.Normalize(tag)
		if seen[k] {
			return false
		}
		seen[k] = true
		out = append(out, tag)
		return true
	}

	var ents []tagCand
	entStems := map[string][]string{}
	// Places outside the title qualify only when one place dominates the
	// text: a market report naming six capitals is about none of them.
	var topPlace *mention
	secondPlace := 0
	for i := range p.entities {
		m := &p.entities[i]
		if m.entity.Kind != gazetteer.Place || m.inTitle {
			continue
		}
		if topPlace == nil || m.count > topPlace.count {
			if topPlace != nil {
				secondPlace = max(secondPlace, topPlace.count)
			}
			topPlace = m
		} else {
			secondPlace = max(secondPlace, m.count)
		}
	}
	for i, m := range p.entities {
		w, ok := kindWeight[m.entity.Kind]
		if !ok || blockedEntity(m.entity) {
			continue
		}
		if float64(m.entity.Freq) > 0.25*float64(s.e.prior.docs) {
			continue // named in most articles (the home country): no topic
		}
		if m.count < 2 {
			// A single mention, even in the title, is too weak: the title
			// word may be an ordinary word sharing a name's spelling
			// ("حتمية النصر" is about victory, not the club).
			continue
		}
		if !m.inTitle {
			// An incidental mention is not what the article is about.
			if m.entity.Kind == gazetteer.Place && (&p.entities[i] != topPlace || m.count < 3 || m.count < 2*secondPlace) {
				continue
			}
			if m.count < 3 {
				continue
			}
		}
		rarity := math.Min(1, s.entIDF(m.entity)/4)
		sc := w * rarity * (boolf(m.inTitle) + 0.4*math.Log2(1+float64(m.count)))
		if sc < 0.3 {
			continue
		}
		ents = append(ents, tagCand{m.entity.Hashtag(), sc})
		entStems[m.entity.Hashtag()] = textar.Analyze(m.entity.Name, m.entity.Lang)
	}
	if p.lang == "en" {
		ents = append(ents, s.englishPhrases(d, p)...)
	}
	sortCands(ents)
	n := 0
	for _, c := range ents {
		if n == maxEntityTags {
			break
		}
		if push(c.tag) {
			n++
			for _, st := range entStems[c.tag] {
				covered[st] = true
			}
			for _, st := range textar.Analyze(strings.ReplaceAll(c.tag, "_", " "), p.lang) {
				covered[st] = true
			}
		}
	}

	// Institution names the headline carries ("وزارة_الصحة", "مطار_ينبع").
	for _, ph := range p.phrases {
		if len(out) >= maxEntityTags+1 {
			break
		}
		stems := textar.Analyze(strings.ReplaceAll(ph.display, "_", " "), p.lang)
		dup := true
		for _, st := range stems {
			if !covered[st] {
				dup = false
			}
		}
		if dup {
			continue // an entity already tagged says the same
		}
		if push(ph.display) {
			for _, st := range stems {
				covered[st] = true
			}
		}
	}

	// One title collocation when the article repeats it. Only adjectival
	// phrases of two definite words ("الأمن_السياحي", "البنوك_الإسلامية")
	// qualify: without a part-of-speech tagger, an indefinite first word is
	// as likely a verb ("يكلف_رؤساء") as a noun.
	for _, b := range p.bigrams {
		if !b.inTitle || !b.definite {
			continue
		}
		a, c, _ := strings.Cut(b.key, " ")
		if covered[a] || covered[c] || !s.topicStem(a) || !s.topicStem(c) {
			continue
		}
		if push(b.display) {
			covered[a], covered[c] = true, true
			break
		}
	}

	var topics []tagCand
	topicStems := map[string]string{}
	for _, x := range topTerms(d.vec, 12) {
		stem := s.terms[x.t]
		if covered[stem] || !s.topicStem(stem) {
			continue
		}
		// A topic word must headline the article and recur in its body.
		if !contains(d.titleSet, stem) || p.tf[stem] < 3 {
			continue
		}
		local := p.surfaces[stem]
		if p.lang != "en" && !definiteNoun(local) {
			continue // the article uses the word as a verb or adjective
		}
		disp := s.topicDisplay(stem, local)
		if !validTopicWord(disp) || (p.lang != "en" && !definiteNoun(disp)) {
			continue
		}
		inTitle := true
		topics = append(topics, tagCand{disp, x.w * (1 + 0.5*boolf(inTitle))})
		topicStems[disp] = stem
	}
	sortCands(topics)
	// Single topic words are the least reliable tags (a headline word the
	// body repeats may still be incidental), so they only stand in for an
	// article that has no name or phrase at all, and must dominate its text.
	quota := 0
	if len(out) == 0 && len(topics) > 0 && p.tf[topicStems[topics[0].tag]] >= minTopicTF {
		quota = 1
	}
	for _, c := range topics {
		if quota == 0 {
			break
		}
		if push(c.tag) {
			quota--
		}
	}
	return out
}

func boolf(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func sortCands(cs []tagCand) {
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].score != cs[j].score {
			return cs[i].score > cs[j].score
		}
		return cs[i].tag < cs[j].tag
	})
}

func contains(sorted []string, x string) bool {
	i := sort.SearchStrings(sorted, x)
	return i < len(sorted) && sorted[i] == x
}

// maxTopicDF is the largest share of articles a topic word may appear in;
// above it words are news vocabulary (الملتقى، الشؤون), not topics.
var maxTopicDF = 0.012

// topicStem accepts stems specific enough to name a topic: seen in a few
// articles (not a typo) but in under 2% of them (not a generic news word).
func (s *state) topicStem(stem string) bool {
	if utf8.RuneCountInString(stem) < 2 {
		return false
	}
	id, ok := s.ids[stem]
	if !ok {
		return false
	}
	return s.docFreq(id) >= 4 && s.dfRatio(id) < maxTopicDF
}

// topicDisplay picks one spelling per topic stem across articles (the most
// voted so far), so "النفط" does not alternate with "نفط".
func (s *state) topicDisplay(stem, local string) string {
	if local == "" {
		return ""
	}
	v := s.topicVotes[stem]
	if v == nil {
		v = make(map[string]int, 2)
		s.topicVotes[stem] = v
	}
	if len(v) < 4 || v[local] > 0 {
		v[local]++
	}
	best, n := local, 0
	for sp, c := range v {
		if c > n || (c == n && sp < best) {
			best, n = sp, c
		}
	}
	return best
}

// validTopicWord rejects what never makes a hashtag: numbers, dates, stop
// words, single letters.
func validTopicWord(w string) bool {
	if utf8.RuneCountInString(w) < 3 {
		return false
	}
	for _, r := range w {
		if unicode.IsDigit(r) || (!unicode.IsLetter(r) && r != '_') {
			return false
		}
	}
	n := textar.Normalize(w)
	if textar.IsStopWord(n) || dateWords[n] || dateWords[gazetteer.Key(n)] || genericWords[gazetteer.Key(n)] {
		return false
	}
	return true
}

// cleanTag turns a candidate into a stored hashtag, or "" if it is junk.
func cleanTag(t string) string {
	t = strings.Trim(strings.Join(strings.FieldsFunc(t, func(r rune) bool {
		return unicode.IsSpace(r) || r == '_' || r == '#'
	}), "_"), "_")
	if utf8.RuneCountInString(t) < 3 {
		return ""
	}
	letters := 0
	for _, r := range t {
		switch {
		case unicode.IsLetter(r):
			letters++
		case r == '_' || r == '-' || r == '&' || r == '.' || r == '\'':
		case unicode.IsDigit(r):
		default:
			return ""
		}
	}
	if letters < 3 {
		return ""
	}
	for _, part := range strings.Split(t, "_") {
		if n := textar.Normalize(part); dateWords[n] || dateWords[gazetteer.Key(n)] {
			return ""
		}
	}
	return t
}

// blockedEntity is an entity that is never a topic: wire agencies and the
// outlets themselves (their names appear in datelines and footers).
func blockedEntity(e *gazetteer.Entity) bool {
	return blockedNames[textar.Normalize(e.Name)]
}

var blockedNames = normSet(`واس|رويترز|فرانس برس|أسوشيتد برس|د ب أ|أ ف ب|كونا|وام|الأناضول|Reuters|Associated Press|AFP|
سبق|الوئام|عكاظ|الشرق الأوسط|الاقتصادية|الجزيرة|المدينة|الرياض صحيفة|الوطن|اليوم|الرياضي|الرياضية|عين اليوم|BBC|بي بي سي`)

var dateWords = normSet(`يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر|
كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين|محرم|صفر|ربيع|جمادى|رجب|شعبان|شوال|القعدة|الحجة|
السبت|الأحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|اليوم|أمس|غدا|غداً|العام|الشهر|الأسبوع|الساعة|صباح|مساء|هـ|
january|february|march|april|may|june|july|august|september|october|november|december|
monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|year|week|month`)

// genericWords are frequent in news but name no topic; DF filtering catches
// most such words, these slip through in some outlets.
var genericWords = normSet(`الأول|الأولى|الثاني|الثانية|الثالث|الثالثة|الرابع|الرابعة|الخامس|الخامسة|السادس|السادسة|السابع|السابعة|الثامن|الثامنة|التاسع|التاسعة|العاشر|العاشرة|الأخير|الأخيرة|
صحيفة|الصحيفة|مصدر|مصادر|تصريح|تصريحات|خبر|الخبر|تقرير|مقال|فيديو|صور|بالصور|بالفيديو|عاجل|متابعة|
said|says|told|people|year|years|time|also|would|could|new|one|two`)

func normSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == '\n' }) {
		w = strings.TrimSpace(w)
		if w == "" {
			continue
		}
		n := textar.Normalize(w)
		m[n] = true
		m[gazetteer.Key(n)] = true
	}
	return m
}

// englishPhrases proposes capitalised names from English text ("Warner
// Bros") that the gazetteer does not know, when the text repeats them or
// the title carries them.
func (s *state) englishPhrases(d *doc, p *prepared) []tagCand {
	var out []tagCand
	for _, ph := range p.enPhrases {
		inTitle := strings.Contains(d.title, ph.Text)
		words := strings.Fields(ph.Text)
		if !inTitle && ph.Count < 2 {
			continue
		}
		if len(words) == 1 && ph.Count < 3 && !inTitle {
			continue
		}
		if _, known := s.e.gaz.Lookup(ph.Text); known {
			continue // already proposed as an entity
		}
		sc := 0.4*math.Log2(1+float64(ph.Count)) + boolf(inTitle)
		if len(words) > 1 {
			sc *= 1.2
		}
		out = append(out, tagCand{strings.Join(words, "_"), sc})
	}
	return out
}

// definiteNoun accepts Arabic words with the article that are not nisba
// adjectives: the article rules out verbs ("يكلف"), prepositional forms
// ("لبلاده") and most adjectives; a final ي marks the nisba adjectives that
// remain ("الهولندي", "الكرواتي"), which describe rather than name a topic.
func definiteNoun(w string) bool {
	if !strings.HasPrefix(w, "ال") || utf8.RuneCountInString(w) < 5 {
		return false
	}
	return !strings.HasSuffix(w, "ي") && !strings.HasSuffix(w, "ية") && !strings.HasSuffix(w, "يه")
}
