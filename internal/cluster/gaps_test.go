package cluster

import (
	"context"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
)

// logStore serves a fixed fetch log; the other Store methods are unused.
type logStore struct {
	news.Store
	log []news.FetchLogEntry
}

func (s logStore) FetchLog(ctx context.Context, sourceID string, limit int) ([]news.FetchLogEntry, error) {
	return s.log, nil
}

func TestPollGaps(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(s float64) time.Time { return t0.Add(time.Duration(s * float64(time.Second))) }
	poll := func(feed int64, start, dur float64) news.FetchLogEntry {
		return news.FetchLogEntry{FeedID: feed, StartedAt: at(start), Duration: time.Duration(dur * float64(time.Second))}
	}
	for _, tc := range []struct {
		name  string
		log   []news.FetchLogEntry
		from  float64
		to    float64
		want  time.Duration
		polls int
	}{
		{"never polled", nil, 0, 30, 30 * time.Second, 0},
		{"regular", []news.FetchLogEntry{poll(1, 1, 0.5), poll(1, 4, 0.5), poll(1, 7, 0.5), poll(1, 9, 0.5)}, 0, 10, 2500 * time.Millisecond, 4},
		// Unordered rows (the log is newest first) and a long poll: the gap
		// counts from the end of a poll, not its start.
		{"long poll", []news.FetchLogEntry{poll(1, 12, 1), poll(1, 2, 8)}, 2, 14, 2 * time.Second, 2},
		{"quiet at the end", []news.FetchLogEntry{poll(1, 1, 1)}, 0, 20, 18 * time.Second, 1},
		// A node killed mid-poll leaves no row: the gap spans the takeover.
		{"crash", []news.FetchLogEntry{poll(1, 1, 1), poll(1, 11, 1), poll(1, 13, 1)}, 0, 14, 9 * time.Second, 3},
		{"rows outside the window ignored", []news.FetchLogEntry{poll(1, -50, 1), poll(1, 1, 1), poll(1, 3, 1), poll(1, 99, 1)}, 0, 4, time.Second, 2},
		{"other feeds ignored", []news.FetchLogEntry{poll(2, 1, 1), poll(1, 2, 1)}, 0, 3, 2 * time.Second, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gaps, err := PollGaps(context.Background(), logStore{log: tc.log}, []news.Feed{{ID: 1, URL: "http://x/feed"}}, at(tc.from), at(tc.to))
			if err != nil {
				t.Fatal(err)
			}
			if len(gaps) != 1 || gaps[0].Max != tc.want || gaps[0].Polls != tc.polls {
				t.Fatalf("gaps %+v, want max %s over %d polls", gaps, tc.want, tc.polls)
			}
		})
	}
}
