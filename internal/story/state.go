package story

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/nashra/nashra/internal/gazetteer"
	"github.com/nashra/nashra/internal/news"
)

// doc is an article in the window.
type doc struct {
	id, source, title, excerpt, lang, wire string
	published                              time.Time
	seq                                    int

	vec      []tw     // top TF-IDF terms, L2-normalised, sorted by term ID
	keys     []uint64 // index keys it was posted under
	titleSet []string
	ents     []int32 // sorted entity IDs
	tags     []string

	st       *story
	root     *doc   // first-published original when a near-copy, else nil
	copies   []*doc // when an original: its copies (bounded)
	nCopies  int
	sig      signature
	hasSig   bool
	shingles int
	exact    uint64

	related []news.Related
	dead    bool
}

// tw is a weighted term; terms are interned to dense IDs so vector merges
// compare integers, not strings.
type tw struct {
	t uint32
	w float64
}

// group returns the duplicate group's original.
func (d *doc) group() *doc {
	if d.root != nil {
		return d.root
	}
	return d
}

type posting struct {
	docs []*doc
	ws   []float64
}

// state is the engine's window; every method runs under Engine.mu.
type state struct {
	e    *Engine
	now  time.Time // newest publication time seen
	seq  int
	seen int

	docs    map[string]*doc
	queue   []*doc // arrival order, for eviction
	stories map[string]*story

	ids     map[string]uint32 // interned terms
	terms   []string          // ID → term
	df      []int32           // ID → online document frequency
	priorDF []int32           // ID → document frequency in the embedded prior
	nDocs   int
	entDF   map[int32]int
	// Per language: articles seen and, per entity, how many named it. The
	// gazetteer's prior counts Arabic news; an English outlet's home
	// country ("United Kingdom" for the BBC) shows up only here.
	langDocs  map[string]int
	langEntDF map[string]map[int32]int

	postings map[uint64]*posting // term ID, or entityKey
	buckets  map[uint64][]*doc
	exact    map[uint64]*doc

	topicVotes map[string]map[string]int // stem → display spelling votes
}

func newState(e *Engine) *state {
	return &state{
		e:          e,
		docs:       make(map[string]*doc),
		stories:    make(map[string]*story),
		ids:        make(map[string]uint32),
		entDF:      make(map[int32]int),
		langDocs:   make(map[string]int),
		langEntDF:  make(map[string]map[int32]int),
		postings:   make(map[uint64]*posting),
		buckets:    make(map[uint64][]*doc),
		exact:      make(map[uint64]*doc),
		topicVotes: make(map[string]map[string]int),
	}
}

const (
	vecTerms      = 60  // terms kept per article vector
	queryTerms    = 14  // top terms an article is indexed and queried under
	postingCap    = 256 // most recent articles kept per index key
	maxCandidates = 40  // articles scored in full per new article
	sweepEvery    = 4096
)

// termID interns a term. The stored string is a clone: terms are often
// substrings of an article body, which the vocabulary must not pin.
func (s *state) termID(t string) uint32 {
	if id, ok := s.ids[t]; ok {
		return id
	}
	id := uint32(len(s.terms))
	c := strings.Clone(t)
	s.ids[c] = id
	s.terms = append(s.terms, c)
	s.df = append(s.df, 0)
	s.priorDF = append(s.priorDF, int32(s.e.prior.df[t]))
	return id
}

// docFreq is a term's document frequency, online plus prior.
func (s *state) docFreq(id uint32) int {
	return int(s.df[id] + s.priorDF[id])
}

func (s *state) idf(id uint32) float64 {
	n := float64(s.nDocs + s.e.prior.docs)
	return math.Log((n + 1) / (float64(s.docFreq(id)) + 1))
}

// dfRatio is the share of documents containing the term.
func (s *state) dfRatio(id uint32) float64 {
	n := float64(s.nDocs + s.e.prior.docs)
	return float64(s.docFreq(id)) / (n + 1)
}

// entIDF is the rarity of an entity: its online document frequency plus its
// corpus mention count (embedded in the gazetteer) as a prior, so the
// country nearly every article names is not salient even on day one.
// homeEntity reports an entity named in so many of a language's articles
// (past a few hundred of them) that it is that press's home country or
// institution, not what any one article is about.
func (s *state) homeEntity(lang string, e *gazetteer.Entity) bool {
	n := s.langDocs[lang]
	return n >= minHomeDocs && float64(s.langEntDF[lang][e.ID]) > maxHomeShare*float64(n)
}

// Home-entity thresholds: the gazetteer prior uses 0.25 of Arabic news.
const (
	minHomeDocs  = 300
	maxHomeShare = 0.2
)

func (s *state) entIDF(e *gazetteer.Entity) float64 {
	n := float64(s.nDocs + s.e.prior.docs)
	df := float64(s.entDF[e.ID]) + 0.7*float64(e.Freq)
	return math.Log((n + 1) / (df + 1))
}

func (s *state) add(p *prepared, warm bool) Result {
	if old := s.docs[p.id]; old != nil && p.id != "" {
		if warm {
			return Result{}
		}
		return Result{Analyses: []news.Analysis{s.analysis(old)}}
	}
	s.seen++
	s.seq++
	if p.published.After(s.now) {
		s.now = p.published
	}
	s.evict()

	d := &doc{
		id: p.id, source: p.source, title: p.title, excerpt: p.excerpt, lang: p.lang,
		wire: p.wire, published: p.published, seq: s.seq,
		titleSet: p.titleSet, sig: p.sig, hasSig: p.hasSig, shingles: p.shingles, exact: p.exact,
	}
	// Document frequencies learn online, the new article included.
	s.nDocs++
	for _, t := range p.termList {
		s.df[s.termID(t)]++
	}
	s.langDocs[p.lang]++
	led := s.langEntDF[p.lang]
	if led == nil {
		led = make(map[int32]int)
		s.langEntDF[p.lang] = led
	}
	for _, m := range p.entities {
		led[m.entity.ID]++
		if m.plain == 0 {
			// Named only behind a preposition ("بجدة"): a hashtag signal,
			// kept out of the similarity features clustering was tuned on.
			continue
		}
		s.entDF[m.entity.ID]++
		d.ents = append(d.ents, m.entity.ID)
	}
	sort.Slice(d.ents, func(i, j int) bool { return d.ents[i] < d.ents[j] })
	d.vec = s.vector(p)

	var changed []*doc // older docs whose analysis changed
	root, reroot := s.findOriginal(d, p, warm)
	if root != nil {
		changed = append(changed, s.linkCopy(d, root, reroot)...)
	}
	s.indexDup(d)

	d.tags = s.hashtags(d, p)
	cands := s.candidates(d)
	var upd []news.StoryUpdate
	if root != nil && root.group() != d {
		upd = s.joinCopy(d, d.root, p.storyID)
	}
	if d.st == nil && !(d.root != nil && d.root.nCopies > s.e.cfg.MaxDuplicateGroup) {
		upd = s.cluster(d, cands, p.storyID)
	}
	s.index(d)
	s.docs[d.id] = d
	s.queue = append(s.queue, d)
	if s.seen%sweepEvery == 0 {
		s.sweep()
	}
	if warm {
		s.relate(d, cands, 0)
		return Result{}
	}
	changed = append(changed, s.relate(d, cands, s.e.cfg.MaxUpdated)...)
	res := Result{Analyses: []news.Analysis{s.analysis(d)}, Stories: upd}
	seen := map[*doc]bool{d: true}
	for _, c := range changed {
		if !seen[c] && !c.dead {
			seen[c] = true
			res.Analyses = append(res.Analyses, s.analysis(c))
		}
	}
	return res
}

// vector is the article's TF-IDF vector: log-scaled term weights times IDF,
// the top vecTerms kept, L2-normalised, sorted by term for merge joins.
func (s *state) vector(p *prepared) []tw {
	v := make([]tw, 0, len(p.tf))
	for _, t := range p.termList {
		id := s.ids[t]
		v = append(v, tw{id, (1 + math.Log(p.tf[t])) * s.idf(id)})
	}
	sort.Slice(v, func(i, j int) bool {
		if v[i].w != v[j].w {
			return v[i].w > v[j].w
		}
		return v[i].t < v[j].t
	})
	if len(v) > vecTerms {
		v = v[:vecTerms]
	}
	var n float64
	for _, x := range v {
		n += x.w * x.w
	}
	n = math.Sqrt(n)
	if n > 0 {
		for i := range v {
			v[i].w /= n
		}
	}
	sort.Slice(v, func(i, j int) bool { return v[i].t < v[j].t })
	return v
}

func cosine(a, b []tw) float64 {
	var sum float64
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].t == b[j].t:
			sum += a[i].w * b[j].w
			i++
			j++
		case a[i].t < b[j].t:
			i++
		default:
			j++
		}
	}
	return sum
}

// topTerms returns the n heaviest terms of a vector.
func topTerms(v []tw, n int) []tw {
	c := append([]tw(nil), v...)
	sort.Slice(c, func(i, j int) bool {
		if c[i].w != c[j].w {
			return c[i].w > c[j].w
		}
		return c[i].t < c[j].t
	})
	if len(c) > n {
		c = c[:n]
	}
	return c
}

func entityKey(id int32) uint64 {
	return 1<<32 | uint64(uint32(id))
}

// index posts the article under its top terms and entities.
func (s *state) index(d *doc) {
	for _, x := range topTerms(d.vec, queryTerms) {
		s.post(uint64(x.t), d, x.w)
	}
	for _, id := range d.ents {
		s.post(entityKey(id), d, entityWeight)
	}
}

const entityWeight = 0.12

func (s *state) post(key uint64, d *doc, w float64) {
	p := s.postings[key]
	if p == nil {
		p = &posting{}
		s.postings[key] = p
	}
	if len(p.docs) >= postingCap {
		// Keep the newest: drop the oldest quarter in one copy.
		k := postingCap / 4
		p.docs = append(p.docs[:0], p.docs[k:]...)
		p.ws = append(p.ws[:0], p.ws[k:]...)
	}
	p.docs = append(p.docs, d)
	p.ws = append(p.ws, w)
	d.keys = append(d.keys, key)
}

type cand struct {
	d     *doc
	acc   float64
	score float64 // full pair score, set by scorePair
}

// candidates finds the window's articles sharing heavy terms or entities
// with d, by accumulating posting weights, and scores the best in full.
func (s *state) candidates(d *doc) []cand {
	acc := map[*doc]float64{}
	for _, x := range topTerms(d.vec, queryTerms) {
		if p := s.postings[uint64(x.t)]; p != nil {
			for i, o := range p.docs {
				if !o.dead {
					acc[o] += x.w * p.ws[i]
				}
			}
		}
	}
	for _, id := range d.ents {
		if p := s.postings[entityKey(id)]; p != nil && len(p.docs) < postingCap {
			// Entities in nearly every article (the country itself) carry
			// no evidence; their full postings are skipped.
			for _, o := range p.docs {
				if !o.dead {
					acc[o] += entityWeight * entityWeight
				}
			}
		}
	}
	cs := make([]cand, 0, len(acc))
	for o, a := range acc {
		if o != d {
			cs = append(cs, cand{d: o, acc: a})
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].acc != cs[j].acc {
			return cs[i].acc > cs[j].acc
		}
		return cs[i].d.seq > cs[j].d.seq
	})
	if len(cs) > maxCandidates {
		cs = cs[:maxCandidates]
	}
	for i := range cs {
		cs[i].score = s.pairScore(d, cs[i].d)
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].score != cs[j].score {
			return cs[i].score > cs[j].score
		}
		return cs[i].d.seq > cs[j].d.seq
	})
	return cs
}

// pairScore is the evidence that two articles report the same event:
// text similarity, title overlap and shared entities, discounted by the
// time between them.
func (s *state) pairScore(a, b *doc) float64 {
	cos := cosine(a.vec, b.vec)
	title := overlap(a.titleSet, b.titleSet)
	ent := overlapIDs(a.ents, b.ents)
	sc := weightCos*cos + weightTitle*title + weightEnt*ent
	gap := a.published.Sub(b.published).Hours()
	if gap < 0 {
		gap = -gap
	}
	return sc / (1 + gap/timeScaleHours)
}

// Similarity weights, tuned on the labelled pairs in testdata.
var (
	weightCos      = 0.60
	weightTitle    = 0.25
	weightEnt      = 0.15
	timeScaleHours = 48.0
)

// overlap is |a∩b| / min(|a|,|b|) over sorted string sets, 0 when either has
// fewer than two members (one shared word proves nothing).
func overlap(a, b []string) float64 {
	if len(a) < 2 || len(b) < 2 {
		return 0
	}
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	m := len(a)
	if len(b) < m {
		m = len(b)
	}
	return float64(n) / float64(m)
}

func overlapIDs(a, b []int32) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	m := len(a)
	if len(b) < m {
		m = len(b)
	}
	return float64(n) / float64(m)
}

func sharedIDs(a, b []int32) []int32 {
	var out []int32
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			out = append(out, a[i])
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return out
}

// evict drops articles older than the window from every index. Arrival
// order approximates publication order, so the queue is consumed from the
// front; postings and buckets shed dead entries lazily and in sweeps.
func (s *state) evict() {
	cutoff := s.now.Add(-s.e.cfg.Window)
	k := 0
	for k < len(s.queue) && s.queue[k].published.Before(cutoff) {
		d := s.queue[k]
		d.dead = true
		delete(s.docs, d.id)
		if s.exact[d.exact] == d {
			delete(s.exact, d.exact)
		}
		d.related = nil
		d.copies = nil
		k++
	}
	if k > 0 {
		s.queue = append(s.queue[:0], s.queue[k:]...)
	}
	if s.seen%256 == 0 {
		for id, st := range s.stories {
			if st.last.Before(cutoff) {
				delete(s.stories, id)
			}
		}
	}
}

// sweep compacts postings and LSH buckets, dropping evicted articles, so
// memory stays proportional to the window.
func (s *state) sweep() {
	for k, p := range s.postings {
		w := 0
		for i, d := range p.docs {
			if !d.dead {
				p.docs[w], p.ws[w] = d, p.ws[i]
				w++
			}
		}
		if w == 0 {
			delete(s.postings, k)
			continue
		}
		p.docs, p.ws = p.docs[:w], p.ws[:w]
	}
	for k, b := range s.buckets {
		w := 0
		for _, d := range b {
			if !d.dead {
				b[w] = d
				w++
			}
		}
		if w == 0 {
			delete(s.buckets, k)
			continue
		}
		s.buckets[k] = b[:w]
	}
	for stem, votes := range s.topicVotes {
		if len(votes) == 0 {
			delete(s.topicVotes, stem)
		}
	}
}
