package cluster

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/nashra/nashra/internal/news"
)

// Tally is what a cluster stored, against the corpus originals.
type Tally struct {
	Stored     int      // article rows
	Originals  int      // distinct corpus originals among them
	Duplicates []string // originals stored under more than one row
	Half       []string // rows whose text does not match their content hash
}

// Count tallies every stored article. original maps a stored URL back to
// the corpus article it came from (fixture.Server.OriginalURL); URLs it
// does not know count as their own original.
func Count(ctx context.Context, st news.Store, original func(string) (string, bool)) (Tally, error) {
	var t Tally
	seen := map[string]int{}
	err := st.ScanArticles(ctx, func(a *news.Article) error {
		t.Stored++
		orig, ok := original(a.URL)
		if !ok {
			orig = a.URL
		}
		seen[orig]++
		if seen[orig] == 2 {
			t.Duplicates = append(t.Duplicates, orig)
		}
		if a.Title == "" || a.BodyText == "" || a.ContentHash != news.ContentHash(a.Title, a.BodyText) {
			t.Half = append(t.Half, a.URL)
		}
		return nil
	})
	if err != nil {
		return t, fmt.Errorf("cluster: scan articles: %w", err)
	}
	t.Originals = len(seen)
	return t, nil
}

// Gap is the longest time one feed went without a poll.
type Gap struct {
	FeedID int64
	URL    string
	Polls  int
	Max    time.Duration
	After  time.Time // when the longest gap began
}

// PollGaps reads the fetch log and returns, per feed, the longest stretch
// in [from, to] during which nobody polled it: from the end of one poll
// (its start plus duration) to the start of the next, counting from `from`
// before the first poll and up to `to` after the last. A feed never polled
// at all has one gap of to-from. The fetch log only holds polls that
// finished: a poll cut short by a killed process leaves no row, so its
// feed's gap spans the crash, the lease expiry and the takeover.
func PollGaps(ctx context.Context, st news.Store, feeds []news.Feed, from, to time.Time) ([]Gap, error) {
	log, err := st.FetchLog(ctx, "", 1<<20)
	if err != nil {
		return nil, fmt.Errorf("cluster: fetch log: %w", err)
	}
	byFeed := map[int64][]news.FetchLogEntry{}
	for _, e := range log {
		if e.StartedAt.Before(from) || e.StartedAt.After(to) {
			continue
		}
		byFeed[e.FeedID] = append(byFeed[e.FeedID], e)
	}
	var out []Gap
	for _, f := range feeds {
		rows := byFeed[f.ID]
		sort.Slice(rows, func(i, j int) bool { return rows[i].StartedAt.Before(rows[j].StartedAt) })
		g := Gap{FeedID: f.ID, URL: f.URL, Polls: len(rows)}
		free := from
		for _, r := range rows {
			if d := r.StartedAt.Sub(free); d > g.Max {
				g.Max, g.After = d, free
			}
			if end := r.StartedAt.Add(r.Duration); end.After(free) {
				free = end
			}
		}
		if d := to.Sub(free); d > g.Max {
			g.Max, g.After = d, free
		}
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Max > out[j].Max })
	return out, nil
}

// Feeds lists every feed of every source.
func Feeds(ctx context.Context, st news.Store) ([]news.Feed, error) {
	stats, err := st.Sources(ctx)
	if err != nil {
		return nil, fmt.Errorf("cluster: sources: %w", err)
	}
	var out []news.Feed
	for _, s := range stats {
		src, err := st.Source(ctx, s.ID)
		if err != nil {
			return nil, fmt.Errorf("cluster: source %s: %w", s.ID, err)
		}
		out = append(out, src.Feeds...)
	}
	return out, nil
}
