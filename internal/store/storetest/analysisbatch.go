package storetest

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
)

// A leader's batch re-analyses older articles whose related lists changed,
// sometimes the same article twice, and stores write a batch however they
// like (row by row, or set-based): these tests pin what the batch must leave.

func testAnalysisLastWins(t *testing.T, s news.Store) {
	putSource(t, s, "batch")
	var as []*news.Article
	for i := range 4 {
		as = append(as, newArticle("batch", i, base.Add(time.Duration(i)*time.Minute), fmt.Sprintf("Headline %d", i), "b"))
	}
	upsert(t, s, as...)
	a, b, c, d := as[0], as[1], as[2], as[3]
	must(t, s.SaveAnalysis(ctx(t), []news.Analysis{
		{ArticleID: a.ID, StoryID: "s1", Hashtags: []string{"أول", "ثان"}, Related: []news.Related{{ArticleID: b.ID, Reason: "first"}}},
		{ArticleID: b.ID, StoryID: "s1", Hashtags: []string{"أول"}},
		{ArticleID: a.ID, StoryID: "s2", DuplicateOf: b.ID, WireAgency: "واس", Hashtags: []string{"ثان", "ثالث", "ثان", ""},
			Related: []news.Related{
				{ArticleID: c.ID, Reason: "second", Shared: []string{`"quoted"`, `back\slash`, "NULL", "{,}"}, SameStory: true, Score: 0.75},
				{ArticleID: b.ID, Reason: "third", Score: 0.25},
				{ArticleID: d.ID, Reason: "fourth", Score: 0.125},
			}},
	}, []news.StoryUpdate{
		{Story: story("s1", 1, base, a.ID)}, {Story: story("s2", 1, base, a.ID)}, {Story: story("s1", 2, base, b.ID)},
	}))
	got, err := s.Article(ctx(t), a.ID)
	must(t, err)
	if got.StoryID != "s2" || got.DuplicateOf != b.ID || got.WireAgency != "واس" || !equal(got.Hashtags, []string{"ثان", "ثالث"}) {
		t.Fatalf("the batch's last analysis did not win: story %q dup %q wire %q tags %v",
			got.StoryID, got.DuplicateOf, got.WireAgency, got.Hashtags)
	}
	wantRelated(t, s, a.ID, []news.Related{
		{ArticleID: c.ID, Reason: "second", Shared: []string{`"quoted"`, `back\slash`, "NULL", "{,}"}, SameStory: true, Score: 0.75},
		{ArticleID: b.ID, Reason: "third", Score: 0.25},
		{ArticleID: d.ID, Reason: "fourth", Score: 0.125},
	})
	wantTagged(t, s, "أول", b.ID)
	wantTagged(t, s, "ثان", a.ID)
	st, err := s.Story(ctx(t), "s1")
	must(t, err)
	if st.Size != 2 || st.LeadArticleID != b.ID {
		t.Fatalf("story s1: size %d lead %s; the batch's last state must win", st.Size, st.LeadArticleID)
	}

	// A later batch shrinks the list and changes its first entry.
	must(t, s.SaveAnalysis(ctx(t), []news.Analysis{{ArticleID: a.ID, StoryID: "s2", Hashtags: []string{"ثان", "ثالث"},
		Related: []news.Related{{ArticleID: d.ID, Reason: "only"}}}}, nil))
	wantRelated(t, s, a.ID, []news.Related{{ArticleID: d.ID, Reason: "only"}})

	// An unknown article anywhere in the batch rolls all of it back.
	err = s.SaveAnalysis(ctx(t), []news.Analysis{
		{ArticleID: a.ID, StoryID: "s3", Hashtags: []string{"رابع"}},
		{ArticleID: "unknown-article"},
		{ArticleID: a.ID, StoryID: "s4"},
	}, nil)
	wantCode(t, err, news.ENOTFOUND)
	got, err = s.Article(ctx(t), a.ID)
	must(t, err)
	if got.StoryID != "s2" || !equal(got.Hashtags, []string{"ثان", "ثالث"}) {
		t.Fatalf("failed batch left a partial write: story %q tags %v", got.StoryID, got.Hashtags)
	}
	wantTagged(t, s, "رابع")
}

// testHashtagCountsReanalysis re-analyses articles over several batches,
// with unchanged, reordered and emptied lists and an article analysed
// twice in one batch: the tags' article counts, which order suggestions,
// must end exact (tagd 3, tagc 2, tagb 1, taga none).
func testHashtagCountsReanalysis(t *testing.T, s news.Store) {
	var as []*news.Article
	for i := range 4 {
		as = append(as, newArticle("counts", i, base.Add(time.Duration(i)*time.Minute), fmt.Sprintf("Headline %d", i), "b"))
	}
	upsert(t, s, as...)
	an := func(a *news.Article, tags ...string) news.Analysis {
		return news.Analysis{ArticleID: a.ID, Hashtags: tags}
	}
	batches := [][]news.Analysis{
		{an(as[0], "taga", "tagb"), an(as[1], "taga"), an(as[2], "tagc")},
		{an(as[0], "taga", "tagb"), an(as[1], "tagd"), an(as[1], "tagd", "tagc"), an(as[3], "taga")},
		{an(as[0], "tagb", "tagd"), an(as[3], "tagd"), an(as[2], "tagc"), an(as[3], "tagd", "tagd", "")},
	}
	for _, b := range batches {
		must(t, s.SaveAnalysis(ctx(t), b, nil))
	}
	wantTagged(t, s, "taga")
	wantTagged(t, s, "tagb", as[0].ID)
	wantTagged(t, s, "tagc", as[1].ID, as[2].ID)
	wantTagged(t, s, "tagd", as[0].ID, as[1].ID, as[3].ID)
	sug, err := s.Suggest(ctx(t), "tag", 10)
	must(t, err)
	var tags []string
	for _, sg := range sug {
		if sg.Kind == "hashtag" {
			tags = append(tags, sg.Value)
		}
	}
	if want := []string{"tagd", "tagc", "tagb"}; !equal(tags, want) {
		t.Fatalf("hashtag suggestions %v, want %v (by exact article count)", tags, want)
	}
	got, err := s.Article(ctx(t), as[0].ID)
	must(t, err)
	if !equal(got.Hashtags, []string{"tagb", "tagd"}) {
		t.Fatalf("reordered tags %v, want [tagb tagd]", got.Hashtags)
	}
}

func wantRelated(t *testing.T, s news.Store, id string, want []news.Related) {
	t.Helper()
	rel, err := s.Related(ctx(t), id)
	must(t, err)
	if len(rel) != len(want) {
		t.Fatalf("related of %s: %d entries, want %d: %+v", id, len(rel), len(want), rel)
	}
	for i, w := range want {
		r := rel[i]
		if r.ArticleID != w.ArticleID || r.Reason != w.Reason || !equal(r.Shared, w.Shared) || r.SameStory != w.SameStory ||
			r.Score != w.Score {
			t.Fatalf("related %d of %s: %+v, want %+v", i, id, r, w)
		}
	}
}

// wantTagged checks which articles a hashtag lists, in any order.
func wantTagged(t *testing.T, s news.Store, tag string, want ...string) {
	t.Helper()
	page, err := s.Articles(ctx(t), news.ArticleFilter{Hashtag: tag, Limit: 100})
	must(t, err)
	got := ids(page)
	slices.Sort(got)
	want = slices.Clone(want)
	slices.Sort(want)
	if !equal(got, want) {
		t.Fatalf("hashtag %q lists %v, want %v", tag, got, want)
	}
}
