package fetch

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

func BenchmarkDecodeUTF8(b *testing.B) {
	page := "<html><head><title>خبر</title></head><body>" + strings.Repeat("<p>"+arabicSample+"</p>", 40) + "</body></html>"
	cases := []struct {
		name, ctype string
		body        []byte
	}{
		{"utf-8", "text/html; charset=utf-8", []byte(page)},
		{"windows-1256 labelled", "text/html; charset=windows-1256", encode(b, charmap.Windows1256, page)},
		{"windows-1256 mislabelled", "text/html; charset=utf-8", encode(b, charmap.Windows1256, page)},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.body)))
			for b.Loop() {
				DecodeUTF8(c.body, c.ctype)
			}
		})
	}
}
