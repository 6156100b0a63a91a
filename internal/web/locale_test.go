package web

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestFirstVisitLanguage(t *testing.T) {
	ts := newTestSite(t)
	tests := []struct {
		name, target, acceptLang, cookie string
		status                           int
		location                         string
		setsCookie                       string // expected lang cookie value, "" for none
	}{
		{"english browser, first visit", "/", "en-GB,en;q=0.9", "", 302, "/en/", "en"},
		{"arabic browser", "/", "ar-SA,ar;q=0.9,en;q=0.5", "", 200, "", "ar"},
		{"unknown language falls back to arabic", "/", "fr-FR", "", 200, "", "ar"},
		{"no header", "/", "", "", 200, "", "ar"},
		{"english browser that chose arabic before", "/", "en-US", "lang=ar", 200, "", ""},
		{"english browser, returning", "/", "en-US", "lang=en", 200, "", ""},
		{"english browser choosing arabic now", "/?hl=ar", "en-US", "", 200, "", "ar"},
		{"switching back to arabic after english", "/?hl=ar", "en-US", "lang=en", 200, "", "ar"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "http://nashra.test"+tt.target, nil)
			if tt.acceptLang != "" {
				req.Header.Set("Accept-Language", tt.acceptLang)
			}
			if tt.cookie != "" {
				req.Header.Set("Cookie", tt.cookie)
			}
			rec := httptest.NewRecorder()
			ts.Handler().ServeHTTP(rec, req)
			if rec.Code != tt.status || rec.Header().Get("Location") != tt.location {
				t.Fatalf("= %d %q, want %d %q", rec.Code, rec.Header().Get("Location"), tt.status, tt.location)
			}
			got := ""
			for _, c := range rec.Result().Cookies() {
				if c.Name == langCookie {
					got = c.Value
				}
			}
			if got != tt.setsCookie {
				t.Errorf("lang cookie set to %q, want %q", got, tt.setsCookie)
			}
			if tt.status == 200 && !strings.Contains(rec.Body.String(), `<html lang="ar"`) {
				t.Errorf("not the Arabic home page")
			}
		})
	}
	// Accept-Language matters only at "/": deep links keep their language.
	r := ts.get(t, "/article/"+ts.fx.ShowcaseID, "Accept-Language", "en")
	if r.status != 200 || !strings.Contains(r.body, `<html lang="ar"`) {
		t.Errorf("deep link redirected or switched language: %d", r.status)
	}
}

func TestLanguageSwitchKeepsPage(t *testing.T) {
	ts := newTestSite(t)
	tests := []struct{ from, want string }{
		{"/article/" + ts.fx.ShowcaseID, "/en/article/" + ts.fx.ShowcaseID},
		{"/en/article/" + ts.fx.ShowcaseID, "/article/" + ts.fx.ShowcaseID},
		{"/en/", "/?hl=ar"},
		{"/", "/en/"},
		{"/sources", "/en/sources"},
		{"/search?q=x", "/en/search?q=x"},
	}
	for _, tt := range tests {
		body := ts.get(t, tt.from, "Cookie", "lang=ar").body
		got := between(body, `<a class="lang-switch" href="`, `"`)
		if got != tt.want {
			t.Errorf("switch link on %s = %q, want %q", tt.from, got, tt.want)
		}
	}
}

func TestWhen(t *testing.T) {
	now := time.Date(2025, 5, 16, 12, 0, 0, 0, time.UTC)
	ar, en := mustCatalogs(t)["ar"], mustCatalogs(t)["en"]
	tests := []struct {
		ago    time.Duration
		ar, en string
	}{
		{20 * time.Second, "الآن", "just now"},
		{-2 * time.Minute, "الآن", "just now"},
		{time.Minute, "منذ دقيقة", "1 minute ago"},
		{2 * time.Minute, "منذ دقيقتين", "2 minutes ago"},
		{3 * time.Minute, "منذ 3 دقائق", "3 minutes ago"},
		{16 * time.Minute, "منذ 16 دقيقة", "16 minutes ago"},
		{time.Hour, "منذ ساعة", "1 hour ago"},
		{2 * time.Hour, "منذ ساعتين", "2 hours ago"},
		{3 * time.Hour, "منذ 3 ساعات", "3 hours ago"},
		{11 * time.Hour, "منذ 11 ساعة", "11 hours ago"},
		{23*time.Hour + 59*time.Minute, "منذ 23 ساعة", "23 hours ago"},
		{24*time.Hour + 12*time.Hour, "١٥-٠٥-٢٠٢٥", "15-05-2025"},
		{400 * 24 * time.Hour, "١١-٠٤-٢٠٢٤", "11-04-2024"},
	}
	for _, tt := range tests {
		ts := now.Add(-tt.ago)
		if got := ar.when(ts, now, time.UTC); got != tt.ar {
			t.Errorf("ar when(-%v) = %q, want %q", tt.ago, got, tt.ar)
		}
		if got := en.when(ts, now, time.UTC); got != tt.en {
			t.Errorf("en when(-%v) = %q, want %q", tt.ago, got, tt.en)
		}
	}
	tag := string(ar.timeTag(now.Add(-16*time.Minute), now, time.UTC))
	if !strings.HasPrefix(tag, `<time datetime="2025-05-16T11:44:00Z"`) || !strings.Contains(tag, ">منذ 16 دقيقة</time>") {
		t.Errorf("timeTag = %s", tag)
	}
}

func TestArabicPlurals(t *testing.T) {
	ar := mustCatalogs(t)["ar"]
	tests := []struct {
		n    int
		want string
	}{
		{0, "لا نتائج"}, {1, "نتيجة واحدة"}, {2, "نتيجتان"}, {3, "٣ نتائج"}, {10, "١٠ نتائج"},
		{11, "١١ نتيجة"}, {99, "٩٩ نتيجة"}, {100, "١٠٠ نتيجة"}, {103, "١٠٣ نتائج"}, {1000, "١٠٠٠ نتيجة"},
	}
	for _, tt := range tests {
		if got := ar.N("search.total", tt.n); got != tt.want {
			t.Errorf("N(search.total, %d) = %q, want %q", tt.n, got, tt.want)
		}
	}
	if got := ar.Num(2025); got != "٢٠٢٥" {
		t.Errorf("Num = %q", got)
	}
}

func mustCatalogs(t *testing.T) map[string]*catalog {
	t.Helper()
	c, err := loadCatalogs("")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestCatalogueComplete: every message a template or handler asks for
// exists (loadCatalogs already checks both languages have the same IDs).
func TestCatalogueComplete(t *testing.T) {
	cats := mustCatalogs(t)
	msgs := map[string]bool{}
	for _, l := range langs {
		for id := range cats[l].plain {
			msgs[id] = true
		}
	}
	raw, _ := localeFS.ReadFile("locales/en.json")
	var all map[string]any
	if err := jsonUnmarshal(string(raw), &all); err != nil {
		t.Fatal(err)
	}
	for id := range all {
		msgs[id] = true
	}
	use := regexp.MustCompile(`(?:\.T|\.N|\.TD|\bT|\bN|\bTD|badRequest|notFound|msgID:)\(?\s*"((?:[a-z]+\.)+[a-zA-Z0-9]+)"`)
	uses := 0
	files, _ := filepath.Glob("templates/*.html")
	gofiles, _ := filepath.Glob("*.go")
	for _, f := range append(files, gofiles...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range use.FindAllStringSubmatch(string(data), -1) {
			uses++
			if !msgs[m[1]] {
				t.Errorf("%s uses message %q, which no catalogue defines", f, m[1])
			}
		}
	}
	// Guard the guard: if the pattern stopped matching, this test would pass vacuously.
	if uses < 100 {
		t.Errorf("found only %d message uses; the usage pattern is broken", uses)
	}
	for _, status := range []string{"400", "404", "409", "414", "500"} {
		if !msgs["error.title."+status] {
			t.Errorf("no error.title.%s", status)
		}
	}
}
