package fetch

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nashra/nashra/internal/corpus"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// arabicSample is ordinary news prose: it contains the letters that the two
// Arabic charsets place differently (ي ف ق ك ل م ن ه و).
const arabicSample = "أعلنت وزارة الصحة السعودية اليوم عن افتتاح مستشفى جديد في منطقة القصيم، " +
	"وقال المتحدث الرسمي إن المشروع يخدم أكثر من مليون نسمة ويضم قسماً للطوارئ."

func encode(t testing.TB, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := encoding.ReplaceUnsupported(enc.NewEncoder()).Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeUTF8(t *testing.T) {
	page := func(meta string) string {
		return "<html><head>" + meta + "<title>خبر</title></head><body><p>" + arabicSample + "</p></body></html>"
	}
	cp1256 := func(s string) []byte { return encode(t, charmap.Windows1256, s) }
	iso6 := func(s string) []byte { return encode(t, charmap.ISO8859_6, s) }
	utf16le := func(s string) []byte {
		b, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
		return b
	}
	tests := []struct {
		name        string
		body        []byte
		contentType string
		wantCharset string
		wantText    string // must appear in the output
		wantAbsent  string // must not appear in the output
	}{
		{"utf-8 labelled", []byte(page("")), "text/html; charset=utf-8", "utf-8", arabicSample, ""},
		{"utf-8 unlabelled", []byte(page("")), "text/html", "utf-8", arabicSample, ""},
		{"windows-1256 header", cp1256(page("")), "text/html; charset=windows-1256", "windows-1256", arabicSample, ""},
		{"windows-1256 under wrong utf-8 header", cp1256(page("")), "text/html; charset=utf-8", "windows-1256", arabicSample, ""},
		{"windows-1256 meta only", cp1256(page(`<meta charset="windows-1256">`)), "text/html", "windows-1256", arabicSample, "windows-1256"},
		{"windows-1256 http-equiv, wrong header", cp1256(page(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">`)), "text/html; charset=UTF-8", "windows-1256", `charset=utf-8"`, ""},
		{"windows-1256 unlabelled", cp1256(page("")), "", "windows-1256", arabicSample, ""},
		{"iso-8859-6 header", iso6(page("")), "text/html; charset=ISO-8859-6", "iso-8859-6", arabicSample, ""},
		{"iso-8859-6 unlabelled", iso6(page("")), "", "iso-8859-6", arabicSample, ""},
		{"iso-8859-6 under wrong utf-8 header", iso6(page("")), "text/html; charset=utf-8", "iso-8859-6", arabicSample, ""},
		{"iso-8859-6 under wrong windows-1256 meta", iso6(page(`<meta charset="windows-1256">`)), "", "iso-8859-6", arabicSample, ""},
		{"utf-8 under wrong windows-1256 header", []byte(page("")), "text/html; charset=windows-1256", "utf-8", arabicSample, ""},
		{"xml declaration windows-1256", cp1256(`<?xml version="1.0" encoding="windows-1256"?><rss><channel><title>` + arabicSample + `</title></channel></rss>`), "application/rss+xml", "windows-1256", `<?xml version="1.0" encoding="UTF-8"?>`, "windows-1256"},
		{"xml declaration single quotes", cp1256(`<?xml version='1.0' encoding='windows-1256'?><rss/>` + arabicSample), "text/xml", "windows-1256", `encoding="UTF-8"?>`, ""},
		{"utf-8 bom", append([]byte("\xef\xbb\xbf"), page("")...), "text/html; charset=windows-1256", "utf-8", arabicSample, "\ufeff"},
		{"utf-16le bom", utf16le(page("")), "", "utf-16le", arabicSample, ""},
		{"latin-1 western", []byte("<p>caf\xe9 na\xefve r\xe9sum\xe9</p>"), "text/html; charset=iso-8859-1", "windows-1252", "café naïve résumé", ""},
		{"ascii keeps declared name", []byte("<p>hello</p>"), "text/html; charset=windows-1256", "windows-1256", "hello", ""},
		{"mostly utf-8 with one stray byte", append([]byte(page("")), 0xff), "text/html; charset=utf-8", "utf-8", arabicSample, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, cs := DecodeUTF8(tt.body, tt.contentType)
			if cs != tt.wantCharset {
				t.Errorf("charset = %q, want %q", cs, tt.wantCharset)
			}
			if !utf8.Valid(out) {
				t.Errorf("output is not valid UTF-8")
			}
			if !bytes.Contains(out, []byte(tt.wantText)) {
				t.Errorf("output lacks %q:\n%s", tt.wantText, out)
			}
			if tt.wantAbsent != "" && bytes.Contains(out, []byte(tt.wantAbsent)) {
				t.Errorf("output still contains %q", tt.wantAbsent)
			}
		})
	}
}

// TestSniffCorpus checks charset sniffing on real Arabic news text: every
// article's first paragraph, unlabelled, in both Arabic charsets.
func TestSniffCorpus(t *testing.T) {
	dir, err := corpus.Locate("saudinewsnet", "")
	if errors.Is(err, corpus.ErrNotFound) {
		t.Skip("saudinewsnet corpus not found; set NASHRA_CORPUS")
	}
	if err != nil {
		t.Fatal(err)
	}
	recs, err := corpus.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	checked, wrong := 0, 0
	for i := 0; i < len(recs) && checked < 2000; i += 15 {
		text := recs[i].Content
		if len(text) > 600 {
			text = text[:600]
			for !utf8.ValidString(text) {
				text = text[:len(text)-1]
			}
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		for _, c := range []struct {
			name string
			enc  encoding.Encoding
		}{{"windows-1256", charmap.Windows1256}, {"iso-8859-6", charmap.ISO8859_6}} {
			b := encode(t, c.enc, text)
			if !hasNonASCII(b) {
				continue
			}
			checked++
			if _, cs := DecodeUTF8(b, "text/html; charset=utf-8"); cs != c.name {
				wrong++
				if wrong <= 5 {
					t.Logf("%s sniffed as %s: %.80q", c.name, cs, text)
				}
			}
		}
	}
	t.Logf("sniffed %d corpus snippets, %d wrong", checked, wrong)
	if wrong*200 > checked { // allow at most 0.5% misses on very short snippets
		t.Errorf("%d of %d corpus snippets sniffed wrong", wrong, checked)
	}
}

func FuzzDecodeUTF8(f *testing.F) {
	f.Add([]byte(arabicSample), "text/html; charset=utf-8")
	f.Add(encode(f, charmap.Windows1256, arabicSample), "text/html; charset=utf-8")
	f.Add(encode(f, charmap.ISO8859_6, arabicSample), "")
	f.Add([]byte(`<?xml version="1.0" encoding="windows-1256"?><a/>`), "text/xml")
	f.Add([]byte("\xff\xfe<\x00a\x00"), "")
	f.Add([]byte(`<meta charset="bogus">`), "text/html; charset=x-unknown")
	f.Fuzz(func(t *testing.T, body []byte, ctype string) {
		out, cs := DecodeUTF8(body, ctype)
		if !utf8.Valid(out) {
			t.Fatalf("invalid UTF-8 output for charset %q", cs)
		}
		if cs == "" {
			t.Fatal("empty charset name")
		}
	})
}
