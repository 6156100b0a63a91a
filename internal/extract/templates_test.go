package extract

import (
	"fmt"
	"html"
	"strings"
	"time"
)

// testArticle is a corpus article to be wrapped in a chrome template.
type testArticle struct {
	URL    string
	Title  string
	Author string
	Date   time.Time
	Paras  []string
	Image  string
	Lang   string
}

// chromeTemplate renders an article inside a publisher page full of chrome.
type chromeTemplate struct {
	name string
	// dateExact: the page states the time, not only the day.
	dateExact bool
	render    func(a testArticle) string
}

func esc(s string) string { return html.EscapeString(s) }

func paras(ps []string, open, close string) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(open + esc(p) + close + "\n")
	}
	return b.String()
}

var arMonths = []string{"", "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"}

func toArabicDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '٠' + (r - '0')
		}
		return r
	}, s)
}

// chromeTemplates are four unrelated site designs. Each repeats the chrome
// Arabic news sites really carry: menus, breadcrumbs, share bars, view
// counters, "read also" links inside the story, ads, tags, related and
// most-read lists, comments, newsletter boxes and copyright footers.
var chromeTemplates = []chromeTemplate{
	{name: "html5-semantic", dateExact: true, render: func(a testArticle) string {
		mid := len(a.Paras) / 2
		return `<!DOCTYPE html>
<html lang="` + a.Lang + `" dir="rtl"><head><meta charset="utf-8">
<title>` + esc(a.Title) + ` | صحيفة المرصد</title>
<meta property="og:site_name" content="صحيفة المرصد">
<meta property="og:title" content="` + esc(a.Title) + `">
<meta property="og:image" content="` + esc(a.Image) + `">
<meta property="article:published_time" content="` + a.Date.Format(time.RFC3339) + `">
<meta name="author" content="` + esc(a.Author) + `">
<link rel="canonical" href="` + esc(a.URL) + `">
<script>window.dataLayer=[{"page":"article"}];</script>
<style>body{font-family:Tahoma}</style>
</head><body>
<header class="site-header"><a class="logo" href="/"><img src="/static/logo.svg" alt="المرصد"></a>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/local">محليات</a></li><li><a href="/world">العالم</a></li><li><a href="/economy">اقتصاد</a></li><li><a href="/sport">رياضة</a></li></ul></nav>
<form class="search" action="/search"><input name="q" placeholder="ابحث"><button>بحث</button></form></header>
<ol class="breadcrumb"><li><a href="/">الرئيسية</a></li><li><a href="/local">محليات</a></li><li>` + esc(a.Title) + `</li></ol>
<main><article>
<header><h1>` + esc(a.Title) + `</h1>
<div class="article-meta"><span class="author">` + esc(a.Author) + `</span> <time datetime="` + a.Date.Format(time.RFC3339) + `">` + a.Date.Format("2006/01/02 15:04") + `</time> <span class="views">عدد المشاهدات: 1,204</span></div></header>
<div class="share-buttons"><a href="https://twitter.com/intent/tweet">تويتر</a><a href="https://www.facebook.com/sharer">فيسبوك</a><a href="https://wa.me/?text=">واتساب</a><button class="copy-link">انسخ رابط الخبر</button></div>
<figure class="lead"><img src="` + esc(a.Image) + `" alt="صورة الخبر" width="800" height="450"><figcaption>صورة أرشيفية (تصوير: المرصد)</figcaption></figure>
<div class="article-body">
` + paras(a.Paras[:mid], "<p>", "</p>") + `<div class="ad ad-inline"><span>إعلان</span><div id="div-gpt-ad-1"></div></div>
<div class="read-also"><strong>اقرأ أيضاً:</strong> <a href="/news/1">وزير الصحة يتفقد مستشفيات المنطقة الشرقية</a></div>
` + paras(a.Paras[mid:], "<p>", "</p>") + `</div>
<div class="tags"><span>الوسوم:</span> <a href="/tag/1">السعودية</a> <a href="/tag/2">الرياض</a></div>
<div class="share-bottom">شارك الخبر: <a href="#">تويتر</a> <a href="#">فيسبوك</a> <a href="#">واتساب</a> <a href="#">تيليجرام</a></div>
</article>
<section class="related-news"><h2>أخبار ذات صلة</h2><ul><li><a href="/n/11">أمير منطقة الرياض يستقبل المهنئين بعيد الفطر المبارك في قصر الحكم</a></li><li><a href="/n/12">هيئة الطيران المدني تعلن عن تشغيل رحلات إضافية خلال الصيف</a></li><li><a href="/n/13">الأرصاد تتوقع ارتفاعاً في درجات الحرارة على المنطقة الشرقية</a></li></ul></section>
<section id="comments"><h2>التعليقات (2)</h2><div class="comment"><p class="comment-author">أبو خالد</p><p>خبر رائع جداً ونتمنى المزيد من هذه الأخبار المفرحة للوطن والمواطنين في كل مكان وزمان إن شاء الله.</p></div><div class="comment"><p class="comment-author">سارة</p><p>شكراً على التغطية المميزة والمتابعة المستمرة للأحداث المحلية والعالمية التي تهم القارئ العربي.</p></div>
<form class="comment-form"><h3>أضف تعليقك</h3><textarea></textarea><button>إرسال</button></form></section>
</main>
<aside class="sidebar"><div class="most-read"><h3>الأكثر قراءة</h3><ol><li><a href="/n/21">ارتفاع أسعار الذهب في الأسواق المحلية مع بداية الأسبوع</a></li><li><a href="/n/22">الهلال يتعاقد مع مهاجم برازيلي لمدة ثلاثة مواسم</a></li><li><a href="/n/23">تعليق الدراسة في بعض المحافظات بسبب الأمطار الغزيرة</a></li></ol></div>
<div class="newsletter-box"><h3>اشترك في النشرة البريدية</h3><p>احصل على أهم الأخبار يومياً في بريدك الإلكتروني مجاناً ودون إزعاج.</p><form><input type="email"><button>اشترك</button></form></div></aside>
<footer><p>تابعونا على تويتر وفيسبوك وإنستغرام</p><p>جميع الحقوق محفوظة © صحيفة المرصد 2015</p></footer>
<img src="https://www.google-analytics.com/collect?v=1" width="1" height="1">
</body></html>`
	}},
	{name: "obfuscated-classes", dateExact: true, render: func(a testArticle) string {
		// CSS-module class names: nothing to learn from them, chrome has to
		// be recognised by its text and link density.
		ld := fmt.Sprintf(`{"@context":"https://schema.org","@type":"NewsArticle","headline":%q,"datePublished":%q,"author":[{"@type":"Person","name":%q}],"image":[%q]}`,
			a.Title, a.Date.Format(time.RFC3339), a.Author, a.Image)
		third := len(a.Paras) / 3
		return `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>` + esc(a.Title) + ` - الخبر اليوم</title>
<script type="application/ld+json">` + ld + `</script>
<meta name="twitter:image" content="` + esc(a.Image) + `">
</head><body><div id="__next"><div class="a1b2"><div class="q9"><a href="/">الرئيسية</a><a href="/s/1">سياسة</a><a href="/s/2">اقتصاد</a><a href="/s/3">رياضة</a><a href="/s/4">منوعات</a><a href="/s/5">فيديو</a></div></div>
<div class="k3"><a href="/">الرئيسية</a> &gt; <a href="/s/1">سياسة</a></div>
<div class="m7"><div class="m8"><h1 class="t0">` + esc(a.Title) + `</h1><div class="z1">` + esc(a.Author) + `</div>
<div class="z2">Post Views: 56</div>
<div class="x4"><div class="x5">
` + paras(a.Paras[:third], `<p class="p1">`, "</p>") + `<p class="p1">اقرأ أيضا: <a href="/n/77">تفاصيل جديدة حول الحادث المروري على طريق الملك فهد</a></p>
` + paras(a.Paras[third:], `<p class="p1">`, "</p>") + `</div></div>
<div class="r5"><span>شارك</span> <a href="#">تويتر</a> | <a href="#">فيسبوك</a> | <a href="#">واتساب</a></div>
<div class="r6">انسخ رابط الخبر</div>
<div class="r7"><div>المصدر: الخبر اليوم</div></div>
<div class="w1"><h4>مواضيع ذات صلة</h4><ul><li><a href="/n/31">مجلس الوزراء يوافق على نظام جديد للعمل التطوعي في المملكة</a></li><li><a href="/n/32">ولي العهد يلتقي وزير الدفاع الأمريكي في جدة ويبحث العلاقات</a></li></ul></div>
<div class="w2"><h4>3 تعليقات</h4><ol><li><b>محمد</b> هذا الخبر مهم جداً ويستحق المتابعة من الجهات المختصة في أقرب وقت ممكن</li><li><b>نورة</b> الله يحفظ بلادنا ويديم علينا نعمة الأمن والأمان والاستقرار</li></ol></div>
</div><div class="s1"><h4>الأكثر قراءة</h4><div><a href="/n/41">انخفاض أسعار النفط إلى أدنى مستوى منذ ستة أشهر في التعاملات</a></div><div><a href="/n/42">الأخضر السعودي يستعد لمواجهة الإمارات في تصفيات كأس العالم</a></div></div>
<div class="s2"><p>اشترك في النشرة الإخبارية ليصلك كل جديد</p><input><button>اشترك الآن</button></div></div>
<div class="f0"><div>تابعونا على <a href="#">تويتر</a> <a href="#">فيسبوك</a></div><div>© 2015 الخبر اليوم. جميع الحقوق محفوظة</div><div>إعلان</div></div>
</div></body></html>`
	}},
	{name: "legacy-table-br", render: func(a testArticle) string {
		d := a.Date
		masthead := fmt.Sprintf("الثلاثاء %d %s %d", d.Day(), arMonths[d.Month()], d.Year())
		var body strings.Builder
		for i, p := range a.Paras {
			if i > 0 {
				body.WriteString("<br>\n<br>\n")
			}
			body.WriteString("&nbsp;&nbsp;" + esc(p))
		}
		return `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">
<title>جريدة الأنباء :: ` + esc(a.Title) + `</title></head>
<body bgcolor="#ffffff"><table width="100%"><tr><td colspan="3"><img src="/img/logo.gif" width="300" height="90"> <font size="2">` + toArabicDigits(masthead) + ` م</font></td></tr>
<tr><td colspan="3"><a href="/">الصفحة الرئيسية</a> | <a href="/local.htm">محليات</a> | <a href="/arab.htm">عربي ودولي</a> | <a href="/sport.htm">رياضة</a> | <a href="/archive.htm">الأرشيف</a></td></tr>
<tr><td width="20%" valign="top"><b>الأكثر قراءة</b><br><a href="/1.htm">افتتاح مهرجان الصيف في أبها بحضور أمير المنطقة</a><br><a href="/2.htm">القبض على عصابة لسرقة السيارات في جدة</a><br><a href="/3.htm">وزارة التعليم تعلن مواعيد العام الدراسي الجديد</a></td>
<td width="60%" valign="top"><font size="5"><b>` + esc(a.Title) + `</b></font><br><font size="2">` + esc(a.Author) + `</font><br><br>
<img src="` + esc(a.Image) + `" width="400" height="300" border="0"><br>
<font face="Tahoma" size="3">` + body.String() + `</font><br><br>
<a href="javascript:print()">طباعة</a> | <a href="mailto:?">ارسل لصديق</a> | <a href="#">تعليق</a></td>
<td width="20%" valign="top"><a href="http://ads.example.net/c?1"><img src="http://ads.example.net/b.jpg" width="160" height="600"></a><br>إعلانات</td></tr>
<tr><td colspan="3" align="center"><font size="1">جميع الحقوق محفوظة © 2015</font></td></tr></table></body></html>`
	}},
	{name: "div-br-wordpress", render: func(a testArticle) string {
		d := a.Date
		var body strings.Builder
		for i, p := range a.Paras {
			if i == 1 {
				body.WriteString(`<div class="wp-block-embed"><blockquote class="twitter-tweet"><a href="https://twitter.com/x/status/1">pic.twitter.com/abc</a></blockquote></div>` + "\n")
			}
			body.WriteString(esc(p) + "<br />\n")
		}
		return `<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8"><title>` + esc(a.Title) + ` &#8211; عين الحدث</title>
<meta property="og:title" content="` + esc(a.Title) + ` &#8211; عين الحدث">
<meta property="og:site_name" content="عين الحدث">
<meta property="og:url" content="` + esc(a.URL) + `">
</head><body class="post-template-default single single-post">
<div id="page"><div class="top-header"><span>` + fmt.Sprintf("%d %s %d", d.Day(), arMonths[d.Month()], d.Year()) + `</span></div>
<div id="menu-main"><a href="/">الرئيسية</a> <a href="/category/news">أخبار</a> <a href="/category/videos">فيديو</a></div>
<div id="primary"><div id="post-123" class="post-123 post type-post">
<h1 class="entry-title">` + esc(a.Title) + `</h1>
<div class="entry-meta">نشر في: <span class="entry-date">` + fmt.Sprintf("%d %s %d", d.Day(), arMonths[d.Month()], d.Year()) + `</span> | <span class="post-author">` + esc(a.Author) + `</span></div>
<div class="entry-content">
<p><img class="aligncenter size-full" src="` + esc(a.Image) + `" width="640" height="360" alt=""></p>
` + body.String() + `<div class="sharedaddy"><h3>شارك هذا الخبر:</h3><ul><li><a href="#">Twitter</a></li><li><a href="#">Facebook</a></li><li><a href="#">WhatsApp</a></li></ul></div>
<p>Post Views: 342</p>
</div>
<div class="yarpp-related"><h3>اقرأ أيضاً</h3><ol><li><a href="/p/1">مدير التعليم يكرم الطلاب المتفوقين في حفل ختام العام الدراسي</a></li><li><a href="/p/2">البلدية تطلق حملة لتنظيف الشواطئ والحدائق العامة في المدينة</a></li></ol></div>
</div>
<div id="comments"><h3 class="comments-title">لا توجد تعليقات</h3><div id="respond"><h3>اترك تعليقاً</h3><p class="comment-notes">لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *</p></div></div>
</div>
<div id="secondary" class="widget-area"><section class="widget"><h2>الأكثر مشاهدة</h2><ul><li><a href="/p/9">تعرف على أسعار العملات اليوم في السوق السوداء والبنوك</a></li></ul></section></div>
<div class="site-info">حقوق النشر محفوظة &copy; 2015 عين الحدث</div></div></body></html>`
	}},
}

func init() {
	chromeTemplates = append(chromeTemplates, chromeTemplate{name: "div-paragraphs", dateExact: true, render: func(a testArticle) string {
		// A page builder's markup: every paragraph a <div>, no <p> at all,
		// chrome in the same kind of <div>s.
		return `<html lang="ar"><head><meta charset="utf-8"><title>` + esc(a.Title) + `</title>
<meta itemprop="datePublished" content="` + a.Date.Format(time.RFC3339) + `">
<meta property="og:image" content="` + esc(a.Image) + `"></head><body>
<div class="row"><div class="col"><div><a href="/">الرئيسية</a></div><div><a href="/x">سياسة</a></div><div><a href="/y">اقتصاد</a></div></div></div>
<div class="row"><div class="col-8"><div class="h">` + esc(a.Title) + `</div><div class="m">` + esc(a.Author) + ` | Post Views: 88</div>
` + paras(a.Paras, `<div class="t">`, "</div>") + `<div class="t">اقرأ أيضاً: <a href="/z">خبر عن الطقس في المنطقة الشرقية هذا الأسبوع</a></div>
<div class="s"><div>شارك</div><div><a href="#">تويتر</a></div><div><a href="#">واتساب</a></div></div></div>
<div class="col-4"><div class="w"><div>الأكثر قراءة</div><div><a href="/1">افتتاح مهرجان الصيف في أبها بحضور أمير المنطقة</a></div><div><a href="/2">الهلال يتعاقد مع مهاجم برازيلي</a></div></div></div></div>
<div class="row"><div>جميع الحقوق محفوظة © 2015</div></div></body></html>`
	}})
}

// chromePhrases must never survive extraction (unless the article itself
// says them).
var chromePhrases = []string{
	"Post Views", "عدد المشاهدات", "اقرأ أيضا", "اقرأ أيضاً", "انسخ رابط الخبر", "تابعونا على",
	"اشترك في النشرة", "الأكثر قراءة", "الأكثر مشاهدة", "جميع الحقوق محفوظة", "حقوق النشر محفوظة",
	"الوسوم", "أخبار ذات صلة", "مواضيع ذات صلة", "شارك الخبر", "شارك هذا الخبر", "التعليقات",
	"أضف تعليقك", "اترك تعليقاً", "لن يتم نشر عنوان بريدك", "إعلانات", "ارسل لصديق", "طباعة",
	"المصدر: الخبر اليوم", "تعليقات", "أبو خالد", "الله يحفظ بلادنا", "وزير الصحة يتفقد",
	"تفاصيل جديدة حول الحادث", "أسعار الذهب", "مهاجم برازيلي", "pic.twitter.com", "تصوير: المرصد",
	"الصفحة الرئيسية", "عين الحدث", "صحيفة المرصد", "الخبر اليوم", "Copy the story link",
	"مجلس الوزراء يوافق على نظام جديد", "تعرف على أسعار العملات", "فيسبوك", "واتساب",
}

// englishTemplate wraps BBC corpus articles in English-language chrome.
var englishTemplate = chromeTemplate{name: "english-news", dateExact: true, render: func(a testArticle) string {
	mid := (len(a.Paras) + 1) / 2
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>` + esc(a.Title) + ` - The Daily Ledger</title>
<meta property="og:title" content="` + esc(a.Title) + `"><meta property="og:site_name" content="The Daily Ledger">
<meta property="og:image" content="` + esc(a.Image) + `"><link rel="canonical" href="` + esc(a.URL) + `">
<meta property="article:published_time" content="` + a.Date.Format(time.RFC3339) + `"></head><body>
<a href="#main" class="skip">Skip to main content</a>
<div class="topnav"><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/tech">Tech</a> <a href="/sport">Sport</a></div>
<div id="main"><div class="story"><h1>` + esc(a.Title) + `</h1><p class="byline">By ` + esc(a.Author) + `</p>
<p class="date">` + a.Date.Format("January 2, 2006") + `</p>
<div class="sharetools">Share this with <a href="#">Email</a> <a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">WhatsApp</a></div>
<div class="story-text">` + paras(a.Paras[:mid], "<p>", "</p>") + `<p><strong>Read more:</strong> <a href="/x">Markets rally as oil prices fall to a six-month low</a></p>
<div class="advert"><p>Advertisement</p></div>` + paras(a.Paras[mid:], "<p>", "</p>") + `</div>
<div class="c1"><h2>Related Topics</h2><ul><li><a href="/t/1">Stock markets</a></li><li><a href="/t/2">Company results</a></li></ul></div>
</div><div class="c2"><h2>More on this story</h2><ul><li><a href="/s/1">Banks face tougher rules on lending to small firms</a></li><li><a href="/s/2">Retail sales slow sharply in December survey shows</a></li></ul></div>
<div class="c3"><h2>Most read</h2><ol><li><a href="/m/1">Why the housing market could cool this spring</a></li><li><a href="/m/2">Ten things we learned from the budget statement</a></li></ol></div>
<div class="c4"><h3>Sign up for our morning newsletter</h3><p>Get the news you need to start your day, delivered to your inbox.</p><input type="email" placeholder="Enter your email"></div>
<div class="c5"><h3>Comments</h3><p>Leave a comment</p></div></div>
<div class="foot"><p>Copyright 2005 The Daily Ledger. All rights reserved.</p><p>Follow us on Twitter</p></div></body></html>`
}}

var englishChromePhrases = []string{
	"Skip to main content", "Share this with", "Read more:", "Markets rally", "Advertisement",
	"Related Topics", "More on this story", "Most read", "housing market could cool", "Sign up for",
	"Enter your email", "Leave a comment", "All rights reserved", "Follow us on", "The Daily Ledger",
}
