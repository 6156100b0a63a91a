package canon

import (
	"errors"
	"net/url"
	"testing"
)

func TestCanonicalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"lowercase scheme and host", "HTTP://WWW.Example.COM/Path", "http://www.example.com/Path"},
		{"default http port", "http://example.com:80/a", "http://example.com/a"},
		{"default https port", "https://example.com:443/a", "https://example.com/a"},
		{"non-default port kept", "https://example.com:8443/a", "https://example.com:8443/a"},
		{"port leading zeros", "http://example.com:0080/a", "http://example.com/a"},
		{"empty path", "https://example.com", "https://example.com/"},
		{"fragment dropped", "https://example.com/a#comments", "https://example.com/a"},
		{"userinfo dropped", "https://user:pw@example.com/a", "https://example.com/a"},
		{"trailing dot host", "https://example.com./a", "https://example.com/a"},
		{"utm stripped", "https://example.com/a?utm_source=tw&utm_medium=social&id=5", "https://example.com/a?id=5"},
		{"all tracking stripped", "https://example.com/a?fbclid=x&gclid=y&mc_cid=1&mc_eid=2&igshid=3&ref=home&ref_src=twsrc&_ga=1.2&yclid=9&spm=a.b&cmpid=rss&at_medium=x&at_campaign=y", "https://example.com/a"},
		{"tracking key case-insensitive", "https://example.com/a?UTM_Source=x&FBCLID=y&p=1", "https://example.com/a?p=1"},
		{"params sorted", "https://example.com/a?z=1&b=2&a=3", "https://example.com/a?a=3&b=2&z=1"},
		{"same key sorted by value", "https://example.com/a?t=2&t=1", "https://example.com/a?t=1&t=2"},
		{"empty pairs dropped", "https://example.com/a?&&a=1&", "https://example.com/a?a=1"},
		{"only tracking leaves no question mark", "https://example.com/a?utm_campaign=x", "https://example.com/a"},
		{"plus kept in query", "https://example.com/s?q=a+b", "https://example.com/s?q=a+b"},
		{"escaped ampersand kept", "https://example.com/s?q=a%26b", "https://example.com/s?q=a%26b"},
		{"dot segments", "https://example.com/a/b/../c/./d", "https://example.com/a/c/d"},
		{"dot segments above root", "https://example.com/../../a", "https://example.com/a"},
		{"trailing dotdot", "https://example.com/a/b/..", "https://example.com/a/"},
		{"escaped dots resolved", "https://example.com/a/%2e%2E/b", "https://example.com/b"},
		{"unreserved escapes decoded", "https://example.com/%7Euser/%41bc", "https://example.com/~user/Abc"},
		{"reserved escapes upper-cased, kept", "https://example.com/a%2fb", "https://example.com/a%2Fb"},
		{"space encoded", "https://example.com/a b", "https://example.com/a%20b"},
		{"stray percent", "https://example.com/100%/x", "https://example.com/100%25/x"},
		{"trailing slash kept", "https://example.com/a/", "https://example.com/a/"},
		{"arabic raw path", "https://www.alriyadh.com/1064453/خادم-الحرمين", "https://www.alriyadh.com/1064453/%D8%AE%D8%A7%D8%AF%D9%85-%D8%A7%D9%84%D8%AD%D8%B1%D9%85%D9%8A%D9%86"},
		{"arabic lower-hex path", "https://www.alriyadh.com/1064453/%d8%ae%d8%a7%d8%af%d9%85-%d8%a7%d9%84%d8%ad%d8%b1%d9%85%d9%8a%d9%86", "https://www.alriyadh.com/1064453/%D8%AE%D8%A7%D8%AF%D9%85-%D8%A7%D9%84%D8%AD%D8%B1%D9%85%D9%8A%D9%86"},
		{"arabic query value", "https://sabq.org/search?q=السعودية", "https://sabq.org/search?q=%D8%A7%D9%84%D8%B3%D8%B9%D9%88%D8%AF%D9%8A%D8%A9"},
		{"idn host", "https://مثال.السعودية/خبر", "https://xn--mgbh0fb.xn--mgberp4a5d4ar/%D8%AE%D8%A8%D8%B1"},
		{"ipv6 host", "http://[::1]:8080/a", "http://[::1]:8080/a"},
		{"ipv6 default port", "http://[0:0::1]:80/a", "http://[::1]/a"},
		{"loopback fixture", "http://127.0.0.1:39123/news/1?utm_source=rss", "http://127.0.0.1:39123/news/1"},
		{"surrounding spaces", "  https://example.com/a  ", "https://example.com/a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Canonicalize(tt.in)
			if err != nil {
				t.Fatalf("Canonicalize(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Canonicalize(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			again, err := Canonicalize(got)
			if err != nil || again != got {
				t.Errorf("not idempotent: %q -> %q (%v)", got, again, err)
			}
		})
	}
}

func TestCanonicalizeSameArticle(t *testing.T) {
	// Every spelling a feed, a share link or a browser produces of one
	// SaudiNewsNet-style article must land on one canonical URL.
	spellings := []string{
		"https://www.okaz.com.sa/article/1007393/محليات/أمير-مكة",
		"https://www.okaz.com.sa/article/1007393/%D9%85%D8%AD%D9%84%D9%8A%D8%A7%D8%AA/%D8%A3%D9%85%D9%8A%D8%B1-%D9%85%D9%83%D8%A9",
		"https://www.okaz.com.sa/article/1007393/%d9%85%d8%ad%d9%84%d9%8a%d8%a7%d8%aa/%d8%a3%d9%85%d9%8a%d8%b1-%d9%85%d9%83%d8%a9",
		"HTTPS://WWW.OKAZ.COM.SA:443/article/1007393/محليات/./أمير-مكة#top",
		"https://www.okaz.com.sa/article/x/../1007393/محليات/أمير-مكة?utm_source=twitter&utm_medium=social",
	}
	want, err := Canonicalize(spellings[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range spellings[1:] {
		got, err := Canonicalize(s)
		if err != nil {
			t.Fatalf("Canonicalize(%q): %v", s, err)
		}
		if got != want {
			t.Errorf("Canonicalize(%q) = %q, want %q", s, got, want)
		}
	}
	// The canonical form must still decode to the Arabic path.
	u, err := url.Parse(want)
	if err != nil {
		t.Fatal(err)
	}
	if u.Path != "/article/1007393/محليات/أمير-مكة" {
		t.Errorf("decoded path = %q", u.Path)
	}
}

func TestCanonicalizeErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"", ErrEmpty},
		{"   ", ErrEmpty},
		{"ftp://example.com/a", ErrScheme},
		{"mailto:desk@example.com", ErrScheme},
		{"javascript:alert(1)", ErrScheme},
		{"/news/1", ErrRelative},
		{"news/1", ErrRelative},
		{"//example.com/a", ErrRelative},
		{"http:///path", ErrNoHost},
		{"http:example.com", ErrNoHost},
		{"http://exa mple.com/", nil}, // url.Parse error: any error is fine
		{"http://example.com:99999/", ErrBadHost},
		{"http://exa$mple.com/", nil},
	}
	for _, tt := range tests {
		got, err := Canonicalize(tt.in)
		if err == nil {
			t.Errorf("Canonicalize(%q) = %q, want error", tt.in, got)
			continue
		}
		if tt.want != nil && !errors.Is(err, tt.want) {
			t.Errorf("Canonicalize(%q) error = %v, want %v", tt.in, err, tt.want)
		}
	}
}

func TestIsTrackingParam(t *testing.T) {
	for k, want := range map[string]bool{
		"utm_source": true, "utm_anything": true, "at_medium": true, "pk_campaign": true,
		"fbclid": true, "ref": true, "id": false, "page": false, "q": false, "reference": false,
		"utm%5Fsource": true,
	} {
		if got := IsTrackingParam(k); got != want {
			t.Errorf("IsTrackingParam(%q) = %v, want %v", k, got, want)
		}
	}
}

func FuzzCanonicalize(f *testing.F) {
	for _, s := range []string{
		"https://example.com/a?b=1&a=2#x",
		"http://EXAMPLE.com:80/a/../b/./c?utm_source=x",
		"https://www.alriyadh.com/1064453/خادم-الحرمين",
		"https://www.alriyadh.com/%d8%ae%d8%a7",
		"http://[::1]:80/%2e%2E/x",
		"https://example.com/100%/x?q=a+b&q=a%26b",
		"https://مثال.السعودية/",
		"http://a/b/c/./../../g",
		"http://a/./..//..",
		"http://a/%zz?%=&=%",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Canonicalize(s)
		if err != nil {
			return
		}
		c2, err := Canonicalize(c)
		if err != nil {
			t.Fatalf("canonical %q (from %q) rejected: %v", c, s, err)
		}
		if c2 != c {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, c, c2)
		}
		if _, err := url.Parse(c); err != nil {
			t.Fatalf("canonical %q does not parse: %v", c, err)
		}
	})
}
