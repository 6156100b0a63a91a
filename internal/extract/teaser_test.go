package extract

import (
	"strings"
	"testing"
)

func TestIsTeaser(t *testing.T) {
	long := strings.Repeat("<p>"+strings.Repeat("وقال المتحدث إن الجهات المختصة تتابع الموقف عن كثب. ", 8)+"</p>", 4)
	longEn := strings.Repeat("<p>"+strings.Repeat("The minister said the talks would continue next week in Geneva. ", 6)+"</p>", 4)
	cases := []struct {
		name string
		in   string
		want bool
	}{
		{"empty", "", true},
		{"one line", "<p>أعلنت وزارة الصحة اليوم عن تسجيل حالات جديدة.</p>", true},
		{"short plain text", "Quarterly profits at US media giant TimeWarner jumped 76%.", true},
		{"full article", long, false},
		{"full english article", longEn, false},
		{"ellipsis", long + "<p>وأضاف أن …</p>", true},
		{"three dots", longEn + "<p>He added that...</p>", true},
		{"bracket ellipsis", longEn + "<p>The deal was signed [&#8230;]</p>", true},
		{"read more arabic", long + `<p><a href="/a">اقرأ المزيد</a></p>`, true},
		{"read more english", longEn + `<p><a href="/a">Read more »</a></p>`, true},
		{"word ending in more is not a teaser", longEn + "<p>The team flew home to Baltimore.</p>", false},
		{"single summary paragraph", "<p>" + strings.Repeat("وأكد الوزير أن الخطة تشمل جميع المناطق. ", 19) + "</p>", true},
		{"br separated full text", strings.Repeat(strings.Repeat("وأكد الوزير أن الخطة تشمل جميع المناطق. ", 8)+"<br><br>", 4), false},
		{"script text ignored", "<script>" + strings.Repeat("var a = 1; ", 400) + "</script><p>قصير</p>", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := IsTeaser(c.in); got != c.want {
				t.Errorf("IsTeaser = %v, want %v", got, c.want)
			}
		})
	}
}

func TestFeedContent(t *testing.T) {
	content := `<p>Post Views: 56</p><p>كرم “طيران ناس” قائد طيار يوسف الزير وأعضاء الطاقم الجوي لرحلة رقم 301 المتجهة من مطار حائل الإقليمي إلى مطار الملك خالد الدولي في الرياض.</p>
<p><img src="/img/crew.jpg" width="600" height="400" alt="الطاقم"></p>
<p>جاء ذلك بعد أن قرر قائد الطائرة العودة من المدرج والطائرة تستعد للإقلاع بعد نسيان أحد ضيوف “طيران ناس” للأدوية الخاصة بوالدته.</p>
<p>اقرأ أيضاً: <a href="/x">خبر آخر</a></p><script>track()</script>
<p>The post <a href="https://alweeam.example/1">طيران ناس</a> appeared first on الوئام.</p>`
	r, err := testExtractor(ModeAuto).FeedContent("https://alweeam.example/348531/", content, Hints{Title: " طيران ناس تكرم طاقم طائرة ", Author: "By الوئام"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Title != "طيران ناس تكرم طاقم طائرة" || r.Author != "الوئام" || r.Language != "ar" {
		t.Errorf("metadata: %+v", r)
	}
	if r.ImageURL != "https://alweeam.example/img/crew.jpg" {
		t.Errorf("image %q", r.ImageURL)
	}
	if n := strings.Count(r.BodyText, "\n\n"); n != 1 {
		t.Errorf("want 2 paragraphs, got:\n%s", r.BodyText)
	}
	for _, bad := range []string{"Post Views", "اقرأ", "track", "appeared first"} {
		if strings.Contains(r.BodyText, bad) {
			t.Errorf("%q survived:\n%s", bad, r.BodyText)
		}
	}
	assertSafeHTML(t, r.BodyHTML)
	plain := "أعلن وزير المالية اليوم عن ميزانية جديدة للعام المالي المقبل تتضمن زيادة في الإنفاق.\n\nوقال الوزير في مؤتمر صحفي عقده في الرياض إن الميزانية تراعي تقلبات أسعار النفط &amp; الغاز."
	r, err = FeedContent("https://e.com/a", plain, Hints{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(r.BodyText, "\n\n") != 1 || !strings.Contains(r.BodyText, "النفط & الغاز") {
		t.Errorf("plain-text content: %q", r.BodyText)
	}
	if _, err := FeedContent("https://e.com/a", "<p>Read more</p>", Hints{}); err == nil {
		t.Error("want ErrNoContent for a bare link")
	}
}
