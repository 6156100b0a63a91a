package search

import (
	"strings"
	"testing"
)

func tokensOf(q string) map[string]bool { return Parse(q).Tokens() }

func TestSnippetHighlightsOriginalSpelling(t *testing.T) {
	body := "أعلنت الوزارة اليوم خطة جديدة.\n\nوقال متحدث إن وللوزارة دوراً في متابعة التنفيذ مع الوِزارة الأخرى."
	cases := []struct {
		name, query string
		want        []string // marked surface forms
		notMarked   []string
	}{
		{"taa marbuta folded", "الوزاره", []string{"<mark>الوزارة</mark>", "<mark>وللوزارة</mark>", "<mark>الوِزارة</mark>"}, []string{"<mark>خطة"}},
		{"canonical spelling", "الوزارة", []string{"<mark>الوزارة</mark>", "<mark>وللوزارة</mark>"}, nil},
		{"bare stem", "وزارة", []string{"<mark>الوزارة</mark>"}, nil},
		{"two terms", "الوزارة خطة", []string{"<mark>الوزارة</mark>", "<mark>خطة</mark>"}, nil},
		{"stop word never marked", "في الوزارة", []string{"<mark>الوزارة</mark>"}, []string{"<mark>في</mark>"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := string(Snippet(body, "ar", tokensOf(tc.query)))
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("snippet %q lacks %q", got, w)
				}
			}
			for _, w := range tc.notMarked {
				if strings.Contains(got, w) {
					t.Errorf("snippet %q has %q", got, w)
				}
			}
			if strings.Contains(got, "\n") {
				t.Errorf("snippet keeps paragraph breaks: %q", got)
			}
			checkMarkup(t, got)
		})
	}
}

func TestSnippetPicksBestPassage(t *testing.T) {
	filler := strings.Repeat("كلام عام لا علاقة له بالموضوع المطلوب هنا. ", 30)
	body := filler + "وأكد وزير الطاقة أن أسعار النفط ستتعافى قريباً. " + filler + "وتراجعت أسعار النفط أمس." + filler
	got := string(Snippet(body, "ar", tokensOf("وزير النفط")))
	if !strings.HasPrefix(got, "… ") || !strings.HasSuffix(got, " …") {
		t.Errorf("snippet from the middle should be elided at both ends: %q", got)
	}
	if !strings.Contains(got, "<mark>وزير</mark>") || !strings.Contains(got, "<mark>النفط</mark>") {
		t.Errorf("snippet should hold the passage with both terms: %q", got)
	}
	if n := len([]rune(stripMarks(got))); n > SnippetRunes+10 {
		t.Errorf("snippet has %d runes", n)
	}
}

func TestSnippetWithoutMatchOpensTheText(t *testing.T) {
	body := strings.Repeat("خبر عن الطقس في الرياض. ", 40)
	got := string(Snippet(body, "ar", tokensOf("النفط")))
	if !strings.HasPrefix(got, "خبر عن الطقس") || strings.Contains(got, "<mark>") {
		t.Errorf("snippet = %q", got)
	}
	if got := Snippet("", "ar", tokensOf("النفط")); got != "" {
		t.Errorf("empty text gave %q", got)
	}
}

func TestSnippetEscapesHTML(t *testing.T) {
	body := `قال <script>alert("x")</script> إن النفط & الغاز "مهمان"`
	got := string(Snippet(body, "ar", tokensOf("النفط")))
	if strings.Contains(got, "<script>") || !strings.Contains(got, "&lt;script&gt;") || !strings.Contains(got, "&amp;") {
		t.Errorf("not escaped: %q", got)
	}
	if !strings.Contains(got, "<mark>النفط</mark>") {
		t.Errorf("no mark: %q", got)
	}
	checkMarkup(t, got)
}

func TestHighlightTitle(t *testing.T) {
	cases := []struct{ title, query, want string }{
		{"الأمير محمد بن سلمان يلتقي رئيس الشيشان", "امير الشيشان", "<mark>الأمير</mark> محمد بن سلمان يلتقي رئيس <mark>الشيشان</mark>"},
		{"مستشفى الملك فهد يستقبل", "مستشفي", "<mark>مستشفى</mark> الملك فهد يستقبل"},
		{"قاذفات B-52 فوق الخليج", "بي 52", "قاذفات <mark>B-52</mark> فوق الخليج"},
		{"عام ٢٠١٥ الأصعب", "2015", "عام <mark>٢٠١٥</mark> الأصعب"},
		{"النفط <برنت>", "برنت", "النفط &lt;<mark>برنت</mark>&gt;"},
	}
	for _, tc := range cases {
		if got := string(Highlight(tc.title, "ar", tokensOf(tc.query))); got != tc.want {
			t.Errorf("Highlight(%q, %q) = %q, want %q", tc.title, tc.query, got, tc.want)
		}
	}
}

func stripMarks(s string) string {
	return strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s)
}

// checkMarkup asserts the snippet is text plus balanced, unnested <mark>s.
func checkMarkup(t *testing.T, s string) {
	t.Helper()
	depth := 0
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], "<mark>"):
			depth++
			if depth > 1 {
				t.Fatalf("nested mark in %q", s)
			}
			i += len("<mark>")
		case strings.HasPrefix(s[i:], "</mark>"):
			depth--
			if depth < 0 {
				t.Fatalf("unopened </mark> in %q", s)
			}
			i += len("</mark>")
		case s[i] == '<' || s[i] == '>':
			t.Fatalf("raw angle bracket at %d in %q", i, s)
		default:
			i++
		}
	}
	if depth != 0 {
		t.Fatalf("unclosed mark in %q", s)
	}
}
