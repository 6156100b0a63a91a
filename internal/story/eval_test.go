package story

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/gazetteer"
	"github.com/nashra/nashra/internal/textar"
)

// The evaluation replays SaudiNewsNet through the engine in arrival order
// and scores it against the hand-labelled sets in testdata/eval (built with
// internal/story/eval/labelgen from the judgments in eval/judgments):
// same-story pairs, wire-copy pairs, expected hashtags, and judged related
// articles. It prints every figure and asserts the targets reached.

type evalPair struct {
	A, B  string
	Label int
	Kind  string
	Note  string
}

type evalTags struct {
	URL        string
	Title      string
	Essential  []string
	Acceptable []string
}

func readJSONL[T any](t *testing.T, name string) []T {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "eval", name))
	if err != nil {
		t.Fatalf("eval set: %v", err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		var x T
		if err := json.Unmarshal(sc.Bytes(), &x); err != nil {
			t.Fatalf("eval set %s: %v", name, err)
		}
		out = append(out, x)
	}
	return out
}

// replayState is the final derived state of every article after a replay.
type replayState struct {
	byURL    map[string]string // URL → article ID
	story    map[string]string // article → story (as last emitted)
	merged   map[string]string // story → story it merged into
	dupOf    map[string]string
	wire     map[string]string
	tags     map[string][]string
	tiers    map[string][]string // article → the hashtag tier of each tag
	related  map[string][]string // article → related IDs (final list)
	titles   map[string]string
	elapsed  time.Duration
	articles int
}

func (r *replayState) storyOf(id string) string {
	s := r.story[id]
	for i := 0; i < 1000 && r.merged[s] != ""; i++ {
		s = r.merged[s]
	}
	return s
}

func (r *replayState) groupOf(id string) string {
	for i := 0; i < 100 && r.dupOf[id] != ""; i++ {
		id = r.dupOf[id]
	}
	return id
}

func replayForEval(recs []corpus.Record, cfg Config) *replayState {
	st := &replayState{
		byURL: map[string]string{}, story: map[string]string{}, merged: map[string]string{},
		dupOf: map[string]string{}, wire: map[string]string{}, tags: map[string][]string{},
		related: map[string][]string{}, titles: map[string]string{}, tiers: map[string][]string{},
	}
	tagTrace = func(id string, _, tiers []string) { st.tiers[id] = append([]string(nil), tiers...) }
	defer func() { tagTrace = nil }()
	for i := range recs {
		id := ArticleFromRecord(&recs[i]).ID
		st.byURL[recs[i].URL] = id
		st.titles[id] = recs[i].Title
	}
	start := time.Now()
	e := New(cfg)
	Replay(e, recs, 0, func(i int, r Result) {
		st.articles++
		for _, a := range r.Analyses {
			st.story[a.ArticleID] = a.StoryID
			st.dupOf[a.ArticleID] = a.DuplicateOf
			st.wire[a.ArticleID] = a.WireAgency
			st.tags[a.ArticleID] = a.Hashtags
			ids := make([]string, len(a.Related))
			for k, rel := range a.Related {
				ids[k] = rel.ArticleID
			}
			st.related[a.ArticleID] = ids
		}
		for _, u := range r.Stories {
			if u.MergedInto != "" {
				st.merged[u.Story.ID] = u.MergedInto
			}
		}
	})
	st.elapsed = time.Since(start)
	return st
}

type prf struct{ tp, fp, fn int }

func (c prf) p() float64  { return ratio(c.tp, c.tp+c.fp) }
func (c prf) r() float64  { return ratio(c.tp, c.tp+c.fn) }
func (c prf) f1() float64 { return f1(c.p(), c.r()) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func TestEvaluation(t *testing.T) {
	recs := loadCorpus(t)
	st := replayForEval(recs, Config{})
	t.Logf("replayed %d articles in %s (%.0f articles/s)", st.articles, st.elapsed.Round(time.Millisecond), float64(st.articles)/st.elapsed.Seconds())

	pairs := readJSONL[evalPair](t, "pairs.jsonl")
	cl, bp, br := clusteringScores(t, st, pairs)
	t.Logf("clustering: %d labelled pairs (%d same-story): pairwise P=%.3f R=%.3f F1=%.3f; B-cubed P=%.3f R=%.3f F1=%.3f",
		len(pairs), cl.tp+cl.fn, cl.p(), cl.r(), cl.f1(), bp, br, f1(bp, br))

	wire := readJSONL[evalPair](t, "wire.jsonl")
	w := wireScores(t, st, wire)
	t.Logf("near-copies: %d labelled pairs (%d copies): P=%.3f R=%.3f F1=%.3f", len(wire), w.tp+w.fn, w.p(), w.r(), w.f1())
	nDup, nWire := 0, 0
	for _, d := range st.dupOf {
		if d != "" {
			nDup++
		}
	}
	for _, a := range st.wire {
		if a != "" {
			nWire++
		}
	}
	t.Logf("corpus: %d articles marked DuplicateOf, %d credit a wire agency", nDup, nWire)

	// tags.jsonl was labelled from title and lede only, so correct tags
	// drawn from further into the body count as errors there; it is kept
	// for history. hashtags.jsonl and tags_opening.jsonl (the same 60
	// articles as tags.jsonl, relabelled blind) were labelled from the
	// title and the first ~900 characters of the body, and are scored
	// together as the full-opening set.
	ledeTags := readJSONL[evalTags](t, "tags.jsonl")
	hp, hr, avg := hashtagScores(t, st, ledeTags)
	t.Logf("hashtags (tags.jsonl, title+lede labels): %d articles: precision=%.3f recall(essential)=%.3f, %.1f tags/article", len(ledeTags), hp, hr, avg)
	openTags := readJSONL[evalTags](t, "hashtags.jsonl")
	p, r, a := hashtagScores(t, st, openTags)
	t.Logf("hashtags (hashtags.jsonl, full-opening labels): %d articles: precision=%.3f recall(essential)=%.3f, %.1f tags/article", len(openTags), p, r, a)
	relabelled := readJSONL[evalTags](t, "tags_opening.jsonl")
	p, r, a = hashtagScores(t, st, relabelled)
	t.Logf("hashtags (tags_opening.jsonl, full-opening labels): %d articles: precision=%.3f recall(essential)=%.3f, %.1f tags/article", len(relabelled), p, r, a)
	openTags = append(openTags, relabelled...)
	fp, fr, favg := hashtagScores(t, st, openTags)
	t.Logf("hashtags (all full-opening labels): %d articles: precision=%.3f recall(essential)=%.3f, %.1f tags/article", len(openTags), fp, fr, favg)
	t.Logf("hashtags by tier (all full-opening labels): %s", tierPrecision(st, openTags))
	medTags, hist, nCov := hashtagCoverage(recs, st)
	t.Logf("hashtag coverage: %d corpus articles of >=%d words: median %.1f tags; distribution%s", nCov, minCoverageWords, medTags, formatHist(hist, nCov))

	if path := os.Getenv("NASHRA_EVAL_DUMP_RELATED"); path != "" {
		dumpRelated(t, st, pairs, path)
	}
	rel := readJSONL[evalPair](t, "related.jsonl")
	p5, judged, total := relatedP5(st, pairs, rel)
	t.Logf("related: P@5=%.3f over %d judged of %d listed (sample: the pair-set seeds)", p5, judged, total)

	purity, clustered, n, bbc := bbcPurity(t)
	if n > 0 {
		t.Logf("BBC sanity: %d English articles, %.1f%% in multi-article stories, purity %.3f", n, 100*clustered, purity)
		bbcTags := readJSONL[evalTags](t, "hashtags_bbc.jsonl")
		p, r, a := bbcHashtagScores(t, bbc, bbcTags)
		t.Logf("hashtags (BBC English labels): %d articles: precision=%.3f recall(essential)=%.3f, %.1f tags/article", len(bbcTags), p, r, a)
	}

	if b := f1(bp, br); b < 0.85 {
		t.Errorf("clustering B-cubed F1 = %.3f, target 0.85", b)
	}
	// Precision is asserted on the full-opening labels, whose labellers saw
	// the body as well as the title; the title+lede labels keep a floor
	// that still catches a collapse.
	if fp < 0.8 {
		t.Errorf("hashtag precision (all full-opening labels) = %.3f, target 0.8", fp)
	}
	if hp < 0.6 {
		t.Errorf("hashtag precision (title+lede labels) = %.3f, floor 0.6", hp)
	}
	if nCov > 0 && medTags < 3 {
		t.Errorf("median hashtags per article = %.1f, target 3", medTags)
	}
	if judged >= 50 && p5 < 0.8 {
		t.Errorf("related P@5 = %.3f, target 0.8", p5)
	}
	if w.p() < 0.9 || w.r() < 0.8 {
		t.Errorf("near-copy P=%.3f R=%.3f, want ≥0.9/≥0.8", w.p(), w.r())
	}
}

func clusteringScores(t *testing.T, st *replayState, pairs []evalPair) (prf, float64, float64) {
	var c prf
	// Gold clusters: connected components of positive pairs.
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		if parent[x] == "" || parent[x] == x {
			parent[x] = x
			return x
		}
		r := find(parent[x])
		parent[x] = r
		return r
	}
	items := map[string]bool{}
	for _, p := range pairs {
		a, b := st.byURL[p.A], st.byURL[p.B]
		if a == "" || b == "" {
			t.Fatalf("labelled URL not in corpus: %s / %s", p.A, p.B)
		}
		items[a], items[b] = true, true
		same := st.storyOf(a) != "" && st.storyOf(a) == st.storyOf(b)
		switch {
		case p.Label == 1 && same:
			c.tp++
		case p.Label == 1:
			c.fn++
			if testing.Verbose() && os.Getenv("NASHRA_EVAL_ERRORS") != "" {
				t.Logf("  missed: %s  ||  %s", st.titles[a], st.titles[b])
			}
		case same:
			c.fp++
			if testing.Verbose() && os.Getenv("NASHRA_EVAL_ERRORS") != "" {
				t.Logf("  wrong:  %s  ||  %s", st.titles[a], st.titles[b])
			}
		}
		if p.Label == 1 {
			parent[find(a)] = find(b)
		}
	}
	gold := map[string][]string{}
	pred := map[string][]string{}
	ids := make([]string, 0, len(items))
	for id := range items {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		gold[find(id)] = append(gold[find(id)], id)
		s := st.storyOf(id)
		if s == "" {
			s = "solo:" + id
		}
		pred[s] = append(pred[s], id)
	}
	goldOf, predOf := map[string]string{}, map[string]string{}
	for g, m := range gold {
		for _, id := range m {
			goldOf[id] = g
		}
	}
	for p, m := range pred {
		for _, id := range m {
			predOf[id] = p
		}
	}
	var sp, sr float64
	for _, id := range ids {
		pm, gm := pred[predOf[id]], gold[goldOf[id]]
		inter := 0
		for _, x := range pm {
			if goldOf[x] == goldOf[id] {
				inter++
			}
		}
		sp += float64(inter) / float64(len(pm))
		sr += float64(inter) / float64(len(gm))
	}
	n := float64(len(ids))
	return c, sp / n, sr / n
}

func wireScores(t *testing.T, st *replayState, pairs []evalPair) prf {
	var c prf
	for _, p := range pairs {
		a, b := st.byURL[p.A], st.byURL[p.B]
		same := st.groupOf(a) == st.groupOf(b)
		switch {
		case p.Label == 1 && same:
			c.tp++
		case p.Label == 1:
			c.fn++
			if os.Getenv("NASHRA_EVAL_ERRORS") != "" {
				t.Logf("  copy missed (%s): %s || %s", p.Kind, st.titles[a], st.titles[b])
			}
		case same:
			c.fp++
			if os.Getenv("NASHRA_EVAL_ERRORS") != "" {
				t.Logf("  false copy (%s): %s || %s", p.Kind, st.titles[a], st.titles[b])
			}
		}
	}
	return c
}

// tagKey compares hashtags across spelling variants: each word normalised,
// clitics folded and the article dropped.
func tagKey(tag string) string {
	parts := strings.Split(tag, "_")
	for i, p := range parts {
		n := gazetteer.Key(textar.Normalize(p))
		if strings.HasPrefix(n, "ال") && len(n) > 6 {
			n = n[len("ال"):]
		}
		parts[i] = n
	}
	return strings.Join(parts, " ")
}

func tagMatches(g *gazetteer.Gazetteer, tag string, gold []string) bool {
	k := tagKey(tag)
	e1, ok1 := g.Lookup(strings.ReplaceAll(tag, "_", " "))
	for _, x := range gold {
		if tagKey(x) == k {
			return true
		}
		if ok1 {
			if e2, ok2 := g.Lookup(strings.ReplaceAll(x, "_", " ")); ok2 && e2.ID == e1.ID {
				return true
			}
		}
	}
	return false
}

func hashtagScores(t *testing.T, st *replayState, sets []evalTags) (float64, float64, float64) {
	g := gazetteer.Default()
	var good, predicted, found, essential int
	for _, s := range sets {
		id := st.byURL[s.URL]
		pred := st.tags[id]
		all := append(append([]string{}, s.Essential...), s.Acceptable...)
		var bad []string
		for _, p := range pred {
			predicted++
			if tagMatches(g, p, all) {
				good++
			} else {
				bad = append(bad, p)
			}
		}
		for _, e := range s.Essential {
			essential++
			if tagMatches(g, e, pred) {
				found++
			}
		}
		if os.Getenv("NASHRA_EVAL_ERRORS") != "" && len(bad) > 0 {
			t.Logf("  tags %q: predicted %q, not expected %q", s.Title, pred, bad)
		}
	}
	return ratio(good, predicted), ratio(found, essential), float64(predicted) / float64(len(sets))
}

// tierPrecision breaks the labelled hashtags' precision down by the tier
// that chose each tag: "tier good/predicted".
func tierPrecision(st *replayState, sets []evalTags) string {
	g := gazetteer.Default()
	good, n := map[string]int{}, map[string]int{}
	var names []string
	for _, s := range sets {
		id := st.byURL[s.URL]
		all := append(append([]string{}, s.Essential...), s.Acceptable...)
		for i, p := range st.tags[id] {
			tier := "?"
			if i < len(st.tiers[id]) {
				tier = st.tiers[id][i]
			}
			if n[tier] == 0 {
				names = append(names, tier)
			}
			n[tier]++
			if tagMatches(g, p, all) {
				good[tier]++
			}
		}
	}
	sort.Strings(names)
	var b strings.Builder
	for _, x := range names {
		fmt.Fprintf(&b, " %s %d/%d", x, good[x], n[x])
	}
	return b.String()
}

// relatedP5 scores the top five related articles of the pair-set seeds
// against the judged related pairs; unjudged entries are left out and
// counted.
func relatedP5(st *replayState, pairs []evalPair, judged []evalPair) (float64, int, int) {
	label := map[[2]string]int{}
	for _, j := range judged {
		label[[2]string{st.byURL[j.A], st.byURL[j.B]}] = j.Label + 1
	}
	seen := map[string]bool{}
	good, n, total := 0, 0, 0
	for _, p := range pairs {
		a := st.byURL[p.A]
		if seen[a] {
			continue
		}
		seen[a] = true
		rel := st.related[a]
		if len(rel) > 5 {
			rel = rel[:5]
		}
		for _, b := range rel {
			total++
			if l := label[[2]string{a, b}]; l > 0 {
				n++
				good += l - 1
			}
		}
	}
	return ratio(good, n), n, total
}

// bbcPurity clusters the BBC folder (five topics, no dates: shuffled and
// spaced five minutes apart so topics interleave inside the window) and
// measures how topic-pure the multi-article stories are. It returns the
// replay too, so the English hashtag labels are scored on the same run.
func bbcPurity(t *testing.T) (purity, clustered float64, n int, st *replayState) {
	dir, err := corpus.Locate("bbc-news", "")
	if errors.Is(err, corpus.ErrNotFound) {
		t.Logf("BBC corpus not found: %v", err)
		return 0, 0, 0, nil
	}
	if err != nil {
		t.Fatal(err)
	}
	recs, err := corpus.ReadBBC(dir, time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 5))
	rng.Shuffle(len(recs), func(i, j int) { recs[i], recs[j] = recs[j], recs[i] })
	base := time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC)
	cat := map[string]string{}
	for i := range recs {
		recs[i].Date = base.Add(time.Duration(i) * 5 * time.Minute)
		recs[i].Language = "en"
		cat[ArticleFromRecord(&recs[i]).ID] = recs[i].Category
	}
	st = replayForEval(recs, Config{})
	members := map[string][]string{}
	for id := range cat {
		if s := st.storyOf(id); s != "" {
			members[s] = append(members[s], id)
		}
	}
	inMulti, majority := 0, 0
	for _, m := range members {
		if len(m) < 2 {
			continue
		}
		counts := map[string]int{}
		best := 0
		for _, id := range m {
			counts[cat[id]]++
			best = max(best, counts[cat[id]])
		}
		inMulti += len(m)
		majority += best
	}
	if os.Getenv("NASHRA_EVAL_ERRORS") != "" {
		t.Logf("  BBC: %d multi-article stories", countMulti(members))
	}
	return ratio(majority, inMulti), ratio(inMulti, len(recs)), len(recs), st
}

func countMulti(m map[string][]string) int {
	n := 0
	for _, v := range m {
		if len(v) > 1 {
			n++
		}
	}
	return n
}

// dumpRelated writes the top five related articles of each pair-set seed,
// for a human to judge into testdata/eval/related.jsonl.
func dumpRelated(t *testing.T, st *replayState, pairs []evalPair, path string) {
	urlOf := map[string]string{}
	for u, id := range st.byURL {
		urlOf[id] = u
	}
	var b strings.Builder
	seen := map[string]bool{}
	for _, p := range pairs {
		a := st.byURL[p.A]
		if seen[a] {
			continue
		}
		seen[a] = true
		fmt.Fprintf(&b, "R %s\t%s\n", p.A, st.titles[a])
		rel := st.related[a]
		if len(rel) > 5 {
			rel = rel[:5]
		}
		for _, r := range rel {
			fmt.Fprintf(&b, "  %s\t%s\n", urlOf[r], st.titles[r])
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
