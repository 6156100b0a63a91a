package extract

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var fixedNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func testExtractor(m Mode) *Extractor {
	return &Extractor{Mode: m, Now: func() time.Time { return fixedNow }}
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPageFixtures(t *testing.T) {
	cases := []struct {
		file, url string
		hints     Hints
		want      Result   // empty fields are not checked
		paras     []string // paragraphs that must be in BodyText, in order
		absent    []string // chrome that must not be
		nParas    int      // exact paragraph count
	}{
		{
			file: "ar_wordpress.html", url: "http://www.alweeam.com.sa/348531/",
			want: Result{
				CanonicalURL: "http://www.alweeam.com.sa/348531/%D8%B7%D9%8A%D8%B1%D8%A7%D9%86-%D9%86%D8%A7%D8%B3-%D8%AA%D9%83%D8%B1%D9%85-%D8%B7%D8%A7%D9%82%D9%85-%D8%B7%D8%A7%D8%A6%D8%B1%D8%A9-%D8%B9%D8%A7%D8%AF-%D9%85%D9%86-%D8%A7%D9%84%D9%85%D8%AF%D8%B1%D8%AC/",
				Title:        "طيران ناس تكرم طاقم طائرة عاد من المدرج لاخذ علاج راكبة",
				Author:       "الوئام",
				PublishedAt:  time.Date(2015, 7, 20, 20, 16, 13, 0, time.UTC),
				ImageURL:     "http://www.alweeam.com.sa/wp-content/uploads/2015/07/nas-crew.jpg",
				Language:     "ar",
			},
			paras: []string{
				"كرم “طيران ناس” قائد طيار يوسف الزير",
				"جاء ذلك بعد أن قرر قائد الطائرة العودة",
				"وأوضح بندر بن عبد الرحمن المهنا",
				"وأضاف المهنا أن مثل هذه المواقف النبيلة",
				"تجدر الإشارة إلى أن قائد طائرة “ناس”",
			},
			absent: []string{"Post Views", "اقرأ أيضاً", "انسخ رابط الخبر", "المصدر:", "شارك", "تويتر", "الوسوم",
				"مواضيع ذات صلة", "ما شاء الله", "اترك تعليقاً", "الأكثر قراءة", "اشترك", "جميع الحقوق", "إعلان", "الرئيسية"},
			nParas: 6, // the dateline "الرياض - الوئام :" is the story's own
		},
		{
			file: "en_bbc.html", url: "https://www.bbc.example.co.uk/news/business-4185910?at_medium=rss",
			want: Result{
				CanonicalURL: "https://www.bbc.example.co.uk/news/business-4185910",
				Title:        "Ad sales boost Time Warner profit",
				Author:       "Simon Jack",
				PublishedAt:  time.Date(2005, 1, 10, 9, 30, 0, 0, time.UTC),
				ImageURL:     "https://ichef.example.co.uk/news/1024/timewarner.jpg",
				Language:     "en",
				Excerpt:      "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) for the three months to December, from $639m year-earlier.",
			},
			paras:  []string{"Quarterly profits at US media giant", "The firm, which is now one of the biggest", "TimeWarner is to restate its accounts"},
			absent: []string{"Skip to content", "Share this with", "Related Topics", "More on this story", "Most read", "Advertisement", "Copyright", "Getty"},
			nParas: 5,
		},
		{
			// Legacy table layout, declared windows-1256 (already decoded
			// by the fetcher), text in <font> broken by <br><br>, the
			// issue date only in the masthead.
			file: "ar_table_1256.html", url: "http://www.okaz.com.sa/new/Issues/20150722/Con20150722784889.htm",
			hints: Hints{Author: "واس (الرياض)"},
			want: Result{
				Title:       "بأمر الملك .. ترقية وتعيين 125 قاضياً بالعدل والمظالم",
				Author:      "واس (الرياض)",
				PublishedAt: time.Date(2015, 7, 22, 0, 0, 0, 0, time.UTC),
				Language:    "ar",
				ImageURL:    "",
			},
			paras:  []string{"أصدر خادم الحرمين الشريفين", "وأوضح وزير العدل", "كما أصدر خادم الحرمين", "وأوضح رئيس ديوان المظالم", "وأكد أن هذا الأمر الملكي", "وأوضح أن التعيينات والترقيات"},
			absent: []string{"الأكثر قراءة", "الهلال يتعاقد", "طباعة", "ارسل لصديق", "إعلانات", "جميع الحقوق", "الصفحة الرئيسية", "واس (الرياض)"},
			nParas: 6,
		},
		{
			// Reader comments longer than the story, class names that say
			// nothing: only the "التعليقات (6)" heading gives them away.
			file: "ar_long_comments.html", url: "https://e.com/news/1",
			want:   Result{Title: "تحطم طائرة خاصة سعودية في مطار بلاكبوش البريطاني", Language: "ar"},
			paras:  []string{"أعلنت هيئة الطيران المدني", "وذكرت الهيئة عبر حسابها"},
			absent: []string{"رحم الله", "زائر", "منذ", "حسبي الله", "التعليقات", "جميع الحقوق"},
			nParas: 2,
		},
	}
	for _, mode := range []Mode{ModeAuto, ModeFast, ModeTrafilatura} {
		for _, c := range cases {
			t.Run(mode.String()+"/"+c.file, func(t *testing.T) {
				r, err := testExtractor(mode).Page(c.url, readFixture(t, c.file), c.hints)
				if err != nil {
					t.Fatal(err)
				}
				check := func(field, got, want string) {
					if want != "" && got != want {
						t.Errorf("%s = %q, want %q", field, got, want)
					}
				}
				check("CanonicalURL", r.CanonicalURL, c.want.CanonicalURL)
				check("Title", r.Title, c.want.Title)
				check("Author", r.Author, c.want.Author)
				check("ImageURL", r.ImageURL, c.want.ImageURL)
				check("Language", r.Language, c.want.Language)
				check("Excerpt", r.Excerpt, c.want.Excerpt)
				if !r.PublishedAt.Equal(c.want.PublishedAt) {
					t.Errorf("PublishedAt = %v, want %v", r.PublishedAt, c.want.PublishedAt)
				}
				got := strings.Split(r.BodyText, "\n\n")
				if len(got) != c.nParas {
					t.Errorf("%d paragraphs, want %d:\n%s", len(got), c.nParas, r.BodyText)
				}
				at := 0
				for _, p := range c.paras {
					i := strings.Index(r.BodyText[at:], p)
					if i < 0 {
						t.Errorf("paragraph %q missing or out of order", p)
						continue
					}
					at += i
				}
				for _, a := range c.absent {
					if strings.Contains(r.BodyText, a) {
						t.Errorf("chrome %q survived in BodyText", a)
					}
				}
				assertSafeHTML(t, r.BodyHTML)
				wantDir := `<div dir="rtl">`
				if r.Language == "en" {
					wantDir = `<div dir="ltr">`
				}
				if !strings.HasPrefix(r.BodyHTML, wantDir) {
					t.Errorf("BodyHTML root %.40q, want %s", r.BodyHTML, wantDir)
				}
			})
		}
	}
}

func TestPageNoContent(t *testing.T) {
	for _, f := range []string{"photo_only.html", "empty.html"} {
		for _, mode := range []Mode{ModeAuto, ModeFast, ModeTrafilatura} {
			_, err := testExtractor(mode).Page("https://sabq.example/photos/1", readFixture(t, f), Hints{})
			if !errors.Is(err, ErrNoContent) {
				t.Errorf("%s/%s: err = %v, want ErrNoContent", mode, f, err)
			}
		}
	}
	inputs := map[string]string{
		"nothing":      "",
		"binary":       "\x00\x01\x02PNG\x89",
		"menu only":    `<nav><a href="/">الرئيسية</a><a href="/a">أخبار</a></nav><footer>جميع الحقوق محفوظة</footer>`,
		"chrome prose": `<div><p>Post Views: 56</p><p>انسخ رابط الخبر</p><p>شارك: تويتر فيسبوك واتساب</p></div>`,
	}
	for name, in := range inputs {
		if _, err := Page("https://example.com/a", []byte(in), Hints{}); !errors.Is(err, ErrNoContent) {
			t.Errorf("%s: err = %v, want ErrNoContent", name, err)
		}
	}
}

func TestPageErrors(t *testing.T) {
	for _, u := range []string{"", "/relative/path", "ftp://example.com/a", "javascript:alert(1)", "http://"} {
		if _, err := Page(u, []byte("<p>x</p>"), Hints{}); !errors.Is(err, ErrInvalidURL) {
			t.Errorf("Page(%q): err = %v, want ErrInvalidURL", u, err)
		}
	}
	big := make([]byte, MaxDocumentSize+1)
	if _, err := Page("https://example.com/a", big, Hints{}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("huge document: err = %v, want ErrTooLarge", err)
	}
}

func TestPageHints(t *testing.T) {
	raw := readFixture(t, "ar_wordpress.html")
	pub := time.Date(2015, 7, 21, 2, 16, 13, 0, time.FixedZone("AST", 3*3600))
	cases := []struct {
		name  string
		hints Hints
		check func(*Result) string
	}{
		{"feed title wins", Hints{Title: "ناس تكرم طاقم الرحلة 301"}, func(r *Result) string {
			return expect(r.Title, "ناس تكرم طاقم الرحلة 301")
		}},
		{"truncated feed title loses", Hints{Title: "طيران ناس تكرم طاقم طائرة…"}, func(r *Result) string {
			return expect(r.Title, "طيران ناس تكرم طاقم طائرة عاد من المدرج لاخذ علاج راكبة")
		}},
		{"feed date wins, in UTC", Hints{Published: pub}, func(r *Result) string {
			return expect(r.PublishedAt.String(), "2015-07-20 23:16:13 +0000 UTC")
		}},
		{"future feed date ignored", Hints{Published: fixedNow.Add(48 * time.Hour)}, func(r *Result) string {
			return expect(r.PublishedAt.String(), "2015-07-20 20:16:13 +0000 UTC")
		}},
		{"feed author cleaned", Hints{Author: "بقلم: محمد الغامدي"}, func(r *Result) string {
			return expect(r.Author, "محمد الغامدي")
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := testExtractor(ModeAuto).Page("http://www.alweeam.com.sa/348531/", raw, c.hints)
			if err != nil {
				t.Fatal(err)
			}
			if msg := c.check(r); msg != "" {
				t.Error(msg)
			}
		})
	}
}

func expect(got, want string) string {
	if got != want {
		return "got " + got + ", want " + want
	}
	return ""
}

// TestPageHuge checks a 100,000-word page is handled (linear algorithms,
// no pathological regexps) and yields its text.
func TestPageHuge(t *testing.T) {
	page := hugePage(100000)
	r, err := Page("https://example.com/huge", page, Hints{})
	if err != nil {
		t.Fatal(err)
	}
	if n := wordCount(r.BodyText); n < 95000 {
		t.Errorf("huge page: %d words extracted, want ~100000", n)
	}
}

func hugePage(words int) []byte {
	var b strings.Builder
	b.WriteString(`<html lang="ar"><head><title>تقرير طويل جداً | الموقع</title></head><body><nav><a href="/">الرئيسية</a></nav><article>`)
	sentence := "وأوضح المتحدث الرسمي أن الجهات المختصة تواصل أعمالها الميدانية في المنطقة، مؤكداً أهمية التعاون بين الجميع. "
	per := wordCount(sentence)
	for n, i := 0, 0; n < words; i++ {
		b.WriteString("<p>الفقرة " + strconv.Itoa(i) + " ")
		n += 2
		for i := 0; i < 5 && n < words; i++ {
			b.WriteString(sentence)
			n += per
		}
		b.WriteString("</p>\n")
	}
	b.WriteString(`</article><footer>جميع الحقوق محفوظة</footer></body></html>`)
	return []byte(b.String())
}
