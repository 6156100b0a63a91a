// Package trend scores hashtags by their rise, shared by both stores so
// SQLite and PostgreSQL rank identically from the same counts.
package trend

import (
	"math"
	"sort"

	"github.com/nashra/nashra/internal/news"
)

// BaselineWindows is how many windows before the recent one form the
// baseline a tag's recent count is compared with.
const BaselineWindows = 7

// Count is one tag's article counts: in the recent window, and in the
// BaselineWindows windows before it together.
type Count struct {
	Tag    string
	Recent int
	Before int
}

// Rank scores each tag as a smoothed Poisson surprise,
//
//	score = (recent - baseline) / sqrt(baseline + 1),  baseline = before / BaselineWindows
//
// so a tag that is always frequent (recent ≈ baseline) scores about zero,
// a sudden burst scores high, and the +1 keeps a single new mention of a
// never-seen tag from outranking a real surge. Tags with a non-positive
// score do not trend. Ties break by recent count, then tag.
func Rank(counts []Count, limit int) []news.HashtagTrend {
	var out []news.HashtagTrend
	for _, c := range counts {
		if c.Recent <= 0 {
			continue
		}
		base := float64(c.Before) / BaselineWindows
		score := (float64(c.Recent) - base) / math.Sqrt(base+1)
		if score <= 0 {
			continue
		}
		out = append(out, news.HashtagTrend{Tag: c.Tag, Recent: c.Recent, Baseline: base, Score: score})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		if out[i].Recent != out[j].Recent {
			return out[i].Recent > out[j].Recent
		}
		return out[i].Tag < out[j].Tag
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}
