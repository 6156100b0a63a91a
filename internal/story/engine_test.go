package story

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/textar"
)

var t0 = time.Date(2015, 7, 21, 8, 0, 0, 0, time.UTC)

func art(id, src, title, body string, at time.Duration) *news.Article {
	return &news.Article{ID: id, URL: "https://" + src + ".example/" + id, SourceID: src, Title: title, BodyText: body, PublishedAt: t0.Add(at), Language: "ar"}
}

const houthiBody = `أعلنت قيادة التحالف العربي بقيادة السعودية اليوم أن قواتها دمرت مخازن أسلحة تابعة لميليشيا الحوثي في محافظة صعدة شمال اليمن.
وقال المتحدث باسم التحالف العميد أحمد عسيري إن الغارات استهدفت مواقع تستخدمها الميليشيات لتخزين الصواريخ التي تطلق على المدن السعودية الحدودية.
وأضاف عسيري أن العمليات مستمرة حتى تحقيق أهدافها وعودة الشرعية إلى اليمن بقيادة الرئيس عبدربه منصور هادي.
وكانت المقاومة الشعبية قد سيطرت أمس على مواقع جديدة في عدن بعد معارك عنيفة مع الحوثيين وقوات المخلوع علي عبدالله صالح.`

const houthiBody2 = `قال العميد أحمد عسيري المتحدث باسم قوات التحالف إن طائرات التحالف دمرت مخازن صواريخ للحوثيين في صعدة.
وأوضح عسيري في مؤتمر صحفي بالرياض أن الميليشيات الحوثية حاولت إطلاق صواريخ على المدن السعودية الحدودية وأن الدفاعات تصدت لها.
وأشار إلى أن قوات المقاومة الشعبية حققت تقدما في عدن وأن الحكومة الشرعية برئاسة عبدربه منصور هادي ستعود قريبا.`

const oilBody = `ارتفعت أسعار النفط في تعاملات اليوم بعد صدور بيانات عن تراجع المخزونات الأمريكية من الخام.
وصعد خام برنت إلى مستويات أعلى مع توقعات بزيادة الطلب في الصين، بينما قالت منظمة أوبك إن السوق ستتوازن العام المقبل.
وقال محللون إن أسعار النفط ما زالت تحت ضغط وفرة المعروض من دول أوبك والنفط الصخري الأمريكي.`

func TestWireDetection(t *testing.T) {
	tests := []struct{ title, body, want string }{
		{"", "الرياض - واس: استقبل خادم الحرمين الشريفين ...", "واس"},
		{"", "الرياض (واس)\nاستقبل ...", "واس"},
		{"", "واس - الرياض\nأكد ...", "واس"},
		{"", "عواصم - رويترز: قال مسؤولون ...", "رويترز"},
		{"", "بيروت - (أ ف ب) أعلن الجيش ...", "أ ف ب"},
		{"", "برلين (د ب أ) قال ...", "د ب أ"},
		{"", "LONDON (Reuters) - Oil prices rose on Monday ...", "Reuters"},
		{"", "WASHINGTON (AP) — The Senate ...", "AP"},
		{"", "Riyadh - SPA\nThe Custodian ...", "واس"},
		{"", "* رئيس وزراء اليابان يدافع * طوكيو - «رويترز»: دافع رئيس الوزراء", "رويترز"},
		{"", "الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس أغلق مؤشر سوق الأسهم", "واس"},
		{"", "قالت مصادر لرويترز إن المحادثات متعثرة وإن الوفد غادر.", ""},
		{"", "ذكرت وكالة رويترز في تقرير لها أن الأسعار ترتفع.", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := DetectWire(tt.title, tt.body); got != tt.want {
			t.Errorf("DetectWire(%.40q) = %q, want %q", tt.body, got, tt.want)
		}
	}
}

func TestDuplicatesLinkToFirstPublished(t *testing.T) {
	e := New(Config{})
	r1 := e.Add(art("a1", "was", "التحالف يدمر مخازن أسلحة للحوثيين في صعدة", "الرياض - واس\n"+houthiBody, 0))
	r2 := e.Add(art("a2", "okaz", "تدمير مخازن أسلحة حوثية", houthiBody+"\nوتابعت عكاظ الموضوع.", 2*time.Hour))
	if got := r2.Analyses[0].DuplicateOf; got != "a1" {
		t.Fatalf("copy DuplicateOf = %q, want a1", got)
	}
	if r1.Analyses[0].WireAgency != "واس" {
		t.Errorf("wire = %q", r1.Analyses[0].WireAgency)
	}
	if r2.Analyses[0].StoryID != r1.Analyses[0].StoryID {
		t.Errorf("copy not in its original's story")
	}
	// A copy crawled late but published earlier becomes the original.
	r3 := e.Add(art("a0", "sabq", "مخازن أسلحة", houthiBody, -3*time.Hour))
	if r3.Analyses[0].DuplicateOf != "" {
		t.Fatalf("earliest copy DuplicateOf = %q, want none", r3.Analyses[0].DuplicateOf)
	}
	moved := map[string]string{}
	for _, a := range r3.Analyses[1:] {
		moved[a.ArticleID] = a.DuplicateOf
	}
	if moved["a1"] != "a0" || moved["a2"] != "a0" {
		t.Errorf("re-rooted copies = %v, want a1,a2 → a0", moved)
	}
}

func TestClusteringAndRelated(t *testing.T) {
	e := New(Config{})
	r1 := e.Add(art("h1", "aawsat", "التحالف يدمر مخازن صواريخ للحوثيين في صعدة", houthiBody, 0))
	e.Add(art("o1", "aleqtisadiya", "أسعار النفط ترتفع مع تراجع المخزونات الأمريكية", oilBody, time.Hour))
	r3 := e.Add(art("h2", "alriyadh", "عسيري: طائرات التحالف دمرت مخازن صواريخ الحوثيين في صعدة", houthiBody2, 3*time.Hour))
	a3 := r3.Analyses[0]
	if a3.StoryID != r1.Analyses[0].StoryID {
		t.Fatalf("same event in two stories: %q vs %q", a3.StoryID, r1.Analyses[0].StoryID)
	}
	if len(a3.Related) == 0 || a3.Related[0].ArticleID != "h1" || !a3.Related[0].SameStory {
		t.Fatalf("related = %+v, want h1 first, same story", a3.Related)
	}
	if !strings.HasPrefix(a3.Related[0].Reason, "نفس القصة") {
		t.Errorf("reason = %q", a3.Related[0].Reason)
	}
	for _, r := range a3.Related {
		if r.ArticleID == "o1" {
			t.Errorf("unrelated oil article listed: %+v", r)
		}
	}
	// The older article learns about the newer one.
	found := false
	for _, a := range r3.Analyses[1:] {
		if a.ArticleID == "h1" {
			for _, r := range a.Related {
				found = found || r.ArticleID == "h2"
			}
		}
	}
	if !found {
		t.Errorf("h1's related list was not updated with h2")
	}
	var st news.Story
	for _, u := range r3.Stories {
		if u.Story.ID == a3.StoryID {
			st = u.Story
		}
	}
	if st.Size != 2 || st.FirstSourceID != "aawsat" || len(st.Sources) != 2 || st.Headline == "" {
		t.Errorf("story = %+v", st)
	}
}

func TestHashtags(t *testing.T) {
	e := New(Config{})
	r := e.Add(art("h1", "aawsat", "التحالف يدمر مخازن صواريخ للحوثيين في صعدة", houthiBody, 0))
	tags := r.Analyses[0].Hashtags
	// Precision first: only salient names (in the title, or repeated) and
	// headline phrases become tags, so a short article may have only two.
	if len(tags) < 2 || len(tags) > maxTags {
		t.Fatalf("hashtags = %q, want 2..8", tags)
	}
	want := map[string]bool{"الحوثيون": false, "صعدة": false}
	for _, tag := range tags {
		if _, ok := want[tag]; ok {
			want[tag] = true
		}
		assertCleanTag(t, tag)
	}
	for tag, ok := range want {
		if !ok {
			t.Errorf("hashtags %q lack %q", tags, tag)
		}
	}
}

func assertCleanTag(t *testing.T, tag string) {
	t.Helper()
	if strings.ContainsAny(tag, "# \t\n") || strings.IndexFunc(tag, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 {
		t.Errorf("junk hashtag %q", tag)
	}
	for _, part := range strings.Split(tag, "_") {
		n := textar.Normalize(part)
		if textar.IsStopWord(n) && !strings.Contains(tag, "_") {
			t.Errorf("stop-word hashtag %q", tag)
		}
		if dateWords[n] {
			t.Errorf("date hashtag %q", tag)
		}
	}
	if len([]rune(tag)) < 3 {
		t.Errorf("short hashtag %q", tag)
	}
}

func TestBadInput(t *testing.T) {
	huge := strings.Repeat("كلمة عربية أخرى في نص طويل جدا ", 25000) // 100k+ words
	tests := []struct {
		name string
		a    *news.Article
	}{
		{"empty", art("e1", "sabq", "", "", 0)},
		{"title only", art("e2", "sabq", "عاجل", "", 0)},
		{"one line", art("e3", "sabq", "خبر", "وفاة مواطن في حادث", 0)},
		{"photo caption", art("e4", "sabq", "بالصور", "(صورة من الحفل) - تصوير: فلان", 0)},
		{"english in arabic outlet", &news.Article{ID: "e5", SourceID: "aawsat", Title: "Oil prices rise", BodyText: "Oil prices rose on Monday as OPEC said demand would grow. Oil traders expect OPEC to keep output.", PublishedAt: t0}},
		{"huge", art("e6", "sabq", "نص ضخم", huge, 0)},
		{"html entities", art("e7", "alweeam", "&#8220;ظريف&#8221; في فيينا &amp; جنيف", "&quot;نص&quot; قصير", 0)},
		{"numbers only", art("e8", "sabq", "2015 2016", "1 2 3 4 5 6 7 8 9 10 11 12 13 14", 0)},
		// The fill-up tier tops short lists up on weak evidence; junk must
		// stay out of it too.
		{"caption with a place", art("e9", "sabq", "بالصور", "(صورة) بجدة - تصوير: فلان", 0)},
		{"dates and stop words", art("e10", "sabq", "اليوم الأحد", "في يوم الأحد الموافق 12 شوال من العام الماضي في الساعة الثامنة من صباح اليوم. وفي يوم الأحد", 0)},
		{"repeated phrase and numbers", art("e11", "sabq", "سوق العمل 2015", strings.Repeat("سوق العمل 2015 سوق العمل 12 % ", 50), 0)},
		{"single letters", art("e12", "sabq", "أ ب ت", strings.Repeat("أ ب ت ث ج ح خ د ", 30), 0)},
	}
	e := New(Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.Add(tt.a)
			if len(r.Analyses) == 0 || r.Analyses[0].ArticleID != tt.a.ID {
				t.Fatalf("analyses = %+v", r.Analyses)
			}
			tags := r.Analyses[0].Hashtags
			if len(tags) > maxTags {
				t.Errorf("%d hashtags: %q", len(tags), tags)
			}
			for _, tag := range tags {
				assertCleanTag(t, tag)
			}
		})
	}
}

func TestIdenticalFlood(t *testing.T) {
	e := New(Config{})
	var first string
	maxSize := 0
	for i := 0; i < 3000; i++ {
		r := e.Add(art(fmt.Sprintf("f%d", i), "sabq", "أهالي يشكون من إغلاق طريق", houthiBody, time.Duration(i)*time.Second))
		a := r.Analyses[0]
		if i == 0 {
			first = a.ArticleID
		} else if a.DuplicateOf != first {
			t.Fatalf("copy %d DuplicateOf = %q, want %q", i, a.DuplicateOf, first)
		}
		if len(r.Analyses) > 1+e.cfg.MaxUpdated*2 {
			t.Fatalf("copy %d updated %d analyses", i, len(r.Analyses))
		}
		for _, u := range r.Stories {
			maxSize = max(maxSize, u.Story.Size)
		}
	}
	if maxSize > e.cfg.MaxDuplicateGroup+1 {
		t.Errorf("identical flood built a story of %d", maxSize)
	}
	if st := e.Stats(); st.Buckets > lshBands {
		t.Errorf("identical flood grew %d LSH buckets", st.Buckets)
	}
}

func TestEvictionBoundsWindow(t *testing.T) {
	e := New(Config{Window: 24 * time.Hour})
	for i := 0; i < 2000; i++ {
		body := fmt.Sprintf("%s رقم %d", oilBody, i)
		e.Add(art(fmt.Sprintf("w%d", i), "sabq", "أسعار النفط", body, time.Duration(i)*time.Hour))
	}
	if st := e.Stats(); st.Articles > 30 {
		t.Errorf("window holds %d articles after 2000 hours with a 24h window", st.Articles)
	}
}

func TestDeterministic(t *testing.T) {
	run := func() string {
		e := New(Config{})
		var b strings.Builder
		for i, body := range []string{houthiBody, oilBody, houthiBody2, oilBody + " وتراجع الذهب.", houthiBody} {
			r := e.Add(art(fmt.Sprintf("d%d", i), "s"+fmt.Sprint(i%3), "عنوان", body, time.Duration(i)*time.Hour))
			fmt.Fprintf(&b, "%+v\n", r)
		}
		return b.String()
	}
	if a, b := run(), run(); a != b {
		t.Errorf("two identical replays differ")
	}
}
