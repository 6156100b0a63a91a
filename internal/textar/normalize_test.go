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

func TestClassTables(t *testing.T) {
	// Tatweel and the Arabic letter mark continue a word; they are not
	// letters (the class table must see the finished fold table).
	for _, r := range []rune{0x640, 0x61C, 0x64E, 0x670} {
		if c := classOf(r); c != cMark {
			t.Errorf("classOf(%U) = %d, want cMark", r, c)
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

// corpusNormalizeCases are real SaudiNewsNet surface forms carrying
// shadda, tanween, short vowels, tatweel and hamza seats, with their
// hand-checked normalised forms.
var corpusNormalizeCases = []struct{ in, want string }{
	{"وجّه", "وجه"},
	{"مُبالغا", "مبالغا"},
	{"الهمّ", "الهم"},
	{"خصوصاً", "خصوصا"},
	{"يعدّها", "يعدها"},
	{"والمدرّس،", "والمدرس،"},
	{"تُشعرك", "تشعرك"},
	{"صحنٍ", "صحن"},
	{"سواءً", "سواء"},
	{"سياسياً", "سياسيا"},
	{"رياضياً؛", "رياضيا؛"},
	{"يسكُنه", "يسكنه"},
	{"بـ\"الوطنية\"..", "ب\"الوطنيه\".."},
	{"وكلٌ", "وكل"},
	{"بأيمانٍ", "بايمان"},
	{"يُسلم", "يسلم"},
	{"ويوماً", "ويوما"},
	{"وطنيةً", "وطنيه"},
	{"صهيونياً", "صهيونيا"},
	{"المحرّكة-", "المحركه-"},
	{"عَرَضا", "عرضا"},
	{"تُجاه", "تجاه"},
	{"ومنفّذون.", "ومنفذون."},
	{"(قُم)", "(قم)"},
	{"كـ\"حزب", "ك\"حزب"},
	{"لُطمت", "لطمت"},
	{"كنتُ", "كنت"},
	{"أُقبل", "اقبل"},
	{"الغُربة", "الغربه"},
	{"ويُدعى", "ويدعي"},
	{"يُبنى", "يبني"},
	{"الضحيّة.", "الضحيه."},
	{"أمّا", "اما"},
	{"ألمٍ", "الم"},
	{"شابّ", "شاب"},
	{"إلّا", "الا"},
	{"الـ150", "ال150"},
	{"الـTMS", "الtms"},
	{"“الجَبَنة”", "“الجبنه”"},
	{"مسؤولية", "مسووليه"},
	{"الهيئة", "الهييه"},
	{"إسرائيلية", "اسراييليه"},
	{"القرآن", "القران"},
	{"مستشفى", "مستشفي"},
	{"١٤٣٦هـ", "1436ه"},
	{"۲۰۱۵", "2015"},
}

func TestNormalizeCorpusForms(t *testing.T) {
	for _, tt := range corpusNormalizeCases {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
