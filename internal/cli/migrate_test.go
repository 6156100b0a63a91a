package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/ingest"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store"
	"github.com/nashra/nashra/internal/store/postgres/pgtest"
)

// migrateBatch is small so the test store spans several batches.
const migrateBatch = "40"

func sqliteDSN(t *testing.T) string {
	return "sqlite:" + filepath.Join(t.TempDir(), "nashra.db")
}

// pgDSN returns a DSN on a fresh schema of the test server, dropped when
// the test ends.
func pgDSN(t *testing.T) string { return pgtest.Schema(t, "nashra_migrate_") }

func openStore(t *testing.T, dsn string) news.Store {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

var migrateRecs = sync.OnceValues(func() ([]corpus.Record, error) {
	dir, err := corpus.Locate("saudinewsnet", "")
	if errors.Is(err, corpus.ErrNotFound) {
		return withWireCopies(generatedRecords(180)), nil
	}
	if err != nil {
		return nil, err
	}
	all, err := corpus.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	corpus.SortByDate(all)
	// A stretch a few days in, at most 20 articles per outlet so that
	// several outlets report the same days and stories form across them.
	var out []corpus.Record
	per := map[string]int{}
	for _, r := range all[len(all)/3:] {
		if len(out) == 180 {
			break
		}
		if per[r.Source] < 20 && strings.TrimSpace(r.Title) != "" && len(strings.Fields(r.Content)) >= 40 {
			per[r.Source]++
			out = append(out, r)
		}
	}
	return withWireCopies(out), nil
})

// withWireCopies republishes every tenth record under another outlet half an
// hour later, as a wire copy is, so the newsroom has duplicates to find
// whichever records it gets.
func withWireCopies(recs []corpus.Record) []corpus.Record {
	out := slices.Clone(recs)
	for i := 0; i < len(recs); i += 10 {
		c := recs[i]
		for _, r := range recs[i:] {
			if r.Source != c.Source {
				c.Source = r.Source
				break
			}
		}
		c.URL = fmt.Sprintf("https://%s.example/wire/%d", c.Source, i)
		c.Date = c.Date.Add(30 * time.Minute)
		out = append(out, c)
	}
	corpus.SortByDate(out)
	return out
}

// generatedRecords stands in for the corpus when it is absent: events in
// Saudi cities reported by several outlets.
func generatedRecords(n int) []corpus.Record {
	places := []string{"الرياض", "جدة", "مكة المكرمة", "الدمام", "تبوك", "أبها"}
	topics := []string{"افتتاح مستشفى جديد", "أمطار غزيرة وسيول", "مؤتمر للطاقة المتجددة", "تدشين طريق سريع", "معرض الكتاب"}
	outlets := []string{"sabq", "okaz", "alriyadh", "aleqtisadiya", "alwatan"}
	start := time.Date(2015, 7, 25, 6, 0, 0, 0, time.UTC)
	var out []corpus.Record
	for i := range n {
		event := i / len(outlets)
		place, topic := places[event%len(places)], topics[(event/len(places)+event)%len(topics)]
		body := fmt.Sprintf("أعلنت الجهات المختصة في %s اليوم عن %s، وذلك بحضور عدد من المسؤولين وأمير المنطقة. "+
			"وقال المتحدث الرسمي إن %s يأتي ضمن خطة شاملة في منطقة %s، رقم الحدث %d.\n"+
			"وأضاف أن العمل سيستمر خلال الأسابيع المقبلة بدعم من وزارة الداخلية.", place, topic, topic, place, event)
		o := outlets[i%len(outlets)]
		out = append(out, corpus.Record{Source: o, URL: fmt.Sprintf("https://%s.example/news/%d", o, i),
			Date: start.Add(time.Duration(i) * 7 * time.Minute), Title: topic + " في " + place, Content: body, Language: "ar"})
	}
	return out
}

// migrateFixture is what fillSource stored beyond what the dump shows.
type migrateFixture struct {
	waiting []string // articles the destination's newsroom must analyse
}

// fillSource stores what a live deployment holds: sources with feeds in
// every crawl state (healthy with validators, failing, gone, moved, never
// polled, leased), their fetch logs, articles analysed inline by the story
// engine as `nashra import` does (so stories, duplicates, related lists and
// hashtags), articles stored but never analysed, and an article edited
// after its analysis.
func fillSource(t *testing.T, dsn string) migrateFixture {
	t.Helper()
	ctx := context.Background()
	recs, err := migrateRecs()
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t, dsn)
	defer st.Close()

	srcs := []news.Source{{ID: "quiet", NameAr: "الهادئة", NameEn: "The Quiet", HomeURL: "https://quiet.example/",
		Language: "ar", Country: "SA", LogoURL: "https://quiet.example/logo.png",
		Feeds: []news.Feed{{URL: "https://quiet.example/rss", Kind: news.FeedRSS, Category: "local"}}}}
	seen := map[string]bool{}
	for _, r := range recs {
		if seen[r.Source] {
			continue
		}
		seen[r.Source] = true
		s := ingest.SourceFromOutlet(corpus.OutletFor(r.Source), "ar", "")
		s.Feeds = []news.Feed{
			{URL: "https://" + r.Source + ".example/rss", Kind: news.FeedRSS, Category: "local"},
			{URL: "https://" + r.Source + ".example/sitemap.xml", Kind: news.FeedSitemap},
		}
		srcs = append(srcs, s)
	}
	feedOf := map[string]int64{}
	var feeds []news.Feed
	for i := range srcs {
		if err := st.PutSource(ctx, &srcs[i]); err != nil {
			t.Fatal(err)
		}
		feeds = append(feeds, srcs[i].Feeds...)
		feedOf[srcs[i].ID] = srcs[i].Feeds[0].ID
	}
	last := recs[len(recs)-1].Date
	pollFeeds(t, st, feeds, last)

	nr, err := newNewsroom(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	p := &ingest.Pipeline{Store: st, Analyzer: analyzer{}, Newsroom: nr}
	for start := 0; start < len(recs); start += 50 {
		var as []*news.Article
		for _, r := range recs[start:min(start+50, len(recs))] {
			a := ingest.ArticleFromRecord(r)
			a.FeedID = feedOf[r.Source]
			as = append(as, a)
		}
		if _, err := p.IngestBatch(ctx, as); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}

	// Stored without a newsroom: the source's leader has not got to them.
	var fx migrateFixture
	plain := &ingest.Pipeline{Store: st, Analyzer: analyzer{}}
	defer plain.Close()
	var later []*news.Article
	for i := range 5 {
		later = append(later, &news.Article{URL: fmt.Sprintf("https://quiet.example/news/%d", i), SourceID: "quiet",
			FeedID: srcs[0].Feeds[0].ID, Title: fmt.Sprintf("خبر عاجل رقم %d من الهادئة", i),
			BodyText:    fmt.Sprintf("تفاصيل الخبر العاجل رقم %d كما وردت إلى الصحيفة صباح اليوم.", i),
			PublishedAt: last.Add(time.Duration(i+1) * time.Minute), Language: "ar"})
		fx.waiting = append(fx.waiting, news.ArticleID(later[i].URL))
	}
	if _, err := plain.IngestBatch(ctx, later); err != nil {
		t.Fatal(err)
	}
	// Edited after its analysis: queued again, its old analysis kept.
	edited, err := st.Article(ctx, news.ArticleID(recs[len(recs)/2].URL))
	if err != nil {
		t.Fatal(err)
	}
	if edited.StoryID == "" && edited.DuplicateOf == "" {
		t.Fatalf("article %s was not analysed", edited.ID)
	}
	edited.BodyText += "\n\nتحديث: أضيفت تفاصيل جديدة إلى الخبر."
	edited.Index, edited.Excerpt = nil, ""
	if res, err := plain.IngestBatch(ctx, []*news.Article{edited}); err != nil || res[0] != news.Updated {
		t.Fatalf("edit: %v, %v", res, err)
	}
	fx.waiting = append(fx.waiting, edited.ID)
	return fx
}

// pollFeeds gives feeds every crawl state through FinishPoll, the
// crawler's own write path, so each also has a fetch log.
func pollFeeds(t *testing.T, st news.Store, feeds []news.Feed, at time.Time) {
	t.Helper()
	ctx := context.Background()
	for j, f := range feeds {
		var polls []news.PollResult
		switch j % 5 {
		case 0: // healthy, polled conditionally
			polls = []news.PollResult{
				{Status: 200, ETag: fmt.Sprintf(`"v%d"`, j), LastModified: "Sat, 25 Jul 2015 10:00:00 GMT",
					Items: 30, NewItems: 30, Bytes: 48213, Duration: 812 * time.Millisecond, Interval: 10 * time.Minute},
				{Status: 304, NotModified: true, Duration: 41 * time.Millisecond, Interval: 20 * time.Minute},
				{Status: 304, NotModified: true, Duration: 38 * time.Millisecond, Interval: 40 * time.Minute},
			}
		case 1: // failing
			polls = []news.PollResult{
				{Status: 200, Items: 10, Interval: 15 * time.Minute},
				{Status: 503, Err: "HTTP 503", Interval: 30 * time.Minute},
				{Err: "dial tcp: connection refused", Interval: time.Hour},
			}
		case 2: // gone
			polls = []news.PollResult{{Status: 200, Interval: 15 * time.Minute}, {Status: 410, Gone: true}}
		case 3: // moved permanently
			polls = []news.PollResult{{Status: 200, MovedTo: f.URL + "?moved=1", Items: 12, Interval: 15 * time.Minute}}
		}
		for i, r := range polls {
			r.FeedID = f.ID
			r.StartedAt = at.Add(time.Duration(j)*time.Minute + time.Duration(i)*time.Hour)
			if r.Interval > 0 {
				r.NextPollAt = r.StartedAt.Add(r.Interval)
			}
			if err := st.FinishPoll(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
	}
	// A crawler holds a lease right now; the destination must not inherit it.
	if _, err := st.LeaseDueFeeds(ctx, "crawler-1", at.Add(48*time.Hour), 2, time.Hour); err != nil {
		t.Fatal(err)
	}
}

// dumpStore renders everything a store holds that migrate-store copies, one
// line per item, with feeds named by URL rather than by their store-local
// IDs, so two stores can be compared line by line.
func dumpStore(t *testing.T, dsn string) []string {
	t.Helper()
	ctx := context.Background()
	st := openStore(t, dsn)
	defer st.Close()
	var lines []string
	add := func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) }
	at := func(tm time.Time) string {
		if tm.IsZero() {
			return "-"
		}
		return tm.UTC().Format(time.RFC3339Nano)
	}
	// Text as both stores can hold it: PostgreSQL drops invalid UTF-8,
	// which a cut excerpt can end with.
	digest := func(s string) string { sum := sha256.Sum256([]byte(storable(s))); return hex.EncodeToString(sum[:8]) }

	tally, err := st.(news.MigrationStore).Tally(ctx)
	if err != nil {
		t.Fatal(err)
	}
	add("tally %+v", tally)
	srcs, err := st.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	feedURL := map[int64]string{}
	for _, s := range srcs {
		add("source %s %q %q %q %s %s %q articles=%d latest=%s success=%s failures=%d error=%q note=%q",
			s.ID, s.NameAr, s.NameEn, s.HomeURL, s.Language, s.Country, s.LogoURL, s.Articles, at(s.LatestArticleAt),
			at(s.LastSuccessAt), s.ConsecutiveFailures, s.LastError, s.LastNote)
		for _, f := range s.Feeds {
			feedURL[f.ID] = f.URL
			add("feed %s source=%s kind=%q category=%q interval=%s next=%s etag=%q modified=%q gone=%t polled=%s success=%s failures=%d error=%q note=%q",
				f.URL, f.SourceID, f.Kind, f.Category, f.Interval, at(f.NextPollAt), f.ETag, f.LastModified, f.Gone,
				at(f.LastPolledAt), at(f.LastSuccessAt), f.ConsecutiveFailures, f.LastError, f.LastNote)
		}
		log, err := st.FetchLog(ctx, s.ID, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range log {
			add("fetch %s at=%s url=%s took=%s status=%d error=%q note=%q items=%d new=%d bytes=%d",
				feedURL[e.FeedID], at(e.StartedAt), e.URL, e.Duration, e.Status, e.Err, e.Note, e.Items, e.NewItems, e.Bytes)
		}
	}
	err = st.ScanArticles(ctx, func(a *news.Article) error {
		feed := "-"
		if a.FeedID != 0 {
			feed = feedURL[a.FeedID]
		}
		add("article %s url=%s source=%s feed=%s category=%q title=%q author=%q published=%s fetched=%s updated=%s lang=%s text=%s html=%s excerpt=%s image=%q hash=%s index=%s dup=%q story=%q wire=%q tags=%q",
			a.ID, a.URL, a.SourceID, feed, a.Category, a.Title, a.Author, at(a.PublishedAt), at(a.FetchedAt), at(a.UpdatedAt),
			a.Language, digest(a.BodyText), digest(a.BodyHTML), digest(a.Excerpt), a.ImageURL, a.ContentHash,
			digest(fmt.Sprintf("%+v", indexDoc(a))), a.DuplicateOf, a.StoryID, a.WireAgency, a.Hashtags)
		rel, err := st.Related(ctx, a.ID)
		if err != nil {
			return err
		}
		for i, r := range rel {
			add("related %s #%d %s title=%q source=%s %q published=%s excerpt=%s reason=%q shared=%q same=%t score=%v",
				a.ID, i, r.ArticleID, r.Title, r.SourceID, r.SourceName, at(r.PublishedAt), digest(r.Excerpt), r.Reason,
				r.Shared, r.SameStory, r.Score)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var stories []string
	for offset := 0; ; offset += 1000 {
		page, err := st.Stories(ctx, news.StoryFilter{Limit: 1000, Offset: offset})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range page {
			stories = append(stories, fmt.Sprintf("story %s %q lead=%s first=%s by=%s updated=%s size=%d sources=%q tags=%q",
				s.ID, s.Headline, s.LeadArticleID, at(s.FirstReportedAt), s.FirstSourceID, at(s.LastUpdatedAt), s.Size,
				s.Sources, s.Hashtags))
		}
		if len(page) < 1000 {
			break
		}
	}
	slices.Sort(stories)
	lines = append(lines, stories...)
	queue, err := st.(news.MigrationStore).QueuedArticleIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(queue)
	for _, id := range queue {
		add("queued %s", id)
	}
	return lines
}

// sameDump fails the test with the lines only one side has.
func sameDump(t *testing.T, want, got []string) {
	t.Helper()
	if slices.Equal(want, got) {
		return
	}
	count := map[string]int{}
	for _, l := range want {
		count[l]++
	}
	for _, l := range got {
		count[l]--
	}
	var missing, extra []string
	for l, n := range count {
		for ; n > 0; n-- {
			missing = append(missing, l)
		}
		for ; n < 0; n++ {
			extra = append(extra, l)
		}
	}
	slices.Sort(missing)
	slices.Sort(extra)
	if len(missing) == 0 && len(extra) == 0 {
		t.Fatalf("destination holds the same items in another order")
	}
	t.Fatalf("destination differs from source:\nonly in source (%d):\n  %s\nonly in destination (%d):\n  %s",
		len(missing), strings.Join(first(missing, 12), "\n  "), len(extra), strings.Join(first(extra, 12), "\n  "))
}

func first(xs []string, n int) []string { return xs[:min(n, len(xs))] }

// requireRich checks the source dump holds every kind of item, so a test
// that compares dumps compares something.
func requireRich(t *testing.T, dump []string) {
	t.Helper()
	has := func(prefix, substr string) bool {
		return slices.ContainsFunc(dump, func(l string) bool { return strings.HasPrefix(l, prefix) && strings.Contains(l, substr) })
	}
	for _, c := range []struct{ prefix, substr, what string }{
		{"feed ", `etag="\"v`, "a feed with an ETag"},
		{"feed ", "gone=true", "a gone feed"},
		{"feed ", `error="dial tcp`, "a failing feed"},
		{"feed ", `note="feed moved permanently`, "a moved feed"},
		{"fetch ", "status=304", "a not-modified poll in the fetch log"},
		{"article ", `dup="`, "an article"},
		{"related ", "", "a related list"},
		{"story ", "", "a story"},
		{"queued ", "", "an article awaiting analysis"},
	} {
		if !has(c.prefix, c.substr) {
			t.Fatalf("the source store lacks %s", c.what)
		}
	}
	if !slices.ContainsFunc(dump, func(l string) bool {
		return strings.HasPrefix(l, "article ") && !strings.Contains(l, `dup=""`)
	}) {
		t.Fatal("the source store has no duplicate")
	}
	if !slices.ContainsFunc(dump, func(l string) bool {
		return strings.HasPrefix(l, "article ") && !strings.HasSuffix(l, "tags=[]")
	}) {
		t.Fatal("the source store has no hashtag")
	}
}

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errs bytes.Buffer
	code = Run(context.Background(), args, &out, &errs)
	return code, out.String(), errs.String()
}

func TestMigrateStoreCopiesEverything(t *testing.T) {
	cases := []struct {
		name     string
		from, to func(*testing.T) string
	}{
		{"sqlite to postgres", sqliteDSN, pgDSN},
		{"sqlite to sqlite", sqliteDSN, sqliteDSN},
		{"postgres to sqlite", pgDSN, sqliteDSN},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			from, to := c.from(t), c.to(t)
			fx := fillSource(t, from)
			want := dumpStore(t, from)
			requireRich(t, want)

			start := time.Now()
			code, out, errs := runCLI("migrate-store", "--from", from, "--to", to, "--batch", migrateBatch, "--verify-sample", "0")
			t.Logf("%d lines of store migrated in %s", len(want), time.Since(start).Round(time.Millisecond))
			if code != 0 {
				t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
			}
			for _, s := range []string{"copied ", "SOURCE", "feeds", "with the same crawl state", "fetch-log rows",
				"awaiting analysis", "related entries", "hashtags", "articles compared", "verified: the destination matches the source"} {
				if !strings.Contains(out, s) {
					t.Errorf("stdout lacks %q:\n%s", s, out)
				}
			}
			if strings.Contains(out, "MISMATCH") || strings.Contains(errs, "verified") {
				t.Errorf("summary misplaced or mismatched:\nstdout:\n%s\nstderr:\n%s", out, errs)
			}
			sameDump(t, want, dumpStore(t, to))

			// What the source's newsroom had not analysed waits for the
			// destination's, with nothing else.
			dst := openStore(t, to)
			pend, err := dst.(news.NewsroomQueue).PendingAnalysis(context.Background(), 100)
			dst.Close()
			if err != nil {
				t.Fatal(err)
			}
			var queued []string
			for _, p := range pend {
				queued = append(queued, p.ArticleID)
			}
			if !slices.Equal(sortedCopy(queued), sortedCopy(fx.waiting)) {
				t.Fatalf("destination queue %v, want %v", queued, fx.waiting)
			}

			// Running it again finds everything there and changes nothing.
			code, out, errs = runCLI("migrate-store", "--from", from, "--to", to, "--batch", migrateBatch)
			if code != 0 {
				t.Fatalf("second run: exit %d\n%s\n%s", code, out, errs)
			}
			if !strings.Contains(out, "copied 0 articles (") || !strings.Contains(out, "verified") {
				t.Fatalf("second run copied again:\n%s", out)
			}
			sameDump(t, want, dumpStore(t, to))
		})
	}
}

// errCrash stands for a process killed at a checkpoint.
var errCrash = errors.New("simulated crash")

func TestMigrateStoreResumesAfterInterruption(t *testing.T) {
	from := sqliteDSN(t)
	fillSource(t, from)
	want := dumpStore(t, from)
	cases := []struct {
		name   string
		to     func(*testing.T) string
		step   string // checkpoint to stop at
		nth    int    // stop at its nth call
		cancel bool   // cancel the context (Ctrl-C) rather than crash
		// resaved: the rerun must save analyses of articles stored but
		// not analysed when the first run stopped.
		resaved bool
	}{
		{"cancelled after two article batches, to postgres", pgDSN, "articles", 2, true, true},
		{"crash between a batch and its analyses", sqliteDSN, "articles", 3, false, true},
		{"crash between a batch and its analyses, to postgres", pgDSN, "articles", 3, false, true},
		{"crash after a batch's analyses", sqliteDSN, "analysis", 2, false, false},
		{"crash among feeds", sqliteDSN, "feed", 4, false, false},
		{"crash in the fetch log", pgDSN, "fetch-log", 3, false, false},
		{"crash after the stories", sqliteDSN, "stories", 1, false, false},
		{"crash after the queue", sqliteDSN, "queue", 1, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			to := c.to(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			calls := 0
			err := migrateOnce(ctx, t, from, to, func(step string) error {
				if step != c.step {
					return nil
				}
				if calls++; calls < c.nth {
					return nil
				}
				if c.cancel {
					cancel()
					return nil
				}
				return errCrash
			})
			if err == nil {
				t.Fatal("interrupted migration reported success")
			}
			if !strings.Contains(err.Error(), "rerun the same command to resume") {
				t.Fatalf("error does not say how to resume: %v", err)
			}
			if code := report(io.Discard, "migrate-store", err); code == 0 {
				t.Fatalf("interrupted migration exits 0: %v", err)
			}

			code, out, errs := runCLI("migrate-store", "--from", from, "--to", to, "--batch", migrateBatch, "--verify-sample", "0")
			if code != 0 {
				t.Fatalf("rerun: exit %d\n%s\n%s", code, out, errs)
			}
			if c.resaved && strings.Contains(out, " 0 of their analyses completed") {
				t.Errorf("rerun did not complete the analyses the first run left:\n%s", out)
			}
			sameDump(t, want, dumpStore(t, to))
		})
	}
}

// migrateOnce runs a migration in-process with a checkpoint hook.
func migrateOnce(ctx context.Context, t *testing.T, from, to string, checkpoint func(string) error) error {
	t.Helper()
	src, dst := openStore(t, from), openStore(t, to)
	defer src.Close()
	defer dst.Close()
	m, err := newMigrator(src, dst, migrateOptions{batch: 40, fetchLog: -1, sample: 0}, io.Discard, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	m.checkpoint = checkpoint
	return m.run(ctx)
}

func TestMigrateStoreFetchLogLimit(t *testing.T) {
	from, to := sqliteDSN(t), sqliteDSN(t)
	fillSource(t, from)
	code, out, errs := runCLI("migrate-store", "--from", from, "--to", to, "--fetch-log", "1")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(out, "newest 1 per feed") {
		t.Errorf("summary does not say the fetch log was cut:\n%s", out)
	}
	// Each feed keeps exactly its newest row.
	newest := func(dsn string) map[string]string {
		st := openStore(t, dsn)
		defer st.Close()
		log, err := st.FetchLog(context.Background(), "", 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		n := map[string]int{}
		srcs, err := st.Sources(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		url := map[int64]string{}
		for _, s := range srcs {
			for _, f := range s.Feeds {
				url[f.ID] = f.URL
			}
		}
		for _, e := range log { // newest first
			u := url[e.FeedID]
			if n[u]++; n[u] == 1 {
				out[u] = fmt.Sprintf("%s %d %q %d", e.StartedAt.UTC().Format(time.RFC3339Nano), e.Status, e.Err, e.Items)
			}
		}
		if dsn == to {
			for u, k := range n {
				if k != 1 {
					t.Errorf("feed %s has %d fetch-log rows, want 1", u, k)
				}
			}
		}
		return out
	}
	if w, g := newest(from), newest(to); fmt.Sprint(w) != fmt.Sprint(g) {
		t.Fatalf("newest rows differ:\nsource      %v\ndestination %v", w, g)
	}
}

// tinySource is a store with one source and one article, enough to migrate.
func tinySource(t *testing.T) string {
	t.Helper()
	dsn := sqliteDSN(t)
	st := openStore(t, dsn)
	defer st.Close()
	ctx := context.Background()
	if err := st.PutSource(ctx, &news.Source{ID: "tiny", NameEn: "Tiny", Feeds: []news.Feed{{URL: "https://tiny.example/rss"}}}); err != nil {
		t.Fatal(err)
	}
	p := &ingest.Pipeline{Store: st, Analyzer: analyzer{}}
	defer p.Close()
	if _, err := p.IngestBatch(ctx, []*news.Article{{URL: "https://tiny.example/1", SourceID: "tiny", Title: "خبر", BodyText: "نص الخبر"}}); err != nil {
		t.Fatal(err)
	}
	return dsn
}

func TestMigrateStoreRejectsBadInput(t *testing.T) {
	tiny := tinySource(t)
	dir := t.TempDir()
	empty := sqliteDSN(t)
	st := openStore(t, empty)
	st.Close()
	missing := "sqlite:" + filepath.Join(t.TempDir(), "no-such.db")
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no flags", nil, 2, "--from and --to are both required"},
		{"no destination", []string{"--from", tiny}, 2, "--to is required"},
		{"no source", []string{"--to", sqliteDSN(t)}, 2, "--from is required"},
		{"same store", []string{"--from", tiny, "--to", tiny}, 2, "name the same store"},
		{"same store, spelled differently", []string{"--from", dir, "--to", "sqlite:" + filepath.Join(dir, "nashra.db")}, 2, "name the same store"},
		{"same postgres schema", []string{"--from", "postgres://u@db.example/nashra?search_path=a", "--to", "postgres://u@DB.example:5432/nashra?sslmode=disable&search_path=a"}, 2, "name the same store"},
		{"unsupported scheme", []string{"--from", tiny, "--to", "mysql://u@host/db"}, 2, "unsupported database"},
		{"bad batch", []string{"--from", tiny, "--to", sqliteDSN(t), "--batch", "0"}, 2, "--batch 0"},
		{"bad fetch-log", []string{"--from", tiny, "--to", sqliteDSN(t), "--fetch-log", "-2"}, 2, "--fetch-log -2"},
		{"bad sample", []string{"--from", tiny, "--to", sqliteDSN(t), "--verify-sample", "-1"}, 2, "--verify-sample -1"},
		{"missing source file", []string{"--from", missing, "--to", sqliteDSN(t)}, 1, "no SQLite database at"},
		{"empty source", []string{"--from", empty, "--to", sqliteDSN(t)}, 1, "nothing to migrate"},
		{"unreachable destination", []string{"--from", tiny, "--to", "postgres://postgres@127.0.0.1:1/test?sslmode=disable&connect_timeout=5"}, 1, "open --to"},
		{"missing postgres source", []string{"--from", "postgres://postgres@127.0.0.1:5432/nashra_no_such_db?sslmode=disable&connect_timeout=5", "--to", sqliteDSN(t)}, 1, "open --from"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := runCLI(append([]string{"migrate-store"}, c.args...)...)
			if code != c.code || !strings.Contains(errs, c.want) {
				t.Fatalf("exit %d, want %d; stderr %q lacks %q (stdout %q)", code, c.code, errs, c.want, out)
			}
		})
	}
	// A refused missing file is not created as a side effect.
	if _, err := os.Stat(strings.TrimPrefix(missing, "sqlite:")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the missing source was created: %v", err)
	}
}

func TestMigrateStoreReportsMismatch(t *testing.T) {
	from, to := tinySource(t), sqliteDSN(t)
	// The destination already holds a source the source does not.
	st := openStore(t, to)
	if err := st.PutSource(context.Background(), &news.Source{ID: "stray", NameEn: "Stray"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, out, errs := runCLI("migrate-store", "--from", from, "--to", to)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s\n%s", code, out, errs)
	}
	if want := "verify: the destination does not match the source: sources: source 1, destination 2"; !strings.Contains(errs, want) {
		t.Fatalf("stderr %q lacks %q", errs, want)
	}
	if !strings.Contains(out, "MISMATCH") || strings.Contains(out, "verified:") {
		t.Fatalf("table does not flag the mismatch:\n%s", out)
	}
}
