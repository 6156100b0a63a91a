package story

import (
	"os"
	"testing"
)

// TestTagDebug runs only the hashtag set through a fresh engine (document
// frequencies from the embedded prior) for quick iteration on hashtags.
func TestTagDebug(t *testing.T) {
	if os.Getenv("NASHRA_TAG_DEBUG") == "" {
		t.Skip("set NASHRA_TAG_DEBUG=1")
	}
	recs := loadCorpus(t)
	sets := readJSONL[evalTags](t, "tags.jsonl")
	want := map[string]bool{}
	for _, s := range sets {
		want[s.URL] = true
	}
	st := &replayState{byURL: map[string]string{}, tags: map[string][]string{}}
	e := New(Config{})
	for i := range recs {
		if !want[recs[i].URL] {
			continue
		}
		a := ArticleFromRecord(&recs[i])
		st.byURL[recs[i].URL] = a.ID
		st.tags[a.ID] = e.Add(a).Analyses[0].Hashtags
	}
	p, r, avg := hashtagScores(t, st, sets)
	t.Logf("hashtags: precision=%.3f recall=%.3f avg=%.1f", p, r, avg)
}
