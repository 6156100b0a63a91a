package textar

import (
	"strings"
	"testing"
)

// benchText joins the first n bytes' worth of corpus articles.
func benchText(b *testing.B, arabic bool, n int) string {
	ar, en := loadCorpora(b)
	recs := en
	if arabic {
		recs = ar
	}
	var sb strings.Builder
	for _, r := range recs {
		if sb.Len() >= n {
			break
		}
		sb.WriteString(r.Title)
		sb.WriteString("\n\n")
		sb.WriteString(r.Content)
		sb.WriteString("\n\n")
	}
	return sb.String()
}

func benchAnalyze(b *testing.B, arabic bool) {
	text := benchText(b, arabic, 4<<20)
	// Article-sized chunks, as ingest analyses them.
	var docs []string
	for len(text) > 0 {
		n := min(len(text), 8<<10)
		for n < len(text) && text[n]&0xC0 == 0x80 {
			n++
		}
		docs = append(docs, text[:n])
		text = text[n:]
	}
	total := 0
	for _, d := range docs {
		total += len(d)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	cpuThroughput(b, total, func() {
		for _, d := range docs {
			_ = Analyze(d, "")
		}
	})
}

func BenchmarkAnalyzeArabic(b *testing.B)  { benchAnalyze(b, true) }
func BenchmarkAnalyzeEnglish(b *testing.B) { benchAnalyze(b, false) }

func BenchmarkNormalizeArabic(b *testing.B) {
	text := benchText(b, true, 1<<20)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	cpuThroughput(b, len(text), func() { _ = Normalize(text) })
}

func BenchmarkTokenizeArabic(b *testing.B) {
	text := benchText(b, true, 1<<20)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	cpuThroughput(b, len(text), func() { _ = Tokenize(text) })
}

func BenchmarkDetectLanguage(b *testing.B) {
	text := benchText(b, true, 1<<20)
	b.SetBytes(int64(len(text)))
	cpuThroughput(b, len(text), func() { _ = DetectLanguage(text) })
}
