package extract

import (
	"testing"
	"time"
)

func TestParseTextDate(t *testing.T) {
	d := func(y, m, day, h, min int) time.Time { return time.Date(y, time.Month(m), day, h, min, 0, 0, time.UTC) }
	cases := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"الثلاثاء 21 يوليو 2015", d(2015, 7, 21, 0, 0), true},
		{"٢١ يوليو ٢٠١٥", d(2015, 7, 21, 0, 0), true},
		{"نشر في: 21 تموز 2015 - 10:30 م", d(2015, 7, 21, 22, 30), true},
		{"الأحد 2 آب 2015", d(2015, 8, 2, 0, 0), true},
		{"3 تشرين الثاني 2014", d(2014, 11, 3, 0, 0), true},
		{"21 أغسطس، 2015", d(2015, 8, 21, 0, 0), true},
		{"July 21, 2015", d(2015, 7, 21, 0, 0), true},
		{"Published 21st July 2015 at 9:05 am", d(2015, 7, 21, 9, 5), true},
		{"Tue, Jul 21 2015", d(2015, 7, 21, 0, 0), true},
		{"2015-07-21 14:05", d(2015, 7, 21, 14, 5), true},
		{"21/07/2015", d(2015, 7, 21, 0, 0), true},
		{"07/21/2015", d(2015, 7, 21, 0, 0), true},
		{"الأربعاء 6 شوال 1436 هـ / 22 يوليو 2015 م", d(2015, 7, 22, 0, 0), true},
		// Tabular Hijri: Umm al-Qura says 6 Aug and 18 Jun; a day off is
		// the documented price of not shipping its tables.
		{"21 شوال 1436 هـ", d(2015, 8, 7, 0, 0), true},
		{"1 رمضان 1436", d(2015, 6, 18, 0, 0), true},
		{"31 يونيو 2015", time.Time{}, false},
		{"قبل ساعتين", time.Time{}, false},
		{"Copyright 2015", time.Time{}, false},
		{"رقم 301 المتجهة", time.Time{}, false},
	}
	for _, c := range cases {
		got, ok := parseTextDate(c.in)
		if ok != c.ok || !got.Equal(c.want) {
			t.Errorf("parseTextDate(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestParseMetaDate(t *testing.T) {
	cases := map[string]string{
		"2015-07-21T02:51:32+03:00":       "2015-07-20T23:51:32Z",
		"2015-07-21T02:51:32Z":            "2015-07-21T02:51:32Z",
		"2015-07-21T02:51:32.123+0300":    "2015-07-20T23:51:32Z",
		"2015-07-21 02:51:32":             "2015-07-21T02:51:32Z",
		"Tue, 21 Jul 2015 02:51:32 +0300": "2015-07-20T23:51:32Z",
		"20150721":                        "2015-07-21T00:00:00Z",
		"٢٠١٥-٠٧-٢١":                      "2015-07-21T00:00:00Z",
	}
	for in, want := range cases {
		got, ok := parseMetaDate(in)
		if !ok || got.Format(time.RFC3339) != want {
			t.Errorf("parseMetaDate(%q) = %v, %v; want %s", in, got, ok, want)
		}
	}
	if _, ok := parseMetaDate("not a date at all"); ok {
		t.Error("garbage parsed as a date")
	}
}

func TestIsDateLine(t *testing.T) {
	yes := []string{"نشر في: الثلاثاء 21 يوليو 2015 - 10:30 م", "Published: July 21, 2015", "2015/07/21", "الأربعاء 6 شوال 1436 هـ"}
	no := []string{"وقع الحادث في 21 يوليو 2015 على طريق الملك فهد", "Post Views: 56", "July"}
	for _, s := range yes {
		if !isDateLine(s) {
			t.Errorf("isDateLine(%q) = false", s)
		}
	}
	for _, s := range no {
		if isDateLine(s) {
			t.Errorf("isDateLine(%q) = true", s)
		}
	}
}

func TestPublishedAtSources(t *testing.T) {
	now := time.Date(2015, 8, 1, 0, 0, 0, 0, time.UTC)
	page := func(head, body string) string {
		return `<html><head>` + head + `</head><body>` + body + `<article>` + string(hugePage(300)[0:0]) +
			`<p>وأوضح المتحدث الرسمي أن الجهات المختصة تواصل أعمالها الميدانية في المنطقة، مؤكداً أهمية التعاون بين الجميع في هذه المرحلة المهمة من العمل.</p></article></body></html>`
	}
	cases := []struct {
		name, url, html string
		want            string
	}{
		{"meta", "https://e.com/a", page(`<meta property="article:published_time" content="2015-07-21T10:00:00+03:00">`, ""), "2015-07-21T07:00:00Z"},
		{"json-ld", "https://e.com/a", page(`<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2015-07-20T08:00:00Z"}]}</script>`, ""), "2015-07-20T08:00:00Z"},
		{"time element", "https://e.com/a", page("", `<time datetime="2015-07-19T12:00:00Z">قبل أسبوعين</time>`), "2015-07-19T12:00:00Z"},
		{"itemprop", "https://e.com/a", page("", `<span itemprop="datePublished" content="2015-07-18">18 يوليو</span>`), "2015-07-18T00:00:00Z"},
		{"date class text", "https://e.com/a", page("", `<div class="post-date">الثلاثاء 21 يوليو 2015</div>`), "2015-07-21T00:00:00Z"},
		{"url", "https://e.com/2015/07/17/story", page("", ""), "2015-07-17T00:00:00Z"},
		{"masthead", "https://e.com/a", page("", `<td>الأربعاء 6 شوال 1436 هـ / 22 يوليو 2015 م</td>`), "2015-07-22T00:00:00Z"},
		{"future meta skipped", "https://e.com/2015/07/16/a", page(`<meta property="article:published_time" content="2030-01-01T00:00:00Z">`, ""), "2015-07-16T00:00:00Z"},
		{"nothing", "https://e.com/a", page("", ""), "0001-01-01T00:00:00Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := &Extractor{Now: func() time.Time { return now }}
			r, err := e.Page(c.url, []byte(c.html), Hints{})
			if err != nil {
				t.Fatal(err)
			}
			if got := r.PublishedAt.Format(time.RFC3339); got != c.want {
				t.Errorf("PublishedAt = %s, want %s", got, c.want)
			}
		})
	}
}
