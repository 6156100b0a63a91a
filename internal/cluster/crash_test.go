package cluster_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/cluster"
	"github.com/nashra/nashra/internal/fixture"
)

// TestKilledNodeLosesNothing runs three crawler processes on one database,
// kills one with SIGKILL in the middle of the run (the newsroom leader when
// one leads) and restarts it. Every article must end up stored exactly once
// and analysed (the newsroom queue drains under a new leader), and no feed
// may go unpolled for longer than the slowest polling interval plus the
// lease a dead node holds: its leases expire and the survivors take its
// feeds over.
func TestKilledNodeLosesNothing(t *testing.T) {
	recs := records(t, 25)
	// Slow article pages stretch ingestion over several seconds, so the
	// kill lands while every node has polls in flight.
	fx := startFixture(t, recs, map[string]fixture.Faults{"*": {Slow: 40 * time.Millisecond, Only: "article"}})
	schema := testSchema(t)
	st := openStore(t, schema.DSN, fx)
	want := fx.Published() - len(fx.EmptyBodyURLs())

	from := time.Now()
	nodes := []*cluster.Proc{
		startCrawler(t, schema.DSN, "n1", fast),
		startCrawler(t, schema.DSN, "n2", fast),
		startCrawler(t, schema.DSN, "n3", fast),
	}
	waitFor(t, "a quarter of the articles stored", 2*time.Minute, func() (bool, string) {
		n := stored(st)
		return n >= want/4, fmt.Sprintf("%d of %d stored\n%s", n, want, describe(nodes...))
	})
	// Kill the newsroom leader: besides its feeds, its leadership must
	// pass to a survivor.
	victim := 1
	if leader := newsroomLeader(t, schema.DSN); leader != "" {
		for i, p := range nodes {
			if p.Name == leader {
				victim = i
			}
		}
	}
	name := nodes[victim].Name
	nodes[victim].Kill()
	killedAt := stored(st)
	t.Logf("killed %s (newsroom leader: %v) with %d of %d articles stored", name, newsroomLeader(t, schema.DSN) == name, killedAt, want)
	if killedAt >= want {
		t.Fatalf("the run finished before the kill (%d of %d); slow the fixture down", killedAt, want)
	}
	time.Sleep(time.Second)
	nodes[victim] = startCrawler(t, schema.DSN, name, fast)

	waitFor(t, "every article stored", 3*time.Minute, func() (bool, string) {
		n := stored(st)
		return n >= want, fmt.Sprintf("%d of %d stored\n%s", n, want, describe(nodes...))
	})
	waitAnalysed(t, st, nodes...)
	// Keep the cluster polling a while: repolls must not store anything
	// twice, and the gap check covers the steady state too.
	time.Sleep(fast.maxInterval + fast.lease)
	to := time.Now()
	stopAll(t, nodes...)
	checkExactlyOnce(t, st, fx)

	feeds, err := cluster.Feeds(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	gaps, err := cluster.PollGaps(context.Background(), st, feeds, from, to)
	if err != nil {
		t.Fatal(err)
	}
	// A feed falls due at most MaxInterval (+10% jitter) after its last
	// poll ended. If the node that leased it then dies, the lease must run
	// out first; a sleeping node notices a due feed within its idle wait.
	// The last term covers a child process starting up.
	bound := fast.maxInterval*11/10 + fast.lease + 2*fast.idle + 2*time.Second
	if len(gaps) == 0 {
		t.Fatal("no feeds in the store")
	}
	t.Logf("longest unpolled stretch: %s (%s, %d polls); bound %s", gaps[0].Max.Round(time.Millisecond), gaps[0].URL, gaps[0].Polls, bound)
	for _, g := range gaps {
		if g.Max > bound {
			t.Errorf("feed %d (%s) went unpolled for %s from %s (bound %s, %d polls)",
				g.FeedID, g.URL, g.Max.Round(time.Millisecond), g.After.Format("15:04:05.000"), bound, g.Polls)
		}
	}
}
