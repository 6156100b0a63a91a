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

// Hashtags: three to maxTags per article. Candidates come in tiers, each
// ranked by salience (in the title, in the lead, repeated, rare in the
// corpus): named entities from the gazetteer (people, places,
// organisations), then repeated noun phrases (institution names, definite
// collocations such as "الأمن_السياحي"), headline names, then single topic
// words picked by TF-IDF against the corpus prior. Higher tiers are trusted
// on their own; lower tiers fill the list up to minTags and only their
// strongest candidates go beyond it. A list still short of minTags is
// topped up by the fill-up tier (hashtags_fill.go) on weaker evidence,
// including the corpus' collocations (collocations.go). Near-identical tags
// are merged (hashtags_dedup.go). Stored without '#', words joined by '_'.
const (
	maxTags       = 8
	minTags       = 3
	maxEntityTags = 5
	maxPhraseTags = 3
	maxTopicTags  = 3
	maxNameTags   = 2
	// maxNameDF is the largest share of articles an unquoted headline word
	// may appear in to be taken for a name: names are rare words.
	maxNameDF  = 0.002
	minTopicTF = 5 // title counts 2: a topic word recurs three times in the body
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
	stems []string // analysed words, to skip candidates a chosen tag covers
}

// tagList collects an article's hashtags, one per normalised form.
type tagList struct {
	out     []string
	keys    [][]string // tagWordKeys of each chosen tag
	seen    map[string]bool
	covered map[string]bool // stems inside chosen tags
	lang    string
	tier    string   // the tier now pushing, for tagTrace
	tiers   []string // the tier of each chosen tag
	// junk, when set, rejects a cleaned tag whatever tier proposes it.
	junk func(tag string) bool
}

// tagTrace, when set (by the evaluation), receives every article's
// hashtags with the tier each came from, so precision can be measured per
// tier. Nil in production.
var tagTrace func(articleID string, tags, tiers []string)

func (l *tagList) push(c tagCand) bool {
	tag := cleanTag(c.tag)
	if tag == "" || len(l.out) >= maxTags || (l.junk != nil && l.junk(tag)) {
		return false
	}
	k := textar.Normalize(tag)
	if l.seen[k] {
		return false
	}
	wk := tagWordKeys(tag)
	for i, o := range l.keys {
		if !samePrefix(o, wk) {
			continue
		}
		// Near-identical to a chosen tag ("الحوثي", "الحوثيون"). A lone
		// word that a longer name begins is incomplete ("المخيم" for
		// "المخيم_الكشفي_العالمي") and gives the name its place, unless
		// both are entities, which the gazetteer tells apart; otherwise the
		// first stays: a shorter full name ("مهرجان_العسل") is the better
		// hashtag, the one other articles share.
		if len(wk) <= len(o) || len(o) > 1 || isEntityTier(l.tiers[i]) && isEntityTier(l.tier) {
			return false
		}
		l.seen[k] = true
		l.keys[i], l.out[i], l.tiers[i] = wk, tag, l.tier
		l.cover(c, tag)
		return true
	}
	l.seen[k] = true
	l.keys = append(l.keys, wk)
	l.out = append(l.out, tag)
	l.tiers = append(l.tiers, l.tier)
	l.cover(c, tag)
	return true
}

func (l *tagList) cover(c tagCand, tag string) {
	for _, st := range c.stems {
		l.covered[st] = true
	}
	for _, st := range textar.Analyze(strings.ReplaceAll(tag, "_", " "), l.lang) {
		l.covered[st] = true
	}
}

func isEntityTier(tier string) bool { return strings.HasSuffix(tier, "entity") }

// coveredBy reports whether every stem is already inside a chosen tag.
func (l *tagList) coveredBy(stems []string) bool {
	for _, st := range stems {
		if !l.covered[st] {
			return false
		}
	}
	return len(stems) > 0
}

func (s *state) hashtags(d *doc, p *prepared) []string {
	l := &tagList{seen: map[string]bool{}, covered: map[string]bool{}, lang: p.lang, junk: s.cliticInside}

	l.tier = "entity"
	ents := s.entityCands(d, p, false)
	n := 0
	for _, c := range ents {
		if n == maxEntityTags {
			break
		}
		if l.push(c) {
			n++
		}
	}

	n, l.tier = 0, "phrase"
	for _, c := range s.phraseCands(p, false) {
		if n == maxPhraseTags || len(l.out) >= maxEntityTags+2 {
			break
		}
		if l.coveredBy(c.stems) {
			continue // an entity already tagged says the same
		}
		if l.push(c) {
			n++
		}
	}

	// Headline names the gazetteer does not know, quoted ones first.
	n, l.tier = 0, "name"
	for _, c := range s.nameCands(p) {
		if n == maxNameTags || len(l.out) >= maxTags-1 {
			break
		}
		if l.coveredBy(c.stems) {
			continue
		}
		if l.push(c) {
			n++
		}
	}

	// Single topic words are the least reliable tags (a headline word the
	// body repeats may still be incidental), so they fill short lists only.
	n, l.tier = 0, "topic"
	for _, c := range s.topicCands(d, p, false) {
		if n == maxTopicTags || len(l.out) >= minTags {
			break
		}
		if l.coveredBy(c.stems) {
			continue
		}
		if l.push(c) {
			n++
		}
	}
	if len(l.out) < minTags {
		s.fill(l, d, p)
	}
	if tagTrace != nil {
		tagTrace(d.id, l.out, l.tiers)
	}
	return l.out
}

// entityCands ranks the gazetteer entities an article is about: named in
// the title, the lead, or repeatedly, weighted by rarity so the country
// every article mentions does not tag everything. relax admits the weaker
// evidence the fill-up tier accepts (see fill).
func (s *state) entityCands(d *doc, p *prepared, relax bool) []tagCand {
	var ents []tagCand
	// Places outside the title and lead qualify only when they dominate the
	// text: a market report naming six capitals is about none of them.
	topPlace := 0
	for _, m := range p.entities {
		if m.entity.Kind == gazetteer.Place && !m.inTitle {
			topPlace = max(topPlace, m.count)
		}
	}
	for _, m := range p.entities {
		w, ok := kindWeight[m.entity.Kind]
		if !ok || blockedEntity(m.entity) {
			continue
		}
		if float64(m.entity.Freq) > 0.25*float64(s.e.prior.docs) || (!m.inTitle && s.homeEntity(p.lang, m.entity)) {
			continue // named in most articles (the home country): no topic
		}
		if !m.inTitle && honorificEntities[textar.Normalize(m.entity.Name)] {
			continue
		}
		inLead := p.tagPrep.leadEnts[m.entity.ID]
		multi := strings.Contains(m.entity.Name, " ")
		if m.entity.Kind == gazetteer.Organisation && clubWords[textar.Normalize(m.entity.Name)] && p.tagPrep.sports < 2 {
			continue // a club named like a common word, outside sport
		}
		switch {
		case multi && inLead:
			// A full multi-word name in the lead ("محمد بن سلمان") is
			// unambiguous and central.
		case m.inTitle && (m.count >= 2 || multi):
			// A single mention of a one-word name, even in the title, is
			// too weak: the word may be an ordinary word sharing a name's
			// spelling ("حتمية النصر" is about victory, not the club).
		case m.inTitle:
			// Relaxed, a place or institution the headline names once is
			// still its subject; a one-word person name is too often an
			// ordinary word or a given name (صالح، منصور).
			if !relax || m.entity.Kind == gazetteer.Person {
				continue
			}
		case m.entity.Kind == gazetteer.Place:
			if m.count < 2 || (!relax && !inLead && m.count < 3) || 2*m.count < topPlace {
				continue
			}
		case m.count >= 3 || (inLead && m.count >= 2):
		case relax && m.count >= 2:
		default:
			continue // an incidental mention is not what the article is about
		}
		rarity := math.Min(1, s.entIDF(m.entity)/4)
		sc := w * rarity * (boolf(m.inTitle) + 0.4*boolf(inLead) + 0.4*math.Log2(1+float64(m.count)))
		if sc < 0.3 {
			continue
		}
		ents = append(ents, tagCand{m.entity.Hashtag(), sc, textar.Analyze(m.entity.Name, m.entity.Lang)})
	}
	if p.lang == "en" {
		ents = append(ents, s.englishPhrases(d, p)...)
	}
	sortCands(ents)
	return ents
}

// phraseCands ranks multi-word noun phrases: institution names and
// definite collocations, from the headline or repeated in the body.
func (s *state) phraseCands(p *prepared, relax bool) []tagCand {
	titleDF, topicDF := maxTitleTopicDF, maxTopicDF
	if relax {
		titleDF, topicDF = relaxedTitleTopicDF, relaxedTopicDF
	}
	var out []tagCand
	inTitle := map[string]bool{}
	// Institution names the headline carries ("وزارة_الصحة", "مطار_ينبع").
	for _, ph := range p.phrases {
		stems := textar.Analyze(strings.ReplaceAll(ph.display, "_", " "), p.lang)
		inTitle[strings.Join(stems, " ")] = true
		out = append(out, tagCand{ph.display, 3, stems})
	}
	// Headline collocations the article repeats. Only adjectival phrases of
	// two definite words ("الأمن_السياحي", "البنوك_الإسلامية") qualify:
	// without a part-of-speech tagger, an indefinite first word is as likely
	// a verb ("يكلف_رؤساء") as a noun.
	for _, b := range p.bigrams {
		if !b.inTitle || !b.definite {
			continue
		}
		a, c, _ := strings.Cut(b.key, " ")
		if !s.rareStem(a, titleDF) && !s.rareStem(c, titleDF) || s.commonStem(a) || s.commonStem(c) {
			continue
		}
		inTitle[b.key] = true
		out = append(out, tagCand{b.display, 2 + 0.1*float64(b.count), []string{a, c}})
	}
	// Body phrases: an institution named twice, a collocation used three
	// times, with at least one word specific to the topic.
	for _, ph := range p.tagPrep.phrases {
		if inTitle[ph.key] {
			continue
		}
		need := 3
		if relax || ph.head && ph.first < leadTerms || (s.topicStem(ph.stems[0]) && s.topicStem(ph.stems[len(ph.stems)-1])) {
			need = 2 // an institution the lead names, or two specific words
		}
		if ph.count < need {
			continue
		}
		specific := false
		for i, st := range ph.stems {
			if ph.head && i == 0 {
				continue // the head noun (وزارة) is generic by design
			}
			if s.commonStem(st) {
				specific = false
				break
			}
			specific = specific || s.rareStem(st, topicDF)
		}
		if !specific && !ph.head {
			continue
		}
		out = append(out, tagCand{ph.display, 0.5*boolf(ph.head) + 0.4*math.Log2(1+float64(ph.count)), ph.stems})
	}
	kept := out[:0]
	for _, c := range out {
		if !genericPhrase(c.tag) {
			kept = append(kept, c)
		}
	}
	sortCands(kept)
	return kept
}

// topicCands ranks single topic words: the article's top TF-IDF terms that
// are definite nouns, repeated, and specific enough to name a topic.
func (s *state) topicCands(d *doc, p *prepared, relax bool) []tagCand {
	var topics []tagCand
	titleDF, topicDF := maxTitleTopicDF, maxTopicDF
	if relax {
		titleDF, topicDF = relaxedTitleTopicDF, relaxedTopicDF
	}
	for _, x := range topTerms(d.vec, 12) {
		stem := s.terms[x.t]
		inTitle := contains(d.titleSet, stem)
		if relax && !inTitle {
			continue // a body word is too weak a topic on weaker evidence
		}
		if !s.rareStem(stem, topicDF) && !(inTitle && s.rareStem(stem, titleDF)) {
			continue
		}
		if inTitle && p.tf[stem] < 3 || !inTitle && p.tf[stem] < minTopicTF {
			continue
		}
		local := p.surfaces[stem]
		if relax && p.lang != "en" && !definiteNoun(local) && p.definites[stem] != "" {
			local = p.definites[stem] // used as a noun at least once
		}
		if p.lang != "en" && !definiteNoun(local) {
			continue // the article uses the word as a verb or adjective
		}
		disp := s.topicDisplay(stem, local, !relax)
		if !validTopicWord(disp) || (p.lang != "en" && !definiteNoun(disp)) {
			continue
		}
		if clubWords[textar.Normalize(disp)] && p.tagPrep.sports < 2 {
			continue // "النصر" the word would read as the club's hashtag
		}
		topics = append(topics, tagCand{disp, x.w * (1 + 0.5*boolf(inTitle)), []string{stem}})
	}
	sortCands(topics)
	return topics
}

// honorificEntities are named in the body of countless articles as part of
// an official's title or a formula of thanks ("نائب رئيس مجلس الوزراء",
// "بتوجيهات خادم الحرمين الشريفين"); only a headline makes them the topic.
var honorificEntities = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range []string{"مجلس الوزراء", "سلمان بن عبدالعزيز", "عبدالله بن عبدالعزيز", "محمد بن نايف", "محمد بن سلمان"} {
		m[textar.Normalize(n)] = true
	}
	return m
}()

// genericPhrase reports a phrase with a word that names no topic
// ("الجلسة_الصباحية").
func genericPhrase(display string) bool {
	for _, w := range strings.Split(display, "_") {
		k := gazetteer.Key(textar.Normalize(w))
		if genericWords[k] || dateWords[k] {
			return true
		}
	}
	return false
}

// nameCands ranks headline words and quoted phrases the body repeats.
func (s *state) nameCands(p *prepared) []tagCand {
	var out []tagCand
	for _, n := range p.tagPrep.names {
		if !validTopicWord(n.display) && !(len(n.stems) > 1 && cleanTag(n.display) != "") {
			continue
		}
		if !n.quoted {
			id, ok := s.ids[n.stems[0]]
			if !ok || s.dfRatio(id) > maxNameDF {
				continue
			}
			if p.lang != "en" && strings.HasPrefix(n.display, "ال") && !definiteNoun(n.display) && !strings.HasSuffix(n.display, "ي") {
				continue
			}
			if p.lang != "en" && s.cliticWord(n.display) {
				continue
			}
		} else {
			common := false
			for _, st := range n.stems {
				common = common || s.commonStem(st)
			}
			if common && len(n.stems) == 1 {
				continue
			}
		}
		out = append(out, tagCand{n.display, boolf(n.quoted) + 0.4*math.Log2(1+float64(n.count)), n.stems})
	}
	sortCands(out)
	return out
}

// cliticWord reports a name candidate that is a frequent word behind a
// preposition or conjunction ("بإنشاء", "لعلاج_السكري"): rare as written,
// so it passes for a name, but no name.
func (s *state) cliticWord(display string) bool {
	w, _, _ := strings.Cut(display, "_")
	for _, pre := range []string{"وب", "ول", "وك", "ب", "ل", "و", "ف", "ك"} {
		rest, ok := strings.CutPrefix(w, pre)
		if !ok || utf8.RuneCountInString(rest) < 3 || strings.ContainsAny(rest[:2], "وفبلك") {
			continue // too short, or a second clitic: a name ("بولوني"), not a word behind one
		}
		for _, st := range textar.Analyze(rest, "ar") {
			if s.stemShare(st) > maxTopicDF {
				return true
			}
		}
	}
	return false
}

// cliticInside reports an Arabic tag with a word glued to a preposition
// ("لجب_بجازان", "بلائحة_الوظائف"): a phrase cut out of a sentence rather
// than a name. Only ب and ل are checked: و and ف cannot
// start a name's later word either, but they begin many real words.
func (s *state) cliticInside(tag string) bool {
	for _, w := range strings.Split(tag, "_") {
		for _, pre := range []string{"ب", "ل"} {
			rest, ok := strings.CutPrefix(w, pre)
			if !ok || utf8.RuneCountInString(rest) < 3 || strings.HasPrefix(rest, "ال") {
				continue // "بال…"/"لل…" forms are ordinary phrase words (للسياحة)
			}
			// The bare word being far more common than the glued form
			// (جازان 2.6% of articles, بجازان 0.5%) marks the preposition.
			bare := s.stemShare(textar.Stem(textar.Normalize(rest), "ar"))
			if bare > 0.002 && bare > 4*s.stemShare(textar.Stem(textar.Normalize(w), "ar")) {
				return true
			}
		}
	}
	return false
}

// stemShare is the share of articles containing a stem, whether or not
// the window has seen it yet.
func (s *state) stemShare(stem string) float64 {
	if id, ok := s.ids[stem]; ok {
		return s.dfRatio(id)
	}
	return float64(s.e.prior.df[stem]) / float64(s.nDocs+s.e.prior.docs+1)
}

// maxTitleTopicDF bounds topic words the headline carries: a headline
// names its topic even when the topic is a frequent one (النفط، السكري).
var maxTitleTopicDF = 0.04

func (s *state) titleTopicStem(stem string) bool {
	return s.rareStem(stem, maxTitleTopicDF)
}

// commonStem is a word too frequent to make a phrase specific (العامة،
// الجديد).
func (s *state) commonStem(stem string) bool {
	id, ok := s.ids[stem]
	if !ok {
		return false
	}
	return s.dfRatio(id) > 0.15
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
	return s.rareStem(stem, maxTopicDF)
}

// rareStem accepts a stem seen in a few articles (not a typo) but in under
// maxDF of them.
func (s *state) rareStem(stem string, maxDF float64) bool {
	if utf8.RuneCountInString(stem) < 2 {
		return false
	}
	id, ok := s.ids[stem]
	if !ok {
		return false
	}
	return s.docFreq(id) >= 4 && s.dfRatio(id) < maxDF
}

// topicDisplay picks one spelling per topic stem across articles (the most
// voted so far), so "النفط" does not alternate with "نفط". Only the
// regular tier votes: the fill-up tier's weaker candidates read the
// spellings without shifting them.
func (s *state) topicDisplay(stem, local string, vote bool) string {
	if local == "" {
		return ""
	}
	v := s.topicVotes[stem]
	if !vote && len(v) == 0 {
		return local
	}
	if v == nil {
		v = make(map[string]int, 2)
		s.topicVotes[stem] = v
	}
	if vote && (len(v) < 4 || v[local] > 0) {
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
	// A head noun alone (الوزارة، المنتخب، الشركة) names no topic: it needs
	// the rest of its name.
	if k := gazetteer.Key(n); strings.HasPrefix(k, "ال") && headNouns[strings.TrimPrefix(k, "ال")] {
		return false
	}
	// Nor does an adjective of time or rank on its own (#الأسبق on "the
	// former prime minister"); inside a phrase it is fine (الرئيس_السابق).
	if loneAdjectives[gazetteer.Key(n)] {
		return false
	}
	return englishTopicWord(w)
}

var loneAdjectives = normSet(`السابق|السابقة|الأسبق|الأسبقين|الحالي|الحالية|الجديد|الجديدة|الجدد|المقبل|المقبلة|الماضي|الماضية|
القادم|القادمة|الأخير|الأخيرة|الكبير|الكبيرة|الكبرى|الأكبر|الصغير|الصغيرة|الأعلى|الأدنى|الأكثر|الأقل|الأفضل|الأسوأ|
الرسمي|الرسمية|العام|العامة|الخاص|الخاصة|الكامل|الكاملة|المحتمل|المزعوم|المؤقت|المؤقتة|الفعلي|الحقيقي|الرئيسي|الرئيسية`)

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

var blockedNames = normSet(`عبد الله|عبدالله|عبد العزيز|عبدالعزيز|عبد الرحمن|عبدالرحمن|محمد|أحمد|علي|خالد|فهد|سعود|فيصل|سلطان|بندر|تركي|نايف|
واس|رويترز|فرانس برس|أسوشيتد برس|د ب أ|أ ف ب|كونا|وام|الأناضول|Reuters|Associated Press|AFP|
سبق|الوئام|عكاظ|الشرق الأوسط|الاقتصادية|الجزيرة|المدينة|الرياض صحيفة|الوطن|اليوم|الرياضي|الرياضية|عين اليوم|BBC|BBC News|BBC Sport|بي بي سي`)

// clubWords are clubs named with an ordinary word (النصر victory, الاتحاد
// union, الوحدة unity): they name the club only in a sports article.
var clubWords = normSet(`النصر|الهلال|الاتحاد|الأهلي|الشباب|التعاون|الفتح|الرائد|الوحدة|الفيصلي|الخليج|الاتفاق|القادسية|النهضة|
الشعلة|الوطني|العروبة|الفتح|الطائي|الأمل|الجيل|الحزم|الرياض|النجمة|الزمالك|الوداد|الترجي|الصفاقسي|الغرافة|السد|العين|الوصل|الجزيرة|الكويت|العربي`)

var dateWords = normSet(`يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر|
كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين|محرم|صفر|ربيع|جمادى|رجب|شعبان|شوال|القعدة|الحجة|
السبت|الأحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|اليوم|أمس|غدا|غداً|العام|الشهر|الأسبوع|الساعة|صباح|مساء|هـ|
january|february|march|april|may|june|july|august|september|october|november|december|
monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|year|week|month`)

// genericWords are frequent in news but name no topic; DF filtering catches
// most such words, these slip through in some outlets.
var genericWords = normSet(`الأول|الأولى|الثاني|الثانية|الثالث|الثالثة|الرابع|الرابعة|الخامس|الخامسة|السادس|السادسة|السابع|السابعة|الثامن|الثامنة|التاسع|التاسعة|العاشر|العاشرة|الأخير|الأخيرة|
صحيفة|الصحيفة|الشاب|الشابة|الشباب|الفنان|الفنانة|الصباحية|المسائية|مصدر|مصادر|تصريح|تصريحات|خبر|الخبر|تقرير|مقال|فيديو|صور|بالصور|بالفيديو|عاجل|متابعة|
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
		out = append(out, tagCand{strings.Join(words, "_"), sc, textar.Analyze(ph.Text, "en")})
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
