package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store"
)

// migrateOptions are migrate-store's tunables.
type migrateOptions struct {
	batch    int // articles per transaction
	fetchLog int // newest fetch-log rows copied per feed; -1 all, 0 none
	sample   int // articles compared field by field after copying; 0 all
}

func runMigrateStore(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "migrate-store", "migrate-store --from sqlite:FILE|DIR|postgres://... --to sqlite:FILE|DIR|postgres://... [flags]")
	var from, to string
	o := migrateOptions{}
	fs.StringVar(&from, "from", "", "source store (sqlite:FILE, a data directory, or postgres://...); must exist")
	fs.StringVar(&to, "to", "", "destination store, empty or left by an interrupted run of this command")
	fs.IntVar(&o.batch, "batch", 500, "articles per transaction")
	fs.IntVar(&o.fetchLog, "fetch-log", -1, "newest fetch-log rows to copy per feed (-1: all the log keeps, 14 days; 0: none)")
	fs.IntVar(&o.sample, "verify-sample", 1000, "articles compared field by field, with hashtags, related list and story, after copying (0: all)")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	switch {
	case from == "" && to == "":
		return usagef("--from and --to are both required")
	case from == "":
		return usagef("--from is required")
	case to == "":
		return usagef("--to is required")
	case o.batch < 1 || o.batch > 10000:
		return usagef("--batch %d: want 1..10000", o.batch)
	case o.fetchLog < -1:
		return usagef("--fetch-log %d: want -1 (all), 0 (none) or a row count", o.fetchLog)
	case o.sample < 0:
		return usagef("--verify-sample %d: want 0 (all) or an article count", o.sample)
	}
	fromKind, fromTarget, err := store.Parse(from)
	if err != nil {
		return usagef("--from: %v", err)
	}
	toKind, toTarget, err := store.Parse(to)
	if err != nil {
		return usagef("--to: %v", err)
	}
	if sameStore(fromKind, fromTarget, toKind, toTarget) {
		return usagef("--from and --to name the same store (%s): a store cannot be migrated onto itself", fromTarget)
	}
	// Opening a SQLite path creates the database: a mistyped --from would
	// otherwise "migrate" a fresh empty file.
	if fromKind == "sqlite" {
		if _, err := os.Stat(fromTarget); errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("--from %s: no SQLite database at %s", from, fromTarget)
		}
	}
	src, err := store.Open(ctx, from)
	if err != nil {
		return fmt.Errorf("open --from %s: %w", from, err)
	}
	defer src.Close()
	dst, err := store.Open(ctx, to)
	if err != nil {
		return fmt.Errorf("open --to %s: %w", to, err)
	}
	defer dst.Close()
	m, err := newMigrator(src, dst, o, e.stdout, e.stderr)
	if err != nil {
		return err
	}
	return m.run(ctx)
}

// sameStore reports whether two parsed DSNs name one database.
func sameStore(kindA, targetA, kindB, targetB string) bool {
	if kindA != kindB {
		return false
	}
	if kindA == "sqlite" {
		a, errA := filepath.Abs(targetA)
		b, errB := filepath.Abs(targetB)
		return errA == nil && errB == nil && a == b
	}
	return pgIdentity(targetA) == pgIdentity(targetB)
}

// pgIdentity is what tells PostgreSQL databases apart in a connection
// string: host, port, database and schema search path.
func pgIdentity(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return dsn
	}
	port := u.Port()
	if port == "" {
		port = "5432"
	}
	return strings.ToLower(u.Hostname()) + ":" + port + u.Path + "?" + u.Query().Get("search_path")
}

// migrator copies one store into another. Every step is idempotent, so a
// run that stops anywhere is resumed by running it again.
type migrator struct {
	src, dst       news.Store
	srcM, dstM     news.MigrationStore
	opt            migrateOptions
	stdout, stderr io.Writer
	// checkpoint, when set, is called after each write to the destination
	// commits ("feed", "fetch-log", "articles", "analysis", "stories",
	// "queue"); an error stops the migration there, as a crash would.
	checkpoint func(step string) error

	srcTally news.Tally
	sources  []news.SourceStats
	feedIDs  map[int64]int64 // source feed ID → destination feed ID
	logRows  int             // fetch-log rows copied
	// want is the analysis queue the destination must end with: the
	// source's, plus articles the newsroom never analysed.
	want      []string
	sampleIDs []string
	stories   int
	copied    int // articles created
	skipped   int // articles found copied by an earlier run
	resaved   int // of those, analyses an interrupted run had not saved
	repaired  int // compared articles whose text the destination could only store repaired
}

func newMigrator(src, dst news.Store, o migrateOptions, stdout, stderr io.Writer) (*migrator, error) {
	srcM, ok := src.(news.MigrationStore)
	if !ok {
		return nil, fmt.Errorf("--from: %T cannot be migrated from (no news.MigrationStore)", src)
	}
	dstM, ok := dst.(news.MigrationStore)
	if !ok {
		return nil, fmt.Errorf("--to: %T cannot be migrated to (no news.MigrationStore)", dst)
	}
	return &migrator{src: src, dst: dst, srcM: srcM, dstM: dstM, opt: o, stdout: stdout, stderr: stderr,
		feedIDs: map[int64]int64{}}, nil
}

func (m *migrator) step(name string) error {
	if m.checkpoint == nil {
		return nil
	}
	return m.checkpoint(name)
}

func (m *migrator) run(ctx context.Context) error {
	start := time.Now()
	var err error
	if m.srcTally, err = m.srcM.Tally(ctx); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted (%v) before copying anything", ctx.Err())
		}
		return fmt.Errorf("count --from: %w", err)
	}
	if m.srcTally.Sources == 0 && m.srcTally.Articles == 0 {
		return errors.New("--from holds no sources and no articles: nothing to migrate (is it the right database?)")
	}
	phases := []struct {
		name string
		fn   func(context.Context) error
	}{
		{"copy sources and feeds", m.copySources},
		{"copy articles", m.copyArticles},
		{"copy stories", m.copyStories},
		{"restore the analysis queue", m.restoreQueue},
		{"optimise the destination", m.optimize},
	}
	for _, p := range phases {
		if err := p.fn(ctx); err != nil {
			if ctx.Err() != nil {
				// Not wrapped: an interrupted migration must not exit 0
				// the way an interrupted server does.
				return fmt.Errorf("%s: interrupted (%v) with %d articles copied; rerun the same command to resume",
					p.name, ctx.Err(), m.copied+m.skipped)
			}
			return fmt.Errorf("%s: %w (rerun the same command to resume)", p.name, err)
		}
	}
	fmt.Fprintf(m.stdout, "copied %d articles (%d already there, %d of their analyses completed), %d sources, %d feeds, %d fetch-log rows, %d stories in %s\n",
		m.copied, m.skipped, m.resaved, len(m.sources), len(m.feedIDs), m.logRows, m.stories, time.Since(start).Round(time.Millisecond))
	if err := m.verify(ctx); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("verify: interrupted (%v) after the copy finished; rerun the same command to verify", ctx.Err())
		}
		return err
	}
	return nil
}

// copySources copies sources, their feeds with crawl state, and their
// fetch logs.
func (m *migrator) copySources(ctx context.Context) error {
	fmt.Fprintf(m.stderr, "copying %d sources and %d feeds\n", m.srcTally.Sources, m.srcTally.Feeds)
	var err error
	if m.sources, err = m.src.Sources(ctx); err != nil {
		return err
	}
	for _, s := range m.sources {
		cp := s.Source
		// PutSource only creates feeds (reviving gone ones); their state
		// is written verbatim below.
		cp.Feeds = make([]news.Feed, len(s.Feeds))
		for i, f := range s.Feeds {
			cp.Feeds[i] = news.Feed{URL: f.URL, Kind: f.Kind, Category: f.Category}
		}
		if err := m.dst.PutSource(ctx, &cp); err != nil {
			return fmt.Errorf("source %s: %w", s.ID, err)
		}
		for i, f := range s.Feeds {
			id := cp.Feeds[i].ID
			m.feedIDs[f.ID] = id
			f.ID = id
			if err := m.dstM.RestoreFeedState(ctx, f); err != nil {
				return fmt.Errorf("feed %s: %w", f.URL, err)
			}
			if err := m.step("feed"); err != nil {
				return err
			}
		}
		if err := m.copyFetchLog(ctx, s.Source.ID, s.Feeds); err != nil {
			return err
		}
	}
	return nil
}

// copyFetchLog copies a source's fetch log, the newest --fetch-log rows of
// each feed. Each feed's log is replaced whole, so a rerun never doubles it.
func (m *migrator) copyFetchLog(ctx context.Context, sourceID string, feeds []news.Feed) error {
	if m.opt.fetchLog == 0 || len(feeds) == 0 {
		return nil
	}
	all, err := m.src.FetchLog(ctx, sourceID, math.MaxInt32)
	if err != nil {
		return fmt.Errorf("fetch log of %s: %w", sourceID, err)
	}
	byFeed := map[int64][]news.FetchLogEntry{}
	for _, e := range all { // newest first
		if m.opt.fetchLog < 0 || len(byFeed[e.FeedID]) < m.opt.fetchLog {
			byFeed[e.FeedID] = append(byFeed[e.FeedID], e)
		}
	}
	for _, f := range feeds {
		rows := byFeed[f.ID]
		if err := m.dstM.RestoreFetchLog(ctx, m.feedIDs[f.ID], rows); err != nil {
			return fmt.Errorf("fetch log of feed %s: %w", f.URL, err)
		}
		m.logRows += len(rows)
		if err := m.step("fetch-log"); err != nil {
			return err
		}
	}
	return nil
}

// neverAnalysed tells an article the newsroom has not analysed yet: it
// gives every article it analyses a story or an original.
func neverAnalysed(a *news.Article) bool { return a.StoryID == "" && a.DuplicateOf == "" }

// copyArticles copies articles with their index documents, and the
// analyses of those the newsroom analysed. An article still waiting for
// analysis is only stored: storing queues it, and saving an empty analysis
// would take it off the queue for good.
func (m *migrator) copyArticles(ctx context.Context) error {
	srcQueue, err := m.srcM.QueuedArticleIDs(ctx)
	if err != nil {
		return err
	}
	srcQueued := setOf(srcQueue)
	m.sampleIDs = m.sampleIDs[:0]
	m.want = append(m.want[:0], srcQueue...)
	// Articles an interrupted run stored but did not get to analyse are
	// still on the destination's queue.
	dstQueue, err := m.dstM.QueuedArticleIDs(ctx)
	if err != nil {
		return err
	}
	dstQueued := setOf(dstQueue)

	total := m.srcTally.Articles
	every := 1
	if m.opt.sample > 0 && total > m.opt.sample {
		every = (total + m.opt.sample - 1) / m.opt.sample
	}
	bar := progressbar.NewOptions(total,
		progressbar.OptionSetWriter(m.stderr),
		progressbar.OptionSetDescription("copying articles"),
		progressbar.OptionShowCount(), progressbar.OptionShowIts(),
		progressbar.OptionThrottle(200*time.Millisecond), progressbar.OptionClearOnFinish())
	defer bar.Finish()

	var pending []*news.Article
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		urls := make([]string, len(pending))
		for i, a := range pending {
			urls[i] = a.URL
		}
		known, err := m.dst.KnownURLs(ctx, urls)
		if err != nil {
			return err
		}
		var create, analyse []*news.Article
		for _, a := range pending {
			if !known[a.URL] {
				create = append(create, a)
				if !neverAnalysed(a) {
					analyse = append(analyse, a)
				}
				continue
			}
			m.skipped++
			if !neverAnalysed(a) && dstQueued[a.ID] {
				analyse = append(analyse, a)
				m.resaved++
			}
		}
		if len(create) > 0 {
			if _, err := m.dst.UpsertArticles(ctx, create); err != nil {
				return err
			}
			m.copied += len(create)
			if err := m.step("articles"); err != nil {
				return err
			}
		}
		if len(analyse) > 0 {
			as := make([]news.Analysis, 0, len(analyse))
			for _, a := range analyse {
				rel, err := m.src.Related(ctx, a.ID)
				if err != nil {
					return err
				}
				as = append(as, news.Analysis{ArticleID: a.ID, DuplicateOf: a.DuplicateOf, WireAgency: a.WireAgency,
					StoryID: a.StoryID, Hashtags: a.Hashtags, Related: rel})
			}
			if err := m.dst.SaveAnalysis(ctx, as, nil); err != nil {
				return err
			}
			if err := m.step("analysis"); err != nil {
				return err
			}
		}
		_ = bar.Add(len(pending))
		pending = pending[:0]
		return nil
	}
	n := 0
	err = m.src.ScanArticles(ctx, func(a *news.Article) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		cp := *a
		// Feed IDs are the destination's own; an article whose feed is
		// gone keeps none, as imported articles do.
		cp.FeedID = m.feedIDs[a.FeedID]
		if neverAnalysed(&cp) && !srcQueued[cp.ID] {
			m.want = append(m.want, cp.ID)
		}
		if n%every == 0 {
			m.sampleIDs = append(m.sampleIDs, cp.ID)
		}
		n++
		pending = append(pending, &cp)
		if len(pending) >= m.opt.batch {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

func setOf(ids []string) map[string]bool {
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out
}

// storyPage is the largest page Stories returns.
const storyPage = 1000

// copyStories copies every story, a page per transaction, after the
// articles: a story takes its language from its lead article.
func (m *migrator) copyStories(ctx context.Context) error {
	m.stories = 0
	for offset := 0; ; offset += storyPage {
		page, err := m.src.Stories(ctx, news.StoryFilter{Limit: storyPage, Offset: offset})
		if err != nil {
			return err
		}
		if len(page) == 0 {
			return nil
		}
		ups := make([]news.StoryUpdate, len(page))
		for i, s := range page {
			ups[i] = news.StoryUpdate{Story: s}
		}
		if err := m.dst.SaveAnalysis(ctx, nil, ups); err != nil {
			return err
		}
		m.stories += len(page)
		if err := m.step("stories"); err != nil {
			return err
		}
		if len(page) < storyPage {
			return nil
		}
	}
}

// restoreQueue leaves the destination's analysis queue holding what the
// source's held, plus any article never analysed: its newsroom leader then
// analyses them. Saving the analysis of an article queued after an edit
// took it off the queue; this puts it back.
func (m *migrator) restoreQueue(ctx context.Context) error {
	const chunk = 5000
	for start := 0; start < len(m.want); start += chunk {
		if err := m.dstM.QueueForAnalysis(ctx, m.want[start:min(start+chunk, len(m.want))]); err != nil {
			return err
		}
	}
	return m.step("queue")
}

// optimize gives fresh tables the statistics and index layout they need to
// serve reads well.
func (m *migrator) optimize(ctx context.Context) error {
	if o, ok := m.dst.(interface{ Optimize(context.Context) error }); ok {
		return o.Optimize(ctx)
	}
	return nil
}
