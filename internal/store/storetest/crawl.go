package storetest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
)

var crawlTests = []test{
	{"LeaseDueFeeds", testLeaseDueFeeds},
	{"LeaseConcurrentOwners", testLeaseConcurrentOwners},
	{"LeaseExpiry", testLeaseExpiry},
	{"FinishPollHealth", testFinishPollHealth},
	{"FinishPollLongInterval", testFinishPollLongInterval},
	{"FinishPollGone", testFinishPollGone},
	{"FinishPollUnknownFeed", testFinishPollUnknownFeed},
	{"FinishPollMoved", testFinishPollMoved},
	{"FinishPollMoveConflict", testFinishPollMoveConflict},
	{"FinishPollMoveNeedsSuccess", testFinishPollMoveNeedsSuccess},
	{"FetchLog", testFetchLog},
	{"NextDue", testNextDue},
}

// scheduledSource stores a source whose feeds are due at the given times.
func scheduledSource(t *testing.T, s news.Store, id string, due ...time.Time) []news.Feed {
	t.Helper()
	src := &news.Source{ID: id, NameEn: id}
	for i, at := range due {
		src.Feeds = append(src.Feeds, news.Feed{URL: fmt.Sprintf("https://%s.example/feed/%d", id, i), NextPollAt: at, Interval: 10 * time.Minute})
	}
	must(t, s.PutSource(ctx(t), src))
	return src.Feeds
}

func feedIDs(fs []news.Feed) []int64 {
	out := make([]int64, len(fs))
	for i, f := range fs {
		out[i] = f.ID
	}
	return out
}

func testLeaseDueFeeds(t *testing.T, s news.Store) {
	now := base
	feeds := scheduledSource(t, s, "lease",
		now.Add(-5*time.Minute), now.Add(-time.Minute), now.Add(-3*time.Minute), now, now.Add(time.Minute))

	got, err := s.LeaseDueFeeds(ctx(t), "a", now, 2, time.Minute)
	must(t, err)
	// Most overdue first.
	if want := []int64{feeds[0].ID, feeds[2].ID}; fmt.Sprint(feedIDs(got)) != fmt.Sprint(want) {
		t.Fatalf("owner a leased %v, want %v", feedIDs(got), want)
	}
	got, err = s.LeaseDueFeeds(ctx(t), "b", now, 10, time.Minute)
	must(t, err)
	if want := []int64{feeds[1].ID, feeds[3].ID}; fmt.Sprint(feedIDs(got)) != fmt.Sprint(want) {
		t.Fatalf("owner b leased %v, want %v (the future feed is not due, a's are leased)", feedIDs(got), want)
	}
	got, err = s.LeaseDueFeeds(ctx(t), "c", now, 10, time.Minute)
	must(t, err)
	if len(got) != 0 {
		t.Fatalf("owner c leased %v while every due feed is leased", feedIDs(got))
	}

	// Finishing releases the lease; the feed is due again at its new time.
	must(t, s.FinishPoll(ctx(t), news.PollResult{FeedID: feeds[0].ID, Owner: "a", StartedAt: now, Status: 200,
		NextPollAt: now.Add(30 * time.Second), Interval: 30 * time.Second}))
	got, err = s.LeaseDueFeeds(ctx(t), "c", now.Add(10*time.Second), 10, time.Minute)
	must(t, err)
	if len(got) != 0 {
		t.Fatalf("leased %v before the finished feed is due", feedIDs(got))
	}
	got, err = s.LeaseDueFeeds(ctx(t), "c", now.Add(30*time.Second), 10, time.Minute)
	must(t, err)
	if len(got) != 1 || got[0].ID != feeds[0].ID || got[0].Interval != 30*time.Second {
		t.Fatalf("after finish: leased %+v, want feed %d with its new interval", got, feeds[0].ID)
	}

	_, err = s.LeaseDueFeeds(ctx(t), "", now, 1, time.Minute)
	wantCode(t, err, news.EINVALID)
}

func testLeaseConcurrentOwners(t *testing.T, s news.Store) {
	const feedsN, owners = 24, 8
	due := make([]time.Time, feedsN)
	for i := range due {
		due[i] = base.Add(-time.Duration(i) * time.Second)
	}
	scheduledSource(t, s, "race", due...)
	var mu sync.Mutex
	leased := map[int64]string{}
	var wg sync.WaitGroup
	errs := make(chan error, owners*(feedsN+2))
	for o := range owners {
		wg.Add(1)
		go func() {
			defer wg.Done()
			owner := fmt.Sprintf("owner-%d", o)
			// Each round leases at least one feed or ends the loop, so a
			// store that ignores leases fails here instead of spinning.
			for range feedsN + 1 {
				fs, err := s.LeaseDueFeeds(ctx(t), owner, base, 2, time.Hour)
				if err != nil {
					errs <- err
					return
				}
				if len(fs) == 0 {
					return
				}
				mu.Lock()
				for _, f := range fs {
					if prev, ok := leased[f.ID]; ok {
						errs <- fmt.Errorf("feed %d leased by %s and %s", f.ID, prev, owner)
					}
					leased[f.ID] = owner
				}
				mu.Unlock()
			}
			errs <- fmt.Errorf("%s kept receiving feeds: leases are not held", owner)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if len(leased) != feedsN {
		t.Fatalf("%d feeds leased, want %d", len(leased), feedsN)
	}
}

func testLeaseExpiry(t *testing.T, s news.Store) {
	feeds := scheduledSource(t, s, "expiry", base.Add(-time.Minute))
	got, err := s.LeaseDueFeeds(ctx(t), "crashed", base, 1, time.Minute)
	must(t, err)
	if len(got) != 1 {
		t.Fatalf("leased %d feeds, want 1", len(got))
	}
	got, err = s.LeaseDueFeeds(ctx(t), "other", base.Add(59*time.Second), 1, time.Minute)
	must(t, err)
	if len(got) != 0 {
		t.Fatal("a live lease was taken over")
	}
	got, err = s.LeaseDueFeeds(ctx(t), "other", base.Add(time.Minute), 1, time.Minute)
	must(t, err)
	if len(got) != 1 || got[0].ID != feeds[0].ID {
		t.Fatalf("expired lease not re-leased: %+v", got)
	}
	// The crashed owner reporting late must not release other's lease.
	must(t, s.FinishPoll(ctx(t), news.PollResult{FeedID: feeds[0].ID, Owner: "crashed", StartedAt: base, Status: 200}))
	got, err = s.LeaseDueFeeds(ctx(t), "third", base.Add(90*time.Second), 1, time.Minute)
	must(t, err)
	if len(got) != 0 {
		t.Fatal("a stale owner's FinishPoll released the current owner's lease")
	}
}

func testFinishPollHealth(t *testing.T, s news.Store) {
	feeds := scheduledSource(t, s, "health", base)
	id := feeds[0].ID
	moved := "https://health.example/moved.xml"
	steps := []struct {
		r        news.PollResult
		failures int
		lastErr  string
		lastNote string
		success  time.Time
		etag     string
	}{
		{news.PollResult{Status: 200, ETag: `"v1"`, LastModified: "Mon, 20 Jul 2015 12:00:00 GMT"}, 0, "", "", base, `"v1"`},
		{news.PollResult{Status: 500, Err: "HTTP 500"}, 1, "HTTP 500", "", base, `"v1"`},
		{news.PollResult{Err: "dial tcp: timeout"}, 2, "dial tcp: timeout", "", base, `"v1"`},
		// 304 carries no validators: the stored ones stay.
		{news.PollResult{Status: 304, NotModified: true}, 0, "", "", base.Add(3 * time.Minute), `"v1"`},
		{news.PollResult{Status: 200, ETag: `"v2"`}, 0, "", "", base.Add(4 * time.Minute), `"v2"`},
		// A move is a note on a success, not an error ...
		{news.PollResult{Status: 200, MovedTo: moved}, 0, "", news.MovedNote(feeds[0].URL, moved), base.Add(5 * time.Minute), `"v2"`},
		// ... and, like an error, lasts until the next poll.
		{news.PollResult{Status: 500, Err: "HTTP 500"}, 1, "HTTP 500", "", base.Add(5 * time.Minute), `"v2"`},
	}
	for i, st := range steps {
		r := st.r
		r.FeedID, r.Owner = id, "w"
		r.StartedAt = base.Add(time.Duration(i) * time.Minute)
		r.NextPollAt = r.StartedAt.Add(10 * time.Minute)
		r.Interval = 10 * time.Minute
		must(t, s.FinishPoll(ctx(t), r))
		src, err := s.Source(ctx(t), "health")
		must(t, err)
		f := src.Feeds[0]
		if f.ConsecutiveFailures != st.failures || f.LastError != st.lastErr || f.LastNote != st.lastNote ||
			!f.LastSuccessAt.Equal(st.success) || f.ETag != st.etag || !f.LastPolledAt.Equal(r.StartedAt) ||
			!f.NextPollAt.Equal(r.NextPollAt) {
			t.Fatalf("step %d: feed %+v, want failures %d, error %q, note %q, success %v, etag %s",
				i, f, st.failures, st.lastErr, st.lastNote, st.success, st.etag)
		}
		if e := lastLog(t, s, "health"); e.Err != st.lastErr || e.Note != st.lastNote {
			t.Fatalf("step %d: fetch log %+v, want error %q, note %q", i, e, st.lastErr, st.lastNote)
		}
		if f.LastModified != "Mon, 20 Jul 2015 12:00:00 GMT" {
			t.Fatalf("step %d: Last-Modified lost: %q", i, f.LastModified)
		}
	}
}

// Intervals past 2^31 µs (about 36 minutes) must fit: the crawler backs a
// quiet feed off to hours.
func testFinishPollLongInterval(t *testing.T, s news.Store) {
	feeds := scheduledSource(t, s, "slow", base)
	must(t, s.FinishPoll(ctx(t), news.PollResult{FeedID: feeds[0].ID, StartedAt: base, Status: 200,
		NextPollAt: base.Add(6 * time.Hour), Interval: 6 * time.Hour}))
	src, err := s.Source(ctx(t), "slow")
	must(t, err)
	if f := src.Feeds[0]; f.Interval != 6*time.Hour || !f.NextPollAt.Equal(base.Add(6*time.Hour)) {
		t.Fatalf("interval %v, next poll %v; want 6h later", f.Interval, f.NextPollAt)
	}
}

func testFinishPollGone(t *testing.T, s news.Store) {
	feeds := scheduledSource(t, s, "gone", base.Add(-time.Minute), base.Add(time.Hour))
	must(t, s.FinishPoll(ctx(t), news.PollResult{FeedID: feeds[0].ID, StartedAt: base, Status: 410, Gone: true}))
	src, err := s.Source(ctx(t), "gone")
	must(t, err)
	if !src.Feeds[0].Gone || src.Feeds[0].ConsecutiveFailures != 1 || src.Feeds[0].LastError == "" {
		t.Fatalf("gone feed: %+v", src.Feeds[0])
	}
	got, err := s.LeaseDueFeeds(ctx(t), "w", base.Add(2*time.Hour), 10, time.Minute)
	must(t, err)
	if len(got) != 1 || got[0].ID != feeds[1].ID {
		t.Fatalf("leased %v, want only the live feed %d", feedIDs(got), feeds[1].ID)
	}
	next, err := s.NextDue(ctx(t))
	must(t, err)
	if !next.Equal(base.Add(time.Hour)) {
		t.Fatalf("NextDue %v counts the gone feed", next)
	}
	// Re-adding the feed revives it.
	must(t, s.PutSource(ctx(t), &news.Source{ID: "gone", Feeds: []news.Feed{{URL: feeds[0].URL, NextPollAt: base}}}))
	src, err = s.Source(ctx(t), "gone")
	must(t, err)
	if src.Feeds[0].Gone {
		t.Fatal("re-added feed still gone")
	}
}

func testFinishPollUnknownFeed(t *testing.T, s news.Store) {
	wantCode(t, s.FinishPoll(ctx(t), news.PollResult{FeedID: 987654, StartedAt: base}), news.ENOTFOUND)
}

func testFetchLog(t *testing.T, s news.Store) {
	fa := scheduledSource(t, s, "log-a", base)
	fb := scheduledSource(t, s, "log-b", base)
	polls := []news.PollResult{
		{FeedID: fa[0].ID, StartedAt: base, Duration: 1500 * time.Millisecond, Status: 200, Items: 30, NewItems: 4, Bytes: 51234},
		{FeedID: fb[0].ID, StartedAt: base.Add(time.Minute), Status: 503, Err: "HTTP 503"},
		{FeedID: fa[0].ID, StartedAt: base.Add(2 * time.Minute), Status: 304, NotModified: true},
	}
	for _, p := range polls {
		must(t, s.FinishPoll(ctx(t), p))
	}
	all, err := s.FetchLog(ctx(t), "", 10)
	must(t, err)
	if len(all) != 3 || !all[0].StartedAt.Equal(base.Add(2*time.Minute)) || !all[2].StartedAt.Equal(base) {
		t.Fatalf("fetch log not newest first: %+v", all)
	}
	e := all[2]
	if e.FeedID != fa[0].ID || e.SourceID != "log-a" || e.URL != fa[0].URL || e.Duration != 1500*time.Millisecond ||
		e.Status != 200 || e.Items != 30 || e.NewItems != 4 || e.Bytes != 51234 || e.Err != "" || e.Note != "" {
		t.Fatalf("fetch log entry: %+v", e)
	}
	if all[1].Err != "HTTP 503" || all[1].Note != "" || all[1].Status != 503 {
		t.Fatalf("failed poll entry: %+v", all[1])
	}
	onlyA, err := s.FetchLog(ctx(t), "log-a", 10)
	must(t, err)
	if len(onlyA) != 2 || onlyA[0].SourceID != "log-a" || onlyA[1].SourceID != "log-a" {
		t.Fatalf("source filter: %+v", onlyA)
	}
	one, err := s.FetchLog(ctx(t), "", 1)
	must(t, err)
	if len(one) != 1 {
		t.Fatalf("limit 1 returned %d rows", len(one))
	}
}

func testNextDue(t *testing.T, s news.Store) {
	next, err := s.NextDue(ctx(t))
	must(t, err)
	if !next.IsZero() {
		t.Fatalf("NextDue with no feeds = %v, want zero", next)
	}
	scheduledSource(t, s, "due", base.Add(time.Hour), base.Add(30*time.Minute), base.Add(2*time.Hour))
	next, err = s.NextDue(ctx(t))
	must(t, err)
	if !next.Equal(base.Add(30 * time.Minute)) {
		t.Fatalf("NextDue = %v, want %v", next, base.Add(30*time.Minute))
	}
}
