package canon

import "testing"

func BenchmarkCanonicalize(b *testing.B) {
	urls := []string{
		"https://www.alriyadh.com/1064453/خادم-الحرمين?utm_source=rss&utm_medium=feed",
		"HTTP://WWW.OKAZ.COM.SA:80/article/1007393/%d9%85%d8%ad%d9%84%d9%8a%d8%a7%d8%aa#top",
		"https://www.bbc.co.uk/news/business-33732210?at_medium=RSS&at_campaign=KARANGA",
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := Canonicalize(urls[i%len(urls)]); err != nil {
			b.Fatal(err)
		}
	}
}
