package extract

import (
	"strings"
	"testing"
)

// The chrome patterns run on folded text, so they must be written folded:
// a "ى" or "ة" in a pattern could never match.
func TestPatternsAreFolded(t *testing.T) {
	for _, re := range []interface{ String() string }{reChromeExact, reChromePrefix, reChromeContains, reByline, reChromeMarker, reCommentsLabel} {
		if strings.ContainsAny(re.String(), "ىةأإآٱ") {
			t.Errorf("pattern not folded: %s", re.String())
		}
	}
	for w := range shareWords {
		if fold(w) != w {
			t.Errorf("share word %q not folded", w)
		}
	}
	for w := range gregorianMonths {
		if fold(w) != w {
			t.Errorf("month %q not folded", w)
		}
	}
	for w := range hijriMonths {
		if fold(w) != w {
			t.Errorf("month %q not folded", w)
		}
	}
}

func TestIsChrome(t *testing.T) {
	chrome := []string{
		"Post Views: 56", "عدد المشاهدات: ١٢٠٤", "المشاهدات 300", "1,204 مشاهدة", "اقرأ أيضاً", "اقرأ أيضا: خبر آخر عن الموضوع",
		"« اقرأ أيضاً »", "انسخ رابط الخبر", "Copy the story link", "شارك", "شارك: تويتر فيسبوك واتساب",
		"تويتر | فيسبوك | واتساب | تيليجرام", "Share this with Email Facebook Twitter WhatsApp",
		"تابعونا على تويتر", "اشترك في النشرة البريدية", "Sign up for our morning newsletter",
		"الرئيسية > محليات > الخبر", "Home › News › Business", "الوسوم: السعودية الرياض", "Tags: oil, OPEC",
		"المصدر: واس", "الأكثر قراءة", "Most read", "أخبار ذات صلة", "Related Topics", "التعليقات (2)",
		"أضف تعليقك", "Leave a Reply", "جميع الحقوق محفوظة © صحيفة المرصد 2015", "All rights reserved",
		"إعلان", "Advertisement", "تصوير: أحمد حسن", "Photo: Reuters", "(Getty Images)", "طباعة", "ارسل لصديق",
		"لن يتم نشر عنوان بريدك الإلكتروني.", "Read more: Markets rally as oil falls",
	}
	prose := []string{
		"أعلنت وزارة الصحة عن تسجيل حالات جديدة.", "وقال المصدر نفسه إن الحادث وقع صباحاً.",
		"شارك في الاجتماع عدد من المسؤولين.", "(رويترز)", "الإعلان عن نتائج القبول الأسبوع المقبل",
		"وأكد أن جميع المشاركين أدلوا بأصواتهم.", "تويتر: @ibrahim للتواصل مع الكاتب", "3601117138",
		"- 4 ملاعق صغيرة من الملح.", "The post office reopened on Monday.", "Shares in the firm rose 5%.",
		"Home prices fell for a third month.", "More than 200 people attended the rally.",
		"والطريف في هذا التطبيق، أنه يمكن مستخدمه من اكتشاف الأشخاص الذين تتبعهم وهم لا يتبعونك على «تويتر».",
	}
	for _, s := range chrome {
		if !isChrome(s) {
			t.Errorf("isChrome(%q) = false, want true", s)
		}
	}
	for _, s := range prose {
		if isChrome(s) {
			t.Errorf("isChrome(%q) = true, want false", s)
		}
	}
}

func TestCleanBlocksSections(t *testing.T) {
	bs := []block{
		{kind: kindHeading, level: 2, text: "عنوان الخبر"},
		{kind: kindPara, text: "بقلم: محمد الغامدي"},
		{kind: kindPara, text: "الفقرة الأولى من الخبر وهي طويلة بما يكفي لتكون نصاً حقيقياً في المقال."},
		{kind: kindPara, text: "اقرأ أيضاً", linkRunes: 0},
		{kind: kindItem, list: 1, text: "رابط أول", linkRunes: 8},
		{kind: kindItem, list: 1, text: "رابط ثان", linkRunes: 8},
		{kind: kindPara, text: "الفقرة الثانية من الخبر تعود بعد قائمة الروابط وتكمل القصة حتى النهاية."},
		{kind: kindPara, text: "الفقرة الثانية من الخبر تعود بعد قائمة الروابط وتكمل القصة حتى النهاية."},
		{kind: kindPara, text: "خبر آخر في رابط", linkRunes: 15},
		{kind: kindPara, text: "الثلاثاء 21 يوليو 2015"},
	}
	out := cleanBlocks(bs, "عنوان الخبر", "محمد الغامدي")
	cards := []block{
		{kind: kindPara, text: "الفقرة الأولى من الخبر وهي طويلة بما يكفي لتكون نصاً حقيقياً في المقال."},
		{kind: kindHeading, level: 3, text: "أخبار ذات صلة"},
		{kind: kindHeading, level: 4, text: "عنوان خبر مرتبط", linkRunes: 15},
		{kind: kindPara, text: "ملخص قصير للخبر المرتبط بلا روابط."},
		{kind: kindHeading, level: 4, text: "عنوان خبر آخر", linkRunes: 13},
		{kind: kindPara, text: "ملخص ثان قصير."},
		{kind: kindPara, text: "فقرة حقيقية قصيرة بعد الصندوق."},
	}
	if got := cleanBlocks(cards, "", ""); len(got) != 2 || got[1].text != cards[6].text {
		t.Errorf("related cards: kept %d blocks: %+v", len(got), got)
	}
	var got []string
	for _, b := range out {
		got = append(got, b.text)
	}
	if len(got) != 2 || got[0] != bs[2].text || got[1] != bs[6].text {
		t.Errorf("cleanBlocks kept %q", got)
	}
}

func TestCleanCaption(t *testing.T) {
	cases := map[string]string{
		"صورة أرشيفية (تصوير: المرصد)":                 "صورة أرشيفية",
		"Time Warner owns 8% of Google (Getty Images)": "Time Warner owns 8% of Google",
		"طاقم الرحلة 301 خلال التكريم":                 "طاقم الرحلة 301 خلال التكريم",
		"تصوير: أحمد حسن":                              "",
		"The minister in Riyadh. Photo: Reuters":       "The minister in Riyadh.",
		"A slice of pie (apple pie)":                   "A slice of pie (apple pie)",
		"الأمير خلال الحفل (أ ف ب)":                    "الأمير خلال الحفل",
	}
	for in, want := range cases {
		if got := cleanCaption(in); got != want {
			t.Errorf("cleanCaption(%q) = %q, want %q", in, got, want)
		}
	}
}
