package story

import (
	"math"
	"sort"
	"strings"

	"github.com/nashra/nashra/internal/news"
)

// Related lists: the best articles of the window for a reader of d, outside
// d's own duplicate group (one entry per group), from its story first and
// then from other stories sharing entities or key terms, weighted by how
// close in time they are. Each entry carries a reason built from what the
// two articles share.
var (
	sameStoryBonus = 0.35
	minRelated     = 0.12 // pair evidence needed outside the story
	minRelatedCos  = 0.20 // text similarity needed outside the story
)

type relCand struct {
	d         *doc
	score     float64
	sameStory bool
}

// relate computes d's related list and inserts d into the lists of up to
// maxUpdate older articles for which it ranks in the top, returning them.
func (s *state) relate(d *doc, cands []cand, maxUpdate int) []*doc {
	dst := storyOf(d)
	pool := map[*doc]float64{}
	for _, c := range cands {
		pool[c.d] = c.score
	}
	if dst != nil {
		for i := len(dst.members) - 1; i >= 0 && i >= len(dst.members)-3*s.e.cfg.MaxRelated; i-- {
			m := dst.members[i]
			if _, ok := pool[m]; !ok && m != d && !m.dead {
				pool[m] = s.pairScore(d, m)
			}
		}
	}
	byGroup := map[*doc]relCand{}
	for o, sc := range pool {
		if o == d || o.dead || o.group() == d.group() {
			continue
		}
		same := dst != nil && storyOf(o) == dst
		// Outside the story, the texts themselves must be alike: sharing
		// only a place or a country ("الباحة", "الهند") relates nothing.
		if !same && (sc < minRelated || cosine(d.vec, o.vec) < minRelatedCos) {
			continue
		}
		total := sc
		if same {
			total += sameStoryBonus
		}
		g := o.group()
		if prev, ok := byGroup[g]; ok && (prev.score > total || (prev.score == total && prev.d.seq < o.seq)) {
			continue
		}
		byGroup[g] = relCand{o, total, same}
	}
	rs := make([]relCand, 0, len(byGroup))
	for _, r := range byGroup {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool {
		if rs[i].score != rs[j].score {
			return rs[i].score > rs[j].score
		}
		return rs[i].d.seq > rs[j].d.seq
	})
	if len(rs) > s.e.cfg.MaxRelated {
		rs = rs[:s.e.cfg.MaxRelated]
	}
	d.related = d.related[:0]
	for _, r := range rs {
		d.related = append(d.related, s.relatedEntry(d, r.d, r.score, r.sameStory))
	}

	// Back-links: d may now belong in the lists of the articles it lists.
	var changed []*doc
	for _, r := range rs {
		if len(changed) >= maxUpdate {
			break
		}
		if s.insertRelated(r.d, d, r.score, r.sameStory) {
			changed = append(changed, r.d)
		}
	}
	return changed
}

func storyOf(d *doc) *story {
	if d.st == nil {
		return nil
	}
	return d.st.find()
}

// insertRelated puts n into o's list if it ranks there, replacing an entry of
// n's duplicate group or the weakest entry.
func (s *state) insertRelated(o, n *doc, score float64, same bool) bool {
	for _, r := range o.related {
		if r.ArticleID == n.id {
			return false
		}
		if rd := s.docs[r.ArticleID]; rd != nil && rd.group() == n.group() {
			return false // its group is already listed
		}
	}
	e := s.relatedEntry(o, n, score, same)
	if len(o.related) < s.e.cfg.MaxRelated {
		o.related = append(o.related, e)
	} else if last := o.related[len(o.related)-1]; last.Score < score {
		o.related[len(o.related)-1] = e
	} else {
		return false
	}
	sort.SliceStable(o.related, func(i, j int) bool { return o.related[i].Score > o.related[j].Score })
	return true
}

// relatedEntry describes o as related to d, with the reason shown to readers.
func (s *state) relatedEntry(d, o *doc, score float64, same bool) news.Related {
	shared := sharedTags(d.tags, o.tags, 3)
	if len(shared) == 0 {
		for _, id := range sharedIDs(d.ents, o.ents) {
			if e := s.e.gaz.Entity(id); e != nil && !blockedEntity(e) && e.Kind != 0 {
				shared = append(shared, e.Hashtag())
				if len(shared) == 2 {
					break
				}
			}
		}
	}
	var parts []string
	if same {
		if d.lang == "en" {
			parts = append(parts, "Same story")
		} else {
			parts = append(parts, "نفس القصة")
		}
	}
	for _, t := range shared {
		parts = append(parts, "#"+t)
	}
	if len(parts) == 0 {
		if d.lang == "en" {
			parts = append(parts, "Similar topic")
		} else {
			parts = append(parts, "موضوع مشابه")
		}
	}
	return news.Related{
		ArticleID:   o.id,
		Title:       o.title,
		SourceID:    o.source,
		SourceName:  s.e.cfg.SourceName(o.source, d.lang),
		PublishedAt: o.published,
		Excerpt:     o.excerpt,
		Reason:      strings.Join(parts, " · "),
		Shared:      shared,
		SameStory:   same,
		Score:       math.Round(score*1000) / 1000,
	}
}

func sharedTags(a, b []string, max int) []string {
	var out []string
	for _, x := range a {
		for _, y := range b {
			if x == y {
				out = append(out, x)
				break
			}
		}
		if len(out) == max {
			break
		}
	}
	return out
}

// analysis is the current derived state of d.
func (s *state) analysis(d *doc) news.Analysis {
	a := news.Analysis{
		ArticleID:  d.id,
		WireAgency: d.wire,
		Hashtags:   append([]string(nil), d.tags...),
		Related:    append([]news.Related{}, d.related...),
	}
	if d.root != nil {
		a.DuplicateOf = d.root.id
	}
	if st := storyOf(d); st != nil {
		a.StoryID = st.id
	}
	return a
}
