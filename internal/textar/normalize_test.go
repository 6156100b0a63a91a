package textar

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"أحمد", "احمد"},
		{"إسرائيل", "اسراييل"},
		{"آل سعود", "ال سعود"},
		{"ٱلله", "الله"},
		{"مستشفى", "مستشفي"},
		{"المملكة", "المملكه"},
		{"مؤتمر", "موتمر"},
		{"رئيس", "رييس"},
		{"مُحَمَّدٌ", "محمد"},
		{"الرحمٰن", "الرحمن"},
		{"جـــدة", "جده"},
		{"٢٠١٥", "2015"},
		{"۱۴۳۶", "1436"},
		{"٣٫٥٪", "3.5%"},
		{"١٬٠٠٠", "1,000"},
		{"ﻻ", "لا"},
		{"ﺍﻟﺮﻳﺎﺽ", "الرياض"},
		{"\u200fالرياض\u200e", "الرياض"},
		{"\u202bنص\u202c", "نص"},
		{"\u2067نص\u2069", "نص"},
		{"مرح\u200cبا", "مرحبا"},
		{"\ufeffBBC", "bbc"},
		{"BBC News", "bbc news"},
		{"Café Société", "cafe societe"},
		{"ＢＢＣ", "bbc"},
		{"ﬁnance", "finance"},
		{"ڤيتنام", "فيتنام"},
		{"پاکستان", "باكستان"},
		{"فارسی", "فارسي"},
		{"line1\nline2", "line1\nline2"},
		{"a\x00b", "a b"},
		{"", ""},
		{"already normal", "already normal"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Normalize(Normalize(tt.in)); got != Normalize(tt.in) {
			t.Errorf("Normalize not idempotent on %q", tt.in)
		}
	}
}

func TestFoldDigits(t *testing.T) {
	tests := []struct{ in, want string }{
		{"عام ٢٠١٥م", "عام 2015م"},
		{"۳٫۵", "3.5"},
		{"١٬٢٣٤", "1,234"},
		{"no digits", "no digits"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := FoldDigits(tt.in); got != tt.want {
			t.Errorf("FoldDigits(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := ToLocalDigits("2015/7"); got != "٢٠١٥/٧" {
		t.Errorf("ToLocalDigits = %q", got)
	}
}

func TestIsArabic(t *testing.T) {
	for _, r := range "اأبتةىﻻﺍ" {
		if !IsArabic(r) {
			t.Errorf("IsArabic(%q) = false", r)
		}
	}
	for _, r := range "a1٣،؟ـ " {
		if IsArabic(r) {
			t.Errorf("IsArabic(%q) = true", r)
		}
	}
}
