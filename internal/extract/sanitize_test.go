package extract

import "testing"

func TestSanitize(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"script dropped with content", `<p>a</p><script>alert(1)</script><p>b</p>`, `<p>a</p><p>b</p>`},
		{"style and iframe dropped", `<style>p{}</style><iframe src="https://x"></iframe><p>t</p>`, `<p>t</p>`},
		{"handlers and classes stripped", `<p class="x" id="y" style="color:red" onclick="go()">t</p>`, `<p>t</p>`},
		{"h1 demoted", `<h1>Title</h1>`, `<h2>Title</h2>`},
		{"link rel set, target dropped", `<a href="https://e.com/a" target="_blank" rel="opener">x</a>`, `<a href="https://e.com/a" rel="nofollow noopener">x</a>`},
		{"javascript link dropped", `<a href="javascript:alert(1)">x</a>`, `x`},
		{"relative link dropped", `<a href="/a">x</a>`, `x`},
		{"image keeps src and alt", `<img src="https://e.com/p.jpg" alt="صورة" width="600" class="c">`, `<img src="https://e.com/p.jpg" alt="صورة"/>`},
		{"tracking pixel dropped", `<p>t<img src="https://e.com/p.gif" width="1" height="1"></p>`, `<p>t</p>`},
		{"tracker host dropped", `<img src="https://www.google-analytics.com/collect?v=1">`, ``},
		{"data image dropped", `<img src="data:image/png;base64,AAAA">`, ``},
		{"form dropped with content", `<form><input name="q"><button>بحث</button></form><p>t</p>`, `<p>t</p>`},
		{"dir kept, bogus dir dropped", `<p dir="rtl">ع</p><p dir="up">x</p>`, `<p dir="rtl">ع</p><p>x</p>`},
		{"structure kept", `<ul><li>a</li></ul><blockquote><p>q</p></blockquote><figure><img src="https://e.com/a.jpg" alt=""><figcaption>c</figcaption></figure>`,
			`<ul><li>a</li></ul><blockquote><p>q</p></blockquote><figure><img src="https://e.com/a.jpg" alt=""/><figcaption>c</figcaption></figure>`},
		{"emphasis kept", `<p><b>b</b><strong>s</strong><i>i</i><em>e</em><br>n</p>`, `<p><b>b</b><strong>s</strong><i>i</i><em>e</em><br/>n</p>`},
		{"unknown tags unwrapped", `<section><span>نص</span> <font color="red">آخر</font></section>`, `نص آخر`},
		{"empty", "  ", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Sanitize(c.in)
			if normalizeSpace(got) != c.want {
				t.Errorf("Sanitize(%q)\n got %q\nwant %q", c.in, got, c.want)
			}
			assertSafeHTML(t, got)
		})
	}
}

func TestParagraphsToHTML(t *testing.T) {
	got := ParagraphsToHTML([]string{"الفقرة الأولى", "  ", "سطر\nسطر ثان", "<script>x</script> & more"}, "ar")
	want := `<div dir="rtl"><p>الفقرة الأولى</p><p>سطر<br>سطر ثان</p><p>&lt;script&gt;x&lt;/script&gt; &amp; more</p></div>`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := ParagraphsToHTML([]string{"Hello"}, "en"); got != `<div dir="ltr"><p>Hello</p></div>` {
		t.Errorf("en: %s", got)
	}
	if got := ParagraphsToHTML(nil, ""); got != `<div dir="auto"></div>` {
		t.Errorf("empty: %s", got)
	}
}
