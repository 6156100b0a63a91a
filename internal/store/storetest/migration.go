package storetest

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
)

// RunMigration runs the conformance tests of news.MigrationStore, which
// every driver's store must implement for `nashra migrate-store`.
func RunMigration(t *testing.T, open Opener) {
	for _, tc := range migrationTests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.fn(t, migrationOf(t, open(t)))
		})
	}
}

type migrationStore interface {
	news.Store
	news.MigrationStore
	news.NewsroomQueue
}

func migrationOf(t *testing.T, s news.Store) migrationStore {
	t.Helper()
	m, ok := s.(migrationStore)
	if !ok {
		t.Fatalf("%T does not implement news.MigrationStore and news.NewsroomQueue", s)
	}
	return m
}

var migrationTests = []struct {
	name string
	fn   func(t *testing.T, s migrationStore)
}{
	{"RestoreFeedState", testRestoreFeedState},
	{"RestoreFeedStateFreesLease", testRestoreFeedStateFreesLease},
	{"RestoreFetchLog", testRestoreFetchLog},
	{"QueueForAnalysis", testQueueForAnalysis},
	{"Tally", testTally},
}

func feedByURL(t *testing.T, s news.Store, sourceID, url string) news.Feed {
	t.Helper()
	src, err := s.Source(ctx(t), sourceID)
	must(t, err)
	for _, f := range src.Feeds {
		if f.URL == url {
			return f
		}
	}
	t.Fatalf("source %s has no feed %s: %+v", sourceID, url, src.Feeds)
	return news.Feed{}
}

// sameFeed compares feeds field by field, times by instant.
func sameFeed(a, b news.Feed) bool {
	times := [][2]time.Time{{a.NextPollAt, b.NextPollAt}, {a.LastPolledAt, b.LastPolledAt}, {a.LastSuccessAt, b.LastSuccessAt}}
	for _, p := range times {
		if !p[0].Equal(p[1]) {
			return false
		}
	}
	a.NextPollAt, a.LastPolledAt, a.LastSuccessAt = b.NextPollAt, b.LastPolledAt, b.LastSuccessAt
	return a == b
}

func sameLogEntry(a, b news.FetchLogEntry) bool {
	if !a.StartedAt.Equal(b.StartedAt) {
		return false
	}
	a.StartedAt = b.StartedAt
	return a == b
}

func testRestoreFeedState(t *testing.T, s migrationStore) {
	feeds := scheduledSource(t, s, "restore", base, base)
	// Health from a real poll first, so the restore must overwrite it.
	must(t, s.FinishPoll(ctx(t), news.PollResult{FeedID: feeds[0].ID, StartedAt: base, Status: 503, Err: "HTTP 503",
		ETag: `"old"`, NextPollAt: base.Add(time.Minute), Interval: time.Minute}))

	cases := []news.Feed{
		{ID: feeds[0].ID, Kind: news.FeedAtom, Category: "economy", Interval: 37 * time.Minute,
			NextPollAt: base.Add(3 * time.Hour), ETag: `W/"abc"`, LastModified: "Mon, 20 Jul 2015 11:00:00 GMT",
			LastPolledAt: base.Add(-time.Hour), LastSuccessAt: base.Add(-2 * time.Hour), ConsecutiveFailures: 3,
			LastError: "HTTP 502", LastNote: news.MovedNote("https://a.example/old", "https://a.example/new")},
		// Gone, and every optional time unset: the zero time survives.
		{ID: feeds[1].ID, Gone: true, LastError: "feed gone (HTTP 410)", ConsecutiveFailures: 1},
		// Back to a pristine state.
		{ID: feeds[0].ID},
	}
	urls := map[int64]string{feeds[0].ID: feeds[0].URL, feeds[1].ID: feeds[1].URL}
	for i, want := range cases {
		must(t, s.RestoreFeedState(ctx(t), want))
		got := feedByURL(t, s, "restore", urls[want.ID])
		want.SourceID, want.URL = "restore", urls[want.ID]
		if !sameFeed(got, want) {
			t.Fatalf("case %d: restored feed\n got %+v\nwant %+v", i, got, want)
		}
	}
	// A gone feed is out of the schedule.
	next, err := s.NextDue(ctx(t))
	must(t, err)
	if next.IsZero() {
		t.Fatalf("NextDue is zero with feed %d not gone", feeds[0].ID)
	}
	due, err := s.LeaseDueFeeds(ctx(t), "crawler", base.Add(24*time.Hour), 10, time.Minute)
	must(t, err)
	if len(due) != 1 || due[0].ID != feeds[0].ID {
		t.Fatalf("leased %v, want only the feed not gone (%d)", feedIDs(due), feeds[0].ID)
	}

	wantCode(t, s.RestoreFeedState(ctx(t), news.Feed{ID: feeds[1].ID + 1000}), news.ENOTFOUND)
}

func testRestoreFeedStateFreesLease(t *testing.T, s migrationStore) {
	feeds := scheduledSource(t, s, "leased", base)
	got, err := s.LeaseDueFeeds(ctx(t), "old-crawler", base, 1, time.Hour)
	must(t, err)
	if len(got) != 1 {
		t.Fatalf("leased %d feeds, want 1", len(got))
	}
	must(t, s.RestoreFeedState(ctx(t), news.Feed{ID: feeds[0].ID, NextPollAt: base, Interval: time.Minute}))
	got, err = s.LeaseDueFeeds(ctx(t), "new-crawler", base, 1, time.Hour)
	must(t, err)
	if len(got) != 1 || got[0].ID != feeds[0].ID {
		t.Fatalf("restored feed still leased: got %v", feedIDs(got))
	}
}

func testRestoreFetchLog(t *testing.T, s migrationStore) {
	fa := scheduledSource(t, s, "hist-a", base, base)
	fb := scheduledSource(t, s, "hist-b", base)
	// Rows from real polls: feed a's are replaced, feed b's must stay.
	for _, p := range []news.PollResult{
		{FeedID: fa[0].ID, StartedAt: base, Status: 200},
		{FeedID: fb[0].ID, StartedAt: base, Status: 304, NotModified: true},
	} {
		must(t, s.FinishPoll(ctx(t), p))
	}
	old := "https://hist-a.example/old-feed"
	entries := []news.FetchLogEntry{ // newest first, two sharing a start time
		{FeedID: 999, SourceID: "ignored", URL: fa[0].URL, StartedAt: base.Add(3 * time.Minute), Duration: 2500 * time.Microsecond,
			Status: 503, Err: "HTTP 503"},
		{URL: fa[0].URL, StartedAt: base.Add(2 * time.Minute), Duration: time.Second, Status: 200, Items: 20, NewItems: 3, Bytes: 40960,
			Note: news.MovedNote(old, fa[0].URL)},
		{URL: old, StartedAt: base.Add(2 * time.Minute), Status: 301},
		{URL: old, StartedAt: base.Add(-10 * 24 * time.Hour), Status: 200, Items: 1},
	}
	for range 2 { // restoring twice leaves one copy
		must(t, s.RestoreFetchLog(ctx(t), fa[0].ID, entries))
	}
	got, err := s.FetchLog(ctx(t), "hist-a", 100)
	must(t, err)
	if len(got) != len(entries) {
		t.Fatalf("fetch log has %d rows, want %d: %+v", len(got), len(entries), got)
	}
	for i, want := range entries {
		want.FeedID, want.SourceID = fa[0].ID, "hist-a"
		if !sameLogEntry(got[i], want) {
			t.Fatalf("row %d:\n got %+v\nwant %+v", i, got[i], want)
		}
	}
	other, err := s.FetchLog(ctx(t), "hist-b", 100)
	must(t, err)
	if len(other) != 1 || other[0].FeedID != fb[0].ID {
		t.Fatalf("another feed's log changed: %+v", other)
	}
	// A feed's log can be restored to nothing.
	must(t, s.RestoreFetchLog(ctx(t), fa[0].ID, nil))
	got, err = s.FetchLog(ctx(t), "hist-a", 100)
	must(t, err)
	if len(got) != 0 {
		t.Fatalf("empty restore left %d rows", len(got))
	}
	wantCode(t, s.RestoreFetchLog(ctx(t), fb[0].ID+1000, entries), news.ENOTFOUND)
}

func testQueueForAnalysis(t *testing.T, s migrationStore) {
	var as []*news.Article
	for i := range 4 {
		as = append(as, newArticle("queue", i, base.Add(time.Duration(i)*time.Minute), fmt.Sprintf("t%d", i), "b"))
	}
	upsert(t, s, as...)
	queued := func() []string {
		t.Helper()
		ids, err := s.QueuedArticleIDs(ctx(t))
		must(t, err)
		// The newsroom's own view must agree.
		pend, err := s.PendingAnalysis(ctx(t), 100)
		must(t, err)
		var pids []string
		for _, p := range pend {
			pids = append(pids, p.ArticleID)
		}
		if !slices.Equal(ids, pids) {
			t.Fatalf("QueuedArticleIDs %v, PendingAnalysis %v", ids, pids)
		}
		return ids
	}
	if got, want := queued(), []string{as[0].ID, as[1].ID, as[2].ID, as[3].ID}; !slices.Equal(got, want) {
		t.Fatalf("queue %v, want %v (write order)", got, want)
	}
	must(t, s.SaveAnalysis(ctx(t), []news.Analysis{{ArticleID: as[0].ID, StoryID: "s"}, {ArticleID: as[1].ID, StoryID: "s"},
		{ArticleID: as[2].ID, StoryID: "s"}}, nil))
	// Queued already (as[3]) keeps its place; the others join in the given order.
	must(t, s.QueueForAnalysis(ctx(t), []string{as[2].ID, as[3].ID, as[0].ID, as[2].ID}))
	if got, want := queued(), []string{as[3].ID, as[2].ID, as[0].ID}; !slices.Equal(got, want) {
		t.Fatalf("queue %v, want %v", got, want)
	}
	// An unknown article fails the whole call.
	wantCode(t, s.QueueForAnalysis(ctx(t), []string{as[1].ID, "no-such-article"}), news.ENOTFOUND)
	if got, want := queued(), []string{as[3].ID, as[2].ID, as[0].ID}; !slices.Equal(got, want) {
		t.Fatalf("failed call changed the queue: %v, want %v", got, want)
	}
	must(t, s.QueueForAnalysis(ctx(t), nil))
}

func testTally(t *testing.T, s migrationStore) {
	got, err := s.Tally(ctx(t))
	must(t, err)
	if got != (news.Tally{}) {
		t.Fatalf("empty store tally %+v", got)
	}
	putSource(t, s, "ta", "https://ta.example/rss", "https://ta.example/atom")
	feeds := scheduledSource(t, s, "tb", base)
	for i := range 3 {
		must(t, s.FinishPoll(ctx(t), news.PollResult{FeedID: feeds[0].ID, StartedAt: base.Add(time.Duration(i) * time.Minute), Status: 200}))
	}
	a := newArticle("ta", 1, base, "one", "b")
	b := newArticle("ta", 2, base.Add(time.Minute), "two", "b")
	c := newArticle("tb", 3, base.Add(2*time.Minute), "three", "b")
	upsert(t, s, a, b, c)
	must(t, s.SaveAnalysis(ctx(t), []news.Analysis{
		{ArticleID: a.ID, StoryID: "st", Hashtags: []string{"x", "y"},
			Related: []news.Related{{ArticleID: b.ID}, {ArticleID: "gone-article"}}},
		{ArticleID: b.ID, StoryID: "st", Hashtags: []string{"x"}, Related: []news.Related{{ArticleID: a.ID}}},
	}, []news.StoryUpdate{{Story: news.Story{ID: "st", LeadArticleID: a.ID, Size: 2, Sources: []string{"ta"}}}}))
	got, err = s.Tally(ctx(t))
	must(t, err)
	// The related entry whose article is not stored is not counted:
	// Related never returns it.
	want := news.Tally{Sources: 2, Feeds: 3, FetchLog: 3, Articles: 3, Queued: 1, Stories: 1, Hashtags: 3, Related: 2}
	if got != want {
		t.Fatalf("tally\n got %+v\nwant %+v", got, want)
	}
}
