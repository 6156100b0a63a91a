package extract

import (
	"regexp"
	"strings"
	"unicode"
)

// Chrome phrases are matched on folded text (see fold): أإآ→ا, ة→ه, ى→ي,
// no diacritics, Arabic-Indic digits as ASCII, Latin lower case. Every
// pattern is anchored and most are bounded by a word count, because the
// same words occur in real prose ("أعلن", "المصدر نفسه", "شارك في").
var (
	// A whole block that is nothing but chrome.
	reChromeExact = regexp.MustCompile(`^(?:` + strings.Join([]string{
		// view counters
		`(?:post )?views?\s*:?\s*[\d,.]+(?:\s*views?)?`,
		`[\d,.]+\s*(?:views?|reads?|مشاهده|مشاهدات|قراءه|قراءات|زياره|زيارات)`,
		`(?:عدد )?(?:المشاهدات|المشاهده|القراءات|مرات القراءه|عدد القراء|الزيارات)\s*:?\s*[\d,.]*`,
		`(?:مشاهدات|قراءات)\s*:?\s*[\d,.]+`,
		// copy link
		`(?:ا?نسخ|copy)\s+(?:ال)?رابط(?:\s+(?:الخبر|المقال|الموضوع|المختصر))?`,
		`copy (?:the )?(?:story |article |short )?(?:link|url)`,
		// comments
		`التعليقات|تعليقات|تعليق|اضف تعليق|اضف تعليقك|اكتب تعليقك|اترك تعليقا|اترك تعليقك|اترك ردا|لا توجد تعليقات|كن اول من يعلق`,
		`(?:التعليقات|تعليقات|comments?)\s*\(\d+\)|comments?|leave a (?:comment|reply)|add (?:a |your )?comment|no comments(?: yet)?|post a comment|\d+ (?:تعليق|تعليقات|comments?)`,
		// most read / related
		`الاكثر (?:قراءه|مشاهده|تداولا|تعليقا|شعبيه|شيوعا)(?: اليوم| هذا الاسبوع)?`,
		`most (?:read|popular|viewed|shared|commented)|trending(?: now)?|popular (?:posts|stories|news)`,
		`(?:اخبار|مواضيع|مقالات|موضوعات|قصص|روابط) (?:ذات صله|متعلقه|مشابهه)|ذات صله|اخبار متعلقه|المزيد من (?:الاخبار|المقالات)|اخر الاخبار|احدث الاخبار|قد يهمك(?: ايضا)?|قد يعجبك(?: ايضا)?`,
		`related(?: (?:articles|stories|news|posts|topics|content|links))?|more (?:stories|news|from \S+)|you (?:may|might) also like|recommended(?: for you)?|latest news|more on this story`,
		`(?:اقرا|اقرئي|شاهد) (?:ايضا|كذلك|المزيد)|read (?:also|more)|see also|also read|continue reading|المزيد|التفاصيل|more`,
		// ads
		`اعلان|اعلانات|مساحه اعلانيه|اعلان ممول|محتوي ممول|advertisement|advertising|sponsored(?: content)?|ads?|publicite`,
		// sharing, printing, font size
		`شارك|مشاركه|شارك الخبر|شارك المقال|شارك هذا (?:الخبر|المقال)|share|tweet|share this(?: article| story| post)?|share on \S+`,
		`طباعه|print|email|e-mail|ارسال|ارسل لصديق|ارسل الي صديق|send to (?:a )?friend|a a a|a\+ a-|حجم الخط|تكبير الخط|تصغير الخط|ا\+? ?ا-?`,
		`skip to (?:main )?content|back to top|العوده (?:للاعلي|الي الاعلي)|اضغط هنا|click here|loading\.*|جاري التحميل\.*|الرئيسيه|home`,
		`(?:getty images|shutterstock|istock)`,
		// comment and card timestamps
		`منذ (?:\d+ )?(?:ثانيه|ثوان|دقيقه|دقيقتين|دقائق|ساعه|ساعتين|ساعات|يوم|يومين|ايام|اسبوع|اسبوعين|اسابيع|شهر|شهرين|اشهر)`,
		`\d+ (?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?) ago|(?:an?|one) (?:minute|hour|day|week|month) ago|just now|الان`,
		`\((?:getty images|afp|reuters|ap|epa|shutterstock)[^)]*\)`,
	}, "|") + `)$`)

	// Prefixes that make a short block chrome; bounded by maxChromeWords.
	reChromePrefix = regexp.MustCompile(`^(?:` + strings.Join([]string{
		`(?:post )?views\s*:`,
		`(?:عدد )?(?:المشاهدات|القراءات|الزيارات)\s*:`,
		`(?:اقرا|اقرئي|شاهد) (?:ايضا|كذلك|المزيد)\s*[:：\-–—]?`,
		`(?:read (?:also|more)|also read|see also|related|more)\s*[:：\-–—]`,
		`(?:تابعونا|تابعنا|تابعوا|follow us|follow)(?:\s+(?:علي|عبر|في|on))`,
		`(?:الوسوم|وسوم|الكلمات المفتاحيه|كلمات مفتاحيه|كلمات دلاليه|الكلمات الدلاليه|الكلمات الدالله|tags|keywords|topics)\s*:`,
		`(?:الرئيسيه|الصفحه الرئيسيه|home)\s*[>»›/|\\]`,
		`(?:رابط مختصر|الرابط المختصر|short ?link|short url|permalink)\s*:?`,
		`(?:تصوير|عدسه|photo(?:graph)?|image|picture|credit|الصوره|صوره)\s*(?:[:：]|\(|by\b)`,
		`your email address will not be published|لن يتم نشر (?:عنوان )?بريدك`,
		`(?:انسخ|نسخ) (?:ال)?رابط`,
	}, "|") + `)`)

	// Phrases anywhere in a short block that make it chrome.
	reChromeContains = regexp.MustCompile(strings.Join([]string{
		`جميع الحقوق محفوظه`, `حقوق النشر محفوظه`, `حقوق الطبع`, `all rights reserved`, `©`, `copyright \d{4}`,
		`النشره البريديه`, `نشرتنا (?:البريديه|الاخباريه)`, `اشترك في (?:النشره|نشرتنا|قناتنا|خدمه)`, `اشترك الان`,
		`subscribe (?:to|now)`, `newsletter`, `sign up for`, `(?:ادخل|اكتب) بريدك`, `enter your email`,
		`تابعونا علي`, `تابعنا علي`, `follow us on`,
		// view counters glued to a byline ("الرياض: فلان | Post Views: 88")
		`(?:^|[\s|•·-])(?:post )?views\s*:\s*[\d,.]+`, `(?:عدد )?(?:المشاهدات|القراءات|الزيارات)\s*:\s*[\d,.]+`,
	}, "|"))

	// Bylines at the top or bottom of the text.
	reByline = regexp.MustCompile(`^(?:بقلم|كتب|كتبت|كتبه|اعداد|تحرير|متابعه|by|written by|words by|reporting by)(?:\s*[:：]|\s|$)`)
)

const maxChromeWords = 30

// shareWords are the words of share bars ("شارك: تويتر فيسبوك واتساب").
var shareWords = map[string]bool{
	"شارك": true, "مشاركه": true, "شاركها": true, "شاركوا": true, "تويتر": true, "تغريد": true,
	"فيسبوك": true, "فيس": true, "بوك": true, "واتساب": true, "واتس": true, "اب": true,
	"تيليجرام": true, "تلجرام": true, "تليجرام": true, "تلغرام": true, "لينكدان": true, "لينكد": true,
	"ان": true, "انستغرام": true, "انستجرام": true, "يوتيوب": true, "سناب": true, "شات": true,
	"جوجل": true, "طباعه": true, "ارسال": true, "البريد": true, "الالكتروني": true, "ايميل": true,
	"ماسنجر": true, "عبر": true, "علي": true, "الخبر": true, "المقال": true, "نسخ": true,
	"الرابط": true, "رابط": true, "email": true, "print": true, "share": true, "tweet": true,
	"facebook": true, "twitter": true, "x": true, "whatsapp": true, "telegram": true, "linkedin": true,
	"pinterest": true, "reddit": true, "google": true, "messenger": true, "on": true, "via": true,
	"this": true, "with": true, "article": true, "story": true, "copy": true, "link": true, "mail": true, "sms": true,
}

// strongShareWords must appear for a block to be taken as a share bar, so
// "على" alone never is.
var strongShareWords = map[string]bool{
	"شارك": true, "تويتر": true, "فيسبوك": true, "واتساب": true, "share": true, "tweet": true,
	"facebook": true, "twitter": true, "whatsapp": true, "telegram": true, "تيليجرام": true,
	"تلجرام": true, "مشاركه": true, "linkedin": true, "طباعه": true, "print": true, "email": true,
}

func isShareBar(folded string) bool {
	words := strings.FieldsFunc(folded, func(r rune) bool {
		return unicode.IsSpace(r) || (unicode.IsPunct(r) && r != '+') || unicode.IsSymbol(r)
	})
	n, strong := 0, false
	for _, w := range words {
		if !strings.ContainsFunc(w, unicode.IsLetter) {
			continue // counters like "12"
		}
		w = strings.TrimSuffix(w, "+")
		if !shareWords[w] {
			return false
		}
		if strongShareWords[w] {
			strong = true
		}
		n++
	}
	return strong && n <= 20
}

// chromeTrimmed strips the decoration around a chrome label
// ("« اقرأ أيضاً »", "- Post Views: 56 -").
func chromeTrimmed(folded string) string {
	return strings.TrimFunc(folded, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '(' && r != ')' && r != '+' ||
			unicode.IsSymbol(r) && r != '©'
	})
}

// isChrome reports whether a block's text is site chrome.
func isChrome(text string) bool {
	if countWords(text) > maxChromeWords {
		return false // chrome labels are short; skip folding long prose
	}
	folded := fold(text)
	words := wordCount(folded)
	t := chromeTrimmed(folded)
	if t == "" {
		return true
	}
	if reChromeExact.MatchString(t) {
		return true
	}
	if words <= maxChromeWords {
		if reChromePrefix.MatchString(t) || reChromeContains.MatchString(t) || isShareBar(t) {
			return true
		}
	}
	// "المصدر: واس" at the foot of the story is chrome; "المصدر نفسه قال" is not.
	if words <= 6 && (strings.HasPrefix(t, "المصدر:") || strings.HasPrefix(t, "المصدر :") ||
		strings.HasPrefix(t, "source:") || strings.HasPrefix(t, "المصدر -")) {
		return true
	}
	return false
}

// isSectionMarker reports a label that introduces a chrome section (a
// related-links list, "most read", tags, comments): the link lists after it
// go too.
func isSectionMarker(text string) bool {
	t := chromeTrimmed(fold(text))
	if wordCount(t) > 8 {
		return false
	}
	return reChromeExact.MatchString(t) || reChromePrefix.MatchString(t)
}

// reChromeMarker finds chrome labels inside running text (folded).
var reChromeMarker = regexp.MustCompile(strings.Join([]string{
	`post views`, `عدد المشاهدات`, `اقرا ايضا`, `انسخ رابط`, `الاكثر قراءه`, `الاكثر مشاهده`,
	`جميع الحقوق محفوظه`, `حقوق النشر`, `اشترك في النشره`, `النشره البريديه`, `تابعونا علي`, `ذات صله`,
	`اضف تعليق`, `اترك تعليق`, `all rights reserved`, `most read`, `related (?:stories|articles|topics)`,
	`sign up for`, `share this`, `skip to (?:main )?content`, `leave a (?:comment|reply)`,
}, "|"))

// chromeHits counts chrome labels inside blocks' text, to compare two
// extractions of the same page.
func chromeHits(bs []block) int {
	n := 0
	for i := range bs {
		if bs[i].kind != kindImage {
			n += len(reChromeMarker.FindAllStringIndex(fold(bs[i].text), -1))
		}
	}
	return n
}

// reCredit is a photo credit inside a caption: "(تصوير: أحمد حسن)",
// "(Getty Images)", "Photo: AFP".
var reCredit = regexp.MustCompile(`(?i)\s*[(\[]\s*(?:تصوير|عدسة|الصورة|أ ف ب|ا ف ب|أ\.ف\.ب|رويترز|إ ب أ|د ب أ|واس|photo|image|picture|credit|getty|afp|reuters|ap|epa|shutterstock)(?:[\s:：/][^)\]]*)?[)\]]|\s*(?:تصوير|photo|credit)\s*:\s*[^.،]*$`)

// cleanCaption removes photo credits from a caption; a caption that was
// only a credit becomes empty.
func cleanCaption(s string) string {
	s = normalizeSpace(reCredit.ReplaceAllString(s, ""))
	if isChrome(s) {
		return ""
	}
	return s
}
