package search

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestInterpretationText(t *testing.T) {
	cases := []struct{ q, ar, en string }{
		{`ترامب OR ترمب -أوباما source:sabq after:2015-07-25 sort:new`,
			"مقالات فيها («ترامب» أو «ترمب»)، دون «أوباما»، من sabq، منذ 2015-07-25، الأحدث أولاً",
			`articles with ("ترامب" OR "ترمب"), without "أوباما", from sabq, on or after 2015-07-25, newest first`},
		{`"وزير الخارجية" إيران`, "مقالات فيها العبارة «وزير الخارجية» و«إيران»", `articles with the phrase "وزير الخارجية" AND "إيران"`},
		{"#اليمن lang:ar", "كل المقالات، باللغة ar، بالوسم #اليمن", "all articles, in ar, tagged #اليمن"},
		{"في من", "لا شيء للبحث: كل الكلمات شائعة جداً", "nothing to search: every word is too common"},
		{"!!!", "لا شيء للبحث", "nothing to search"},
	}
	for _, tc := range cases {
		in := Parse(tc.q).Interpretation
		if in.Text != tc.ar || in.TextEn != tc.en {
			t.Errorf("%q:\n got %q / %q\nwant %q / %q", tc.q, in.Text, in.TextEn, tc.ar, tc.en)
		}
	}
}

func TestInterpretationJSON(t *testing.T) {
	in := Parse(`"وزير الخارجية" إيران OR العراق -الحوثي في source:sabq #اليمن after:٢٠١٥-٠٧-٢٠ "غير`).Interpretation
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{
		`"phrases":["وزير الخارجية"]`, `"any_of":[["إيران","العراق"]]`, `"excluded":["الحوثي"]`,
		`"ignored":["في","غير"]`, `"sources":["sabq"]`, `"tags":["اليمن"]`, `"after":"2015-07-20"`,
		`"sort":"relevance"`, `"code":"unbalanced_quote"`, `"empty":false`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("JSON lacks %s:\n%s", want, s)
		}
	}
}
