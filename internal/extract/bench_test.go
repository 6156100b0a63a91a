package extract

import (
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// benchArticle is a 1,500-word Arabic article (sentences from SaudiNewsNet
// articles, numbered so no two paragraphs are equal).
func benchArticle() testArticle {
	sentences := []string{
		"كرم طيران ناس قائد طيار يوسف الزير وأعضاء الطاقم الجوي لرحلة رقم 301 المتجهة من مطار حائل الإقليمي إلى مطار الملك خالد الدولي في الرياض.",
		"وأوضح بندر بن عبد الرحمن المهنا الرئيس التنفيذي لمجموعة ناس القابضة أن تكريم الشركة للطاقم الجوي يأتي لاهتمامهم وحرصهم على سلامة الضيوف.",
		"وأكد وزير الطاقة أن تحرير أسعار المحروقات سيعمل على ترشيد استهلاك الوقود ويحمي الموارد الطبيعية للأجيال القادمة.",
		"وقال مسؤولون إن الضربة الجوية نفذت بطريق الخطأ على معسكر للجيش، وإن تحقيقاً بدأ لمعرفة أسبابها وتحديد المسؤولين عنها.",
	}
	var paras []string
	words := 0
	for i := 0; words < 1500; i++ {
		p := "(" + strconv.Itoa(i+1) + ") " + sentences[i%len(sentences)] + " " + sentences[(i+1)%len(sentences)]
		paras = append(paras, p)
		words += wordCount(p)
	}
	return testArticle{
		URL: "https://news.example.com/article/1", Title: "طيران ناس تكرم طاقم طائرة عاد من المدرج",
		Author: "الرياض - الوئام", Date: time.Date(2015, 7, 21, 2, 16, 0, 0, time.UTC),
		Paras: paras, Image: "https://cdn.example.com/1.jpg", Lang: "ar",
	}
}

// BenchmarkPage extracts a typical 1,500-word Arabic article page with
// chrome (html5-semantic template, ~27 KB) in each mode. pages/s is per
// core: the benchmark runs on one goroutine.
func BenchmarkPage(b *testing.B) {
	a := benchArticle()
	for _, tpl := range []chromeTemplate{chromeTemplates[0], chromeTemplates[2]} {
		page := []byte(tpl.render(a))
		for _, mode := range []Mode{ModeAuto, ModeFast, ModeTrafilatura} {
			b.Run(tpl.name+"/"+mode.String(), func(b *testing.B) {
				e := &Extractor{Mode: mode}
				b.SetBytes(int64(len(page)))
				b.ReportAllocs()
				cpu0 := cpuTime()
				for b.Loop() {
					if _, err := e.Page(a.URL, page, Hints{}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
				// Wall time is inflated on a shared machine; pages per CPU
				// second (process user+system time, GC included) is what
				// a dedicated core would do.
				if cpu := (cpuTime() - cpu0).Seconds(); cpu > 0 {
					b.ReportMetric(float64(b.N)/cpu, "pages/cpu-s")
				}
			})
		}
	}
}

func BenchmarkSanitize(b *testing.B) {
	a := benchArticle()
	in := paras(a.Paras, `<p class="x" style="y">`, `<a href="https://e.com/x" target="_blank">رابط</a></p>`)
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		Sanitize(in)
	}
}

func BenchmarkIsTeaser(b *testing.B) {
	in := strings.Join(benchArticle().Paras, "<br><br>")
	for b.Loop() {
		IsTeaser(in)
	}
}

// cpuTime is the process's user+system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
