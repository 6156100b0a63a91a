package story

import (
	"math"
	"sort"
	"time"

	"github.com/nashra/nashra/internal/news"
)

// story is an open cluster in the window.
type story struct {
	id          string
	size        int
	members     []*doc // newest last; bounded, for headlines and related lists
	centroid    map[uint32]float64
	cnorm       float64
	first       time.Time
	firstSource string
	last        time.Time
	sources     []string
	lead        *doc
	tagVotes    map[string]int
	mergedInto  *story
}

const (
	maxMembers       = 200 // members kept per story
	centroidTerms    = 150 // centroid pruned to this many terms
	headlineRecalcAt = 64  // recompute the lead on every join while smaller
)

// Clustering thresholds, tuned on the labelled pairs in testdata: an article
// joins the best-scoring open story when its evidence passes joinBase, and a
// story demands more as it grows (growthPerDoubling per doubling of its size)
// so a giant, vague story cannot swallow everything near it.
var (
	joinBase          = 0.30
	growthPerDoubling = 0.025
	maxThreshold      = 0.50
	centroidBlend     = 0.35
	mergeMargin       = 0.08
	mergeCentroidCos  = 0.45
)

func (st *story) find() *story {
	for st.mergedInto != nil {
		st = st.mergedInto
	}
	return st
}

func (st *story) threshold() float64 {
	t := joinBase + growthPerDoubling*math.Log2(float64(st.size))
	if t > maxThreshold {
		t = maxThreshold
	}
	return t
}

func (st *story) centroidCos(v []tw) float64 {
	if st.cnorm == 0 {
		return 0
	}
	var sum float64
	for _, x := range v {
		sum += x.w * st.centroid[x.t]
	}
	return sum / st.cnorm
}

func (st *story) addVector(v []tw) {
	for _, x := range v {
		st.centroid[x.t] += x.w
	}
	if len(st.centroid) > 2*centroidTerms {
		type kv struct {
			t uint32
			w float64
		}
		all := make([]kv, 0, len(st.centroid))
		for t, w := range st.centroid {
			all = append(all, kv{t, w})
		}
		sort.Slice(all, func(i, j int) bool {
			if all[i].w != all[j].w {
				return all[i].w > all[j].w
			}
			return all[i].t < all[j].t
		})
		for _, x := range all[centroidTerms:] {
			delete(st.centroid, x.t)
		}
	}
	var n float64
	for _, w := range st.centroid {
		n += w * w
	}
	st.cnorm = math.Sqrt(n)
}

// cluster puts d into the best open story or a new one, merging two stories
// that d bridges. storyID, when set (Warm), is the story the store already
// assigned.
func (s *state) cluster(d *doc, cands []cand, storyID string) []news.StoryUpdate {
	if storyID != "" {
		st := s.stories[storyID]
		if st == nil {
			st = s.newStory(storyID, d)
		}
		s.join(st, d)
		return nil
	}
	type scored struct {
		st    *story
		score float64
	}
	best := map[*story]float64{}
	var order []*story
	for _, c := range cands {
		st := c.d.st
		if st == nil {
			continue
		}
		st = st.find()
		if st.last.Before(s.now.Add(-s.e.cfg.Window)) {
			continue // closed
		}
		if _, ok := best[st]; !ok {
			order = append(order, st)
		}
		if c.score > best[st] {
			best[st] = c.score
		}
	}
	var ss []scored
	for _, st := range order {
		sc := (1-centroidBlend)*best[st] + centroidBlend*st.centroidCos(d.vec)
		if sc >= st.threshold() {
			ss = append(ss, scored{st, sc})
		}
	}
	sort.SliceStable(ss, func(i, j int) bool { return ss[i].score > ss[j].score })
	if len(ss) == 0 {
		st := s.newStory(d.id, d)
		s.join(st, d)
		return []news.StoryUpdate{{Story: st.snapshot()}}
	}
	target := ss[0].st
	var upd []news.StoryUpdate
	// A bridging article close to two stories merges them when the stories
	// themselves are alike; otherwise it only joins the closer one.
	for _, o := range ss[1:] {
		if o.score < o.st.threshold()+mergeMargin || o.score < ss[0].score-mergeMargin {
			continue
		}
		if target.centroidSimilarity(o.st) < mergeCentroidCos {
			continue
		}
		keep, gone := target, o.st
		if gone.size > keep.size || (gone.size == keep.size && gone.first.Before(keep.first)) {
			keep, gone = gone, keep
		}
		s.merge(keep, gone)
		upd = append(upd, news.StoryUpdate{Story: gone.snapshot(), MergedInto: keep.id})
		target = keep
	}
	s.join(target, d)
	return append(upd, news.StoryUpdate{Story: target.snapshot()})
}

func (st *story) centroidSimilarity(o *story) float64 {
	if st.cnorm == 0 || o.cnorm == 0 {
		return 0
	}
	a, b := st.centroid, o.centroid
	if len(b) < len(a) {
		a, b = b, a
	}
	var sum float64
	for t, w := range a {
		sum += w * b[t]
	}
	return sum / (st.cnorm * o.cnorm)
}

func (s *state) newStory(id string, d *doc) *story {
	st := &story{id: id, centroid: map[uint32]float64{}, first: d.published, firstSource: d.source, tagVotes: map[string]int{}}
	s.stories[id] = st
	return st
}

func (s *state) join(st *story, d *doc) {
	d.st = st
	st.size++
	if len(st.members) >= maxMembers {
		st.members = append(st.members[:0], st.members[maxMembers/4:]...)
	}
	st.members = append(st.members, d)
	if d.root == nil {
		st.addVector(d.vec)
	}
	if d.published.Before(st.first) {
		st.first, st.firstSource = d.published, d.source
	}
	if d.published.After(st.last) {
		st.last = d.published
	}
	st.addSource(d.source, d.published.Equal(st.first))
	st.addTags(d.tags)
	if st.lead == nil || st.size <= headlineRecalcAt || st.size%16 == 0 {
		st.lead = st.centralMember()
	}
}

func (st *story) addSource(src string, first bool) {
	for i, x := range st.sources {
		if x == src {
			if first && i > 0 {
				copy(st.sources[1:i+1], st.sources[:i])
				st.sources[0] = src
			}
			return
		}
	}
	if first {
		st.sources = append([]string{src}, st.sources...)
		return
	}
	st.sources = append(st.sources, src)
}

// centralMember is the live member nearest the centroid: the story's most
// representative article, whose title becomes the headline.
func (st *story) centralMember() *doc {
	var best *doc
	bestCos := -1.0
	for _, m := range st.members {
		if m.dead || m.root != nil || m.title == "" {
			continue
		}
		c := st.centroidCos(m.vec)
		if c > bestCos || (c == bestCos && m.seq < best.seq) {
			best, bestCos = m, c
		}
	}
	if best == nil && len(st.members) > 0 {
		best = st.members[0]
	}
	return best
}

// joinCopy puts a near-copy into its original's story.
func (s *state) joinCopy(d, root *doc, storyID string) []news.StoryUpdate {
	if storyID != "" {
		if st := s.stories[storyID]; st != nil {
			s.join(st, d)
			return nil
		}
	}
	if root.st == nil || root.nCopies > s.e.cfg.MaxDuplicateGroup {
		return nil
	}
	st := root.st.find()
	if st.last.Before(s.now.Add(-s.e.cfg.Window)) {
		return nil
	}
	s.join(st, d)
	return []news.StoryUpdate{{Story: st.snapshot()}}
}

// merge absorbs gone into keep.
func (s *state) merge(keep, gone *story) {
	gone.mergedInto = keep
	delete(s.stories, gone.id)
	keep.size += gone.size
	for t, w := range gone.centroid {
		keep.centroid[t] += w
	}
	keep.addVector(nil)
	for _, m := range gone.members {
		m.st = keep
		if len(keep.members) >= maxMembers {
			keep.members = append(keep.members[:0], keep.members[maxMembers/4:]...)
		}
		keep.members = append(keep.members, m)
	}
	sort.SliceStable(keep.members, func(i, j int) bool { return keep.members[i].seq < keep.members[j].seq })
	if gone.first.Before(keep.first) {
		keep.first, keep.firstSource = gone.first, gone.firstSource
		keep.addSource(gone.firstSource, true)
	}
	for _, src := range gone.sources {
		keep.addSource(src, false)
	}
	if gone.last.After(keep.last) {
		keep.last = gone.last
	}
	for t, n := range gone.tagVotes {
		keep.tagVotes[t] += n
	}
	keep.lead = keep.centralMember()
}

func (st *story) addTags(tags []string) {
	for _, t := range tags {
		st.tagVotes[t]++
	}
}

const storyTags = 6

func (st *story) topTags() []string {
	type kv struct {
		t string
		n int
	}
	all := make([]kv, 0, len(st.tagVotes))
	for t, n := range st.tagVotes {
		all = append(all, kv{t, n})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].n != all[j].n {
			return all[i].n > all[j].n
		}
		return all[i].t < all[j].t
	})
	var out []string
	for _, x := range all {
		if len(out) == storyTags {
			break
		}
		out = append(out, x.t)
	}
	return out
}

func (st *story) snapshot() news.Story {
	out := news.Story{
		ID:              st.id,
		FirstReportedAt: st.first,
		FirstSourceID:   st.firstSource,
		LastUpdatedAt:   st.last,
		Size:            st.size,
		Sources:         append([]string(nil), st.sources...),
		Hashtags:        st.topTags(),
	}
	if st.lead != nil {
		out.Headline = st.lead.title
		out.LeadArticleID = st.lead.id
	}
	return out
}
