package postgres_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/postgres"
)

// equivPair is the set-based writer and the row-at-a-time reference, each
// on its own schema, fed the same articles.
type equivPair struct {
	set, seq   *postgres.Store
	setC, seqC *pgx.Conn
}

func openEquivPair(t *testing.T) equivPair {
	t.Helper()
	var p equivPair
	for _, side := range []struct {
		s **postgres.Store
		c **pgx.Conn
	}{{&p.set, &p.setC}, {&p.seq, &p.seqC}} {
		dsn := tempSchema(t)
		s, err := postgres.OpenWith(context.Background(), dsn, postgres.Options{MaxConns: 4})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		c, err := pgx.Connect(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close(context.Background()) })
		*side.s, *side.c = s, c
	}
	return p
}

func (p equivPair) upsert(t *testing.T, as []*news.Article) {
	t.Helper()
	for _, s := range []*postgres.Store{p.set, p.seq} {
		if _, err := s.UpsertArticles(t.Context(), clone(as)); err != nil {
			t.Fatal(err)
		}
	}
}

// save applies one batch to both and requires the same outcome, error
// text included.
func (p equivPair) save(t *testing.T, name string, as []news.Analysis, ss []news.StoryUpdate) {
	t.Helper()
	errSet := p.set.SaveAnalysis(t.Context(), as, ss)
	errSeq := p.seq.SaveAnalysisSequential(t.Context(), as, ss)
	if fmt.Sprint(errSet) != fmt.Sprint(errSeq) || news.ErrorCode(errSet) != news.ErrorCode(errSeq) {
		t.Fatalf("%s: set-based error %v (%s), sequential %v (%s)", name, errSet, news.ErrorCode(errSet),
			errSeq, news.ErrorCode(errSeq))
	}
}

// equivTables dump what SaveAnalysis writes. Hashtag rows at zero are left
// out: the reference keeps a zero-count row for a tag only an analysis
// superseded later in the same batch introduced, where the set-based
// writer (like SQLite's) never writes the superseded analysis; neither
// shows or suggests a tag at zero.
var equivTables = []string{
	`SELECT id, duplicate_of, wire_agency, story_id FROM articles ORDER BY id`,
	`SELECT article_id, tag, position, published_at FROM article_hashtags ORDER BY article_id, position`,
	`SELECT tag, tag_key, articles FROM hashtags WHERE articles <> 0 ORDER BY tag`,
	`SELECT article_id, rank, related_id, reason, shared, same_story, score FROM related ORDER BY article_id, rank`,
	`SELECT id, headline, lead_article_id, first_reported_at, first_source_id, last_updated_at, size, sources, hashtags,
		language FROM stories ORDER BY id`,
	`SELECT article_id FROM analysis_queue ORDER BY article_id`,
	// Counts must be exact on both sides, not just equal.
	`SELECT t.tag, t.articles, count(h.tag) FROM hashtags t LEFT JOIN article_hashtags h ON h.tag = t.tag
		GROUP BY t.tag, t.articles HAVING t.articles <> count(h.tag)`,
}

func dumpTable(t *testing.T, c *pgx.Conn, q string) [][]any {
	t.Helper()
	rows, err := c.Query(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) ([]any, error) { return r.Values() })
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func (p equivPair) compare(t *testing.T, name string) {
	t.Helper()
	for i, q := range equivTables {
		set, seq := dumpTable(t, p.setC, q), dumpTable(t, p.seqC, q)
		if i == len(equivTables)-1 && (len(set) > 0 || len(seq) > 0) {
			t.Fatalf("%s: hashtag counts drifted: set-based %v, sequential %v", name, set, seq)
		}
		if !reflect.DeepEqual(set, seq) {
			n := 0
			for n < min(len(set), len(seq)) && reflect.DeepEqual(set[n], seq[n]) {
				n++
			}
			t.Fatalf("%s: %s\ndiffers at row %d of %d/%d: set-based %v, sequential %v", name, q, n, len(set), len(seq),
				at(set, n), at(seq, n))
		}
	}
}

func at(rows [][]any, i int) any {
	if i < len(rows) {
		return rows[i]
	}
	return "(none)"
}

// TestSaveAnalysisMatchesSequential feeds real newsroom output, leader
// batch by leader batch, to the set-based writer and to the reference.
// Half the benchmark's batches already re-analyse hundreds of articles
// stored by earlier batches; the reference is slow.
func TestSaveAnalysisMatchesSequential(t *testing.T) {
	batches := analysedCorpus(t)
	batches = batches[:min(len(batches), 6)]
	if testing.Short() {
		batches = batches[:min(len(batches), 2)]
	}
	p := openEquivPair(t)
	for i, b := range batches {
		p.upsert(t, b.articles)
		p.save(t, fmt.Sprintf("batch %d", i), b.analyses, b.stories)
		p.compare(t, fmt.Sprintf("batch %d", i))
	}
}

// TestSaveAnalysisEdgeCases covers what real batches rarely hold: text
// PostgreSQL must clean, merge chains in either order, and every error.
func TestSaveAnalysisEdgeCases(t *testing.T) {
	p := openEquivPair(t)
	t0 := time.Date(2015, 7, 20, 12, 0, 0, 0, time.UTC)
	var as []*news.Article
	for i := range 6 {
		u := fmt.Sprintf("https://edge.example/%d", i)
		as = append(as, &news.Article{ID: news.ArticleID(u), URL: u, SourceID: "edge", Title: fmt.Sprint("t", i),
			PublishedAt: t0.Add(time.Duration(i) * time.Hour), Language: []string{"ar", "en"}[i%2], BodyText: "b",
			ContentHash: news.ContentHash(fmt.Sprint("t", i), "b"), Index: &news.IndexDoc{Title: "t", Body: "b"}})
	}
	p.upsert(t, as)
	id := func(i int) string { return as[i].ID }
	st := func(sid string, size int, lead int) news.StoryUpdate {
		return news.StoryUpdate{Story: news.Story{ID: sid, Headline: "h " + sid, LeadArticleID: id(lead), Size: size,
			FirstReportedAt: t0, LastUpdatedAt: t0.Add(time.Duration(size) * time.Minute), FirstSourceID: "edge",
			Sources: []string{"edge", `q"uo\te`, "\xff\x00"}, Hashtags: []string{"NULL", "", "{x,y}"}}}
	}
	merge := func(from, into string) news.StoryUpdate {
		return news.StoryUpdate{Story: news.Story{ID: from}, MergedInto: into}
	}
	rel := func(to int, shared ...string) news.Related {
		return news.Related{ArticleID: id(to), Reason: "r\x00" + fmt.Sprint(to), Shared: shared, Score: 1.0 / float64(to+3)}
	}
	steps := []struct {
		name string
		as   []news.Analysis
		ss   []news.StoryUpdate
	}{
		{"stories and cleaned text", []news.Analysis{
			{ArticleID: id(0), StoryID: "s1", Hashtags: []string{"a\x00b", "ab", "\xffab", "", "c"},
				Related: []news.Related{rel(1, "x", `"`, `\`, "", "NULL", "n\x00ul", "\xffbad"), rel(2)}},
			{ArticleID: id(1), StoryID: "s2", WireAgency: "واس\x00", Related: []news.Related{rel(0, "y")}},
			{ArticleID: id(2), StoryID: "s3", Hashtags: []string{"c", "d"}},
			{ArticleID: id(3), StoryID: "s4"},
			{ArticleID: id(4), StoryID: "s4", DuplicateOf: id(3)},
		}, []news.StoryUpdate{st("s1", 1, 0), st("s2", 1, 1), st("s3", 1, 2), st("s4", 1, 3), st("s1", 2, 1), st("s4", 2, 4)}},
		{"re-analysis twice in a batch", []news.Analysis{
			{ArticleID: id(0), StoryID: "s1", Hashtags: []string{"c", "e"}, Related: []news.Related{rel(2), rel(3), rel(4)}},
			{ArticleID: id(5), StoryID: "s5", Hashtags: []string{"e"}, Related: []news.Related{rel(0)}},
			{ArticleID: id(0), StoryID: "s1", Hashtags: []string{"e", "c"}, Related: []news.Related{rel(5), rel(2)}},
			{ArticleID: id(2), StoryID: "s3", Hashtags: []string{"c", "d"}},
		}, []news.StoryUpdate{st("s5", 1, 5)}},
		{"merge chain", []news.Analysis{{ArticleID: id(5), StoryID: "s5", Hashtags: []string{"e"}}},
			[]news.StoryUpdate{st("s2", 3, 1), merge("s1", "s2"), merge("s2", "s3")}},
		{"merges out of order", nil, []news.StoryUpdate{merge("s4", "s5"), merge("s3", "s4")}},
		{"merge cycle", nil, []news.StoryUpdate{merge("s5", "s4"), merge("s4", "s5")}},
		{"unknown articles", []news.Analysis{
			{ArticleID: id(0), StoryID: "x"}, {ArticleID: "missing-1"}, {ArticleID: "missing-2"}, {ArticleID: "missing-1"}}, nil},
		{"unknown article re-analysed", []news.Analysis{
			{ArticleID: "missing-2"}, {ArticleID: id(0)}, {ArticleID: "missing-1"}, {ArticleID: "missing-2"}}, nil},
		{"story without id", []news.Analysis{{ArticleID: "missing-1"}}, []news.StoryUpdate{st("s9", 1, 0), {Story: news.Story{}}}},
		{"self merge", []news.Analysis{{ArticleID: id(0), StoryID: "y"}}, []news.StoryUpdate{merge("s5", "s5")}},
		{"self merge after unknown article", []news.Analysis{{ArticleID: "missing-1"}}, []news.StoryUpdate{merge("s5", "s5")}},
		{"empty", nil, nil},
		{"clear everything", []news.Analysis{{ArticleID: id(0)}, {ArticleID: id(1)}, {ArticleID: id(2)}}, nil},
	}
	for _, s := range steps {
		p.save(t, s.name, s.as, s.ss)
		p.compare(t, s.name)
	}
}
