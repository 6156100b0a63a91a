package cluster_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/cluster"
	"github.com/nashra/nashra/internal/fixture"
)

// TestDatabaseRestartLosesNothing restarts PostgreSQL (a fast shutdown, as
// a failover or a minor-version upgrade would) while two crawler nodes
// ingest. The nodes must ride it out, reconnect and finish: every article
// stored exactly once. The server is a private one: the shared test server
// serves other packages' tests meanwhile.
func TestDatabaseRestartLosesNothing(t *testing.T) {
	recs := records(t, 25)
	ctx := context.Background()
	srv, err := cluster.StartServer(ctx)
	if errors.Is(err, cluster.ErrNoPostgres) {
		t.Skipf("cannot start a private PostgreSQL server to restart: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Error(err)
		}
	})
	fx := startFixture(t, recs, map[string]fixture.Faults{"*": {Slow: 40 * time.Millisecond, Only: "article"}})
	st := openStore(t, srv.DSN(), fx)
	want := fx.Published() - len(fx.EmptyBodyURLs())

	nodes := []*cluster.Proc{
		startCrawler(t, srv.DSN(), "n1", fast),
		startCrawler(t, srv.DSN(), "n2", fast),
	}
	waitFor(t, "a quarter of the articles stored", 2*time.Minute, func() (bool, string) {
		n := stored(st)
		return n >= want/4, fmt.Sprintf("%d of %d stored\n%s", n, want, describe(nodes...))
	})
	before := stored(st)
	if err := srv.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("restarted PostgreSQL with %d of %d articles stored", before, want)
	if before >= want {
		t.Fatalf("the run finished before the restart (%d of %d); slow the fixture down", before, want)
	}
	waitFor(t, "every article stored after the restart", 3*time.Minute, func() (bool, string) {
		n := stored(st)
		return n >= want, fmt.Sprintf("%d of %d stored\n%s", n, want, describe(nodes...))
	})
	for _, p := range nodes {
		if done, err := p.Exited(); done {
			t.Errorf("%s exited instead of reconnecting (%v):\n%s", p.Name, err, p.Tail(3000))
		}
	}
	waitAnalysed(t, st, nodes...)
	time.Sleep(fast.maxInterval)
	stopAll(t, nodes...)
	checkExactlyOnce(t, st, fx)
}
