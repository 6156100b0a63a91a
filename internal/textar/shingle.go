package textar

// FNV-1a, 64-bit: fixed constants so shingle hashes are stable across
// processes, restarts and machines (hash/maphash is seeded per process and
// would make stored fingerprints meaningless).
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Hash64 is the fixed FNV-1a hash of s, for fingerprints that are stored.
func Hash64(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// Shingles hashes every run of k consecutive terms (word k-grams) for
// near-duplicate detection. A text shorter than k yields one shingle of all
// its terms, so short texts still compare; no terms yield nil. k < 1 is
// taken as 1. Terms are separated by 0x1F inside the hash so ("ab","c") and
// ("a","bc") differ. The result is finalised with a 64-bit mix so the low
// bits MinHash callers use are well distributed.
func Shingles(terms []string, k int) []uint64 {
	if k < 1 {
		k = 1
	}
	if len(terms) == 0 {
		return nil
	}
	if len(terms) < k {
		k = len(terms)
	}
	out := make([]uint64, 0, len(terms)-k+1)
	for i := 0; i+k <= len(terms); i++ {
		h := uint64(fnvOffset)
		for j, t := range terms[i : i+k] {
			if j > 0 {
				h ^= 0x1F
				h *= fnvPrime
			}
			for b := 0; b < len(t); b++ {
				h ^= uint64(t[b])
				h *= fnvPrime
			}
		}
		out = append(out, mix64(h))
	}
	return out
}

// mix64 is the splitmix64 finaliser.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
