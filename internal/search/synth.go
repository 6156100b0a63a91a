package search

import (
	"context"
	"fmt"
	"html"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/news"
)

// Synthesize streams n records built from the corpus for scale tests: the
// originals first, then copies with unique URLs, dates shifted past the
// corpus' span (so the timeline keeps growing as a live site's would) and
// light spelling variation (ة/ه, hamza, ى/ي on about one word in twelve),
// so copies are near-duplicates rather than identical rows.
func Synthesize(records []corpus.Record, n int, fn func(corpus.Record) error) error {
	if len(records) == 0 {
		return fmt.Errorf("search: synthesize: no records")
	}
	first, last := records[0].Date, records[0].Date
	for _, r := range records {
		if r.Date.Before(first) {
			first = r.Date
		}
		if r.Date.After(last) {
			last = r.Date
		}
	}
	span := last.Sub(first) + 24*time.Hour
	for i := 0; i < n; i++ {
		r := records[i%len(records)]
		if k := i / len(records); k > 0 {
			r = variant(r, k, i, span)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// SynthesizeCorpus is Synthesize collected into a slice. It holds every
// record in memory (about 3 KB each); for a million use Synthesize.
func SynthesizeCorpus(records []corpus.Record, n int) []corpus.Record {
	out := make([]corpus.Record, 0, n)
	_ = Synthesize(records, n, func(r corpus.Record) error {
		out = append(out, r)
		return nil
	})
	return out
}

func variant(r corpus.Record, k, i int, span time.Duration) corpus.Record {
	rng := rand.New(rand.NewPCG(uint64(k), uint64(i)))
	sep := "?"
	if strings.Contains(r.URL, "?") {
		sep = "&"
	}
	r.URL += sep + "nashra_copy=" + strconv.Itoa(k)
	r.Date = r.Date.Add(time.Duration(k) * span)
	r.RawDate = ""
	r.Title = vary(r.Title, rng, 24)
	r.Content = vary(r.Content, rng, 12)
	return r
}

// vary respells about one word in every words.
func vary(s string, rng *rand.Rand, every int) string {
	words := strings.Split(s, " ")
	for j, w := range words {
		if rng.IntN(every) != 0 {
			continue
		}
		words[j] = respell(w)
	}
	return strings.Join(words, " ")
}

// respell applies the spelling differences real outlets show.
func respell(w string) string {
	switch {
	case strings.HasSuffix(w, "ة"):
		return strings.TrimSuffix(w, "ة") + "ه"
	case strings.HasSuffix(w, "ى"):
		return strings.TrimSuffix(w, "ى") + "ي"
	case strings.HasPrefix(w, "أ"), strings.HasPrefix(w, "إ"):
		_, size := firstRune(w)
		return "ا" + w[size:]
	case strings.HasPrefix(w, "الأ"), strings.HasPrefix(w, "الإ"):
		return "الا" + w[len("الأ"):]
	}
	return w
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// ArticleFromRecord builds the stored article of a corpus record with its
// index document, for imports, evaluation and scale tests.
func ArticleFromRecord(r corpus.Record) *news.Article {
	lang := r.Language
	if lang == "" {
		lang = "ar"
	}
	a := &news.Article{
		ID:       news.ArticleID(r.URL),
		URL:      r.URL,
		SourceID: r.Source,
		Category: r.Category,
		// SaudiNewsNet titles carry HTML entities (&quot;, &#8220;);
		// indexed raw they would add "quot" to the index and show escaped.
		Title:       html.UnescapeString(r.Title),
		Author:      r.Author,
		PublishedAt: r.Date,
		FetchedAt:   r.Date,
		UpdatedAt:   r.Date,
		Language:    lang,
		BodyText:    strings.Join(corpus.Paragraphs(r.Content), "\n\n"),
	}
	a.ContentHash = news.ContentHash(a.Title, a.BodyText)
	a.Index = IndexDoc(a)
	return a
}

// LoadResult reports a bulk load.
type LoadResult struct {
	Articles int
	Duration time.Duration
}

// Load stores records produced by next (Synthesize's callback form) in
// batches: sources first, analysis on every core, one store transaction
// per batch. progress, if set, is called after each batch.
func Load(ctx context.Context, st news.Store, produce func(func(corpus.Record) error) error, batch int, progress func(done int)) (LoadResult, error) {
	if batch <= 0 {
		batch = 1000
	}
	start := time.Now()
	sources := map[string]bool{}
	var res LoadResult
	pending := make([]corpus.Record, 0, batch)
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		for _, r := range pending {
			if sources[r.Source] {
				continue
			}
			sources[r.Source] = true
			if err := putOutlet(ctx, st, r); err != nil {
				return err
			}
		}
		as := analyseAll(pending)
		if _, err := st.UpsertArticles(ctx, as); err != nil {
			return fmt.Errorf("search: load articles %d-%d: %w", res.Articles, res.Articles+len(as), err)
		}
		res.Articles += len(as)
		pending = pending[:0]
		if progress != nil {
			progress(res.Articles)
		}
		return ctx.Err()
	}
	err := produce(func(r corpus.Record) error {
		pending = append(pending, r)
		if len(pending) == batch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	res.Duration = time.Since(start)
	return res, err
}

func putOutlet(ctx context.Context, st news.Store, r corpus.Record) error {
	o := corpus.OutletFor(r.Source)
	lang := r.Language
	if lang == "" {
		lang = "ar"
	}
	src := &news.Source{ID: o.Code, NameAr: o.NameAr, NameEn: o.NameEn, HomeURL: "https://" + o.Domain + "/", Language: lang}
	if err := st.PutSource(ctx, src); err != nil {
		return fmt.Errorf("search: load: put source %s: %w", o.Code, err)
	}
	return nil
}

// analyseAll builds articles on every core: analysis dominates load time.
func analyseAll(rs []corpus.Record) []*news.Article {
	as := make([]*news.Article, len(rs))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for k := w; k < len(rs); k += workers {
				as[k] = ArticleFromRecord(rs[k])
			}
		}(w)
	}
	wg.Wait()
	return as
}
