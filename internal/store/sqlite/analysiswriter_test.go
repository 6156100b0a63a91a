package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/sqlite"
)

// checkHashtagCounts verifies the denormalised per-tag article counts the
// analysis writer maintains incrementally.
func checkHashtagCounts(t *testing.T, s *sqlite.Store) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+s.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT h.tag, h.articles, (SELECT count(*) FROM article_hashtags a WHERE a.tag = h.tag)
		FROM hashtags h WHERE h.articles <> (SELECT count(*) FROM article_hashtags a WHERE a.tag = h.tag)`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var tag string
		var counted, actual int
		if err := rows.Scan(&tag, &counted, &actual); err != nil {
			t.Fatal(err)
		}
		t.Errorf("hashtag %q counts %d articles, %d have it", tag, counted, actual)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var orphans int
	if err := db.QueryRow(`SELECT count(*) FROM article_hashtags a WHERE NOT EXISTS (SELECT 1 FROM hashtags h WHERE h.tag = a.tag)`).Scan(&orphans); err != nil {
		t.Fatal(err)
	}
	if orphans != 0 {
		t.Errorf("%d article hashtags have no hashtags row", orphans)
	}
}

func rel(id string, score float64, shared ...string) news.Related {
	return news.Related{ArticleID: id, Reason: "سبب " + id, Shared: shared, Score: score}
}

// TestSaveAnalysisRewritesOnlyChanges saves successive analyses of one
// article and checks the stored state always equals the latest analysis,
// whatever the previous one left.
func TestSaveAnalysisRewritesOnlyChanges(t *testing.T) {
	ctx := context.Background()
	base := time.Date(2015, 8, 1, 0, 0, 0, 0, time.UTC)
	steps := []struct {
		name string
		an   news.Analysis
	}{
		{"first", news.Analysis{StoryID: "s1", Hashtags: []string{"النفط", "أوبك"}, Related: []news.Related{rel("r1", 0.9, "أوبك"), rel("r2", 0.8), rel("r3", 0.7)}}},
		{"same again", news.Analysis{StoryID: "s1", Hashtags: []string{"النفط", "أوبك"}, Related: []news.Related{rel("r1", 0.9, "أوبك"), rel("r2", 0.8), rel("r3", 0.7)}}},
		{"entry inserted", news.Analysis{StoryID: "s1", Hashtags: []string{"النفط", "أوبك"}, Related: []news.Related{rel("r1", 0.9, "أوبك"), rel("r4", 0.85), rel("r2", 0.8), rel("r3", 0.7)}}},
		{"list shrinks", news.Analysis{StoryID: "s1", Hashtags: []string{"النفط", "أوبك"}, Related: []news.Related{rel("r4", 0.85)}}},
		{"tags reordered", news.Analysis{StoryID: "s1", Hashtags: []string{"أوبك", "النفط"}, Related: []news.Related{rel("r4", 0.85)}}},
		{"tag dropped, repeated tag", news.Analysis{StoryID: "s2", DuplicateOf: "orig", Hashtags: []string{"أوبك", "أوبك", ""}, Related: []news.Related{rel("r4", 0.85, "أوبك")}}},
		{"score only", news.Analysis{StoryID: "s2", DuplicateOf: "orig", Hashtags: []string{"أوبك"}, Related: []news.Related{rel("r4", 0.5, "أوبك")}}},
		{"everything cleared", news.Analysis{}},
		{"back again", news.Analysis{StoryID: "s1", WireAgency: "واس", Hashtags: []string{"النفط"}, Related: []news.Related{rel("r1", 0.9)}}},
	}
	s := openTemp(t)
	var as []*news.Article
	for i, id := range []string{"a", "orig", "r1", "r2", "r3", "r4"} {
		as = append(as, &news.Article{URL: "https://x.example/" + id, SourceID: "x", Title: "عنوان " + id, BodyText: "نص",
			PublishedAt: base.Add(time.Duration(i) * time.Minute), Index: &news.IndexDoc{Title: id}})
	}
	if _, err := s.UpsertArticles(ctx, as); err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, a := range as {
		ids[a.URL[len("https://x.example/"):]] = a.ID
	}
	target := as[0].ID
	for _, st := range steps {
		an := st.an
		an.ArticleID = target
		if an.DuplicateOf != "" {
			an.DuplicateOf = ids[an.DuplicateOf]
		}
		an.Related = slices.Clone(an.Related)
		for i := range an.Related {
			an.Related[i].ArticleID = ids[an.Related[i].ArticleID]
		}
		if err := s.SaveAnalysis(ctx, []news.Analysis{an}, nil); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		got, err := s.Article(ctx, target)
		if err != nil {
			t.Fatal(err)
		}
		var wantTags []string
		for _, tag := range an.Hashtags {
			if tag != "" && !slices.Contains(wantTags, tag) {
				wantTags = append(wantTags, tag)
			}
		}
		if got.StoryID != an.StoryID || got.DuplicateOf != an.DuplicateOf || got.WireAgency != an.WireAgency || !slices.Equal(got.Hashtags, wantTags) {
			t.Fatalf("%s: stored story %q dup %q wire %q tags %v; want %q %q %q %v", st.name,
				got.StoryID, got.DuplicateOf, got.WireAgency, got.Hashtags, an.StoryID, an.DuplicateOf, an.WireAgency, wantTags)
		}
		related, err := s.Related(ctx, target)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := relatedKeys(related), relatedKeys(an.Related); !slices.Equal(g, w) {
			t.Fatalf("%s: related %v, want %v", st.name, g, w)
		}
		checkHashtagCounts(t, s)
	}
}

func relatedKeys(rs []news.Related) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = fmt.Sprintf("%s|%s|%v|%v|%.6f", r.ArticleID, r.Reason, r.Shared, r.SameStory, r.Score)
	}
	return out
}

// TestSaveAnalysisCorpusMatchesEngine saves real newsroom output batch by
// batch, superseded states included, and checks the store ends with each
// article's and story's last state.
func TestSaveAnalysisCorpusMatchesEngine(t *testing.T) {
	batches := analysedCorpus(t)
	ctx := context.Background()
	s := openTemp(t)
	final := map[string]news.Analysis{}
	stories := map[string]news.Story{}
	merged := map[string]bool{}
	for _, b := range batches {
		if _, err := s.UpsertArticles(ctx, clone(b.articles)); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveAnalysis(ctx, b.analyses, b.stories); err != nil {
			t.Fatal(err)
		}
		for _, an := range b.analyses {
			final[an.ArticleID] = an
		}
		for _, su := range b.stories {
			if su.MergedInto != "" {
				merged[su.Story.ID] = true
				delete(stories, su.Story.ID)
				continue
			}
			stories[su.Story.ID] = su.Story
		}
	}
	checked := 0
	for id, an := range final {
		got, err := s.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		wantStory := an.StoryID
		if merged[wantStory] {
			wantStory = got.StoryID // moved by a merge after this analysis
		}
		if got.StoryID != wantStory || got.DuplicateOf != an.DuplicateOf || got.WireAgency != an.WireAgency || !slices.Equal(got.Hashtags, an.Hashtags) {
			t.Fatalf("article %s: stored story %q dup %q wire %q tags %v; engine's last analysis %q %q %q %v",
				id, got.StoryID, got.DuplicateOf, got.WireAgency, got.Hashtags, an.StoryID, an.DuplicateOf, an.WireAgency, an.Hashtags)
		}
		related, err := s.Related(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := relatedKeys(related), relatedKeys(an.Related); !slices.Equal(g, w) {
			t.Fatalf("article %s: related\n%v\nwant\n%v", id, g, w)
		}
		checked++
	}
	for id, want := range stories {
		got, err := s.Story(ctx, id)
		if err != nil {
			t.Fatalf("story %s: %v", id, err)
		}
		if got.Size != want.Size || got.Headline != want.Headline || got.LeadArticleID != want.LeadArticleID || !slices.Equal(got.Sources, want.Sources) {
			t.Fatalf("story %s: stored %+v, engine's last state %+v", id, got, want)
		}
	}
	checkHashtagCounts(t, s)
	if checked < 1000 {
		t.Fatalf("only %d articles analysed", checked)
	}
}
