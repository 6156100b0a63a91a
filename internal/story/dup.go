package story

// Near-duplicate thresholds: a copy shares most 5-shingles with its original
// (Jaccard), or is contained in it (a republication that trimmed the text or
// added a paragraph of its own).
var (
	dupJaccard     = 0.38
	dupContainment = 0.60
	dupMinJaccard  = 0.25
	maxCopiesKept  = 32
)

// findOriginal looks for an earlier copy of d's text: exactly the same
// normalised body, or a MinHash near-duplicate via the LSH buckets. It
// returns the group's original and whether d (published earlier than that
// original, as happens when a feed is crawled late) should become the
// group's original instead.
func (s *state) findOriginal(d *doc, p *prepared, warm bool) (*doc, bool) {
	if warm && p.duplicateOf != "" {
		if o := s.docs[p.duplicateOf]; o != nil {
			return o.group(), false
		}
	}
	if warm && p.duplicateOf == "" {
		// The store says this is an original; do not second-guess it.
		return nil, false
	}
	var best *doc
	if d.exact != 0 {
		if o := s.exact[d.exact]; o != nil && !o.dead {
			best = o.group()
		}
	}
	if best == nil && d.hasSig {
		bestJ := 0.0
		seen := map[*doc]bool{}
		for _, k := range d.sig.bandKeys() {
			for _, o := range s.buckets[k] {
				if o.dead || seen[o] {
					continue
				}
				seen[o] = true
				j := d.sig.jaccard(&o.sig)
				if j < dupMinJaccard {
					continue
				}
				if j < dupJaccard && containment(j, d.shingles, o.shingles) < dupContainment {
					continue
				}
				if j > bestJ || (j == bestJ && o.seq < best.seq) {
					best, bestJ = o, j
				}
			}
		}
		if best != nil {
			best = best.group()
		}
	}
	if best == nil || best.dead {
		return nil, false
	}
	return best, d.published.Before(best.published)
}

// linkCopy makes d a copy of root, or — when d was published first — makes d
// the original and re-points root's group at it. It returns older articles
// whose DuplicateOf changed.
func (s *state) linkCopy(d, root *doc, reroot bool) []*doc {
	if !reroot {
		d.root = root
		root.nCopies++
		if len(root.copies) < maxCopiesKept {
			root.copies = append(root.copies, d)
		}
		return nil
	}
	changed := []*doc{root}
	root.root = d
	d.copies = append(d.copies, root)
	d.nCopies = root.nCopies + 1
	for _, c := range root.copies {
		c.root = d
		changed = append(changed, c)
		if len(d.copies) < maxCopiesKept {
			d.copies = append(d.copies, c)
		}
	}
	root.copies = nil
	root.nCopies = 0
	return changed
}

// indexDup adds d's text to the exact-copy table and the LSH buckets.
// Buckets are capped: the earliest entries are the originals worth finding,
// and a flood of identical texts must not grow a bucket without bound.
func (s *state) indexDup(d *doc) {
	if d.exact != 0 {
		if o := s.exact[d.exact]; o == nil || o.dead {
			s.exact[d.exact] = d
		}
	}
	if !d.hasSig {
		return
	}
	for _, k := range d.sig.bandKeys() {
		b := s.buckets[k]
		if len(b) >= bucketCap {
			w := 0
			for _, o := range b {
				if !o.dead {
					b[w] = o
					w++
				}
			}
			b = b[:w]
			if len(b) >= bucketCap {
				continue
			}
		}
		s.buckets[k] = append(b, d)
	}
}
