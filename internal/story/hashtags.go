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
	maxTopicTags  = 2
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
	for _, m := range p.entities {
		w, ok := kindWeight[m.entity.Kind]
		if !ok || blockedEntity(m.entity) {
			continue
		}
		if !m.inTitle && m.count < 2 {
			continue
		}
		rarity := math.Min(1, s.entIDF(m.entity.ID)/4)
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

	// One title collocation ("أسعار_النفط") when the article repeats it.
	for _, b := range p.bigrams {
		if !b.inTitle {
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
	for _, x := range topTerms(d.vec, 12) {
		if covered[x.t] || !s.topicStem(x.t) {
			continue
		}
		inTitle := contains(d.titleSet, x.t)
		if !inTitle && p.tf[x.t] < 4 {
			continue
		}
		disp := s.topicDisplay(x.t, p.surfaces[x.t])
		if !validTopicWord(disp) {
			continue
		}
		topics = append(topics, tagCand{disp, x.w * (1 + 0.5*boolf(inTitle))})
	}
	sortCands(topics)
	quota := maxTopicTags
	if need := minTags - len(out); need > quota {
		quota = need
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

// topicStem accepts stems specific enough to name a topic: seen in a few
// articles (not a typo) but in under 2% of them (not a generic news word).
func (s *state) topicStem(stem string) bool {
	if utf8.RuneCountInString(stem) < 2 {
		return false
	}
	df := s.df[stem] + s.e.prior.df[stem]
	return df >= 4 && s.dfRatio(stem) < 0.02
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
var genericWords = normSet(`صحيفة|الصحيفة|مصدر|مصادر|تصريح|تصريحات|خبر|الخبر|تقرير|مقال|فيديو|صور|بالصور|بالفيديو|عاجل|متابعة|
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
