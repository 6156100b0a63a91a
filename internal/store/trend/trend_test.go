package trend

import (
	"math"
	"testing"
)

func TestRank(t *testing.T) {
	counts := []Count{
		{Tag: "steady", Recent: 10, Before: 70},  // at its usual rate: 0
		{Tag: "falling", Recent: 2, Before: 140}, // below its rate
		{Tag: "new", Recent: 1, Before: 0},       // one mention: (1-0)/1 = 1
		{Tag: "surge", Recent: 30, Before: 70},   // (30-10)/sqrt(11)
		{Tag: "burst", Recent: 6, Before: 0},     // 6
		{Tag: "quiet", Recent: 0, Before: 7},
		{Tag: "also-new", Recent: 1, Before: 0}, // ties with "new": by tag
	}
	got := Rank(counts, 0)
	want := []struct {
		tag   string
		score float64
	}{{"surge", 20 / math.Sqrt(11)}, {"burst", 6}, {"also-new", 1}, {"new", 1}}
	if len(got) != len(want) {
		t.Fatalf("Rank = %+v", got)
	}
	for i, w := range want {
		if got[i].Tag != w.tag || math.Abs(got[i].Score-w.score) > 1e-12 {
			t.Fatalf("rank %d = %+v, want %s %.4f", i, got[i], w.tag, w.score)
		}
	}
	if got[0].Baseline != 10 || got[0].Recent != 30 {
		t.Fatalf("surge baseline %v recent %d", got[0].Baseline, got[0].Recent)
	}
	if top := Rank(counts, 2); len(top) != 2 || top[1].Tag != "burst" {
		t.Fatalf("limit 2: %+v", top)
	}
	if Rank(nil, 5) != nil {
		t.Fatal("no counts must rank nothing")
	}
}
