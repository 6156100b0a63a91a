package story

import (
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nashra/nashra/internal/gazetteer"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/textar"
)

// prepared is everything derived from one article's own text. It needs no
// engine state, so Prepare runs outside the engine's lock and in parallel.
type prepared struct {
	id        string
	source    string
	published time.Time
	title     string
	excerpt   string
	lang      string
	wire      string

	tf        map[string]float64 // stem → weight (title occurrences count double)
	termList  []string           // the keys of tf, sorted (deterministic interning)
	titleSet  []string           // distinct title stems, sorted
	surfaces  map[string]string  // stem → display word most used in this article
	definites map[string]string  // stem → definite display word most used, when not the above
	bigrams   []bigram
	phrases   []phrase
	entities  []mention
	enPhrases []gazetteer.Phrase
	tagPrep   tagPrep // hashtag-only preparation (hashtags_prepare.go)

	shingles int // distinct shingles
	sig      signature
	hasSig   bool
	exact    uint64 // hash of the whole normalised body; 0 when empty

	// Derived fields the store already holds (Warm): honoured so stories
	// keep their IDs across restarts.
	storyID     string
	duplicateOf string
}

type mention struct {
	entity  *gazetteer.Entity
	count   int
	plain   int // mentions without a preposition before them ("جدة", not "بجدة")
	inTitle bool
}

type bigram struct {
	key      string // "stem1 stem2"
	display  string // "word1_word2"
	count    int
	inTitle  bool
	definite bool // both words carry the article, the second no conjunction
}

// Prepare analyses an article's text. It is pure and safe to call
// concurrently; Engine.Add calls it, and bulk callers can call it from
// several goroutines before applying results in arrival order.
func (e *Engine) Prepare(a *news.Article) *Prepared {
	return &Prepared{p: e.prepare(a)}
}

// Prepared is an article analysed by Prepare, ready for Engine.Apply.
type Prepared struct{ p *prepared }

func (e *Engine) prepare(a *news.Article) *prepared {
	title := cleanTitle(a.Title)
	body := cleanBody(a.BodyText)
	p := &prepared{
		id:          a.ID,
		source:      a.SourceID,
		published:   a.PublishedAt.UTC(),
		title:       title,
		excerpt:     a.Excerpt,
		lang:        a.Language,
		storyID:     a.StoryID,
		duplicateOf: a.DuplicateOf,
	}
	if p.excerpt == "" {
		p.excerpt = excerpt(body)
	} else {
		p.excerpt = excerpt(p.excerpt)
	}
	if p.lang == "" {
		p.lang = textar.DetectLanguage(title + "\n" + capBytes(body, 2048))
		if p.lang == "" {
			p.lang = "ar"
		}
	}
	p.wire = DetectWire(title, body)

	titleTerms := textar.Terms(title, p.lang)
	bodyTerms := textar.Terms(body, p.lang)
	p.tf = make(map[string]float64, len(bodyTerms)/2+8)
	surf := make(map[string]map[string]int)
	addTerm := func(t textar.Term, w float64) {
		if t.Stop || t.Kind == textar.Number || !usefulStem(t.Stem) {
			return
		}
		p.tf[t.Stem] += w
		d := displayWord(t.Text)
		if p.lang == "en" {
			d = strings.ToLower(d)
		}
		m := surf[t.Stem]
		if m == nil {
			m = make(map[string]int, 2)
			surf[t.Stem] = m
		}
		m[d]++
	}
	seenTitle := map[string]bool{}
	for _, t := range titleTerms {
		addTerm(t, 2)
		if !t.Stop && t.Kind != textar.Number && usefulStem(t.Stem) && !seenTitle[t.Stem] {
			seenTitle[t.Stem] = true
			p.titleSet = append(p.titleSet, t.Stem)
		}
	}
	sort.Strings(p.titleSet)
	for _, t := range bodyTerms {
		addTerm(t, 1)
	}
	p.termList = make([]string, 0, len(p.tf))
	for t := range p.tf {
		p.termList = append(p.termList, t)
	}
	sort.Strings(p.termList)
	p.surfaces = make(map[string]string, len(surf))
	for stem, m := range surf {
		best, n := "", 0
		def, nd := "", 0
		for d, c := range m {
			if c > n || (c == n && d < best) {
				best, n = d, c
			}
			if strings.HasPrefix(d, "ال") && (c > nd || (c == nd && d < def)) {
				def, nd = d, c
			}
		}
		p.surfaces[stem] = best
		if def != "" && def != best {
			// "زلزال" headlines an article that says "الزلزال" once: the
			// noun with its article is the hashtag.
			if p.definites == nil {
				p.definites = make(map[string]string)
			}
			p.definites[stem] = def
		}
	}

	p.entities = e.mentions(title, titleTerms, bodyTerms)
	p.bigrams = collocations(titleTerms, bodyTerms, title, body)
	norms := make([]string, len(bodyTerms))
	for i, t := range bodyTerms {
		norms[i] = t.Norm
	}
	if p.lang != "en" {
		p.phrases = institutionPhrases(titleTerms, title, norms)
	}
	if p.lang == "en" {
		p.enPhrases = gazetteer.CapitalisedPhrases(title+".\n"+body, 4)
	}
	p.tagPrep = e.prepareTags(p.lang, title, titleTerms, bodyTerms, body)

	if len(norms) > 0 {
		p.exact = fnv64(strings.Join(norms, " ")) | 1
	}
	if sh := shingleHashes(norms); len(sh) >= minShingles {
		p.shingles = len(sh)
		p.sig = minhash(sh)
		p.hasSig = true
	}
	return p
}

// minShingles is the shortest text (in distinct 5-shingles) near-duplicate
// detection trusts; shorter texts (captions, one-liners) only match exactly.
const minShingles = 12

// usefulStem rejects stems that can carry no topic: single letters and
// pure punctuation.
func usefulStem(s string) bool {
	return utf8.RuneCountInString(s) >= 2
}

func (e *Engine) mentions(title string, titleTerms, bodyTerms []textar.Term) []mention {
	byID := map[int32]*mention{}
	var order []int32
	scan := func(terms []textar.Term, inTitle bool) {
		norms := make([]string, len(terms))
		for i, t := range terms {
			norms[i] = t.Norm
		}
		for _, m := range e.gaz.MatchTokens(norms) {
			x := byID[m.Entity.ID]
			if x == nil {
				x = &mention{entity: m.Entity}
				byID[m.Entity.ID] = x
				order = append(order, m.Entity.ID)
			}
			x.count++
			if !m.Prep {
				x.plain++
			}
			x.inTitle = x.inTitle || inTitle
		}
	}
	scan(titleTerms, true)
	scan(bodyTerms, false)
	out := make([]mention, 0, len(order))
	for _, id := range order {
		out = append(out, *byID[id])
	}
	return out
}

// collocations finds adjacent pairs of content words in the title (not
// separated by punctuation) and counts them in title and body; pairs seen
// twice are keyphrase candidates ("الأمن السياحي"). Only title pairs are
// collected: a hashtag phrase must headline the article.
func collocations(titleTerms, bodyTerms []textar.Term, title, body string) []bigram {
	pairOK := func(terms []textar.Term, text string, i int) (string, bool) {
		a, b := terms[i-1], terms[i]
		if a.Stop || b.Stop || a.Kind == textar.Number || b.Kind == textar.Number ||
			!usefulStem(a.Stem) || !usefulStem(b.Stem) || a.Kind != b.Kind {
			return "", false
		}
		if strings.TrimSpace(text[a.End:b.Start]) != "" {
			return "", false // punctuation between the words
		}
		return a.Stem + " " + b.Stem, true
	}
	counts := map[string]*bigram{}
	var order []string
	for i := 1; i < len(titleTerms); i++ {
		k, ok := pairOK(titleTerms, title, i)
		if !ok {
			continue
		}
		x := counts[k]
		if x == nil {
			a, b := titleTerms[i-1], titleTerms[i]
			da, db := displayWord(a.Text), displayWord(b.Text)
			x = &bigram{key: k, display: da + "_" + db, inTitle: true,
				definite: definiteNoun(da) && strings.HasPrefix(b.Text, "ال") && utf8.RuneCountInString(db) >= 5}
			counts[k] = x
			order = append(order, k)
		}
		x.count++
	}
	if len(counts) == 0 {
		return nil
	}
	for i := 1; i < len(bodyTerms); i++ {
		if k, ok := pairOK(bodyTerms, body, i); ok {
			if x := counts[k]; x != nil {
				x.count++
			}
		}
	}
	var out []bigram
	for _, k := range order {
		if x := counts[k]; x.count >= 2 {
			out = append(out, *x)
		}
	}
	return out
}
