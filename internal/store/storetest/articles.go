package storetest

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
)

var articleTests = []test{
	{"RoundTrip", testArticleRoundTrip},
	{"UpsertCreatedUnchangedUpdated", testUpsertLifecycle},
	{"UpsertBulkMixed", testUpsertBulkMixed},
	{"UpsertConcurrentSameURL", testUpsertConcurrent},
	{"UpsertInvalid", testUpsertInvalid},
	{"NotFound", testArticleNotFound},
	{"KnownURLs", testKnownURLs},
	{"ArticlesByID", testArticlesByID},
	{"ListingKeysetWithTies", testListingKeyset},
	{"ListingFilters", testListingFilters},
	{"Count", testCountArticles},
	{"ScanOrder", testScanArticles},
}

func testArticleRoundTrip(t *testing.T, s news.Store) {
	a := newArticle("aawsat", 1, base, "ولي العهد يستقبل الوزير", "نص الخبر الأول.\n\nالفقرة الثانية.")
	a.FeedID = 0
	a.Category = "سياسة"
	a.Language = "ar"
	a.Index.Tags = "ولي_العهد"
	a.FetchedAt = base.Add(time.Minute)
	res, err := s.UpsertArticle(ctx(t), a)
	must(t, err)
	if res != news.Created {
		t.Fatalf("first upsert: %v", res)
	}
	got, err := s.Article(ctx(t), a.ID)
	must(t, err)
	checks := []struct {
		field     string
		got, want any
	}{
		{"ID", got.ID, a.ID}, {"URL", got.URL, a.URL}, {"SourceID", got.SourceID, a.SourceID},
		{"Category", got.Category, "سياسة"}, {"Title", got.Title, a.Title}, {"Author", got.Author, a.Author},
		{"PublishedAt", got.PublishedAt.Equal(base), true}, {"FetchedAt", got.FetchedAt.Equal(base.Add(time.Minute)), true},
		{"UpdatedAt", got.UpdatedAt.Equal(base.Add(time.Minute)), true},
		{"Language", got.Language, "ar"}, {"BodyText", got.BodyText, a.BodyText}, {"BodyHTML", got.BodyHTML, a.BodyHTML},
		{"Excerpt", got.Excerpt, a.Excerpt}, {"ImageURL", got.ImageURL, a.ImageURL}, {"ContentHash", got.ContentHash, a.ContentHash},
		{"Index", got.Index != nil && *got.Index == *a.Index, true},
		{"PublishedAt UTC", got.PublishedAt.Location(), time.UTC},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.field, c.got, c.want)
		}
	}
}

func testUpsertLifecycle(t *testing.T, s news.Store) {
	a := newArticle("sabq", 1, base, "Original title", "original body")
	a.FetchedAt = base
	res, err := s.UpsertArticle(ctx(t), a)
	must(t, err)
	if res != news.Created {
		t.Fatalf("first upsert = %v, want created", res)
	}

	// A refetch with identical content touches nothing, even fields that
	// are not part of the hash.
	again := newArticle("sabq", 1, base, "Original title", "original body")
	again.Excerpt = "changed excerpt"
	res, err = s.UpsertArticle(ctx(t), again)
	must(t, err)
	if res != news.Unchanged {
		t.Fatalf("refetch = %v, want unchanged", res)
	}
	got, err := s.Article(ctx(t), a.ID)
	must(t, err)
	if got.Excerpt != a.Excerpt {
		t.Fatalf("unchanged upsert wrote the excerpt: %q", got.Excerpt)
	}

	edit := newArticle("sabq", 1, base.Add(time.Hour), "Corrected title", "corrected body")
	edit.Excerpt = "corrected excerpt"
	edit.FetchedAt = base.Add(2 * time.Hour)
	res, err = s.UpsertArticle(ctx(t), edit)
	must(t, err)
	if res != news.Updated {
		t.Fatalf("edit = %v, want updated", res)
	}
	got, err = s.Article(ctx(t), a.ID)
	must(t, err)
	if got.Title != "Corrected title" || got.BodyText != "corrected body" || got.BodyHTML != edit.BodyHTML ||
		got.Excerpt != "corrected excerpt" || got.ContentHash != edit.ContentHash {
		t.Fatalf("edit not applied: %+v", got)
	}
	if !got.FetchedAt.Equal(base) {
		t.Fatalf("edit changed FetchedAt to %v, want the first fetch %v", got.FetchedAt, base)
	}
	if !got.UpdatedAt.After(base) {
		t.Fatalf("edit did not advance UpdatedAt: %v", got.UpdatedAt)
	}
	if !got.PublishedAt.Equal(base) {
		t.Fatalf("edit moved PublishedAt to %v", got.PublishedAt)
	}
	if got.Index == nil || got.Index.Title != "corrected title" {
		t.Fatalf("edit did not reindex: %+v", got.Index)
	}
	// The index follows the edit: the old words are gone, the new found.
	for q, want := range map[string]int{"original": 0, "corrected": 1} {
		r, err := s.Search(ctx(t), news.SearchQuery{Clauses: []news.QueryClause{{Any: []news.QueryTerm{{Tokens: []string{q}}}}}})
		must(t, err)
		if r.Total != want {
			t.Errorf("search %q after edit: %d hits, want %d", q, r.Total, want)
		}
	}
	if n, err := s.CountArticles(ctx(t)); err != nil || n != 1 {
		t.Fatalf("CountArticles = %d, %v; want 1", n, err)
	}
}

func testUpsertBulkMixed(t *testing.T, s news.Store) {
	a1 := newArticle("bulk", 1, base, "one", "body one")
	a2 := newArticle("bulk", 2, base, "two", "body two")
	upsert(t, s, a1, a2)
	batch := []*news.Article{
		newArticle("bulk", 1, base, "one", "body one"),        // unchanged
		newArticle("bulk", 2, base, "two edited", "body two"), // updated
		newArticle("bulk", 3, base, "three", "body three"),    // created
	}
	res, err := s.UpsertArticles(ctx(t), batch)
	must(t, err)
	if want := []news.UpsertResult{news.Unchanged, news.Updated, news.Created}; fmt.Sprint(res) != fmt.Sprint(want) {
		t.Fatalf("bulk results %v, want %v", res, want)
	}
	// The same URL twice in one batch: created, then unchanged.
	dup := []*news.Article{newArticle("bulk", 4, base, "four", "x"), newArticle("bulk", 4, base, "four", "x")}
	res, err = s.UpsertArticles(ctx(t), dup)
	must(t, err)
	if res[0] != news.Created || res[1] != news.Unchanged {
		t.Fatalf("duplicate within batch: %v", res)
	}
	res, err = s.UpsertArticles(ctx(t), nil)
	must(t, err)
	if len(res) != 0 {
		t.Fatalf("empty batch returned %v", res)
	}
}

func testUpsertConcurrent(t *testing.T, s news.Store) {
	const workers = 8
	var wg sync.WaitGroup
	results := make([]news.UpsertResult, workers)
	errs := make([]error, workers)
	for i := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = s.UpsertArticle(ctx(t), newArticle("race", 1, base, "Same story", "same body"))
		}()
	}
	wg.Wait()
	must(t, errors.Join(errs...))
	created := 0
	for _, r := range results {
		if r == news.Created {
			created++
		} else if r != news.Unchanged {
			t.Fatalf("concurrent upsert returned %v", r)
		}
	}
	if created != 1 {
		t.Fatalf("%d goroutines created the article, want exactly 1 (%v)", created, results)
	}
	n, err := s.CountArticles(ctx(t))
	must(t, err)
	if n != 1 {
		t.Fatalf("stored %d copies", n)
	}
	r, err := s.Search(ctx(t), news.SearchQuery{Clauses: []news.QueryClause{{Any: []news.QueryTerm{{Tokens: []string{"same"}}}}}})
	must(t, err)
	if r.Total != 1 {
		t.Fatalf("index holds %d documents for one article", r.Total)
	}
}

func testUpsertInvalid(t *testing.T, s news.Store) {
	for name, a := range map[string]*news.Article{
		"no URL":    {SourceID: "x", Title: "t"},
		"no source": {URL: "https://x.example/1", Title: "t"},
	} {
		_, err := s.UpsertArticle(ctx(t), a)
		if news.ErrorCode(err) != news.EINVALID {
			t.Errorf("%s: error %v, want code %s", name, err, news.EINVALID)
		}
	}
	// ID and hash are derived when missing.
	a := &news.Article{URL: "https://x.example/derived", SourceID: "x", Title: "t", BodyText: "b", PublishedAt: base}
	_, err := s.UpsertArticle(ctx(t), a)
	must(t, err)
	if a.ID != news.ArticleID(a.URL) || a.ContentHash != news.ContentHash("t", "b") {
		t.Fatalf("derived fields: id %q hash %q", a.ID, a.ContentHash)
	}
	if _, err := s.Article(ctx(t), a.ID); err != nil {
		t.Fatal(err)
	}
}

func testArticleNotFound(t *testing.T, s news.Store) {
	_, err := s.Article(ctx(t), "nosucharticle")
	wantCode(t, err, news.ENOTFOUND)
	wantCode(t, s.Reindex(ctx(t), "nosucharticle", &news.IndexDoc{Title: "x"}), news.ENOTFOUND)
}

func testKnownURLs(t *testing.T, s news.Store) {
	var as []*news.Article
	var urls []string
	for i := range 1200 { // more than one IN-list chunk
		a := newArticle("known", i, base, "t", "b")
		urls = append(urls, a.URL)
		if i%2 == 0 {
			as = append(as, a)
		}
	}
	upsert(t, s, as...)
	known, err := s.KnownURLs(ctx(t), append(urls, "https://unknown.example/"))
	must(t, err)
	if len(known) != 600 {
		t.Fatalf("KnownURLs found %d, want 600", len(known))
	}
	for i, u := range urls {
		if known[u] != (i%2 == 0) {
			t.Fatalf("KnownURLs[%s] = %v", u, known[u])
		}
	}
	empty, err := s.KnownURLs(ctx(t), nil)
	must(t, err)
	if len(empty) != 0 {
		t.Fatalf("KnownURLs(nil) = %v", empty)
	}
}

func testArticlesByID(t *testing.T, s news.Store) {
	a, b, c := newArticle("byid", 1, base, "a", "x"), newArticle("byid", 2, base, "b", "y"), newArticle("byid", 3, base, "c", "z")
	upsert(t, s, a, b, c)
	got, err := s.ArticlesByID(ctx(t), []string{c.ID, "missing", a.ID})
	must(t, err)
	if want := []string{c.ID, a.ID}; !equal(ids(got), want) {
		t.Fatalf("ArticlesByID order %v, want %v", ids(got), want)
	}
	if got[0].BodyText != "z" {
		t.Fatalf("ArticlesByID lost the text: %+v", got[0])
	}
}

// listingFixture stores 25 articles where groups of three share a
// publication time, so pages must break ties by ID.
func listingFixture(t *testing.T, s news.Store) []*news.Article {
	var as []*news.Article
	for i := range 25 {
		a := newArticle([]string{"src-a", "src-b"}[i%2], i, base.Add(time.Duration(i/3)*time.Minute), fmt.Sprintf("title %d", i), "body")
		a.Language = []string{"ar", "en", "ar"}[i%3]
		a.Category = []string{"", "sport"}[i%2]
		as = append(as, a)
	}
	upsert(t, s, as...)
	return as
}

// newestFirst is the reference order: published desc, id desc.
func newestFirst(as []*news.Article, keep func(*news.Article) bool) []string {
	var sel []*news.Article
	for _, a := range as {
		if keep(a) {
			sel = append(sel, a)
		}
	}
	for i := 1; i < len(sel); i++ {
		for j := i; j > 0; j-- {
			x, y := sel[j-1], sel[j]
			if x.PublishedAt.Before(y.PublishedAt) || (x.PublishedAt.Equal(y.PublishedAt) && x.ID < y.ID) {
				sel[j-1], sel[j] = y, x
			}
		}
	}
	out := make([]string, len(sel))
	for i, a := range sel {
		out[i] = a.ID
	}
	return out
}

// pageAll walks a listing with the given page size via cursors.
func pageAll(t *testing.T, s news.Store, f news.ArticleFilter) []string {
	t.Helper()
	var out []string
	for range 100 {
		page, err := s.Articles(ctx(t), f)
		must(t, err)
		for _, a := range page {
			if a.BodyText != "" || a.BodyHTML != "" || a.Index != nil {
				t.Fatalf("listing returned text or index for %s", a.ID)
			}
		}
		out = append(out, ids(page)...)
		if len(page) < f.Limit {
			return out
		}
		last := page[len(page)-1]
		f.Before = &news.Cursor{PublishedAt: last.PublishedAt, ID: last.ID}
	}
	t.Fatal("pagination did not terminate")
	return nil
}

func testListingKeyset(t *testing.T, s news.Store) {
	as := listingFixture(t, s)
	want := newestFirst(as, func(*news.Article) bool { return true })
	for _, size := range []int{1, 2, 3, 4, 7, 25, 100} {
		if got := pageAll(t, s, news.ArticleFilter{Limit: size}); !equal(got, want) {
			t.Fatalf("page size %d:\n got %v\nwant %v", size, got, want)
		}
	}
}

func testListingFilters(t *testing.T, s news.Store) {
	as := listingFixture(t, s)
	must(t, s.SaveAnalysis(ctx(t), []news.Analysis{
		{ArticleID: as[3].ID, StoryID: "story-1", Hashtags: []string{"أوبك", "النفط"}},
		{ArticleID: as[4].ID, StoryID: "story-1", Hashtags: []string{"النفط"}},
		{ArticleID: as[5].ID, StoryID: "story-1", Hashtags: []string{"أوبك"}},
		{ArticleID: as[9].ID, Hashtags: []string{"أوبك"}},
	}, nil))
	tagged := map[string]bool{as[3].ID: true, as[5].ID: true, as[9].ID: true}
	story := map[string]bool{as[3].ID: true, as[4].ID: true, as[5].ID: true}
	cases := []struct {
		name string
		f    news.ArticleFilter
		keep func(*news.Article) bool
	}{
		{"source", news.ArticleFilter{SourceID: "src-b"}, func(a *news.Article) bool { return a.SourceID == "src-b" }},
		{"language", news.ArticleFilter{Language: "ar"}, func(a *news.Article) bool { return a.Language == "ar" }},
		{"category", news.ArticleFilter{Category: "sport"}, func(a *news.Article) bool { return a.Category == "sport" }},
		{"hashtag", news.ArticleFilter{Hashtag: "أوبك"}, func(a *news.Article) bool { return tagged[a.ID] }},
		{"story", news.ArticleFilter{StoryID: "story-1"}, func(a *news.Article) bool { return story[a.ID] }},
		{"source+language", news.ArticleFilter{SourceID: "src-a", Language: "en"},
			func(a *news.Article) bool { return a.SourceID == "src-a" && a.Language == "en" }},
		{"hashtag+source", news.ArticleFilter{Hashtag: "أوبك", SourceID: "src-b"},
			func(a *news.Article) bool { return tagged[a.ID] && a.SourceID == "src-b" }},
		{"no match", news.ArticleFilter{SourceID: "nobody"}, func(*news.Article) bool { return false }},
	}
	for _, c := range cases {
		want := newestFirst(as, c.keep)
		for _, size := range []int{2, 50} {
			f := c.f
			f.Limit = size
			if got := pageAll(t, s, f); !equal(got, want) {
				t.Errorf("%s, page size %d:\n got %v\nwant %v", c.name, size, got, want)
			}
		}
	}
	// Listings carry the derived fields.
	page, err := s.Articles(ctx(t), news.ArticleFilter{StoryID: "story-1", Limit: 10})
	must(t, err)
	for _, a := range page {
		if a.ID == as[3].ID && (a.StoryID != "story-1" || !equal(a.Hashtags, []string{"أوبك", "النفط"})) {
			t.Fatalf("listing derived fields: story %q hashtags %v", a.StoryID, a.Hashtags)
		}
	}
}

func testCountArticles(t *testing.T, s news.Store) {
	n, err := s.CountArticles(ctx(t))
	must(t, err)
	if n != 0 {
		t.Fatalf("empty store counts %d", n)
	}
	listingFixture(t, s)
	n, err = s.CountArticles(ctx(t))
	must(t, err)
	if n != 25 {
		t.Fatalf("CountArticles = %d, want 25", n)
	}
}

func testScanArticles(t *testing.T, s news.Store) {
	var as []*news.Article
	for i := range 600 { // several scan batches, with ties
		as = append(as, newArticle("scan", i, base.Add(time.Duration((i*7)%50)*time.Hour), fmt.Sprintf("t%d", i), fmt.Sprintf("body %d", i)))
	}
	upsert(t, s, as...)
	var got []*news.Article
	must(t, s.ScanArticles(ctx(t), func(a *news.Article) error {
		got = append(got, a)
		return nil
	}))
	if len(got) != len(as) {
		t.Fatalf("scanned %d articles, want %d", len(got), len(as))
	}
	seen := map[string]bool{}
	for i, a := range got {
		if seen[a.ID] {
			t.Fatalf("article %s scanned twice", a.ID)
		}
		seen[a.ID] = true
		if a.BodyText == "" || a.Index == nil || a.Index.Body == "" {
			t.Fatalf("scan without full text: %+v", a)
		}
		if i > 0 && a.PublishedAt.Before(got[i-1].PublishedAt) {
			t.Fatalf("scan out of order at %d: %v after %v", i, a.PublishedAt, got[i-1].PublishedAt)
		}
	}
	stop := errors.New("stop")
	n := 0
	err := s.ScanArticles(ctx(t), func(*news.Article) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 3 {
		t.Fatalf("scan did not stop on the callback error: %v after %d", err, n)
	}
}
