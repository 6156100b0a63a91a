// Command gen regenerates the embedded gazetteer (internal/gazetteer/entities.tsv)
// and the document-frequency prior of the newsroom (internal/story/dfprior.tsv)
// from the shared research data:
//
//	go run ./internal/gazetteer/gen [-newsfane DIR] [-corpus DIR]
//
// Entities come from NewsFANE Gold (50 fine-grained classes grouped into
// person / place / organisation / other) plus the curated list; they are kept
// when the SaudiNewsNet corpus mentions them often enough, and displayed in
// the corpus' most frequent spelling. Single-word NewsFANE names that the
// annotators often left untagged (ordinary words that are sometimes names)
// are dropped, because a gazetteer hit must be trustworthy enough to become
// a hashtag.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/gazetteer"
	"github.com/nashra/nashra/internal/textar"
)

func main() {
	newsfane := flag.String("newsfane", "", "NewsFANE directory (default: located under ../shared/data)")
	snn := flag.String("corpus", "", "SaudiNewsNet directory (default: located under ../shared/data)")
	out := flag.String("out", ".", "repository root to write into")
	minFreq := flag.Int("min-freq", 4, "minimum corpus mentions for a NewsFANE entity")
	minDF := flag.Int("min-df", 6, "minimum document frequency for a term of the DF prior")
	flag.Parse()
	if err := run(*newsfane, *snn, *out, *minFreq, *minDF); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(newsfaneFlag, snnFlag, out string, minFreq, minDF int) error {
	nfDir, err := corpus.Locate("newsfane", newsfaneFlag)
	if err != nil {
		return err
	}
	snnDir, err := corpus.Locate("saudinewsnet", snnFlag)
	if err != nil {
		return err
	}
	cands, err := readNewsFANE(filepath.Join(nfDir, "NewsFANE_Gold_2014_170K.txt"))
	if err != nil {
		return err
	}
	recs, err := corpus.ReadDir(snnDir)
	if err != nil {
		return err
	}
	ents := candidates(cands)
	g, err := gazetteer.Parse(strings.NewReader(render(ents)))
	if err != nil {
		return fmt.Errorf("candidate gazetteer: %w", err)
	}
	counts := countMentions(g, recs, ents)
	var kept []*entry
	for i, e := range ents {
		c := counts[i]
		e.freq = c.freq
		if best := c.bestSurface(); best != "" && !e.curated {
			e.spellings = append([]string{best}, e.spellings...)
		}
		if e.curated || e.freq >= minFreq {
			kept = append(kept, e)
		}
	}
	// Curated entries first (they own contested spellings), then by salience.
	sort.SliceStable(kept, func(i, j int) bool {
		if kept[i].curated != kept[j].curated {
			return kept[i].curated
		}
		return kept[i].freq > kept[j].freq
	})
	if err := os.WriteFile(filepath.Join(out, "internal/gazetteer/entities.tsv"), []byte(render(kept)), 0o644); err != nil {
		return fmt.Errorf("write entities: %w", err)
	}
	df, n := documentFrequencies(recs, minDF)
	if err := writeDF(filepath.Join(out, "internal/story/dfprior.tsv"), df, n, minDF); err != nil {
		return err
	}
	fmt.Printf("gen: %d entities (%d NewsFANE candidates), %d prior terms over %d documents\n", len(kept), len(cands), len(df), n)
	return nil
}

// entry is a gazetteer entity being built.
type entry struct {
	kind      string
	lang      string
	spellings []string // first is canonical
	freq      int
	curated   bool
}

// render writes entries in the gazetteer file format, in order, so entity
// IDs of a parsed candidate file line up with ents.
func render(ents []*entry) string {
	var b strings.Builder
	b.WriteString("# nashra entity gazetteer. Derived from NewsFANE Gold (F. Alotaibi & M. Lee, COLING 2014), licensed CC BY-SA 3.0;\n")
	b.WriteString("# corpus frequencies from SaudiNewsNet (2015); curated additions. Regenerate: go run ./internal/gazetteer/gen\n")
	b.WriteString("# kind\tlang\tfreq\tcanonical\tvariants\n")
	for _, e := range ents {
		seen := map[string]bool{}
		var vars []string
		for _, s := range e.spellings[1:] {
			if s != e.spellings[0] && !seen[s] {
				seen[s] = true
				vars = append(vars, s)
			}
		}
		fmt.Fprintf(&b, "%s\t%s\t%d\t%s", e.kind, e.lang, e.freq, e.spellings[0])
		if len(vars) > 0 {
			b.WriteString("\t" + strings.Join(vars, "|"))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

type nfEntity struct {
	surface string
	classes map[string]int
	// For single words: how often the word starts or ends a longer person
	// span. Surnames (بوش) end spans, given names (محمد) start them; only
	// surnames identify someone on their own.
	asFirst, asLast int
}

// readNewsFANE collects the gold entity spans with their class votes, and the
// tagging ratio of every single token (tagged / all occurrences).
func readNewsFANE(path string) (map[string]*nfEntity, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("newsfane: %w", err)
	}
	defer f.Close()
	ents := map[string]*nfEntity{}
	tokAll := map[string]int{}
	tokTagged := map[string]int{}
	var cur []string
	curClass := ""
	flush := func() {
		if len(cur) == 0 {
			return
		}
		s := strings.Join(cur, " ")
		e := ents[s]
		if e == nil {
			e = &nfEntity{surface: s, classes: map[string]int{}}
			ents[s] = e
		}
		e.classes[curClass]++
		cur = cur[:0]
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		tok, tag, ok := strings.Cut(line, "\t")
		if !ok {
			flush()
			continue
		}
		tok = strings.TrimSpace(strings.ReplaceAll(strings.TrimPrefix(tok, "\ufeff"), "\u200e", ""))
		tag = strings.TrimSpace(tag)
		norm := textar.Normalize(tok)
		tokAll[norm]++
		switch {
		case strings.HasPrefix(tag, "B-"):
			flush()
			cur = append(cur, tok)
			curClass = tag[2:]
			tokTagged[norm]++
		case strings.HasPrefix(tag, "I-") && len(cur) > 0:
			cur = append(cur, tok)
			tokTagged[norm]++
		default:
			flush()
		}
	}
	flush()
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("newsfane: %w", err)
	}
	for s, e := range ents {
		if !strings.Contains(s, " ") || coarse[e.majority()] != "person" {
			continue
		}
		f := strings.Fields(s)
		if x := ents[f[0]]; x != nil {
			x.asFirst += e.classes[e.majority()]
		}
		if x := ents[f[len(f)-1]]; x != nil {
			x.asLast += e.classes[e.majority()]
		}
	}
	for s, e := range ents {
		if strings.Contains(s, " ") {
			continue
		}
		kind := coarse[e.majority()]
		if kind == "person" && e.asLast <= e.asFirst {
			delete(ents, s) // a given name: names nobody in particular
			continue
		}
		if kind == "org" && strings.HasPrefix(textar.Normalize(s), "ال") {
			delete(ents, s) // الشباب، الاتحاد، القاعدة: ordinary words first
			continue
		}
		if ambiguous[textar.Normalize(s)] {
			delete(ents, s)
			continue
		}
		n := textar.Normalize(s)
		if tokAll[n] > 0 && float64(tokTagged[n])/float64(tokAll[n]) < 0.6 {
			delete(ents, s)
		}
	}
	return ents, nil
}

func (e *nfEntity) majority() string {
	best, n := "", 0
	for cl, c := range e.classes {
		if c > n || (c == n && cl < best) {
			best, n = cl, c
		}
	}
	return best
}

// ambiguous are single words NewsFANE tags as names that are far more often
// ordinary words in news text.
var ambiguous = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("مشهد عليا جيل النبي الحسين مبارك سعيد فارس رضا طلال الامل الوطن النور السلام الحياه الشروق الاخبار المستقبل العربيه الرياضيه الصباح الحرس الدوله") {
		m[w] = true
	}
	return m
}()

// coarse groups NewsFANE's fine classes (ACE-style taxonomy).
var coarse = map[string]string{
	"Politician": "person", "Athlete": "person", "Artist": "person", "Other_PER": "person",
	"Religious_PER": "person", "Scientist": "person", "Businessperson": "person", "Lawyer": "person",
	"Engineer": "person", "Police": "person",
	"Nation": "place", "Population-Center": "place", "State-or-Province": "place", "GPE-Cluster": "place",
	"Continent": "place", "County-or-District": "place", "Water-Body": "place", "Land": "place",
	"Land-Region-Natural": "place", "Building-Grounds": "place", "Airport": "place", "Path": "place",
	"Subarea-Facility": "place",
	"Non-Governmental": "org", "Government": "org", "Media": "org", "Sports": "org", "Commercial": "org",
	"Educational": "org", "Medical-Science": "org", "Entertainment": "org", "Religious_ORG": "org",
}

func candidates(nf map[string]*nfEntity) []*entry {
	var ents []*entry
	taken := map[string]bool{}
	for _, c := range curated {
		ents = append(ents, &entry{kind: c.kind, lang: c.lang, spellings: c.spelling, curated: true})
		for _, s := range c.spelling {
			taken[keyOf(s)] = true
		}
	}
	names := make([]string, 0, len(nf))
	for s := range nf {
		names = append(names, s)
	}
	sort.Strings(names)
	// Group NewsFANE surfaces by dictionary key so "للامم المتحده" and
	// "الامم المتحده" become one entity.
	byKey := map[string]*entry{}
	for _, s := range names {
		e := nf[s]
		k := keyOf(s)
		if k == "" || taken[k] || !plausibleName(s) || cliticForm(s, nf) {
			continue
		}
		kind, best := "other", 0
		for cl, n := range e.classes {
			if n > best || (n == best && coarse[cl] < kind) {
				kind, best = coarse[cl], n
				if kind == "" {
					kind = "other"
				}
			}
		}
		if x := byKey[k]; x != nil {
			x.spellings = append(x.spellings, s)
			continue
		}
		x := &entry{kind: kind, lang: "ar", spellings: []string{s}}
		byKey[k] = x
		ents = append(ents, x)
	}
	return ents
}

func keyOf(s string) string {
	var keys []string
	for _, t := range textar.Tokenize(s) {
		keys = append(keys, gazetteer.Key(t.Norm))
	}
	return strings.Join(keys, " ")
}

// plausibleName rejects spans that cannot be a useful entity: punctuation,
// digits, stop words and one- or two-letter tokens.
func plausibleName(s string) bool {
	toks := textar.Tokenize(s)
	if len(toks) == 0 || len(toks) > 6 {
		return false
	}
	for _, t := range toks {
		if t.Kind != textar.Word && t.Kind != textar.Latin {
			return false
		}
	}
	if len(toks) == 1 {
		n := toks[0].Norm
		if textar.IsStopWord(n) || len([]rune(gazetteer.Key(n))) < 3 {
			return false
		}
	}
	return true
}

type mentionCount struct {
	freq     int
	surfaces map[string]int
}

func (c *mentionCount) bestSurface() string {
	best, n := "", 0
	for s, k := range c.surfaces {
		if k > n || (k == n && s < best) {
			best, n = s, k
		}
	}
	return best
}

// countMentions counts each candidate's mentions in the corpus and the
// spellings used when it appears without a leading clitic.
func countMentions(g *gazetteer.Gazetteer, recs []corpus.Record, ents []*entry) []mentionCount {
	counts := make([]mentionCount, len(ents))
	for _, r := range recs {
		text := r.Title + "\n" + r.Content
		toks := textar.Tokenize(text)
		norms := make([]string, len(toks))
		for i, t := range toks {
			norms[i] = t.Norm
		}
		for _, m := range g.MatchTokens(norms) {
			c := &counts[m.Entity.ID]
			c.freq++
			first := norms[m.Start]
			k := gazetteer.Key(first)
			if first != k && first != "ال"+k {
				continue // a clitic precedes the name: not a display spelling
			}
			if c.surfaces == nil {
				c.surfaces = map[string]int{}
			}
			c.surfaces[text[toks[m.Start].Start:toks[m.End-1].End]]++
		}
	}
	return counts
}

// cliticForm reports a span whose first word carries a conjunction or
// preposition ("وكاليفورنيا") when the bare form is itself annotated.
func cliticForm(s string, nf map[string]*nfEntity) bool {
	for _, p := range []string{"و", "ب", "ل", "ف"} {
		if rest, ok := strings.CutPrefix(s, p); ok && nf[rest] != nil {
			return true
		}
	}
	return false
}
