package webtest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/search"
)

// Fixture describes what Fill stored, so tests can address it.
type Fixture struct {
	Now        time.Time // a clock a little after the newest article
	Articles   int
	FromCorpus bool // false when the corpus was absent and synthetic text was used

	// The showcase story: hand-made so every part of the article page
	// (image, hashtags, related, story, duplicates, wire) is present.
	ShowcaseID  string // Arabic lead article (sabq)
	CopyID      string // near-copy of ShowcaseID by okaz, credited to واس
	EnglishID   string // an English article in the same story
	StoryID     string
	Tag         string
	SourceID    string
	ShowcaseAge time.Duration // how long before Now the showcase was published
	OldID       string        // an article more than a day old (absolute dates)
}

// Options control Fill.
type Options struct {
	Arabic  int // corpus articles from SaudiNewsNet (default 300)
	English int // corpus articles from BBC (default 60)
}

// Fill loads sources, articles and newsroom analysis into st. It uses one
// day of SaudiNewsNet and a slice of BBC when the corpora are present, and
// generated text otherwise (the showcase story is always there).
func Fill(ctx context.Context, st news.Store, o Options) (*Fixture, error) {
	if o.Arabic == 0 {
		o.Arabic = 300
	}
	if o.English == 0 {
		o.English = 60
	}
	recs, fromCorpus, err := records(o)
	if err != nil {
		return nil, err
	}
	if err := putSources(ctx, st); err != nil {
		return nil, err
	}
	newest := time.Time{}
	var arts []*news.Article
	for _, r := range recs {
		a := fromRecord(r)
		arts = append(arts, a)
		if a.PublishedAt.After(newest) {
			newest = a.PublishedAt
		}
	}
	fx := &Fixture{FromCorpus: fromCorpus, Now: newest.Add(3 * time.Hour), ShowcaseAge: 16 * time.Minute}
	show := showcase(fx)
	arts = append(arts, show...)
	for _, a := range arts {
		o := corpus.OutletFor(a.SourceID)
		a.Index = search.IndexDoc(a, o.NameAr, o.NameEn)
	}
	if _, err := st.UpsertArticles(ctx, arts); err != nil {
		return nil, fmt.Errorf("webtest: upsert: %w", err)
	}
	analyses, stories := analyse(arts, show, fx)
	if err := st.SaveAnalysis(ctx, analyses, stories); err != nil {
		return nil, fmt.Errorf("webtest: save analysis: %w", err)
	}
	fx.Articles = len(arts)
	return fx, nil
}

var (
	recMu    sync.Mutex
	recCache = map[Options]recResult{}
)

type recResult struct {
	recs  []corpus.Record
	found bool
}

// records memoizes readRecords: a test binary builds many sites, and
// decoding the corpus zip each time would dominate the test time.
func records(o Options) ([]corpus.Record, bool, error) {
	recMu.Lock()
	defer recMu.Unlock()
	if r, ok := recCache[o]; ok {
		return r.recs, r.found, nil
	}
	recs, found, err := readRecords(o)
	if err != nil {
		return nil, false, err
	}
	recCache[o] = recResult{recs, found}
	return recs, found, nil
}

// readRecords reads a bounded slice of the corpora. SaudiNewsNet is one zip per
// day; reading a single day (through a temp dir holding a link to it) keeps
// the fixture fast.
func readRecords(o Options) ([]corpus.Record, bool, error) {
	var out []corpus.Record
	found := false
	if dir, err := corpus.Locate("saudinewsnet", ""); err == nil {
		tmp, err := os.MkdirTemp("", "nashra-webtest-")
		if err != nil {
			return nil, false, err
		}
		defer os.RemoveAll(tmp)
		if err := os.Symlink(filepath.Join(dir, "2015-08-01.zip"), filepath.Join(tmp, "day.zip")); err != nil {
			return nil, false, err
		}
		recs, err := corpus.ReadDir(tmp)
		if err != nil {
			return nil, false, err
		}
		// The evening of one day: several outlets covering the same events.
		if len(recs) > o.Arabic {
			recs = recs[len(recs)-o.Arabic:]
		}
		out = append(out, recs...)
		found = true
	} else if !errors.Is(err, corpus.ErrNotFound) {
		return nil, false, err
	}
	if dir, err := corpus.Locate("bbc-news", ""); err == nil && len(out) > 0 {
		// Give BBC's synthetic hourly dates the same evening as the Arabic ones.
		base := out[len(out)-1].Date.Add(-time.Duration(o.English) * time.Hour / 4)
		recs, err := corpus.ReadBBC(dir, base)
		if err != nil {
			return nil, false, err
		}
		recs = recs[:min(o.English, len(recs))]
		for i := range recs {
			recs[i].Date = base.Add(time.Duration(i) * 15 * time.Minute)
		}
		out = append(out, recs...)
	}
	if !found {
		out = append(out, synthetic()...)
	}
	return out, found, nil
}

func synthetic() []corpus.Record {
	base := time.Date(2025, 5, 15, 9, 0, 0, 0, time.UTC)
	topics := []string{"أسعار النفط ترتفع بعد قرار أوبك", "الهلال يفوز على النصر في الدوري", "أمطار غزيرة على الرياض وجدة", "افتتاح معرض الكتاب في جدة"}
	srcs := []string{"okaz", "sabq", "alriyadh", "aawsat", "alwatan"}
	var out []corpus.Record
	for i := 0; i < 120; i++ {
		t := topics[i%len(topics)]
		s := srcs[i%len(srcs)]
		out = append(out, corpus.Record{
			Source:   s,
			URL:      fmt.Sprintf("https://%s.example/news/%d", s, i),
			Date:     base.Add(time.Duration(i) * 7 * time.Minute),
			Title:    fmt.Sprintf("%s (%d)", t, i),
			Content:  strings.Repeat(t+". ", 12) + "\n" + strings.Repeat("تفاصيل إضافية حول الخبر. ", 10),
			Language: "ar",
		})
	}
	return out
}

func putSources(ctx context.Context, st news.Store) error {
	codes := make([]string, 0, len(corpus.Outlets))
	for c := range corpus.Outlets {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for i, c := range codes {
		o := corpus.Outlets[c]
		lang := "ar"
		if c == "bbc" {
			lang = "en"
		}
		src := &news.Source{ID: c, NameAr: o.NameAr, NameEn: o.NameEn, HomeURL: "https://" + o.Domain + "/",
			Language: lang, Country: "SA",
			Feeds: []news.Feed{{URL: "https://" + o.Domain + "/rss.xml", Kind: news.FeedRSS}}}
		if i%5 == 3 {
			src.Feeds[0].ConsecutiveFailures = 2
			src.Feeds[0].LastError = "GET https://" + o.Domain + "/rss.xml: 503 Service Unavailable"
		}
		if err := st.PutSource(ctx, src); err != nil {
			return fmt.Errorf("webtest: put source %s: %w", c, err)
		}
	}
	return nil
}

func fromRecord(r corpus.Record) *news.Article {
	paras := corpus.Paragraphs(r.Content)
	var html strings.Builder
	for _, p := range paras {
		html.WriteString("<p>" + escape(p) + "</p>\n")
	}
	lang := r.Language
	if lang == "" {
		lang = "ar"
	}
	excerpt := ""
	if len(paras) > 0 {
		excerpt = truncate(paras[0], 180)
	}
	return &news.Article{
		ID:          news.ArticleID(r.URL),
		URL:         r.URL,
		SourceID:    r.Source,
		Category:    r.Category,
		Title:       r.Title,
		Author:      r.Author,
		PublishedAt: r.Date.UTC(),
		FetchedAt:   r.Date.UTC(),
		UpdatedAt:   r.Date.UTC(),
		Language:    lang,
		BodyText:    strings.Join(paras, "\n\n"),
		BodyHTML:    html.String(),
		Excerpt:     excerpt,
		ContentHash: news.ContentHash(r.Title, r.Content),
	}
}

// showcaseImage is a small inline SVG: CSP allows data: images, and tests
// never touch the network.
const showcaseImage = "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHZpZXdCb3g9IjAgMCA4MDAgNDUwIj48ZGVmcz48bGluZWFyR3JhZGllbnQgaWQ9ImciIHgxPSIwIiB5MT0iMCIgeDI9IjEiIHkyPSIxIj48c3RvcCBvZmZzZXQ9IjAiIHN0b3AtY29sb3I9IiMwYTVhNDgiLz48c3RvcCBvZmZzZXQ9IjEiIHN0b3AtY29sb3I9IiNkOWE0NDEiLz48L2xpbmVhckdyYWRpZW50PjwvZGVmcz48cmVjdCB3aWR0aD0iODAwIiBoZWlnaHQ9IjQ1MCIgZmlsbD0idXJsKCNnKSIvPjxjaXJjbGUgY3g9IjYwMCIgY3k9IjEyMCIgcj0iNzAiIGZpbGw9IiNmZmYiIG9wYWNpdHk9Ii4zNSIvPjxwYXRoIGQ9Ik0wIDM2MCBMMjAwIDI2MCBMMzgwIDM0MCBMNTgwIDIyMCBMODAwIDMyMCBMODAwIDQ1MCBMMCA0NTBaIiBmaWxsPSIjMDYzZDMxIiBvcGFjaXR5PSIuNyIvPjwvc3ZnPg=="

// showcase is one story told by three outlets, one a wire copy, plus an
// English report, published minutes before the fixture's clock.
func showcase(fx *Fixture) []*news.Article {
	at := fx.Now.Add(-fx.ShowcaseAge)
	lead := &news.Article{
		URL: "https://sabq.org/showcase/opec-output", SourceID: "sabq", Category: "economy",
		Title:       "أوبك+ تتفق على زيادة الإنتاج اعتبارًا من الشهر المقبل",
		Author:      "فريق التحرير",
		PublishedAt: at, FetchedAt: at, UpdatedAt: at, Language: "ar",
		ImageURL: showcaseImage,
		BodyHTML: "<p>اتفقت دول تحالف أوبك+ في اجتماعها اليوم على زيادة إنتاج النفط بمقدار أربعمئة ألف برميل يوميًا اعتبارًا من الشهر المقبل، في خطوة تهدف إلى تهدئة الأسعار.</p>\n" +
			"<p>وقال وزير الطاقة إن القرار يعكس التزام التحالف باستقرار السوق، مشيرًا إلى أن المراجعة القادمة ستكون بعد ثلاثة أشهر.</p>\n" +
			"<h2>ردود فعل الأسواق</h2>\n<p>وتراجعت أسعار خام برنت بنحو واحد في المئة عقب الإعلان، فيما ارتفعت أسهم شركات الطاقة في الأسواق الخليجية.</p>\n" +
			"<p>وكان التحالف قد خفض إنتاجه العام الماضي لمواجهة تراجع الطلب العالمي.</p>" +
			`<script>alert("x")</script><p onclick="alert(1)">نص أخير.</p>`,
		BodyText: "اتفقت دول تحالف أوبك+ ...",
		Excerpt:  "اتفقت دول تحالف أوبك+ على زيادة إنتاج النفط بمقدار أربعمئة ألف برميل يوميًا اعتبارًا من الشهر المقبل.",
	}
	cp := *lead
	cp.URL, cp.SourceID = "https://okaz.com.sa/showcase/opec", "okaz"
	cp.PublishedAt, cp.FetchedAt, cp.UpdatedAt = at.Add(9*time.Minute), at.Add(9*time.Minute), at.Add(9*time.Minute)
	cp.ImageURL, cp.Author = "", ""
	other := &news.Article{
		URL: "https://alriyadh.com/showcase/opec-analysis", SourceID: "alriyadh", Category: "economy",
		Title:       "محللون: زيادة إنتاج أوبك+ قد تخفض أسعار الوقود محليًا",
		PublishedAt: at.Add(-40 * time.Minute), Language: "ar",
		BodyText: "رأى محللون أن قرار أوبك+ زيادة الإنتاج سينعكس على أسعار الوقود.\n\nوأضافوا أن الأثر سيظهر خلال أسابيع.",
		Excerpt:  "رأى محللون أن قرار أوبك+ زيادة الإنتاج سينعكس على أسعار الوقود.",
	}
	en := &news.Article{
		URL: "https://bbc.co.uk/news/showcase-opec", SourceID: "bbc", Category: "business",
		Title:       "Opec+ agrees to raise oil output from next month",
		PublishedAt: at.Add(-2 * time.Hour), Language: "en",
		BodyText: "Oil producers in the Opec+ group have agreed to raise output by 400,000 barrels a day.\n\nBrent crude fell about 1% after the announcement.",
		Excerpt:  "Oil producers in the Opec+ group have agreed to raise output by 400,000 barrels a day.",
	}
	old := &news.Article{
		URL: "https://spa.gov.sa/showcase/archive", SourceID: "was", Category: "economy",
		Title:       "وزارة الطاقة تعلن جدول اجتماعات أوبك+ للعام المقبل",
		PublishedAt: fx.Now.Add(-50 * time.Hour), Language: "ar",
		BodyText: "أعلنت وزارة الطاقة جدول اجتماعات تحالف أوبك+ للعام المقبل.",
		Excerpt:  "أعلنت وزارة الطاقة جدول اجتماعات تحالف أوبك+ للعام المقبل.",
	}
	out := []*news.Article{lead, &cp, other, en, old}
	for _, a := range out {
		a.ID = news.ArticleID(a.URL)
		if a.FetchedAt.IsZero() {
			a.FetchedAt, a.UpdatedAt = a.PublishedAt, a.PublishedAt
		}
		a.ContentHash = news.ContentHash(a.Title, a.BodyText+a.BodyHTML)
	}
	fx.ShowcaseID, fx.CopyID, fx.EnglishID, fx.OldID = lead.ID, cp.ID, en.ID, old.ID
	fx.StoryID, fx.Tag, fx.SourceID = "s-"+lead.ID[:10], "أوبك", "sabq"
	return out
}

// analyse derives stories, hashtags and related lists the simple way (title
// word overlap), standing in for the newsroom so the fixture doesn't depend
// on its heuristics.
func analyse(arts, show []*news.Article, fx *Fixture) ([]news.Analysis, []news.StoryUpdate) {
	df := map[string]int{}
	words := make([]map[string]bool, len(arts))
	for i, a := range arts {
		words[i] = titleWords(a.Title)
		for w := range words[i] {
			df[w]++
		}
	}
	an := make([]news.Analysis, len(arts))
	for i, a := range arts {
		an[i].ArticleID = a.ID
		var cands []string
		for w := range words[i] {
			if df[w] >= 3 && df[w] <= len(arts)/10+3 {
				cands = append(cands, w)
			}
		}
		sort.Slice(cands, func(x, y int) bool {
			if df[cands[x]] != df[cands[y]] {
				return df[cands[x]] > df[cands[y]]
			}
			return cands[x] < cands[y]
		})
		an[i].Hashtags = cands[:min(2, len(cands))]
	}
	// Greedy clustering: an article joins the first earlier cluster whose
	// seed shares at least half of its title words.
	type cluster struct{ members []int }
	var clusters []*cluster
	showIdx := map[string]bool{}
	for _, a := range show {
		showIdx[a.ID] = true
	}
	for i, a := range arts {
		if showIdx[a.ID] || len(words[i]) < 3 {
			continue
		}
		joined := false
		for _, c := range clusters {
			if overlap(words[c.members[0]], words[i]) >= 0.5 {
				c.members = append(c.members, i)
				joined = true
				break
			}
		}
		if !joined {
			clusters = append(clusters, &cluster{members: []int{i}})
		}
	}
	var stories []news.StoryUpdate
	byID := map[string]int{}
	for i, a := range arts {
		byID[a.ID] = i
	}
	mk := func(id string, members []int) {
		sort.Slice(members, func(x, y int) bool { return arts[members[x]].PublishedAt.Before(arts[members[y]].PublishedAt) })
		st := news.Story{ID: id, LeadArticleID: arts[members[0]].ID, Headline: arts[members[0]].Title,
			FirstReportedAt: arts[members[0]].PublishedAt, FirstSourceID: arts[members[0]].SourceID, Size: len(members)}
		seen := map[string]bool{}
		for _, m := range members {
			a := arts[m]
			an[m].StoryID = id
			if a.PublishedAt.After(st.LastUpdatedAt) {
				st.LastUpdatedAt = a.PublishedAt
			}
			if !seen[a.SourceID] {
				seen[a.SourceID] = true
				st.Sources = append(st.Sources, a.SourceID)
			}
			for _, t := range an[m].Hashtags {
				if !contains(st.Hashtags, t) && len(st.Hashtags) < 4 {
					st.Hashtags = append(st.Hashtags, t)
				}
			}
			// Identical titles from different outlets are wire copies.
			if m != members[0] && a.Title == arts[members[0]].Title {
				an[m].DuplicateOf = arts[members[0]].ID
			}
		}
		stories = append(stories, news.StoryUpdate{Story: st})
	}
	for _, c := range clusters {
		if len(c.members) >= 2 {
			mk("s-"+arts[c.members[0]].ID[:10], c.members)
		}
	}
	// The showcase: lead (sabq), copy (okaz, via واس), analysis, English.
	var sm []int
	for _, a := range show {
		if a.ID != fx.OldID {
			sm = append(sm, byID[a.ID])
		}
	}
	mk(fx.StoryID, sm)
	// The earliest report (BBC's) is not the most representative one.
	last := &stories[len(stories)-1].Story
	last.LeadArticleID, last.Headline = fx.ShowcaseID, show[0].Title
	last.Hashtags = []string{"أوبك", "النفط"}
	cp := byID[fx.CopyID]
	an[cp].DuplicateOf, an[cp].WireAgency = fx.ShowcaseID, "واس"
	for _, m := range sm {
		an[m].Hashtags = []string{"أوبك", "النفط"}
	}
	an[byID[fx.EnglishID]].Hashtags = []string{"Opec", "oil"}
	// The old article stays bare: no hashtags, so no related list either.
	an[byID[fx.OldID]].Hashtags = nil
	// Related: same story first, then shared hashtags.
	for i := range arts {
		var rel []news.Related
		for j, b := range arts {
			if i == j || len(rel) >= 4 {
				continue
			}
			same := an[i].StoryID != "" && an[i].StoryID == an[j].StoryID
			shared := sharedTags(an[i].Hashtags, an[j].Hashtags)
			if !same && len(shared) == 0 {
				continue
			}
			reason := "نفس القصة"
			if !same {
				reason = "#" + strings.Join(shared, " · #")
			}
			rel = append(rel, news.Related{ArticleID: b.ID, Title: b.Title, SourceID: b.SourceID,
				PublishedAt: b.PublishedAt, Excerpt: b.Excerpt, Reason: reason, Shared: shared, SameStory: same, Score: 1})
		}
		an[i].Related = rel
	}
	return an, stories
}

func titleWords(t string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len([]rune(w)) >= 4 {
			out[w] = true
		}
	}
	return out
}

func overlap(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := 0
	for w := range b {
		if a[w] {
			n++
		}
	}
	return float64(n) / float64(min(len(a), len(b)))
}

func sharedTags(a, b []string) []string {
	var out []string
	for _, x := range a {
		if contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
