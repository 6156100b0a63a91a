package textar

import (
	"reflect"
	"strings"
	"testing"
)

func TestAnalyze(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"قالت وزارةُ الدفاع إن طائرات بي 52 وصلت", "وزار دفاع طاير b52 وصلت"},
		{"B-52 bombers", "b52 bomber"},
		{"طائرات بي-52", "طاير b52"},
		{"والمملكة وبالمملكة", "مملك مملك"},
		{"وقال إنه في الرياض", "رياض"},
		{"على الطاولة", "طاول"},
		{"علي بن أبي طالب", "علي بن ابي طالب"},
		{"إلى جدة", "جده"},
		{"عام ٢٠١٥م", "عام 2015"},
		{"ارتفع بنسبة ٣٫٥٪", "ارتفع بنسب 3.5"},
		{"al-Qaeda's leaders", "al qaeda leader"},
		{"The ministers said they would meet", "minist meet"},
		{"COVID-19 cases", "covid 19 case"},
		{"ترمب وترامب", "ترامب ترامب"},
		{"US trade deficit hits the U.S. dollar", "us trade deficit hit us dollar"},
		{"Tell us about IT and the WHO", "tell it who"},
		{"\"quoted\" (text) *star* col:on", "quot text star col"},
		{"", ""},
	}
	for _, tt := range tests {
		got := strings.Join(Analyze(tt.in, ""), " ")
		if got != tt.want {
			t.Errorf("Analyze(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAnalyzeIgnoresLang(t *testing.T) {
	s := "وزارة الدفاع الأمريكية B-52 ministers"
	a, b, c := Analyze(s, "ar"), Analyze(s, "en"), Analyze(s, "")
	if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(a, c) {
		t.Errorf("Analyze depends on lang: %q %q %q", a, b, c)
	}
}

func TestTerms(t *testing.T) {
	s := "قال وزير al-Qaeda"
	terms := Terms(s, "")
	want := []struct {
		text, stem string
		stop       bool
	}{
		{"قال", "قال", true},
		{"وزير", "وزير", false},
		{"al", "al", false},
		{"Qaeda", "qaeda", false},
	}
	if len(terms) != len(want) {
		t.Fatalf("Terms = %+v", terms)
	}
	for i, w := range want {
		tm := terms[i]
		if tm.Text != w.text || tm.Stem != w.stem || tm.Stop != w.stop || s[tm.Start:tm.End] != w.text {
			t.Errorf("term %d = %+v, want %+v", i, tm, w)
		}
	}
}

func TestIsStopWord(t *testing.T) {
	for _, w := range strings.Fields("في من على إلى الذي التي هذا هذه وهو فقد ولكن لها عليهم the and of was و ب م") {
		if !IsStopWord(Normalize(w)) {
			t.Errorf("IsStopWord(%s) = false", w)
		}
	}
	for _, w := range strings.Fields("الرياض وزارة السعودية يوليو دولار زيارة شمال ministry riyadh") {
		if IsStopWord(Normalize(w)) {
			t.Errorf("IsStopWord(%s) = true", w)
		}
	}
}

func TestShingles(t *testing.T) {
	a := Shingles([]string{"وزار", "دفاع", "طاير", "b52"}, 2)
	if len(a) != 3 {
		t.Fatalf("len = %d", len(a))
	}
	b := Shingles([]string{"وزار", "دفاع", "طاير", "b52"}, 2)
	if !reflect.DeepEqual(a, b) {
		t.Error("shingles not deterministic")
	}
	if a[0] == a[1] || a[1] == a[2] {
		t.Error("distinct k-grams hash equal")
	}
	if x, y := Shingles([]string{"ab", "c"}, 2), Shingles([]string{"a", "bc"}, 2); x[0] == y[0] {
		t.Error("term boundaries ignored")
	}
	if got := Shingles([]string{"a"}, 3); len(got) != 1 {
		t.Errorf("short text: %v", got)
	}
	if Shingles(nil, 3) != nil {
		t.Error("no terms must give nil")
	}
	// Fixed across processes: stored fingerprints must stay valid, so
	// Hash64 is plain FNV-1a (published test vectors).
	for in, want := range map[string]uint64{"": 0xcbf29ce484222325, "a": 0xaf63dc4c8601ec8c, "foobar": 0x85944171f73967e8} {
		if got := Hash64(in); got != want {
			t.Errorf("Hash64(%q) = %#x, want %#x", in, got, want)
		}
	}
}
