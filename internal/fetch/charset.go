package fetch

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// DecodeUTF8 converts a fetched body to UTF-8 and names the charset it was
// in. Publishers' labels are often wrong (an Arabic site sending
// windows-1256 bytes under "charset=utf-8" is common), so labels are only
// trusted when the bytes agree with them:
//
//  1. a byte-order mark wins;
//  2. bytes that are valid UTF-8 and contain multi-byte sequences are UTF-8
//     whatever the labels say (single-byte text essentially never forms
//     valid multi-byte UTF-8 by accident);
//  3. otherwise the Content-Type charset, then the document's own
//     declaration (XML encoding, <meta charset>, http-equiv) are tried, and
//     the first that decodes cleanly is used;
//  4. otherwise the Arabic and Western single-byte charsets are scored and
//     the most plausible decoding wins.
//
// XML declarations and HTML meta charsets in the result are rewritten to
// UTF-8, so later parsers do not decode the text a second time.
func DecodeUTF8(body []byte, contentType string) ([]byte, string) {
	out, name := decode(body, contentType)
	return relabel(out), name
}

func decode(body []byte, contentType string) ([]byte, string) {
	switch {
	case bytes.HasPrefix(body, []byte("\xef\xbb\xbf")):
		return bytes.ToValidUTF8(body[3:], []byte("\uFFFD")), "utf-8"
	case bytes.HasPrefix(body, []byte("\xfe\xff")):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), body, "utf-16be")
	case bytes.HasPrefix(body, []byte("\xff\xfe")):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), body, "utf-16le")
	}
	labels := declaredLabels(body, contentType)
	if utf8.Valid(body) {
		name := "utf-8"
		if !hasNonASCII(body) {
			// Pure ASCII reads the same in every ASCII-compatible charset;
			// report what the publisher declared.
			for _, l := range labels {
				if n, ok := canonicalName(l); ok && n != "utf-16be" && n != "utf-16le" {
					name = n
					break
				}
			}
		}
		return body, name
	}
	for _, l := range labels {
		enc, err := htmlindex.Get(l)
		if err != nil {
			continue
		}
		name, _ := htmlindex.Name(enc)
		if name == "utf-8" {
			continue // already known to be invalid
		}
		out, err := enc.NewDecoder().Bytes(body)
		if err != nil || !clean(out) {
			continue
		}
		// Windows-1256 defines every byte, so ISO-8859-6 text under a
		// windows-1256 label decodes "cleanly" into nonsense. Let the
		// sniffer overrule a label only when it is clearly more plausible.
		if alt, altName := sniffSingleByte(body); altName != name && plausibility(alt) > plausibility(out)+overrule {
			return alt, altName
		}
		return out, name
	}
	if mostlyUTF8(body) {
		// A few broken bytes in otherwise good UTF-8 (a truncated
		// character, one pasted Latin-1 byte): repair, do not re-decode.
		return bytes.ToValidUTF8(body, []byte("\uFFFD")), "utf-8"
	}
	return sniffSingleByte(body)
}

// overrule is the plausibility margin the sniffer needs to beat a declared
// label: a handful of letters, so it never flips a page on one odd word.
const overrule = 20

func decodeWith(enc encoding.Encoding, body []byte, name string) ([]byte, string) {
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return bytes.ToValidUTF8(body, []byte("\uFFFD")), "utf-8"
	}
	return out, name
}

func canonicalName(label string) (string, bool) {
	enc, err := htmlindex.Get(label)
	if err != nil {
		return "", false
	}
	n, err := htmlindex.Name(enc)
	return n, err == nil
}

func hasNonASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// clean reports whether decoded text has no replacement characters and no
// C1 controls, which real text never contains but a wrong charset produces.
func clean(b []byte) bool {
	for _, r := range string(b) {
		if r == utf8.RuneError || r >= 0x80 && r < 0xA0 {
			return false
		}
	}
	return true
}

// mostlyUTF8 reports whether at least 90% of the non-ASCII bytes belong to
// valid UTF-8 sequences.
func mostlyUTF8(b []byte) bool {
	good, bad := 0, 0
	for i := 0; i < len(b); {
		if b[i] < 0x80 {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			bad++
			i++
			continue
		}
		good += n
		i += n
	}
	return good > 0 && bad*10 <= good+bad
}

var (
	xmlDeclRe  = regexp.MustCompile(`^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:\-]+)["']`)
	metaRe     = regexp.MustCompile(`(?i)<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)`)
	xmlEncRe   = regexp.MustCompile(`^(\s*<\?xml[^>]*?\sencoding\s*=\s*)(["'])[^"']*["']`)
	metaEncRe  = regexp.MustCompile(`(?i)(<meta[^>]+?charset\s*=\s*["']?\s*)([A-Za-z0-9._:\-]+)`)
	prescanLen = 4096
)

// declaredLabels returns the charset labels from the Content-Type header and
// from the document itself, in that order of authority.
func declaredLabels(body []byte, contentType string) []string {
	var labels []string
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		if cs := strings.TrimSpace(params["charset"]); cs != "" {
			labels = append(labels, cs)
		}
	}
	head := body
	if len(head) > prescanLen {
		head = head[:prescanLen]
	}
	if m := xmlDeclRe.FindSubmatch(head); m != nil {
		labels = append(labels, string(m[1]))
	} else if m := metaRe.FindSubmatch(head); m != nil {
		labels = append(labels, string(m[1]))
	}
	return labels
}

// relabel rewrites the document's own charset declaration to UTF-8.
func relabel(b []byte) []byte {
	head := b
	if len(head) > prescanLen {
		head = head[:prescanLen]
	}
	if loc := xmlEncRe.FindSubmatchIndex(head); loc != nil {
		return splice(b, loc[0], loc[1], string(b[loc[2]:loc[3]])+`"UTF-8"`)
	}
	if loc := metaEncRe.FindSubmatchIndex(head); loc != nil {
		if !strings.EqualFold(string(b[loc[4]:loc[5]]), "utf-8") {
			return splice(b, loc[4], loc[5], "utf-8")
		}
	}
	return b
}

// splice returns b with b[start:end] replaced by repl.
func splice(b []byte, start, end int, repl string) []byte {
	out := make([]byte, 0, len(b)-(end-start)+len(repl))
	out = append(out, b[:start]...)
	out = append(out, repl...)
	return append(out, b[end:]...)
}
