package story

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestExplainHashtags replays the corpus and, for chosen articles, prints
// every hashtag candidate of every tier with its score and the raw signals
// behind it (entity counts, top terms with their tf and corpus share, body
// phrases, headline names), to see why an article got few tags. It runs
// only with NASHRA_EXPLAIN_TAGS set: to a comma-separated list of URLs, or
// to "few:K" for every K-th substantial article that got fewer than
// minTags.
func TestExplainHashtags(t *testing.T) {
	arg := os.Getenv("NASHRA_EXPLAIN_TAGS")
	if arg == "" {
		t.Skip("set NASHRA_EXPLAIN_TAGS=url,url or few:K to explain hashtags")
	}
	recs := loadCorpus(t)
	want := map[string]bool{}
	every := 0
	if k, ok := strings.CutPrefix(arg, "few:"); ok {
		fmt.Sscan(k, &every)
	} else {
		for _, u := range strings.Split(arg, ",") {
			want[strings.TrimSpace(u)] = true
		}
	}
	e := New(Config{})
	few := 0
	Replay(e, recs, 0, func(i int, r Result) {
		r0 := &recs[i]
		if len(r.Analyses) == 0 {
			return
		}
		tags := r.Analyses[0].Hashtags
		switch {
		case want[r0.URL]:
		case every > 0 && len(tags) < minTags && len(strings.Fields(r0.Content)) >= minCoverageWords:
			few++
			if few%every != 0 {
				return
			}
		default:
			return
		}
		s := e.state
		d := s.docs[r.Analyses[0].ArticleID]
		if d == nil {
			return
		}
		p := e.prepare(ArticleFromRecord(r0))
		fmt.Printf("== %s\n   %s\n   tags %q\n", r0.URL, r0.Title, tags)
		body := []rune(strings.Join(strings.Fields(r0.Content), " "))
		fmt.Printf("   body %s\n", string(body[:min(len(body), 400)]))
		for _, m := range p.entities {
			fmt.Printf("   ent %s kind=%d count=%d title=%v lead=%v freq=%d idf=%.2f\n", m.entity.Name, m.entity.Kind, m.count, m.inTitle, p.tagPrep.leadEnts[m.entity.ID], m.entity.Freq, s.entIDF(m.entity))
		}
		for _, x := range topTerms(d.vec, 12) {
			stem := s.terms[x.t]
			fmt.Printf("   term %s w=%.2f tf=%.0f df=%.4f surf=%s title=%v\n", stem, x.w, p.tf[stem], s.dfRatio(x.t), p.surfaces[stem], contains(d.titleSet, stem))
		}
		for _, ph := range p.tagPrep.phrases {
			fmt.Printf("   bodyphrase %s count=%d head=%v first=%d\n", ph.display, ph.count, ph.head, ph.first)
		}
		for _, b := range p.bigrams {
			fmt.Printf("   titlebigram %s count=%d definite=%v\n", b.display, b.count, b.definite)
		}
		for _, n := range p.tagPrep.names {
			fmt.Printf("   titlename %s count=%d quoted=%v\n", n.display, n.count, n.quoted)
		}
		for _, c := range s.entityCands(d, p, false) {
			fmt.Printf("   C-ent %s %.2f\n", c.tag, c.score)
		}
		for _, c := range s.phraseCands(p, false) {
			fmt.Printf("   C-phrase %s %.2f\n", c.tag, c.score)
		}
		for _, c := range s.nameCands(p) {
			fmt.Printf("   C-name %s %.2f\n", c.tag, c.score)
		}
		for _, c := range s.collocCands(p) {
			fmt.Printf("   C-colloc(relaxed) %s %.2f\n", c.tag, c.score)
		}
		for _, c := range p.tagPrep.colls {
			fmt.Printf("   colloc %s count=%d title=%v df=%d a=%.2f tdf=%d\n", c.display, c.count, c.inTitle, c.df, c.adaptation(), c.tdf)
		}
		for _, c := range s.topicCands(d, p, false) {
			fmt.Printf("   C-topic %s %.2f\n", c.tag, c.score)
		}
		for _, c := range s.entityCands(d, p, true) {
			fmt.Printf("   R-ent %s %.2f\n", c.tag, c.score)
		}
		for _, c := range s.phraseCands(p, true) {
			fmt.Printf("   R-phrase %s %.2f\n", c.tag, c.score)
		}
		for _, c := range s.nameCands(p) {
			fmt.Printf("   R-name %s %.2f\n", c.tag, c.score)
		}
		for _, c := range s.topicCands(d, p, true) {
			fmt.Printf("   R-topic %s %.2f\n", c.tag, c.score)
		}
	})
}
