package storetest

import (
	"strings"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
)

// feedByID returns the stored state of one feed of a source.
func feedByID(t *testing.T, s news.Store, sourceID string, id int64) news.Feed {
	t.Helper()
	src, err := s.Source(ctx(t), sourceID)
	must(t, err)
	for _, f := range src.Feeds {
		if f.ID == id {
			return f
		}
	}
	t.Fatalf("source %s has no feed %d", sourceID, id)
	return news.Feed{}
}

func lastLog(t *testing.T, s news.Store, sourceID string) news.FetchLogEntry {
	t.Helper()
	log, err := s.FetchLog(ctx(t), sourceID, 1)
	must(t, err)
	if len(log) != 1 {
		t.Fatalf("fetch log of %s has %d rows, want 1", sourceID, len(log))
	}
	return log[0]
}

// sourceStats returns one source's entry in Sources.
func sourceStats(t *testing.T, s news.Store, id string) news.SourceStats {
	t.Helper()
	list, err := s.Sources(ctx(t))
	must(t, err)
	for _, st := range list {
		if st.ID == id {
			return st
		}
	}
	t.Fatalf("Sources lists no %s", id)
	return news.SourceStats{}
}

func leasedFeed(leased []news.Feed, id int64) (news.Feed, bool) {
	for _, f := range leased {
		if f.ID == id {
			return f, true
		}
	}
	return news.Feed{}, false
}

func testFinishPollMoved(t *testing.T, s news.Store) {
	tests := []struct {
		name string
		r    news.PollResult
	}{
		{"200", news.PollResult{Status: 200, ETag: `"new"`, Items: 3}},
		{"304", news.PollResult{Status: 304, NotModified: true}},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id := "moved-" + tc.name
			feeds := scheduledSource(t, s, id, base.Add(time.Duration(-i)*time.Minute))
			old, to := feeds[0].URL, "https://"+id+".example/new/feed.xml"
			leased, err := s.LeaseDueFeeds(ctx(t), "w", base, 10, time.Minute)
			must(t, err)
			if f, ok := leasedFeed(leased, feeds[0].ID); !ok || f.URL != old {
				t.Fatalf("leased %+v, want feed %d at %s", leased, feeds[0].ID, old)
			}
			r := tc.r
			r.FeedID, r.Owner, r.StartedAt, r.MovedTo = feeds[0].ID, "w", base, to
			r.NextPollAt, r.Interval = base.Add(10*time.Minute), 10*time.Minute
			must(t, s.FinishPoll(ctx(t), r))

			f := feedByID(t, s, id, feeds[0].ID)
			note := news.MovedNote(old, to)
			// A move is a note, not an error: the poll worked.
			if f.URL != to || f.LastNote != note || f.LastError != "" || f.ConsecutiveFailures != 0 ||
				!f.LastSuccessAt.Equal(base) || !f.NextPollAt.Equal(r.NextPollAt) || (r.ETag != "" && f.ETag != r.ETag) {
				t.Fatalf("moved feed %+v, want URL %s, note %q, no error, a success", f, to, note)
			}
			// The log row names the URL the poll asked for and the move.
			if e := lastLog(t, s, id); e.URL != old || e.Note != note || e.Err != "" || e.Status != r.Status || e.Items != r.Items {
				t.Fatalf("fetch log %+v, want URL %s, note %q, no error", e, old, note)
			}
			if st := sourceStats(t, s, id); st.LastNote != note || st.LastError != "" || st.ConsecutiveFailures != 0 {
				t.Fatalf("source health %+v, want note %q and no error", st, note)
			}
			// The lease is released and the next lease hands out the new URL.
			leased, err = s.LeaseDueFeeds(ctx(t), "w2", r.NextPollAt, 10, time.Minute)
			must(t, err)
			if f, ok := leasedFeed(leased, feeds[0].ID); !ok || f.URL != to {
				t.Fatalf("after the move leased %+v, want feed %d at %s", leased, feeds[0].ID, to)
			}
			wantCode(t, s.RemoveFeed(ctx(t), old), news.ENOTFOUND)

			// The next success without a move clears the note.
			must(t, s.FinishPoll(ctx(t), news.PollResult{FeedID: feeds[0].ID, Owner: "w2", StartedAt: base.Add(time.Minute), Status: 200}))
			if f := feedByID(t, s, id, feeds[0].ID); f.URL != to || f.LastError != "" || f.LastNote != "" {
				t.Fatalf("after a plain poll: URL %s, last error %q, last note %q", f.URL, f.LastError, f.LastNote)
			}
			if e := lastLog(t, s, id); e.URL != to || e.Err != "" || e.Note != "" {
				t.Fatalf("plain poll logged %+v", e)
			}
			if st := sourceStats(t, s, id); st.LastNote != "" || st.LastError != "" {
				t.Fatalf("source health after a plain poll %+v, want no note and no error", st)
			}
		})
	}
}

func testFinishPollMoveConflict(t *testing.T, s news.Store) {
	mine := scheduledSource(t, s, "mover", base, base)
	theirs := scheduledSource(t, s, "holder", base)
	tests := []struct {
		name  string
		to    news.Feed // the feed that already has the new URL
		owner string
	}{
		{"same source", mine[1], "mover"},
		{"other source", theirs[0], "holder"},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			started := base.Add(time.Duration(i) * time.Minute)
			err := s.FinishPoll(ctx(t), news.PollResult{FeedID: mine[0].ID, Owner: "w", StartedAt: started, Status: 200,
				ETag: `"kept"`, Items: 7, NewItems: 2, MovedTo: tc.to.URL, NextPollAt: started.Add(time.Hour), Interval: time.Hour})
			wantCode(t, err, news.ECONFLICT)

			note := news.MoveConflictNote(mine[0].URL, tc.to.URL, tc.to.ID, tc.owner)
			// The poll is recorded in full; only the URL stays.
			f := feedByID(t, s, "mover", mine[0].ID)
			if f.URL != mine[0].URL || f.LastNote != note || f.LastError != "" || f.ConsecutiveFailures != 0 ||
				!f.LastSuccessAt.Equal(started) || f.ETag != `"kept"` || !f.NextPollAt.Equal(started.Add(time.Hour)) {
				t.Fatalf("feed after a refused move %+v, want URL %s, note %q, no error, a success", f, mine[0].URL, note)
			}
			if e := lastLog(t, s, "mover"); e.URL != mine[0].URL || e.Note != note || e.Err != "" || e.Items != 7 || e.NewItems != 2 {
				t.Fatalf("fetch log %+v, want the poll with note %q and no error", e, note)
			}
			if other := feedByID(t, s, tc.owner, tc.to.ID); other.URL != tc.to.URL || other.LastError != "" || other.LastNote != "" {
				t.Fatalf("the feed holding the URL changed: %+v", other)
			}
		})
	}
}

// A move is only believed from a poll that worked: publishers redirect dead
// feeds to their home page.
func testFinishPollMoveNeedsSuccess(t *testing.T, s news.Store) {
	tests := []struct {
		id      string
		r       news.PollResult
		sameURL bool   // MovedTo is the feed's own URL
		wantErr string // "*": the store's own text, whatever it is
	}{
		{"stay-failed", news.PollResult{Status: 200, Err: "parse: not a feed"}, false, "parse: not a feed"},
		{"stay-gone", news.PollResult{Status: 410, Gone: true}, false, "*"},
		{"stay-same", news.PollResult{Status: 200}, true, ""},
	}
	for _, tc := range tests {
		t.Run(tc.id, func(t *testing.T) {
			feeds := scheduledSource(t, s, tc.id, base)
			r := tc.r
			r.FeedID, r.StartedAt, r.MovedTo = feeds[0].ID, base, "https://"+tc.id+".example/"
			if tc.sameURL {
				r.MovedTo = feeds[0].URL
			}
			must(t, s.FinishPoll(ctx(t), r))
			f := feedByID(t, s, tc.id, feeds[0].ID)
			if f.URL != feeds[0].URL || strings.Contains(f.LastError, "moved") || f.LastNote != "" ||
				(tc.wantErr != "*" && f.LastError != tc.wantErr) || (tc.wantErr == "*" && f.LastError == "") {
				t.Fatalf("feed %+v: moved or noted; want URL %s, error %q", f, feeds[0].URL, tc.wantErr)
			}
			if e := lastLog(t, s, tc.id); e.URL != feeds[0].URL || e.Err != f.LastError || e.Note != "" {
				t.Fatalf("fetch log %+v, want URL %s, error %q, no note", e, feeds[0].URL, f.LastError)
			}
		})
	}
}
