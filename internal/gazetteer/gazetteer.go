// Package gazetteer recognises named entities (people, places,
// organisations) in news text by longest match over normalised tokens.
//
// The embedded list is derived from the NewsFANE Gold corpus (Alotaibi &
// Lee 2014, CC BY-SA 3.0), re-ranked and re-spelled by frequency in the
// SaudiNewsNet corpus, plus a curated list of names frequent in Gulf news;
// `go run ./internal/gazetteer/gen` regenerates it. Variant spellings
// (hamza forms, ة/ه, ى/ي, the ال article, known variants like ترمب/ترامب)
// all resolve to one canonical entity, so hashtags and "shared entity"
// explanations do not split one person into three.
package gazetteer

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/nashra/nashra/internal/textar"
)

// Kind is the coarse class of an entity.
type Kind uint8

const (
	Other Kind = iota
	Person
	Place
	Organisation
	// Event is a named event or topic (an operation, a holiday, a
	// programme): curated only, since NewsFANE does not annotate events.
	Event
)

var kindNames = [...]string{"other", "person", "place", "org", "event"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "other"
}

// ParseKind maps a kind name ("person", "place", "org", "other") to a Kind.
func ParseKind(s string) (Kind, bool) {
	for i, n := range kindNames {
		if n == s {
			return Kind(i), true
		}
	}
	return Other, false
}

// Entity is one canonical entity.
type Entity struct {
	ID   int32
	Name string // canonical display spelling, e.g. "محمد بن سلمان"
	Kind Kind
	Freq int    // occurrences in the reference corpus; a salience prior
	Lang string // "ar" or "en"
}

// Hashtag returns the display form of the entity as a hashtag without '#':
// words joined by '_', e.g. "محمد_بن_سلمان".
func (e *Entity) Hashtag() string {
	return strings.Join(strings.Fields(e.Name), "_")
}

// Match is an entity found in a token sequence; Start and End are token
// indices (End exclusive).
type Match struct {
	Entity     *Entity
	Start, End int
	// Prep: the first token carries a preposition ("بجدة"), a weaker
	// signal that callers may count apart.
	Prep bool
}

// Gazetteer is an immutable entity dictionary with a token trie. It is safe
// for concurrent use.
type Gazetteer struct {
	entities []Entity
	root     *node
	byName   map[string]int32 // normalised joined key of every variant → entity
}

type node struct {
	next   map[string]*node
	entity int32 // -1 when no entity ends here
}

func newNode() *node { return &node{entity: -1} }

//go:embed entities.tsv
var embedded string

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
)

// Default returns the embedded gazetteer, parsed once.
func Default() *Gazetteer {
	defaultOnce.Do(func() {
		g, err := Parse(strings.NewReader(embedded))
		if err != nil {
			// The embedded file is generated and tested; failing here means
			// the build shipped a corrupt file, which no caller can recover from.
			panic("gazetteer: embedded entities.tsv: " + err.Error())
		}
		defaultGaz = g
	})
	return defaultGaz
}

// Len returns the number of entities.
func (g *Gazetteer) Len() int { return len(g.entities) }

// Entity returns the entity with the given ID.
func (g *Gazetteer) Entity(id int32) *Entity {
	if id < 0 || int(id) >= len(g.entities) {
		return nil
	}
	return &g.entities[id]
}

// Lookup finds the entity a name (any listed spelling) refers to.
func (g *Gazetteer) Lookup(name string) (*Entity, bool) {
	id, ok := g.byName[joinKeys(name)]
	if !ok {
		return nil, false
	}
	return &g.entities[id], true
}

func joinKeys(name string) string {
	toks := textar.Tokenize(name)
	keys := make([]string, 0, len(toks))
	for _, t := range toks {
		if k := Key(t.Norm); k != "" {
			keys = append(keys, k)
		}
	}
	return strings.Join(keys, " ")
}

// add inserts a spelling of entity id into the trie.
func (g *Gazetteer) add(spelling string, id int32) {
	toks := textar.Tokenize(spelling)
	if len(toks) == 0 || (len(toks) == 1 && textar.IsStopWord(toks[0].Norm)) {
		return // a one-word spelling that is a stop word would match everywhere
	}
	n := g.root
	keys := make([]string, 0, len(toks))
	for _, t := range toks {
		k := Key(t.Norm)
		if k == "" {
			continue
		}
		keys = append(keys, k)
		c := n.next[k]
		if c == nil {
			c = newNode()
			if n.next == nil {
				n.next = make(map[string]*node, 1)
			}
			n.next[k] = c
		}
		n = c
	}
	if n == g.root {
		return
	}
	// First spelling wins: a later, less frequent entity with a colliding
	// spelling must not steal a well-known name.
	if n.entity < 0 {
		n.entity = id
	}
	if _, ok := g.byName[strings.Join(keys, " ")]; !ok {
		g.byName[strings.Join(keys, " ")] = id
	}
}

// MatchTokens finds entities in a sequence of normalised tokens
// (textar.Token.Norm), leftmost-longest, non-overlapping. Names written
// behind a preposition ("بجدة", "لداعش") are found too, marked Prep, in
// the gaps the names as written leave: the matches without Prep are
// exactly those of a matcher that ignores prepositions.
func (g *Gazetteer) MatchTokens(norms []string) []Match {
	var out []Match
	keys := make([]string, len(norms))
	for i, t := range norms {
		keys[i] = Key(t)
	}
	// longest returns the longest entity whose first token has key first
	// at i, ending at or before limit.
	longest := func(i, limit int, first string, prep bool) (int32, int) {
		best, bestEnd := int32(-1), 0
		n := g.root.next[first]
		for j := i; n != nil && j < limit; {
			if n.entity >= 0 && (!prep || prepositionKinds[g.entities[n.entity].Kind]) {
				best, bestEnd = n.entity, j+1
			}
			j++
			if j >= limit || n.next == nil {
				break
			}
			n = n.next[keys[j]]
		}
		return best, bestEnd
	}
	for i := 0; i < len(norms); {
		best, bestEnd := int32(-1), 0
		ks, nk := firstKeys(norms[i], keys[i])
		for _, first := range ks[:nk] {
			if first.prep {
				continue
			}
			if e, end := longest(i, len(norms), first.key, false); e >= 0 && end > bestEnd {
				best, bestEnd = e, end
			}
		}
		if best >= 0 {
			out = append(out, Match{Entity: &g.entities[best], Start: i, End: bestEnd})
			i = bestEnd
			continue
		}
		i++
	}
	// Second pass: prepositions, in the gaps between plain matches.
	var gaps []Match
	next := 0 // index into out of the next plain match
	for i := 0; i < len(norms); {
		for next < len(out) && out[next].End <= i {
			next++
		}
		limit := len(norms)
		if next < len(out) {
			if out[next].Start <= i {
				i = out[next].End
				continue
			}
			limit = out[next].Start
		}
		best, bestEnd := int32(-1), 0
		ks, nk := firstKeys(norms[i], keys[i])
		for _, first := range ks[:nk] {
			if !first.prep {
				continue
			}
			if e, end := longest(i, limit, first.key, true); e >= 0 && end > bestEnd {
				best, bestEnd = e, end
			}
		}
		if best >= 0 {
			gaps = append(gaps, Match{Entity: &g.entities[best], Start: i, End: bestEnd, Prep: true})
			i = bestEnd
			continue
		}
		i++
	}
	if len(gaps) == 0 {
		return out
	}
	merged := make([]Match, 0, len(out)+len(gaps))
	a, b := 0, 0
	for a < len(out) || b < len(gaps) {
		if b == len(gaps) || a < len(out) && out[a].Start < gaps[b].Start {
			merged = append(merged, out[a])
			a++
		} else {
			merged = append(merged, gaps[b])
			b++
		}
	}
	return merged
}

type firstKey struct {
	key  string
	prep bool // a preposition ب/ل was stripped to get key
}

// prepositionKinds may be matched through a leading preposition: "بجدة",
// "لداعش", "بمكة المكرمة" are the place or group itself, while a person's
// or a common word's name behind ب/ل is more often another word ("لصالح"
// in favour of, "بريم", "بكين" Beijing).
var prepositionKinds = map[Kind]bool{Place: true, Organisation: true, Event: true}

// prepositionWords are ordinary words that a ب/ل prefix would otherwise turn
// into a place or club ("بيان" statement → يان, "بليون" billion → ليون).
var prepositionWords = map[string]bool{"بيان": true, "وبيان": true, "بليون": true, "لهجر": true}

// firstKeys returns the keys an entity's first token may have: its own key,
// the key without a leading conjunction و/ف ("وإيران" → "ايران"), which
// Key cannot strip on its own because many names start with و (واشنطن),
// and the key without a preposition ب/ل, conjunction allowed before it
// ("بجده", "ولمصر"), which Key keeps because names start with them too
// (لبنان، بريطانيا): the trie decides, since a stripped form only matches
// when it is itself a listed name.
func firstKeys(norm, key string) (ks [3]firstKey, n int) {
	if key == "" {
		return ks, 0
	}
	ks[0], n = firstKey{key: key}, 1
	rest := norm
	if len(norm) > 6 && (strings.HasPrefix(norm, "و") || strings.HasPrefix(norm, "ف")) {
		rest = norm[len("و"):]
		if k2 := Key(rest); k2 != "" && k2 != key {
			ks[n], n = firstKey{key: k2}, n+1
		}
	}
	// ≥ 3 Arabic letters after the preposition: "بمصر", "لعدن".
	if len(rest) >= 8 && (strings.HasPrefix(rest, "ب") || strings.HasPrefix(rest, "ل")) && !strings.HasPrefix(rest, "ال") && !prepositionWords[norm] {
		if k3 := Key(rest[len("ب"):]); k3 != "" && k3 != key {
			ks[n], n = firstKey{key: k3, prep: true}, n+1
		}
	}
	return ks, n
}

// Key folds a normalised token to its dictionary key: a clitic before the
// definite article folds into the article, so "للأمم", "والأمم", "بالأمم" and
// "الأمم" share a key. The article itself stays: "العند" (a place) must not
// match the preposition "عند". Bare one-letter prefixes (ب، ل) are kept too:
// stripping them would break names like لبنان.
func Key(norm string) string {
	for _, p := range articlePrefixes {
		if strings.HasPrefix(norm, p) && len(norm)-len(p) >= 4 { // ≥ 2 Arabic letters left
			return "ال" + norm[len(p):]
		}
	}
	return norm
}

var articlePrefixes = []string{"وبال", "وال", "فال", "بال", "كال", "ولل", "لل"}
