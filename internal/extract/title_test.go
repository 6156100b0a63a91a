package extract

import "testing"

func TestCleanTitle(t *testing.T) {
	cases := []struct {
		in, site, host string
		body           func() string
		want           string
	}{
		{"الخبر الأول | عكاظ", "", "www.okaz.com.sa", nil, "الخبر الأول"},
		{"الخبر الأول - صحيفة الوئام الالكترونية", "صحيفة الوئام الالكترونية", "", nil, "الخبر الأول"},
		{"Ad sales boost Time Warner profit - BBC News", "BBC News", "", nil, "Ad sales boost Time Warner profit"},
		{"Story title | The Guardian", "", "www.theguardian.com", nil, "Story title"},
		{"Okaz | بأمر الملك ترقية وتعيين قضاة", "", "www.okaz.com.sa", nil, "بأمر الملك ترقية وتعيين قضاة"},
		// Arabic headlines use " - " themselves: keep it without evidence.
		{"السعودية - الإمارات: اتفاق جديد", "", "", nil, "السعودية - الإمارات: اتفاق جديد"},
		// The body names the headline side of a strong separator.
		{"جريدة الأنباء :: همسات", "", "", func() string { return fold("همسات الكاتب اليوم") }, "همسات"},
	}
	for _, c := range cases {
		if got := cleanTitle(c.in, c.site, c.host, c.body); got != c.want {
			t.Errorf("cleanTitle(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestCleanAuthor(t *testing.T) {
	cases := map[string]string{
		"بقلم: محمد الغامدي":          "محمد الغامدي",
		"بقلم محمد الغامدي":           "محمد الغامدي",
		"By Simon Jack":               "Simon Jack",
		"كتب: أحمد":                   "أحمد",
		"&nbsp;واس (الرياض)":          "واس (الرياض)",
		"https://facebook.com/author": "",
		"":                            "",
		"هذا النص طويل جداً ولا يمكن أن يكون اسم كاتب لأنه جملة كاملة من الكلمات": "",
	}
	for in, want := range cases {
		if got := cleanAuthor(in); got != want {
			t.Errorf("cleanAuthor(%q) = %q, want %q", in, got, want)
		}
	}
}
