// Command labelgen builds the candidate lists a human judges for the
// newsroom evaluation, and turns the judgments into the JSONL files the
// evaluation test reads (internal/story/testdata/eval/*.jsonl).
//
//	go run ./internal/story/eval/labelgen -mode pairs > /tmp/pairs.txt   # print candidates
//	go run ./internal/story/eval/labelgen -mode pairs -judgments j.txt -out testdata/eval/pairs.jsonl
//
// Candidates are chosen independently of the engine: for a seed article,
// same-window articles ranked by plain TF-IDF cosine of title+lede (likely
// positives), plus articles sharing a gazetteer entity with low cosine (hard
// negatives). Wire-copy candidates are body pairs from different outlets
// with shingle Jaccard spread over 0.15..1.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/gazetteer"
	"github.com/nashra/nashra/internal/textar"
)

func main() {
	mode := flag.String("mode", "pairs", "pairs, wire or tags")
	judg := flag.String("judgments", "", "judgment file to convert (else print candidates)")
	out := flag.String("out", "", "JSONL output when converting")
	flag.Parse()
	dir, err := corpus.Locate("saudinewsnet", "")
	if err != nil {
		fail(err)
	}
	recs, err := corpus.ReadDir(dir)
	if err != nil {
		fail(err)
	}
	docs := analyse(recs)
	var groups []group
	switch *mode {
	case "pairs":
		groups = pairGroups(docs)
	case "wire":
		groups = wireGroups(docs)
	case "tags":
		groups = tagGroups(docs)
	default:
		fail(fmt.Errorf("unknown mode %q", *mode))
	}
	if *judg == "" {
		printGroups(groups, *mode)
		return
	}
	if err := convert(groups, *mode, *judg, *out); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "labelgen:", err)
	os.Exit(1)
}

type doc struct {
	i      int
	rec    *corpus.Record
	vec    map[string]float64
	ents   map[int32]bool
	shing  map[uint64]bool
	lede   string
	bodyTk []string
}

func analyse(recs []corpus.Record) []*doc {
	g := gazetteer.Default()
	docs := make([]*doc, len(recs))
	df := map[string]int{}
	for i := range recs {
		r := &recs[i]
		body := r.Content
		if len(body) > 3000 {
			body = body[:strings.LastIndex(body[:3000], " ")+1]
		}
		d := &doc{i: i, rec: r, vec: map[string]float64{}, ents: map[int32]bool{}, shing: map[uint64]bool{}}
		lede := body
		if len(lede) > 600 {
			lede = lede[:strings.LastIndex(lede[:600], " ")+1]
		}
		d.lede = strings.Join(strings.Fields(lede), " ")
		for _, t := range textar.Analyze(r.Title, "ar") {
			d.vec[t] += 2
		}
		for _, t := range textar.Analyze(lede, "ar") {
			d.vec[t]++
		}
		for t := range d.vec {
			df[t]++
		}
		var norms []string
		for _, t := range textar.Tokenize(r.Title + " . " + lede) {
			norms = append(norms, t.Norm)
		}
		for _, m := range g.MatchTokens(norms) {
			if m.Entity.Freq < 3000 { // skip the ubiquitous (السعودية، الرياض)
				d.ents[m.Entity.ID] = true
			}
		}
		var bt []string
		for _, t := range textar.Tokenize(r.Content) {
			bt = append(bt, t.Norm)
		}
		for k := 0; k+5 <= len(bt); k++ {
			d.shing[textar.Hash64(strings.Join(bt[k:k+5], " "))] = true
		}
		docs[i] = d
	}
	n := float64(len(recs))
	for _, d := range docs {
		var norm float64
		for t, f := range d.vec {
			w := (1 + math.Log(f)) * math.Log(n/float64(df[t]))
			d.vec[t] = w
			norm += w * w
		}
		norm = math.Sqrt(norm)
		for t := range d.vec {
			d.vec[t] /= norm
		}
	}
	return docs
}

func cos(a, b map[string]float64) float64 {
	if len(b) < len(a) {
		a, b = b, a
	}
	s := 0.0
	for t, w := range a {
		s += w * b[t]
	}
	return s
}

func jaccard(a, b map[uint64]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if len(b) < len(a) {
		a, b = b, a
	}
	n := 0
	for h := range a {
		if b[h] {
			n++
		}
	}
	return float64(n) / float64(len(a)+len(b)-n)
}

type group struct {
	seed  *doc
	cands []*doc
	score []float64
}

const window = 48 * time.Hour

// pairGroups picks 45 seeds spread over the corpus and, for each, 4 likely
// positives and 3 hard negatives from the ±48h window.
func pairGroups(docs []*doc) []group {
	rng := rand.New(rand.NewPCG(2015, 7))
	var groups []group
	used := map[int]bool{}
	for len(groups) < 45 {
		s := docs[rng.IntN(len(docs))]
		if used[s.i] || len(s.lede) < 200 || len(s.ents) == 0 {
			continue
		}
		type sc struct {
			d *doc
			c float64
		}
		var sim, hard []sc
		for _, o := range docs {
			if o == s || o.rec.Source == s.rec.Source || absDur(o.rec.Date.Sub(s.rec.Date)) > window || len(o.lede) < 100 {
				continue
			}
			c := cos(s.vec, o.vec)
			shared := false
			for e := range s.ents {
				if o.ents[e] {
					shared = true
					break
				}
			}
			if c > 0.2 {
				sim = append(sim, sc{o, c})
			} else if shared && c > 0.05 {
				hard = append(hard, sc{o, c})
			}
		}
		if len(sim) < 2 {
			continue
		}
		sort.Slice(sim, func(i, j int) bool { return sim[i].c > sim[j].c })
		sort.Slice(hard, func(i, j int) bool { return hard[i].c > hard[j].c })
		g := group{seed: s}
		seen := map[string]bool{s.rec.Title: true}
		for _, x := range sim {
			if len(g.cands) == 4 {
				break
			}
			if seen[x.d.rec.Title] {
				continue
			}
			seen[x.d.rec.Title] = true
			g.cands, g.score = append(g.cands, x.d), append(g.score, x.c)
		}
		for _, x := range hard {
			if len(g.cands) == 7 {
				break
			}
			if seen[x.d.rec.Title] {
				continue
			}
			seen[x.d.rec.Title] = true
			g.cands, g.score = append(g.cands, x.d), append(g.score, x.c)
		}
		used[s.i] = true
		groups = append(groups, g)
	}
	sort.Slice(groups, func(i, j int) bool { return groups[i].seed.i < groups[j].seed.i })
	return groups
}

// wireGroups pairs bodies from different outlets by shingle Jaccard, over a
// spread of Jaccard levels, one candidate per group.
func wireGroups(docs []*doc) []group {
	byDay := map[string][]*doc{}
	for _, d := range docs {
		if len(d.shing) >= 20 {
			k := d.rec.Date.Format("2006-01-02")
			byDay[k] = append(byDay[k], d)
		}
	}
	days := make([]string, 0, len(byDay))
	for k := range byDay {
		days = append(days, k)
	}
	sort.Strings(days)
	bins := []struct{ lo, hi float64 }{{0.8, 1.01}, {0.5, 0.8}, {0.3, 0.5}, {0.15, 0.3}}
	per := []int{15, 20, 20, 15}
	got := make([]int, len(bins))
	var groups []group
	rng := rand.New(rand.NewPCG(2015, 8))
	for _, day := range days {
		ds := byDay[day]
		// Inverted index on a sample of shingles keeps this fast.
		idx := map[uint64][]*doc{}
		for _, d := range ds {
			n := 0
			for h := range d.shing {
				if h%8 == 0 {
					idx[h] = append(idx[h], d)
					n++
				}
			}
		}
		seen := map[[2]int]bool{}
		var pairs []group
		for _, d := range ds {
			for h := range d.shing {
				if h%8 != 0 {
					continue
				}
				for _, o := range idx[h] {
					if o.i <= d.i || o.rec.Source == d.rec.Source || seen[[2]int{d.i, o.i}] {
						continue
					}
					seen[[2]int{d.i, o.i}] = true
					j := jaccard(d.shing, o.shing)
					if j >= 0.15 {
						pairs = append(pairs, group{seed: d, cands: []*doc{o}, score: []float64{j}})
					}
				}
			}
		}
		sort.Slice(pairs, func(i, j int) bool {
			if pairs[i].seed.i != pairs[j].seed.i {
				return pairs[i].seed.i < pairs[j].seed.i
			}
			return pairs[i].cands[0].i < pairs[j].cands[0].i
		})
		rng.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
		for _, p := range pairs {
			for b, bin := range bins {
				if p.score[0] >= bin.lo && p.score[0] < bin.hi && got[b] < per[b] && got[b] < (per[b]*(indexOf(days, day)+1))/len(days)+2 {
					got[b]++
					groups = append(groups, p)
				}
			}
		}
	}
	return groups
}

func indexOf(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}

// tagGroups samples articles for hashtag judgments.
func tagGroups(docs []*doc) []group {
	rng := rand.New(rand.NewPCG(2015, 9))
	var groups []group
	used := map[int]bool{}
	for len(groups) < 60 {
		d := docs[rng.IntN(len(docs))]
		if used[d.i] || len(d.lede) < 200 {
			continue
		}
		used[d.i] = true
		groups = append(groups, group{seed: d})
	}
	return groups
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

func short(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func printGroups(groups []group, mode string) {
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for gi, g := range groups {
		s := g.seed.rec
		switch mode {
		case "tags":
			fmt.Fprintf(w, "T%d [%s] %s\n    %s\n", gi, s.Source, s.Title, short(g.seed.lede, 320))
		case "wire":
			o := g.cands[0].rec
			fmt.Fprintf(w, "W%d J=%.2f C=%.2f\n  A [%s %s] %s | %s\n  B [%s %s] %s | %s\n", gi, g.score[0], containment(g.seed.shing, g.cands[0].shing),
				s.Source, s.Date.Format("01-02 15:04"), s.Title, short(g.seed.lede, 140),
				o.Source, o.Date.Format("01-02 15:04"), o.Title, short(g.cands[0].lede, 140))
		default:
			fmt.Fprintf(w, "S%d [%s %s] %s | %s\n", gi, s.Source, s.Date.Format("01-02 15:04"), s.Title, short(g.seed.lede, 160))
			for ci, c := range g.cands {
				fmt.Fprintf(w, "  %d (%.2f) [%s %s] %s | %s\n", ci, g.score[ci], c.rec.Source, c.rec.Date.Format("01-02 15:04"), c.rec.Title, short(c.lede, 110))
			}
		}
	}
}

// Judgment file formats (one line per group, '#' comments):
//
//	pairs: S<k> <labels, one 0/1 per candidate> | note
//	wire:  W<k> <0/1> | note
//	tags:  T<k> essential tags (comma-separated) | acceptable extras
type pairLine struct {
	A     string `json:"a"`
	B     string `json:"b"`
	Label int    `json:"label"`
	Kind  string `json:"kind,omitempty"` // "seed-similar" or "hard-negative" candidate
	Note  string `json:"note"`
}

type tagLine struct {
	URL        string   `json:"url"`
	Title      string   `json:"title"`
	Essential  []string `json:"essential"`
	Acceptable []string `json:"acceptable"`
}

func convert(groups []group, mode, judgPath, outPath string) error {
	data, err := os.ReadFile(judgPath)
	if err != nil {
		return err
	}
	var lines []any
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		head, note, _ := strings.Cut(line, "|")
		note = strings.TrimSpace(note)
		f := strings.Fields(head)
		if len(f) < 1 {
			return fmt.Errorf("line %d: empty", n+1)
		}
		var k int
		if _, err := fmt.Sscanf(f[0][1:], "%d", &k); err != nil || k < 0 || k >= len(groups) {
			return fmt.Errorf("line %d: bad group %q", n+1, f[0])
		}
		g := groups[k]
		switch mode {
		case "pairs":
			labels := strings.Join(f[1:], "")
			if len(labels) != len(g.cands) {
				return fmt.Errorf("line %d: %d labels for %d candidates", n+1, len(labels), len(g.cands))
			}
			for ci, c := range g.cands {
				kind := "seed-similar"
				if ci >= 4 || g.score[ci] <= 0.2 {
					kind = "hard-negative"
				}
				lines = append(lines, pairLine{A: g.seed.rec.URL, B: c.rec.URL, Label: int(labels[ci] - '0'), Kind: kind, Note: note})
			}
		case "wire":
			if len(f) != 2 {
				return fmt.Errorf("line %d: want W<k> <0/1>", n+1)
			}
			lines = append(lines, pairLine{A: g.seed.rec.URL, B: g.cands[0].rec.URL, Label: int(f[1][0] - '0'), Kind: fmt.Sprintf("jaccard=%.2f", g.score[0]), Note: note})
		case "tags":
			ess := splitTags(strings.Join(f[1:], " "))
			lines = append(lines, tagLine{URL: g.seed.rec.URL, Title: g.seed.rec.Title, Essential: ess, Acceptable: splitTags(note)})
		}
	}
	var b strings.Builder
	for _, l := range lines {
		j, err := json.Marshal(l)
		if err != nil {
			return err
		}
		b.Write(j)
		b.WriteByte('\n')
	}
	return os.WriteFile(outPath, []byte(b.String()), 0o644)
}

func splitTags(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t), "#")); t != "" {
			out = append(out, strings.ReplaceAll(t, " ", "_"))
		}
	}
	return out
}

// containment is the share of the smaller shingle set found in the larger.
func containment(a, b map[uint64]bool) float64 {
	if len(b) < len(a) {
		a, b = b, a
	}
	if len(a) == 0 {
		return 0
	}
	n := 0
	for h := range a {
		if b[h] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}
