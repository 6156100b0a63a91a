package cli

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/nashra/nashra/internal/news"
)

// verifyRow is one line of migrate-store's verification table.
type verifyRow struct {
	what     string
	src, dst int
	ok       bool
	note     string
}

// verify compares the destination with the source, prints the table on
// stdout and fails with the differences if there are any. Counts are
// compared in full; articles (every field, hashtags, related list, story)
// in full or by the sample taken while copying.
func (m *migrator) verify(ctx context.Context) error {
	start := time.Now()
	dt, err := m.dstM.Tally(ctx)
	if err != nil {
		return fmt.Errorf("verify: count --to: %w", err)
	}
	st := m.srcTally
	var problems []string
	count := func(what string, src, dst int, note string) verifyRow {
		r := verifyRow{what: what, src: src, dst: dst, ok: src == dst, note: note}
		if !r.ok {
			problems = append(problems, fmt.Sprintf("%s: source %d, destination %d", what, src, dst))
		}
		return r
	}
	// matched is a row whose destination column counts the items that
	// matched; the details of the others are problems already.
	matched := func(what string, src, dst int, note string) verifyRow {
		return verifyRow{what: what, src: src, dst: dst, ok: src == dst, note: note}
	}

	dstSources, err := m.dst.Sources(ctx)
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	srcOK, feedsOK, feeds, diffs := compareSources(m.sources, dstSources)
	problems = append(problems, diffs...)

	queue, err := m.dstM.QueuedArticleIDs(ctx)
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	queueRow := count("awaiting analysis", len(m.want), len(queue), "the destination's newsroom analyses them")
	if queueRow.ok && !slices.Equal(sortedCopy(queue), sortedCopy(m.want)) {
		problems = append(problems, "awaiting analysis: the destination's queue holds other articles than the source's")
		queueRow.ok, queueRow.note = false, "other articles than the source's"
	}

	checked, diffs, err := m.compareArticles(ctx)
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	problems = append(problems, diffs...)

	logNote := "all the log keeps"
	if m.opt.fetchLog > 0 {
		logNote = fmt.Sprintf("newest %d per feed", m.opt.fetchLog)
	} else if m.opt.fetchLog == 0 {
		logNote = "not copied (--fetch-log 0)"
	}
	sampleNote := "all: every field, hashtags, related list, story"
	if len(m.sampleIDs) < st.Articles {
		sampleNote = "sample: every field, hashtags, related list, story"
	}
	rows := []verifyRow{
		count("sources", st.Sources, dt.Sources, ""),
		matched("  with the same names and links", len(m.sources), srcOK, ""),
		count("feeds", st.Feeds, dt.Feeds, ""),
		matched("  with the same crawl state", feeds, feedsOK, "schedule, ETag/Last-Modified, gone, health"),
		count("fetch-log rows", m.logRows, dt.FetchLog, logNote),
		count("articles", st.Articles, dt.Articles, ""),
		queueRow,
		count("stories", st.Stories, dt.Stories, ""),
		count("hashtags", st.Hashtags, dt.Hashtags, "one per article and tag"),
		count("related entries", st.Related, dt.Related, ""),
		matched("articles compared", len(m.sampleIDs), checked, sampleNote),
	}
	tw := tabwriter.NewWriter(m.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\tSOURCE\tDESTINATION\t\t")
	for _, r := range rows {
		status := "ok"
		if !r.ok {
			status = "MISMATCH"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\n", r.what, r.src, r.dst, status, r.note)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if m.repaired > 0 {
		fmt.Fprintf(m.stdout, "note: %d compared articles held invalid UTF-8 or NUL bytes the destination dropped (PostgreSQL cannot store them)\n", m.repaired)
	}
	if len(problems) > 0 {
		const show = 8
		more := ""
		if len(problems) > show {
			more = fmt.Sprintf("; and %d more", len(problems)-show)
			problems = problems[:show]
		}
		return fmt.Errorf("verify: the destination does not match the source: %s%s", strings.Join(problems, "; "), more)
	}
	fmt.Fprintf(m.stdout, "verified: the destination matches the source (checked in %s)\n", time.Since(start).Round(time.Millisecond))
	return nil
}

func sortedCopy(xs []string) []string {
	out := slices.Clone(xs)
	slices.Sort(out)
	return out
}

// compareSources counts the sources whose metadata and the feeds whose
// crawl state arrived intact, matching feeds by URL.
func compareSources(src, dst []news.SourceStats) (sourcesOK, feedsOK, feeds int, problems []string) {
	dstSrc := map[string]news.Source{}
	dstFeed := map[string]news.Feed{}
	for _, s := range dst {
		dstSrc[s.ID] = s.Source
		for _, f := range s.Feeds {
			dstFeed[f.URL] = f
		}
	}
	for _, s := range src {
		d, ok := dstSrc[s.ID]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("source %s is missing", s.ID))
		case d.NameAr != s.NameAr || d.NameEn != s.NameEn || d.HomeURL != s.HomeURL || d.Language != s.Language ||
			d.Country != s.Country || d.LogoURL != s.LogoURL:
			problems = append(problems, fmt.Sprintf("source %s: names, links, language or country differ", s.ID))
		default:
			sourcesOK++
		}
		for _, f := range s.Feeds {
			feeds++
			d, ok := dstFeed[f.URL]
			if !ok {
				problems = append(problems, fmt.Sprintf("feed %s is missing", f.URL))
				continue
			}
			if diff := feedDiff(f, d); len(diff) > 0 {
				problems = append(problems, fmt.Sprintf("feed %s: %s differ", f.URL, strings.Join(diff, ", ")))
				continue
			}
			feedsOK++
		}
	}
	return sourcesOK, feedsOK, feeds, problems
}

// feedDiff names the fields of a feed's state that differ.
func feedDiff(a, b news.Feed) []string {
	var out []string
	add := func(name string, same bool) {
		if !same {
			out = append(out, name)
		}
	}
	add("source", a.SourceID == b.SourceID)
	add("kind", a.Kind == b.Kind)
	add("category", a.Category == b.Category)
	add("interval", a.Interval == b.Interval)
	add("next poll", a.NextPollAt.Equal(b.NextPollAt))
	add("ETag", a.ETag == b.ETag)
	add("Last-Modified", a.LastModified == b.LastModified)
	add("gone", a.Gone == b.Gone)
	add("last poll", a.LastPolledAt.Equal(b.LastPolledAt))
	add("last success", a.LastSuccessAt.Equal(b.LastSuccessAt))
	add("failures", a.ConsecutiveFailures == b.ConsecutiveFailures)
	add("last error", a.LastError == b.LastError)
	add("note", a.LastNote == b.LastNote)
	return out
}

// compareArticles compares the sampled articles in both stores: every
// field (the feed ID mapped), hashtags, related list and story.
func (m *migrator) compareArticles(ctx context.Context) (int, []string, error) {
	const chunk = 200
	ok := 0
	var problems []string
	for start := 0; start < len(m.sampleIDs); start += chunk {
		ids := m.sampleIDs[start:min(start+chunk, len(m.sampleIDs))]
		want, err := m.src.ArticlesByID(ctx, ids)
		if err != nil {
			return 0, nil, err
		}
		got, err := m.dst.ArticlesByID(ctx, ids)
		if err != nil {
			return 0, nil, err
		}
		gotByID := make(map[string]*news.Article, len(got))
		for i := range got {
			gotByID[got[i].ID] = &got[i]
		}
		for i := range want {
			w := &want[i]
			g := gotByID[w.ID]
			if g == nil {
				problems = append(problems, fmt.Sprintf("article %s is missing", w.ID))
				continue
			}
			w.FeedID = m.feedIDs[w.FeedID]
			diff := articleDiff(w, g)
			more, err := m.derivedDiff(ctx, w)
			if err != nil {
				return 0, nil, err
			}
			diff = append(diff, more...)
			if len(diff) > 0 {
				problems = append(problems, fmt.Sprintf("article %s: %s differ", w.ID, strings.Join(diff, ", ")))
				continue
			}
			if repaired(w, g) {
				m.repaired++
			}
			ok++
		}
	}
	return ok, problems, nil
}

// articleDiff names the stored fields of an article that differ.
func articleDiff(a, b *news.Article) []string {
	var out []string
	add := func(name string, same bool) {
		if !same {
			out = append(out, name)
		}
	}
	add("URL", a.URL == b.URL)
	add("source", a.SourceID == b.SourceID)
	add("feed", a.FeedID == b.FeedID)
	add("category", a.Category == b.Category)
	add("title", storable(a.Title) == storable(b.Title))
	add("author", storable(a.Author) == storable(b.Author))
	add("published", a.PublishedAt.Equal(b.PublishedAt))
	add("fetched", a.FetchedAt.Equal(b.FetchedAt))
	add("updated", a.UpdatedAt.Equal(b.UpdatedAt))
	add("language", a.Language == b.Language)
	add("text", storable(a.BodyText) == storable(b.BodyText))
	add("HTML", storable(a.BodyHTML) == storable(b.BodyHTML))
	add("excerpt", storable(a.Excerpt) == storable(b.Excerpt))
	add("image", a.ImageURL == b.ImageURL)
	add("content hash", a.ContentHash == b.ContentHash)
	add("index document", indexDoc(a) == indexDoc(b))
	add("duplicate of", a.DuplicateOf == b.DuplicateOf)
	add("story", a.StoryID == b.StoryID)
	add("wire agency", a.WireAgency == b.WireAgency)
	add("hashtags", slices.Equal(a.Hashtags, b.Hashtags))
	return out
}

// storable is text as PostgreSQL can hold it: without invalid UTF-8 or NUL
// bytes, which its store drops. SQLite keeps them, so a migration to
// PostgreSQL cannot carry them and is not wrong for it (see repaired).
func storable(s string) string {
	if utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ToValidUTF8(s, ""), "\x00", "")
}

// repaired reports whether an article's text held bytes the other store
// could not hold as they were.
func repaired(a, b *news.Article) bool {
	for _, p := range [][2]string{{a.Title, b.Title}, {a.Author, b.Author}, {a.BodyText, b.BodyText},
		{a.BodyHTML, b.BodyHTML}, {a.Excerpt, b.Excerpt}} {
		if p[0] != p[1] {
			return true
		}
	}
	return false
}

func indexDoc(a *news.Article) news.IndexDoc {
	if a.Index == nil {
		return news.IndexDoc{}
	}
	return *a.Index
}

// derivedDiff compares what an article's reads join in: its related list
// and its story.
func (m *migrator) derivedDiff(ctx context.Context, a *news.Article) ([]string, error) {
	var out []string
	want, err := m.src.Related(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	got, err := m.dst.Related(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	if !slices.EqualFunc(want, got, sameRelated) {
		out = append(out, "related list")
	}
	if a.StoryID != "" {
		ws, err := m.src.Story(ctx, a.StoryID)
		if err != nil {
			return nil, err
		}
		gs, err := m.dst.Story(ctx, a.StoryID)
		switch {
		case news.IsNotFound(err):
			out = append(out, "story (missing)")
		case err != nil:
			return nil, err
		case !sameStory(ws, gs):
			out = append(out, "story")
		}
	}
	return out, nil
}

func sameRelated(a, b news.Related) bool {
	return a.ArticleID == b.ArticleID && storable(a.Title) == storable(b.Title) && a.SourceID == b.SourceID &&
		a.SourceName == b.SourceName && a.PublishedAt.Equal(b.PublishedAt) && storable(a.Excerpt) == storable(b.Excerpt) &&
		a.Reason == b.Reason &&
		slices.Equal(a.Shared, b.Shared) && a.SameStory == b.SameStory && a.Score == b.Score
}

func sameStory(a, b *news.Story) bool {
	return a.ID == b.ID && a.Headline == b.Headline && a.LeadArticleID == b.LeadArticleID &&
		a.FirstReportedAt.Equal(b.FirstReportedAt) && a.FirstSourceID == b.FirstSourceID &&
		a.LastUpdatedAt.Equal(b.LastUpdatedAt) && a.Size == b.Size &&
		slices.Equal(a.Sources, b.Sources) && slices.Equal(a.Hashtags, b.Hashtags)
}
