package feed

import (
	"os"
	"testing"
)

func BenchmarkParse(b *testing.B) {
	for _, name := range []string{"rss2_arabic_full.xml", "atom_arabic.xml", "jsonfeed.json", "news_sitemap.xml"} {
		body, err := os.ReadFile("testdata/" + name)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseAt(body, goldenBase[name], fetchedAt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
