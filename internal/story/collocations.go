package story

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/nashra/nashra/internal/gazetteer"
	"github.com/nashra/nashra/internal/textar"
)

//go:embed collocations.tsv
var collocationsFile string

// colloc is a phrase the corpus uses as a unit ("سوق العمل", "أسعار
// النفط", "مواقع التواصل الاجتماعي"), learnt offline by MineCollocations.
type colloc struct {
	display string   // the corpus' usual spelling, words joined by '_'
	rest    []string // the stems after the first two
	df      int      // articles using it
	df2     int      // articles using it at least twice
	tdf     int      // articles with it in the headline
}

// adaptation is the share of the articles using the phrase that use it
// again: high for topics ("أسعار النفط" 0.5), low for phrases any article
// may drop once ("سبيل المثال" 0.1).
func (c *colloc) adaptation() float64 {
	if c.df == 0 {
		return 0
	}
	return float64(c.df2) / float64(c.df)
}

// collocPrior indexes phrases by their first two stems; the miner keeps
// one phrase per such pair (the longest the corpus supports).
type collocPrior map[string]map[string]*colloc

func (cp collocPrior) lookup(a, b string) *colloc {
	if m := cp[a]; m != nil {
		return m[b]
	}
	return nil
}

var (
	collocOnce sync.Once
	collocVal  collocPrior
)

func loadCollocations() collocPrior {
	collocOnce.Do(func() {
		p, err := parseCollocations(strings.NewReader(collocationsFile))
		if err != nil {
			// Generated, embedded and tested: a failure is a broken build.
			panic(err)
		}
		collocVal = p
	})
	return collocVal
}

// parseCollocations reads "stems<TAB>display<TAB>df<TAB>df2<TAB>tdf<TAB>g2"
// lines; '#' lines are comments.
func parseCollocations(r io.Reader) (collocPrior, error) {
	cp := collocPrior{}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) != 6 {
			return nil, fmt.Errorf("story: collocations line %d: want 6 fields, got %d", line, len(f))
		}
		stems := strings.Fields(f[0])
		if len(stems) < 2 || len(stems) > maxPhraseWords || len(strings.Split(f[1], "_")) != len(stems) {
			return nil, fmt.Errorf("story: collocations line %d: %q and %q disagree on the number of words", line, f[0], f[1])
		}
		df, err1 := strconv.Atoi(f[2])
		df2, err2 := strconv.Atoi(f[3])
		tdf, err3 := strconv.Atoi(f[4])
		if err1 != nil || err2 != nil || err3 != nil || df <= 0 || df2 < 0 || df2 > df || tdf < 0 || tdf > df {
			return nil, fmt.Errorf("story: collocations line %d: bad counts %q %q %q", line, f[2], f[3], f[4])
		}
		c := &colloc{display: f[1], df: df, df2: df2, tdf: tdf, rest: stems[2:]}
		m := cp[stems[0]]
		if m == nil {
			m = map[string]*colloc{}
			cp[stems[0]] = m
		}
		m[stems[1]] = c
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("story: collocations line %d: %w", line+1, err)
	}
	return cp, nil
}

// articleColloc is a known collocation as one article uses it.
type articleColloc struct {
	*colloc
	key     string   // stems joined by spaces
	stems   []string // its stems
	count   int      // uses in title and body
	inTitle bool
}

// findCollocations counts the known collocations of a title and body.
func findCollocations(cp collocPrior, title string, titleTerms []textar.Term, body string, bodyTerms []textar.Term) []articleColloc {
	var out []articleColloc
	idx := map[*colloc]int{}
	scan := func(terms []textar.Term, text string, inTitle bool) {
		for j := 1; j < len(terms); j++ {
			c := cp.lookup(terms[j-1].Stem, terms[j].Stem)
			if c == nil {
				continue
			}
			if !followedBy(terms, text, j, c.rest) {
				continue
			}
			if _, ok := pairShape(terms, text, j); !ok {
				continue
			}
			i, ok := idx[c]
			if !ok {
				stems := append([]string{terms[j-1].Stem, terms[j].Stem}, c.rest...)
				i = len(out)
				idx[c] = i
				out = append(out, articleColloc{colloc: c, key: strings.Join(stems, " "), stems: stems})
			}
			out[i].count++
			out[i].inTitle = out[i].inTitle || inTitle
		}
	}
	scan(titleTerms, title, true)
	scan(bodyTerms, body, false)
	return out
}

// followedBy reports whether terms[j] is followed, with only space
// between, by words of the given stems.
func followedBy(terms []textar.Term, text string, j int, rest []string) bool {
	if j+len(rest) >= len(terms) {
		return len(rest) == 0
	}
	for k, st := range rest {
		m := j + 1 + k
		if terms[m].Stem != st || strings.TrimSpace(text[terms[m-1].End:terms[m].Start]) != "" {
			return false
		}
	}
	return true
}

// minAdaptation is the least adaptation (see colloc.adaptation) of a
// collocation that may become a hashtag: below it a phrase is used in
// passing, whatever the article.
const minAdaptation = 0.15

// collocCands ranks the known collocations an article uses twice (title
// included), for the fill-up tier: in the regular tiers they proved no
// more precise than the lists they would lengthen. Only
// phrases that headlines of the corpus use are taken (in 1% of their
// articles at least): a phrase headlines do not carry ("بقية القطاعات",
// "وسائل الإعلام") is a way of speaking, not a subject. Institution names are the exception:
// headlines shorten "الهيئة العامة للسياحة والتراث الوطني" to «السياحة»,
// and their head noun marks them as names.
func (s *state) collocCands(p *prepared) []tagCand {
	var out []tagCand
	for _, c := range p.tagPrep.colls {
		if !c.taggable() || s.adminPlace(c.display) {
			continue
		}
		if c.count < 2 {
			continue
		}
		out = append(out, tagCand{c.display, boolf(c.inTitle) + 0.4*math.Log2(1+float64(c.count)) + c.adaptation(), c.stems})
	}
	sortCands(out)
	return out
}

// taggable reports whether the phrase may be a hashtag in any article; the
// miner writes only these.
func (c *colloc) taggable() bool {
	head, _, _ := strings.Cut(c.display, "_")
	hn := strings.TrimPrefix(textar.Normalize(head), "ال")
	if c.adaptation() < minAdaptation || roleHeads[hn] || lightHeads[hn] || genericPhrase(c.display) {
		return false
	}
	return headNouns[hn] || c.tdf*100 >= c.df
}

// adminPlace reports a phrase that is an administrative word before a
// known place ("منطقة_الباحة", "محافظة_الطائف"): the place says it.
func (s *state) adminPlace(display string) bool {
	head, rest, ok := strings.Cut(display, "_")
	if !ok || !adminHeads[textar.Normalize(head)] {
		return false
	}
	e, known := s.e.gaz.Lookup(strings.ReplaceAll(rest, "_", " "))
	return known && e.Kind == gazetteer.Place
}

// roleHeads begin an office, not a topic ("وزير_الدولة", "رئيس_الاتحاد"):
// the person or the institution is the hashtag.
var roleHeads = normSet(`وزير|رئيس|نائب|مدير|أمين|محافظ|سفير|مساعد|وكيل|أمير|عضو|متحدث|مستشار|قائد|مدرب`)

// lightHeads are nouns of place, amount or rank that head a phrase without
// naming anything ("داخل_الأراضي_اليمنية", "مستوى_الخدمات", "أبرز_المعالم").
var lightHeads = normSet(`داخل|خارج|مستوى|بقية|حجم|عدد|نسبة|جميع|كافة|معظم|أغلب|بعض|أبرز|أهم|أكبر|أكثر|أفضل|مختلف|سائر|إطار|ضمن|نحو|حول|أمام|جانب|قيمة|إجمالي|استمرار|مجموعة|عدة|نوع|أنواع|شتى|كل|غالبية|مدى|طول|مطلع|نهاية|بداية|أول|آخر`)

var adminHeads = normSet(`منطقة|محافظة|مدينة|مملكة|دولة|جمهورية|إمارة|ولاية|عاصمة|مقاطعة|بلدة|قرية|مركز|حي`)
