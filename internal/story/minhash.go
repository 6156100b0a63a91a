package story

import "sort"

// Near-duplicates are found with MinHash over word 5-shingles of the
// normalised body, indexed by LSH (bands × rows). All hashing is fixed-seed
// (FNV-1a and splitmix64), never hash/maphash: signatures must be identical
// across processes and restarts, since Warm rebuilds the index.
const (
	shingleK   = 5
	numHashes  = 63
	lshRows    = 3
	lshBands   = numHashes / lshRows
	bucketCap  = 8 // entries per LSH bucket: the earliest copies are enough
	maxShingle = 1200
)

var minhashSeeds = func() [numHashes]uint64 {
	var s [numHashes]uint64
	x := uint64(0x6e61736872610001) // "nashra", fixed forever
	for i := range s {
		x = splitmix64(x)
		s[i] = x
	}
	return s
}()

func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// shingleHashes hashes every window of k consecutive tokens (order
// sensitive), deduplicated and sorted.
func shingleHashes(tokens []string) []uint64 {
	if len(tokens) < shingleK {
		return nil
	}
	th := make([]uint64, len(tokens))
	for i, t := range tokens {
		th[i] = fnv64(t)
	}
	n := len(tokens) - shingleK + 1
	if n > maxShingle {
		n = maxShingle
	}
	out := make([]uint64, 0, n)
	for i := 0; i < n; i++ {
		h := uint64(0x9ae16a3b2f90404f)
		for j := 0; j < shingleK; j++ {
			h = splitmix64(h ^ th[i+j])
		}
		out = append(out, h)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return dedupSorted(out)
}

func dedupSorted(a []uint64) []uint64 {
	if len(a) < 2 {
		return a
	}
	w := 1
	for i := 1; i < len(a); i++ {
		if a[i] != a[w-1] {
			a[w] = a[i]
			w++
		}
	}
	return a[:w]
}

type signature [numHashes]uint32

func minhash(shingles []uint64) signature {
	var sig signature
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	for _, s := range shingles {
		for i, seed := range minhashSeeds {
			if v := uint32(splitmix64(s^seed) >> 32); v < sig[i] {
				sig[i] = v
			}
		}
	}
	return sig
}

// jaccard estimates the Jaccard similarity of the two shingle sets.
func (a *signature) jaccard(b *signature) float64 {
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / numHashes
}

// bandKeys returns the LSH bucket key of each band.
func (a *signature) bandKeys() [lshBands]uint64 {
	var keys [lshBands]uint64
	for b := 0; b < lshBands; b++ {
		h := uint64(b+1) * 0x9e3779b97f4a7c15
		for r := 0; r < lshRows; r++ {
			h = splitmix64(h ^ uint64(a[b*lshRows+r]))
		}
		keys[b] = h
	}
	return keys
}

// containment estimates |A∩B| / min(|A|,|B|) from the Jaccard estimate and
// the set sizes: a republication that cut the original in half has a low
// Jaccard but is still fully contained in it.
func containment(j float64, na, nb int) float64 {
	if na == 0 || nb == 0 {
		return 0
	}
	inter := j * float64(na+nb) / (1 + j)
	m := na
	if nb < m {
		m = nb
	}
	c := inter / float64(m)
	if c > 1 {
		c = 1
	}
	return c
}
