package story

import "testing"

// bbcHashtagScores scores the English labels of hashtags_bbc.jsonl on the
// BBC replay. A labelled URL missing from the replay would silently count
// as an article with no tags, so it fails the test instead.
func bbcHashtagScores(t *testing.T, st *replayState, sets []evalTags) (precision, recall, perArticle float64) {
	t.Helper()
	for _, s := range sets {
		if _, ok := st.byURL[s.URL]; !ok {
			t.Fatalf("hashtags_bbc.jsonl: %s is not in the BBC replay", s.URL)
		}
	}
	return hashtagScores(t, st, sets)
}
