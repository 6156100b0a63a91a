package storetest

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
)

var newsroomTests = []test{
	{"SaveAnalysis", testSaveAnalysis},
	{"SaveAnalysisAtomic", testSaveAnalysisAtomic},
	{"StoriesRoundTripAndMerge", testStoryMerge},
	{"StoriesOrderAndFilters", testStoriesOrder},
	{"Related", testRelated},
	{"TrendingHashtags", testTrending},
	// analysisbatch.go: what a leader's batch must leave however it is written.
	{"SaveAnalysisLastOfBatchWins", testAnalysisLastWins},
	{"HashtagCountsAfterReanalysis", testHashtagCountsReanalysis},
}

func testSaveAnalysis(t *testing.T, s news.Store) {
	putSource(t, s, "wire")
	orig := newArticle("wire", 1, base, "Original report", "text")
	copy1 := newArticle("copy", 2, base.Add(time.Hour), "Original report", "text")
	upsert(t, s, orig, copy1)
	must(t, s.SaveAnalysis(ctx(t), []news.Analysis{{
		ArticleID: copy1.ID, DuplicateOf: orig.ID, WireAgency: "واس", StoryID: "st-1",
		Hashtags: []string{"السعودية", "أوبك", "السعودية"},
		Related:  []news.Related{{ArticleID: orig.ID, Reason: "نفس القصة", Shared: []string{"أوبك"}, SameStory: true, Score: 0.9}},
	}}, []news.StoryUpdate{{Story: news.Story{ID: "st-1", Headline: "Original report", LeadArticleID: orig.ID, Size: 2,
		FirstReportedAt: base, FirstSourceID: "wire", LastUpdatedAt: base.Add(time.Hour), Sources: []string{"wire", "copy"}}}}))
	got, err := s.Article(ctx(t), copy1.ID)
	must(t, err)
	if got.DuplicateOf != orig.ID || got.WireAgency != "واس" || got.StoryID != "st-1" ||
		!equal(got.Hashtags, []string{"السعودية", "أوبك"}) {
		t.Fatalf("derived fields: dup %q wire %q story %q tags %v", got.DuplicateOf, got.WireAgency, got.StoryID, got.Hashtags)
	}
	rel, err := s.Related(ctx(t), copy1.ID)
	must(t, err)
	if len(rel) != 1 {
		t.Fatalf("related: %+v", rel)
	}
	r := rel[0]
	if r.ArticleID != orig.ID || r.Title != "Original report" || r.SourceID != "wire" || r.SourceName != "مصدر wire" ||
		!r.PublishedAt.Equal(base) || r.Excerpt != orig.Excerpt || r.Reason != "نفس القصة" || !equal(r.Shared, []string{"أوبك"}) ||
		!r.SameStory || math.Abs(r.Score-0.9) > 1e-9 {
		t.Fatalf("related entry: %+v", r)
	}

	// A second analysis replaces hashtags and related wholesale.
	must(t, s.SaveAnalysis(ctx(t), []news.Analysis{{ArticleID: copy1.ID, StoryID: "st-1", Hashtags: []string{"النفط"}}}, nil))
	got, err = s.Article(ctx(t), copy1.ID)
	must(t, err)
	if !equal(got.Hashtags, []string{"النفط"}) || got.DuplicateOf != "" {
		t.Fatalf("re-analysis: tags %v dup %q", got.Hashtags, got.DuplicateOf)
	}
	rel, err = s.Related(ctx(t), copy1.ID)
	must(t, err)
	if len(rel) != 0 {
		t.Fatalf("related not replaced: %+v", rel)
	}
	// The dropped hashtag no longer lists the article or suggests itself.
	page, err := s.Articles(ctx(t), news.ArticleFilter{Hashtag: "السعودية", Limit: 10})
	must(t, err)
	if len(page) != 0 {
		t.Fatalf("old hashtag still lists %v", ids(page))
	}
	sug, err := s.Suggest(ctx(t), "السعود", 10)
	must(t, err)
	for _, sg := range sug {
		if sg.Kind == "hashtag" {
			t.Fatalf("hashtag with no articles suggested: %+v", sg)
		}
	}
}

func testSaveAnalysisAtomic(t *testing.T, s news.Store) {
	a := newArticle("atomic", 1, base, "t", "b")
	upsert(t, s, a)
	err := s.SaveAnalysis(ctx(t), []news.Analysis{
		{ArticleID: a.ID, StoryID: "st-x", Hashtags: []string{"وسم"}},
		{ArticleID: "unknown-article", StoryID: "st-x"},
	}, []news.StoryUpdate{{Story: news.Story{ID: "st-x", Size: 2}}})
	wantCode(t, err, news.ENOTFOUND)
	got, err := s.Article(ctx(t), a.ID)
	must(t, err)
	if got.StoryID != "" || len(got.Hashtags) != 0 {
		t.Fatalf("failed SaveAnalysis left a partial write: story %q tags %v", got.StoryID, got.Hashtags)
	}
	_, err = s.Story(ctx(t), "st-x")
	wantCode(t, err, news.ENOTFOUND)
}

func story(id string, size int, updated time.Time, lead string) news.Story {
	return news.Story{ID: id, Headline: "Headline " + id, LeadArticleID: lead, FirstReportedAt: updated.Add(-time.Hour),
		FirstSourceID: "src", LastUpdatedAt: updated, Size: size, Sources: []string{"src", "other"}, Hashtags: []string{"وسم"}}
}

func testStoryMerge(t *testing.T, s news.Store) {
	var as []*news.Article
	for i := range 4 {
		as = append(as, newArticle("merge", i, base.Add(time.Duration(i)*time.Minute), fmt.Sprintf("t%d", i), "b"))
	}
	upsert(t, s, as...)
	s1, s2 := story("s1", 2, base, as[0].ID), story("s2", 2, base.Add(time.Minute), as[2].ID)
	must(t, s.SaveAnalysis(ctx(t), []news.Analysis{
		{ArticleID: as[0].ID, StoryID: "s1"}, {ArticleID: as[1].ID, StoryID: "s1"},
		{ArticleID: as[2].ID, StoryID: "s2"}, {ArticleID: as[3].ID, StoryID: "s2"},
	}, []news.StoryUpdate{{Story: s1}, {Story: s2}}))
	got, err := s.Story(ctx(t), "s1")
	must(t, err)
	if got.Headline != s1.Headline || got.LeadArticleID != s1.LeadArticleID || !got.FirstReportedAt.Equal(s1.FirstReportedAt) ||
		got.FirstSourceID != "src" || !got.LastUpdatedAt.Equal(s1.LastUpdatedAt) || got.Size != 2 ||
		!equal(got.Sources, s1.Sources) || !equal(got.Hashtags, s1.Hashtags) {
		t.Fatalf("story round trip: %+v", got)
	}

	merged := s1
	merged.Size, merged.LastUpdatedAt = 4, base.Add(2*time.Minute)
	must(t, s.SaveAnalysis(ctx(t), nil, []news.StoryUpdate{{Story: merged}, {Story: s2, MergedInto: "s1"}}))
	_, err = s.Story(ctx(t), "s2")
	wantCode(t, err, news.ENOTFOUND)
	got, err = s.Story(ctx(t), "s1")
	must(t, err)
	if got.Size != 4 {
		t.Fatalf("survivor size %d, want 4", got.Size)
	}
	page, err := s.Articles(ctx(t), news.ArticleFilter{StoryID: "s1", Limit: 10})
	must(t, err)
	if len(page) != 4 {
		t.Fatalf("survivor lists %d articles, want 4", len(page))
	}
	page, err = s.Articles(ctx(t), news.ArticleFilter{StoryID: "s2", Limit: 10})
	must(t, err)
	if len(page) != 0 {
		t.Fatalf("absorbed story still lists %v", ids(page))
	}
	_, err = s.Story(ctx(t), "never")
	wantCode(t, err, news.ENOTFOUND)
}

func testStoriesOrder(t *testing.T, s news.Store) {
	ar := newArticle("st", 1, base, "عنوان", "نص")
	ar.Language = "ar"
	en := newArticle("st", 2, base, "title", "text")
	upsert(t, s, ar, en)
	ref := base.Add(72 * time.Hour)
	// score = size * 24h / (24h + age): big 10*24/72 = 3.3, mid 5*24/30 = 4, fresh 3*24/24 = 3.
	must(t, s.SaveAnalysis(ctx(t), nil, []news.StoryUpdate{
		{Story: story("big", 10, ref.Add(-48*time.Hour), en.ID)},
		{Story: story("mid", 5, ref.Add(-6*time.Hour), ar.ID)},
		{Story: story("fresh", 3, ref, ar.ID)},
	}))
	storyIDs := func(ss []news.Story) []string {
		var out []string
		for _, st := range ss {
			out = append(out, st.ID)
		}
		return out
	}
	cases := []struct {
		name string
		f    news.StoryFilter
		want []string
	}{
		{"all", news.StoryFilter{}, []string{"mid", "big", "fresh"}},
		{"min size", news.StoryFilter{MinSize: 4}, []string{"mid", "big"}},
		{"since", news.StoryFilter{Since: ref.Add(-12 * time.Hour)}, []string{"mid", "fresh"}},
		{"language", news.StoryFilter{Language: "ar"}, []string{"mid", "fresh"}},
		{"limit", news.StoryFilter{Limit: 1}, []string{"mid"}},
		{"offset", news.StoryFilter{Limit: 2, Offset: 1}, []string{"big", "fresh"}},
	}
	for _, c := range cases {
		got, err := s.Stories(ctx(t), c.f)
		must(t, err)
		if !equal(storyIDs(got), c.want) {
			t.Errorf("%s: got %v, want %v", c.name, storyIDs(got), c.want)
		}
	}
}

func testRelated(t *testing.T, s news.Store) {
	a, b := newArticle("rel", 1, base, "a", "x"), newArticle("rel", 2, base, "b", "y")
	upsert(t, s, a, b)
	_, err := s.Related(ctx(t), "missing")
	wantCode(t, err, news.ENOTFOUND)
	rel, err := s.Related(ctx(t), a.ID)
	must(t, err)
	if len(rel) != 0 {
		t.Fatalf("unanalysed article has related %+v", rel)
	}
	must(t, s.SaveAnalysis(ctx(t), []news.Analysis{{ArticleID: a.ID, Related: []news.Related{
		{ArticleID: "not-stored", Reason: "x"},
		{ArticleID: b.ID, Reason: "#أوبك · #النفط", Shared: []string{"أوبك", "النفط"}, Score: 0.5},
	}}}, nil))
	rel, err = s.Related(ctx(t), a.ID)
	must(t, err)
	if len(rel) != 1 || rel[0].ArticleID != b.ID || rel[0].SourceName != "rel" || rel[0].SameStory {
		t.Fatalf("related: %+v (unstored entries are skipped; unknown sources fall back to the ID)", rel)
	}
}

func testTrending(t *testing.T, s news.Store) {
	now := base
	window := time.Hour
	n := 0
	var as []*news.Article
	var an []news.Analysis
	add := func(tag string, at time.Time) {
		n++
		a := newArticle("trend", n, at, "t", fmt.Sprint(n))
		as = append(as, a)
		an = append(an, news.Analysis{ArticleID: a.ID, Hashtags: []string{tag}})
	}
	for h := range 8 { // one an hour, recent window included: steady
		add("always", now.Add(-time.Duration(h)*time.Hour-time.Minute))
	}
	for i := range 5 {
		add("burst", now.Add(-time.Duration(i+1)*time.Minute))
	}
	for i := range 6 {
		add("rising", now.Add(-time.Duration(i+1)*5*time.Minute))
	}
	for h := range 7 {
		add("rising", now.Add(-time.Duration(h+1)*time.Hour-time.Minute))
	}
	for range 5 {
		add("old", now.Add(-3*time.Hour))
	}
	add("future", now.Add(time.Minute))
	add("burst", now.Add(-10*window)) // outside the baseline: ignored
	upsert(t, s, as...)
	must(t, s.SaveAnalysis(ctx(t), an, nil))

	got, err := s.TrendingHashtags(ctx(t), now, window, 10)
	must(t, err)
	want := []news.HashtagTrend{
		{Tag: "burst", Recent: 5, Baseline: 0, Score: 5},
		{Tag: "rising", Recent: 6, Baseline: 1, Score: 5 / math.Sqrt2},
	}
	if len(got) != len(want) {
		t.Fatalf("trending %+v, want %+v", got, want)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Tag != w.Tag || g.Recent != w.Recent || math.Abs(g.Baseline-w.Baseline) > 1e-9 || math.Abs(g.Score-w.Score) > 1e-9 {
			t.Fatalf("trend %d: %+v, want %+v", i, g, w)
		}
	}
	got, err = s.TrendingHashtags(ctx(t), now, window, 1)
	must(t, err)
	if len(got) != 1 || got[0].Tag != "burst" {
		t.Fatalf("limit 1: %+v", got)
	}
	_, err = s.TrendingHashtags(ctx(t), now, 0, 10)
	wantCode(t, err, news.EINVALID)
}
