package storetest

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
)

// SharedOpener returns two handles on one fresh database, as two nodes
// would have; it registers its own cleanup with t.
type SharedOpener func(t *testing.T) (news.Store, news.Store)

// RunQueue runs the analysis-queue and lease conformance tests. Every
// driver's store must implement news.NewsroomQueue.
func RunQueue(t *testing.T, open SharedOpener) {
	for _, tc := range queueTests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, b := open(t)
			tc.fn(t, queueOf(t, a), queueOf(t, b))
		})
	}
}

type queueStore interface {
	news.Store
	news.NewsroomQueue
}

func queueOf(t *testing.T, s news.Store) queueStore {
	t.Helper()
	q, ok := s.(queueStore)
	if !ok {
		t.Fatalf("%T does not implement news.NewsroomQueue", s)
	}
	return q
}

var queueTests = []struct {
	name string
	fn   func(t *testing.T, a, b queueStore)
}{
	{"PendingInWriteOrder", testPendingOrder},
	{"EditRequeues", testEditRequeues},
	{"CompleteSavesAndDequeues", testCompleteSavesAndDequeues},
	{"CompleteKeepsEntryEditedSinceRead", testCompleteKeepsNewerEntry},
	{"CompleteFencedByLease", testCompleteFenced},
	{"SaveAnalysisDequeues", testSaveAnalysisDequeues},
	{"LeaseAcquireRenewRelease", testLeadLifecycle},
	{"LeaseStolenAfterExpiry", testLeadExpiry},
	{"LeaseNeverHeldTwice", testLeadExclusive},
	{"LeaseInvalid", testLeadInvalid},
}

func pendingIDs(t *testing.T, q queueStore) []string {
	t.Helper()
	ps, err := q.PendingAnalysis(ctx(t), 1000)
	must(t, err)
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.ArticleID
		if p.Article.ID != p.ArticleID || p.Article.BodyText == "" || p.Article.Index == nil {
			t.Fatalf("pending %s lacks its full text: %+v", p.ArticleID, p.Article)
		}
	}
	n, err := q.PendingCount(ctx(t))
	must(t, err)
	if n != len(out) {
		t.Fatalf("PendingCount %d, PendingAnalysis listed %d", n, len(out))
	}
	return out
}

func lead(t *testing.T, q queueStore, owner string, ttl time.Duration) news.Lease {
	t.Helper()
	l := news.Lease{Name: "newsroom", Owner: owner, TTL: ttl}
	ok, err := q.TryLead(ctx(t), l)
	must(t, err)
	if !ok {
		t.Fatalf("%s could not take a free lease", owner)
	}
	return l
}

// testPendingOrder writes through both handles, out of publication order:
// the queue follows the writes, which is the order a single engine would
// have seen them in.
func testPendingOrder(t *testing.T, a, b queueStore) {
	x := newArticle("okaz", 1, base.Add(3*time.Hour), "Third published", "body x")
	y := newArticle("sabq", 2, base.Add(1*time.Hour), "First published", "body y")
	z := newArticle("okaz", 3, base.Add(2*time.Hour), "Second published", "body z")
	upsert(t, a, x)
	upsert(t, b, y)
	upsert(t, a, z)
	want := []string{x.ID, y.ID, z.ID}
	for _, q := range []queueStore{a, b} {
		if got := pendingIDs(t, q); !slices.Equal(got, want) {
			t.Fatalf("pending %v, want write order %v", got, want)
		}
	}
	ps, err := a.PendingAnalysis(ctx(t), 2)
	must(t, err)
	if len(ps) != 2 || ps[0].Seq >= ps[1].Seq {
		t.Fatalf("limit 2: %+v", ps)
	}
}

func testEditRequeues(t *testing.T, a, b queueStore) {
	x := newArticle("okaz", 1, base, "Original", "text")
	y := newArticle("okaz", 2, base, "Other", "text")
	upsert(t, a, x, y)
	ps, err := a.PendingAnalysis(ctx(t), 10)
	must(t, err)
	l := lead(t, a, "n1", time.Hour)
	must(t, a.CompleteAnalysis(ctx(t), l, nil, nil, []news.QueueEntry{ps[0].QueueEntry, ps[1].QueueEntry}))
	if got := pendingIDs(t, a); len(got) != 0 {
		t.Fatalf("pending after completion: %v", got)
	}
	// A refetch with the same text is not an edit.
	same := newArticle("okaz", 1, base, "Original", "text")
	if r, err := b.UpsertArticle(ctx(t), same); err != nil || r != news.Unchanged {
		t.Fatalf("refetch: %v, %v", r, err)
	}
	if got := pendingIDs(t, a); len(got) != 0 {
		t.Fatalf("an unchanged refetch was queued: %v", got)
	}
	edited := newArticle("okaz", 1, base, "Corrected", "text")
	if r, err := b.UpsertArticle(ctx(t), edited); err != nil || r != news.Updated {
		t.Fatalf("edit: %v, %v", r, err)
	}
	again, err := a.PendingAnalysis(ctx(t), 10)
	must(t, err)
	if len(again) != 1 || again[0].ArticleID != x.ID || again[0].Article.Title != "Corrected" {
		t.Fatalf("edited article not queued with its new text: %+v", again)
	}
	if again[0].Seq <= ps[1].Seq {
		t.Fatalf("edit queued at seq %d, not after the earlier entries (%d)", again[0].Seq, ps[1].Seq)
	}
}

func storyUpdate(id, lead string) news.StoryUpdate {
	return news.StoryUpdate{Story: news.Story{ID: id, Headline: "Headline " + id, LeadArticleID: lead, FirstReportedAt: base,
		FirstSourceID: "okaz", LastUpdatedAt: base, Size: 1, Sources: []string{"okaz"}}}
}

func testCompleteSavesAndDequeues(t *testing.T, a, b queueStore) {
	x := newArticle("okaz", 1, base, "Story lead", "text")
	y := newArticle("okaz", 2, base.Add(time.Minute), "Waiting", "text")
	upsert(t, a, x, y)
	ps, err := b.PendingAnalysis(ctx(t), 1)
	must(t, err)
	if len(ps) != 1 || ps[0].ArticleID != x.ID {
		t.Fatalf("head of queue: %+v", ps)
	}
	l := lead(t, b, "n2", time.Hour)
	must(t, b.CompleteAnalysis(ctx(t), l,
		[]news.Analysis{{ArticleID: x.ID, StoryID: "s1", Hashtags: []string{"tag"}}},
		[]news.StoryUpdate{storyUpdate("s1", x.ID)}, []news.QueueEntry{ps[0].QueueEntry}))
	got, err := a.Article(ctx(t), x.ID)
	must(t, err)
	if got.StoryID != "s1" || !slices.Equal(got.Hashtags, []string{"tag"}) {
		t.Fatalf("analysis not saved: story %q tags %v", got.StoryID, got.Hashtags)
	}
	if _, err := a.Story(ctx(t), "s1"); err != nil {
		t.Fatalf("story not saved: %v", err)
	}
	if p := pendingIDs(t, a); !slices.Equal(p, []string{y.ID}) {
		t.Fatalf("pending %v, want only %s", p, y.ID)
	}
}

func testCompleteKeepsNewerEntry(t *testing.T, a, b queueStore) {
	x := newArticle("okaz", 1, base, "First text", "text")
	upsert(t, a, x)
	ps, err := a.PendingAnalysis(ctx(t), 10)
	must(t, err)
	// Another node edits the article while the leader analyses the old text.
	if r, err := b.UpsertArticle(ctx(t), newArticle("okaz", 1, base, "Second text", "text")); err != nil || r != news.Updated {
		t.Fatalf("edit: %v, %v", r, err)
	}
	l := lead(t, a, "n1", time.Hour)
	must(t, a.CompleteAnalysis(ctx(t), l, []news.Analysis{{ArticleID: x.ID, StoryID: "s1"}},
		[]news.StoryUpdate{storyUpdate("s1", x.ID)}, []news.QueueEntry{ps[0].QueueEntry}))
	again, err := a.PendingAnalysis(ctx(t), 10)
	must(t, err)
	if len(again) != 1 || again[0].Article.Title != "Second text" {
		t.Fatalf("the edit made during analysis was dropped: %+v", again)
	}
}

func testCompleteFenced(t *testing.T, a, b queueStore) {
	x := newArticle("okaz", 1, base, "Contested", "text")
	upsert(t, a, x)
	ps, err := a.PendingAnalysis(ctx(t), 10)
	must(t, err)
	done := []news.QueueEntry{ps[0].QueueEntry}
	as := []news.Analysis{{ArticleID: x.ID, StoryID: "s1"}}
	sts := []news.StoryUpdate{storyUpdate("s1", x.ID)}
	// Never leased at all.
	wantCode(t, a.CompleteAnalysis(ctx(t), news.Lease{Name: "newsroom", Owner: "n1"}, as, sts, done), news.ECONFLICT)
	// Leased by someone else.
	lead(t, b, "n2", time.Hour)
	wantCode(t, a.CompleteAnalysis(ctx(t), news.Lease{Name: "newsroom", Owner: "n1"}, as, sts, done), news.ECONFLICT)
	got, err := a.Article(ctx(t), x.ID)
	must(t, err)
	if got.StoryID != "" {
		t.Fatalf("a fenced-off completion wrote story %q", got.StoryID)
	}
	if p := pendingIDs(t, a); !slices.Equal(p, []string{x.ID}) {
		t.Fatalf("a fenced-off completion dequeued: pending %v", p)
	}
}

func testSaveAnalysisDequeues(t *testing.T, a, b queueStore) {
	x := newArticle("okaz", 1, base, "Inline", "text")
	y := newArticle("okaz", 2, base, "Left", "text")
	upsert(t, a, x, y)
	must(t, b.SaveAnalysis(ctx(t), []news.Analysis{{ArticleID: x.ID, StoryID: "s1"}}, []news.StoryUpdate{storyUpdate("s1", x.ID)}))
	if p := pendingIDs(t, a); !slices.Equal(p, []string{y.ID}) {
		t.Fatalf("pending %v after inline analysis of %s", p, x.ID)
	}
}

func testLeadLifecycle(t *testing.T, a, b queueStore) {
	l1 := news.Lease{Name: "newsroom", Owner: "n1", TTL: time.Hour}
	l2 := news.Lease{Name: "newsroom", Owner: "n2", TTL: time.Hour}
	steps := []struct {
		q    queueStore
		l    news.Lease
		want bool
	}{
		{a, l1, true},  // free: acquired
		{b, l2, false}, // held
		{a, l1, true},  // renewed by its holder
		{b, l1, true},  // the owner, not the handle, holds it
		{a, news.Lease{Name: "other", Owner: "n2", TTL: time.Hour}, true}, // leases are independent
	}
	for i, s := range steps {
		got, err := s.q.TryLead(ctx(t), s.l)
		must(t, err)
		if got != s.want {
			t.Fatalf("step %d: TryLead(%s) = %v, want %v", i, s.l.Owner, got, s.want)
		}
	}
	must(t, b.ReleaseLead(ctx(t), l2)) // not the holder: no effect
	if ok, err := b.TryLead(ctx(t), l2); err != nil || ok {
		t.Fatalf("a non-holder's release freed the lease: %v, %v", ok, err)
	}
	must(t, a.ReleaseLead(ctx(t), l1))
	if ok, err := b.TryLead(ctx(t), l2); err != nil || !ok {
		t.Fatalf("released lease not taken: %v, %v", ok, err)
	}
}

func testLeadExpiry(t *testing.T, a, b queueStore) {
	x := newArticle("okaz", 1, base, "Orphan", "text")
	upsert(t, a, x)
	ps, err := a.PendingAnalysis(ctx(t), 10)
	must(t, err)
	held := lead(t, a, "n1", time.Hour)
	if ok, _ := b.TryLead(ctx(t), news.Lease{Name: "newsroom", Owner: "n2", TTL: time.Hour}); ok {
		t.Fatal("a live lease was stolen")
	}
	// n1 renews for a moment and then stops, as a dead process would.
	lead(t, a, "n1", time.Millisecond)
	l2 := news.Lease{Name: "newsroom", Owner: "n2", TTL: time.Hour}
	deadline := time.Now().Add(10 * time.Second)
	for {
		ok, err := b.TryLead(ctx(t), l2)
		must(t, err)
		if ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("an expired lease was never taken over")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if ok, err := a.TryLead(ctx(t), held); err != nil || ok {
		t.Fatalf("the old holder renewed a lease it lost: %v, %v", ok, err)
	}
	// The old holder's late batch is refused; the new leader's is taken.
	as := []news.Analysis{{ArticleID: x.ID, StoryID: "s1"}}
	sts := []news.StoryUpdate{storyUpdate("s1", x.ID)}
	wantCode(t, a.CompleteAnalysis(ctx(t), held, as, sts, []news.QueueEntry{ps[0].QueueEntry}), news.ECONFLICT)
	must(t, b.CompleteAnalysis(ctx(t), l2, as, sts, []news.QueueEntry{ps[0].QueueEntry}))
}

// testLeadExclusive races candidates on both handles; with a TTL far
// longer than the test, only the first winner may ever hold the lease.
func testLeadExclusive(t *testing.T, a, b queueStore) {
	const candidates, rounds = 8, 10
	var mu sync.Mutex
	winners := map[string]int{}
	var wg sync.WaitGroup
	errs := make(chan error, candidates)
	for c := range candidates {
		q := []queueStore{a, b}[c%2]
		owner := fmt.Sprintf("node-%d", c)
		wg.Go(func() {
			for range rounds {
				ok, err := q.TryLead(ctx(t), news.Lease{Name: "newsroom", Owner: owner, TTL: time.Hour})
				if err != nil {
					errs <- err
					return
				}
				if ok {
					mu.Lock()
					winners[owner]++
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if len(winners) != 1 {
		t.Fatalf("lease held by %d owners, want exactly 1: %v", len(winners), winners)
	}
	for owner, n := range winners {
		if n != rounds {
			t.Fatalf("holder %s renewed %d of %d times", owner, n, rounds)
		}
	}
}

func testLeadInvalid(t *testing.T, a, _ queueStore) {
	for _, l := range []news.Lease{
		{Owner: "n1", TTL: time.Second},
		{Name: "newsroom", TTL: time.Second},
		{Name: "newsroom", Owner: "n1"},
	} {
		_, err := a.TryLead(ctx(t), l)
		wantCode(t, err, news.EINVALID)
	}
}
