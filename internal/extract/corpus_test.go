package extract

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/nashra/nashra/internal/corpus"
)

var (
	corpusOnce sync.Once
	corpusArts []testArticle
	corpusErr  error
	bbcArts    []testArticle
	// sampleRecs are the records behind corpusArts and bbcArts.
	sampleRecs []corpus.Record
)

// corpusSample returns ~200 SaudiNewsNet articles spread over the whole
// corpus (every outlet, every day), plus 60 BBC articles.
func corpusSample(t testing.TB) ([]testArticle, []testArticle) {
	t.Helper()
	corpusOnce.Do(func() {
		dir, err := corpus.Locate("saudinewsnet", "")
		if err != nil {
			corpusErr = err
			return
		}
		recs, err := corpus.ReadDir(dir)
		if err != nil {
			corpusErr = err
			return
		}
		var eligible []corpus.Record
		for _, r := range recs {
			if strings.TrimSpace(r.Title) != "" && wordCount(r.Content) >= 40 {
				eligible = append(eligible, r)
			}
		}
		const want = 200
		for i := 0; i < want; i++ {
			r := eligible[i*len(eligible)/want]
			corpusArts = append(corpusArts, fromRecord(r, "ar", i))
			sampleRecs = append(sampleRecs, r)
		}
		if bdir, err := corpus.Locate("bbc-news", ""); err == nil {
			brs, err := corpus.ReadBBC(bdir, time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC))
			if err == nil {
				for i := 0; i < 60; i++ {
					r := brs[i*len(brs)/60]
					bbcArts = append(bbcArts, fromRecord(r, "en", i))
					sampleRecs = append(sampleRecs, r)
				}
			}
		}
	})
	if errors.Is(corpusErr, corpus.ErrNotFound) {
		t.Skipf("SaudiNewsNet corpus absent: %v", corpusErr)
	}
	if corpusErr != nil {
		t.Fatal(corpusErr)
	}
	return corpusArts, bbcArts
}

func fromRecord(r corpus.Record, lang string, i int) testArticle {
	var ps []string
	for _, line := range strings.Split(r.Content, "\n") {
		if line = normalizeSpace(line); line != "" {
			ps = append(ps, line)
		}
	}
	author := normalizeSpace(strings.ReplaceAll(r.Author, "&nbsp;", " "))
	if author == "" {
		author = "محرر الصحيفة"
		if lang == "en" {
			author = "Staff Reporter"
		}
	}
	return testArticle{
		URL:    fmt.Sprintf("https://news.example.com/%s/article/%d", r.Source, 1000+i),
		Title:  normalizeSpace(r.Title),
		Author: author,
		Date:   r.Date.UTC().Truncate(time.Minute),
		Paras:  ps,
		Image:  fmt.Sprintf("https://cdn.example.com/img/%d.jpg", 1000+i),
		Lang:   lang,
	}
}

// recallStats accumulates paragraph recall and chrome leakage.
type recallStats struct {
	paras, found     int
	outRunes, leaked int
	pages, failures  int
	unsure           int // pages where ModeAuto consulted trafilatura
	worst            []string
}

func (s *recallStats) add(a testArticle, r *Result, phrases []string, original string) []string {
	var problems []string
	s.pages++
	body := normalizeSpace(strings.ReplaceAll(r.BodyText, "\n", " "))
	for _, p := range a.Paras {
		if !hasLetterOrDigit(p) {
			continue // "***" separators are decoration, not content
		}
		s.paras++
		if strings.Contains(body, p) {
			s.found++
		} else if len(s.worst) < 12 {
			s.worst = append(s.worst, fmt.Sprintf("%s: missing %q", a.URL, truncateWords(p, 80)))
		}
	}
	orig := normalizeSpace(strings.Join(a.Paras, " "))
	for _, p := range strings.Split(r.BodyText, "\n\n") {
		n := runeLen(p)
		s.outRunes += n
		if !strings.Contains(orig, normalizeSpace(strings.ReplaceAll(p, "\n", " "))) {
			s.leaked += n
			if len(s.worst) < 12 {
				s.worst = append(s.worst, fmt.Sprintf("%s: leaked %q", a.URL, truncateWords(p, 80)))
			}
		}
	}
	for _, ph := range phrases {
		if strings.Contains(r.BodyText, ph) && !strings.Contains(original, ph) {
			problems = append(problems, fmt.Sprintf("chrome %q survived", ph))
		}
	}
	return problems
}

func (s *recallStats) recall() float64 { return float64(s.found) / float64(max(1, s.paras)) }
func (s *recallStats) leak() float64   { return float64(s.leaked) / float64(max(1, s.outRunes)) }

// TestCorpusRecall wraps ~200 SaudiNewsNet articles (and 60 BBC ones) in
// each chrome template and measures paragraph recall (share of corpus
// paragraphs found verbatim in BodyText) and leakage (share of output runes
// not from the article), plus metadata. Run with -v to see the numbers.
func TestCorpusRecall(t *testing.T) {
	arts, bbc := corpusSample(t)
	// The other modes are measured for comparison only (NASHRA_LONG=1):
	// ModeTrafilatura alone takes several seconds.
	modes := []Mode{ModeAuto}
	if os.Getenv("NASHRA_LONG") != "" {
		modes = append(modes, ModeFast, ModeTrafilatura)
	}
	for _, mode := range modes {
		e := &Extractor{Mode: mode}
		total := &recallStats{}
		type job struct {
			tpl   chromeTemplate
			arts  []testArticle
			words []string
		}
		jobs := []job{}
		for _, tpl := range chromeTemplates {
			jobs = append(jobs, job{tpl, arts, chromePhrases})
		}
		if len(bbc) > 0 {
			jobs = append(jobs, job{englishTemplate, bbc, englishChromePhrases})
		}
		start := time.Now()
		for _, j := range jobs {
			st := &recallStats{}
			for i, a := range j.arts {
				hints := Hints{}
				if i%2 == 0 {
					hints.Title = a.Title // feeds usually carry the title
				}
				page := j.tpl.render(a)
				if mode == ModeAuto && !fastIsSure([]byte(page)) {
					st.unsure++
				}
				r, err := e.Page(a.URL, []byte(page), hints)
				if err != nil {
					st.failures++
					if mode == ModeAuto {
						t.Errorf("%s/%s: %v", j.tpl.name, a.URL, err)
					}
					continue
				}
				probs := st.add(a, r, j.words, strings.Join(a.Paras, "\n"))
				if mode == ModeAuto {
					probs = append(probs, checkMeta(j.tpl, a, r)...)
					for _, p := range probs {
						t.Errorf("%s/%s: %s", j.tpl.name, a.URL, p)
					}
				}
			}
			t.Logf("mode=%s template=%-20s pages=%d recall=%.4f (%d/%d) leaked-runes=%.4f failures=%d trafilatura-consulted=%d",
				mode, j.tpl.name, st.pages, st.recall(), st.found, st.paras, st.leak(), st.failures, st.unsure)
			for _, w := range st.worst {
				t.Logf("   %s", w)
			}
			total.paras += st.paras
			total.found += st.found
			total.outRunes += st.outRunes
			total.leaked += st.leaked
			total.pages += st.pages
			total.failures += st.failures
		}
		t.Logf("mode=%s TOTAL pages=%d recall=%.4f leaked-runes=%.4f failures=%d in %v",
			mode, total.pages, total.recall(), total.leak(), total.failures, time.Since(start).Round(time.Millisecond))
		if mode == ModeAuto && total.recall() < 0.98 {
			t.Errorf("paragraph recall %.4f < 0.98", total.recall())
		}
		if mode == ModeAuto && total.leak() > 0.02 {
			t.Errorf("leaked chrome %.4f of output runes > 0.02", total.leak())
		}
	}
}

func checkMeta(tpl chromeTemplate, a testArticle, r *Result) []string {
	var p []string
	if r.Title != a.Title {
		p = append(p, fmt.Sprintf("title %q, want %q", r.Title, a.Title))
	}
	if r.Language != a.Lang {
		p = append(p, fmt.Sprintf("language %q, want %q", r.Language, a.Lang))
	}
	want := a.Date
	got := r.PublishedAt
	if !tpl.dateExact {
		want = want.Truncate(24 * time.Hour)
		got = got.Truncate(24 * time.Hour)
	}
	if !got.Equal(want) {
		p = append(p, fmt.Sprintf("published %v, want %v", r.PublishedAt, a.Date))
	}
	if r.ImageURL != a.Image {
		p = append(p, fmt.Sprintf("image %q, want %q", r.ImageURL, a.Image))
	}
	if r.BodyHTML == "" || r.Excerpt == "" {
		p = append(p, "empty BodyHTML or Excerpt")
	}
	return p
}

// fastIsSure replays the first steps of Page to tell whether ModeAuto
// would settle on the fast pass or consult trafilatura.
func fastIsSure(page []byte) bool {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return false
	}
	body := findBody(doc)
	prune(body)
	return fastSelect(body).sure()
}
