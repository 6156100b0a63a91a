package story

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/nashra/nashra/internal/corpus"
)

// minCoverageWords is the shortest body the coverage target applies to:
// a caption or a two-line brief cannot carry three topics.
const minCoverageWords = 80

// hashtagCoverage summarises how many hashtags the replay gave each corpus
// article with at least minCoverageWords words of body: the median and a
// histogram (0, 1, ... 7, 8+), the reader-facing figure behind the issue's
// "3 to 8 hashtags per article".
func hashtagCoverage(recs []corpus.Record, st *replayState) (median float64, hist [9]int, n int) {
	var counts []int
	var dump strings.Builder
	for i := range recs {
		if len(strings.Fields(recs[i].Content)) < minCoverageWords {
			continue
		}
		id := st.byURL[recs[i].URL]
		k := len(st.tags[id])
		fmt.Fprintf(&dump, "%s\t%s\t%s\t%s\n", recs[i].URL, strings.Join(strings.Fields(recs[i].Title), " "), strings.Join(st.tags[id], " "), strings.Join(st.tiers[id], " "))
		if os.Getenv("NASHRA_EVAL_FEW_TAGS") != "" && k < 2 && len(counts)%97 == 0 {
			fmt.Printf("FEW %q %q\n", recs[i].Title, st.tags[id])
		}
		counts = append(counts, k)
		hist[min(k, 8)]++
	}
	// A before/after comparison of a hashtag change reads these dumps
	// side by side (url, title, tags, their tiers per line).
	if path := os.Getenv("NASHRA_EVAL_DUMP_TAGS"); path != "" {
		_ = os.WriteFile(path, []byte(dump.String()), 0o644)
	}
	if len(counts) == 0 {
		return 0, hist, 0
	}
	sort.Ints(counts)
	m := len(counts) / 2
	if len(counts)%2 == 1 {
		median = float64(counts[m])
	} else {
		median = float64(counts[m-1]+counts[m]) / 2
	}
	return median, hist, len(counts)
}

func formatHist(hist [9]int, n int) string {
	var b strings.Builder
	for k, c := range hist {
		label := fmt.Sprint(k)
		if k == 8 {
			label = "8+"
		}
		fmt.Fprintf(&b, " %s:%.1f%%", label, 100*ratio(c, n))
	}
	return b.String()
}
