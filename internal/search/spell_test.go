package search

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/textar"
)

// dictionary builds a speller in which each word is used by the given
// number of articles.
func dictionary(words map[string]int) *speller {
	var docs []spellSource
	for w, n := range words {
		for range n {
			docs = append(docs, spellSource{text: w})
		}
	}
	return newSpeller(docs)
}

func TestSpellerCorrect(t *testing.T) {
	sp := dictionary(map[string]int{
		"الرياض": 50, "الرياضة": 30, "الحوثيين": 200, "الحوثين": 4, "سلمان": 200, "سلمن": 3, "السعودية": 300,
		"وزارة": 120, "وزراء": 80, "البطالة": 20, "داعش": 90, "كورونا": 40, "ترامب": 60,
		"فلسطين": 70, "إيبولا": 9, "obama": 30, "riyadh": 12, "الخرج": 2,
	})
	cases := []struct {
		typed string
		deep  bool
		want  string
	}{
		{"الرياص", false, "الرياض"},     // confusable ص for ض
		{"السعودبة", false, "السعودية"}, // wrong letter, display keeps ة
		{"الحوتيين", false, "الحوثيين"}, // ت for ث
		{"داعيش", false, "داعش"},        // extra letter
		{"كرونا", false, "كورونا"},      // missing letter
		{"فلسطيم", false, "فلسطين"},
		{"وزراة", false, "وزارة"},   // swapped neighbours
		{"سلمن", false, "سلمان"},    // a rare spelling of a word 60 times as common
		{"الحوثين", false, ""},      // same stem as الحوثيين: the search finds it already
		{"ابيولا", false, "إيبولا"}, // swapped letters; hamza restored for display
		{"فلصطيم", true, "فلسطين"},  // two edits
		{"فلصطيم", false, ""},       // two edits need deep
		{"obamma", false, "obama"},
		{"riyahd", false, "riyadh"},
		{"الرياض", false, ""},  // known
		{"الرياضة", false, ""}, // known, though one edit from a more common word
		{"وزراء", false, ""},   // known, common enough to be right
		{"زلزال", true, ""},    // nothing near it
		{"الخرج", false, ""},   // below the dictionary's threshold, and nothing near
		{"ال", true, ""},       // too short to guess
		{"b52", true, ""},      // letters and digits: not guessed
		{"2015", true, ""},
		{"الرياضb", true, ""}, // mixed scripts
	}
	for _, c := range cases {
		t.Run(c.typed, func(t *testing.T) {
			if got := sp.correct(textar.Normalize(c.typed), c.deep); got != c.want {
				t.Errorf("correct(%q, deep=%v) = %q, want %q", c.typed, c.deep, got, c.want)
			}
		})
	}
}

func TestSpellerIgnoresRareWords(t *testing.T) {
	// A typo in one or two articles must not become a correction target.
	sp := dictionary(map[string]int{"الرياص": 2, "الرياض": 40})
	if sp.words[textar.Normalize("الرياص")].docs != 0 {
		t.Fatal("a word two articles use is in the dictionary")
	}
	if got := sp.correct(textar.Normalize("الرياص"), false); got != "الرياض" {
		t.Fatalf("correct = %q", got)
	}
}

func TestDidYouMean(t *testing.T) {
	f := newFakeStore(
		art("a", "أمطار غزيرة على الرياض", "شهدت الرياض أمطاراً غزيرة.", 0),
		art("b", "الرياض تستضيف المؤتمر", "تستضيف الرياض مؤتمراً.", 1),
		art("c", "زحام في الرياض", "زحام مروري في الرياض.", 2),
		art("d", "جامعة الملك سعود في الرياض", "الرياض.", 3),
		art("e", "أخبار جدة", "جدة.", 3),
	)
	s := newService(f)
	cases := []struct {
		query, want string
	}{
		{"الرياص", "الرياض"},
		{"أمطار الرياص", "أمطار الرياض"},
		{`"زحام في الرياص"`, `"زحام في الرياض"`}, // inside a phrase
		{"الرياص source:sabq", "الرياض source:sabq"},
		{"الرياض", ""},         // spelt right
		{"جدة", ""},            // rare but right: nothing offered
		{"زلزال", ""},          // unknown, nothing near it
		{"-الرياص الرياض", ""}, // exclusions are not respelt
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			res, err := s.Search(context.Background(), c.query, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if res.DidYouMean != nil {
				got = res.DidYouMean.Query
				if res.DidYouMean.Total == 0 || res.DidYouMean.Text != got {
					t.Errorf("correction %+v", res.DidYouMean)
				}
			}
			if got != c.want {
				t.Errorf("did you mean %q, want %q (total %d)", got, c.want, res.Total)
			}
		})
	}
}

func TestDidYouMeanSurvivesDictionaryFailure(t *testing.T) {
	f := newFakeStore(art("a", "الرياض", "الرياض.", 0), art("b", "الرياض", "الرياض.", 1), art("c", "الرياض", "الرياض.", 2))
	s := newService(f)
	f.articlesErr = fmt.Errorf("listing broken")
	res, err := s.Search(context.Background(), "الرياص", Options{})
	if err != nil {
		t.Fatalf("a broken dictionary failed the search: %v", err)
	}
	if res.DidYouMean != nil {
		t.Fatalf("correction without a dictionary: %+v", res.DidYouMean)
	}
	// The next search tries again, and succeeds once the store does.
	f.articlesErr = nil
	if res, err = s.Search(context.Background(), "الرياص", Options{}); err != nil || res.DidYouMean == nil ||
		!strings.Contains(res.DidYouMean.Query, "الرياض") {
		t.Fatalf("after recovery: %+v, %v", res.DidYouMean, err)
	}
}

// TestSpellingDictionaryGrowsWithTheStore: a dictionary read from a young
// store is rebuilt after SpellRefreshYoung, so words that arrive later
// become corrections; a full-size one waits SpellRefresh.
func TestSpellingDictionaryGrowsWithTheStore(t *testing.T) {
	f := newFakeStore(art("a", "الرياض", "الرياض.", 0), art("b", "الرياض", "الرياض.", 1), art("c", "الرياض", "الرياض.", 2))
	s := newService(f)
	var mu sync.Mutex
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s.spell.clock = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	ctx := context.Background()
	if res, _ := s.Search(ctx, "فلسطيم", Options{}); res.DidYouMean != nil {
		t.Fatalf("correction before the word was in any article: %+v", res.DidYouMean)
	}
	for i := range 4 {
		f.mu.Lock()
		a := art(fmt.Sprintf("p%d", i), "فلسطين اليوم", "أخبار فلسطين.", 0)
		a.ID = news.ArticleID(a.URL)
		doc := IndexDoc(&a)
		f.docs[a.ID] = strings.Fields(doc.Title + " " + doc.Body)
		f.articles = append(f.articles, a)
		f.mu.Unlock()
	}
	advance(SpellRefreshYoung + time.Second)
	deadline := time.Now().Add(10 * time.Second)
	for {
		res, err := s.Search(ctx, "فلسطيم", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if res.DidYouMean != nil && res.DidYouMean.Query == "فلسطين" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the young dictionary was not rebuilt: %+v", res.DidYouMean)
		}
		time.Sleep(10 * time.Millisecond) // the rebuild runs in the background
	}
}
