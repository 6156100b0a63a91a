package canon

import "strings"

const upperHex = "0123456789ABCDEF"

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

func unreserved(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// pathSafe reports the ASCII bytes that may stay literal in a path: the
// unreserved set, sub-delims, ':' and '@' (RFC 3986 pchar) and '/'.
func pathSafe(c byte) bool {
	if unreserved(c) {
		return true
	}
	switch c {
	case '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=', ':', '@', '/':
		return true
	}
	return false
}

// querySafe is pathSafe plus '?', minus the pair separator '&'. Literal
// '+' and '=' stay literal and their escapes stay escaped: servers read them
// differently, so neither spelling may be turned into the other.
func querySafe(c byte) bool {
	switch c {
	case '&', '#':
		return false
	case '?':
		return true
	}
	return pathSafe(c)
}

// normalizeEscapes rewrites s so each byte has exactly one spelling: escapes
// of unreserved characters are decoded, other escapes upper-cased, and bytes
// that are not safe (raw UTF-8, spaces, quotes) percent-encoded. Decoding an
// escape of a reserved character (e.g. %2F) would change the URL's meaning,
// so those stay escaped.
func normalizeEscapes(s string, safe func(byte) bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			d := unhex(s[i+1])<<4 | unhex(s[i+2])
			i += 2
			if unreserved(d) {
				b.WriteByte(d)
				continue
			}
			writeEscape(&b, d)
			continue
		}
		if c != '%' && safe(c) {
			b.WriteByte(c)
			continue
		}
		writeEscape(&b, c)
	}
	return b.String()
}

func writeEscape(b *strings.Builder, c byte) {
	b.WriteByte('%')
	b.WriteByte(upperHex[c>>4])
	b.WriteByte(upperHex[c&15])
}

// removeDotSegments implements RFC 3986 section 5.2.4 on an escaped path.
func removeDotSegments(p string) string {
	if !strings.Contains(p, ".") {
		return p
	}
	segs := strings.Split(p, "/")
	out := make([]string, 0, len(segs))
	for i, s := range segs {
		last := i == len(segs)-1
		switch s {
		case ".":
			if last {
				out = append(out, "")
			}
		case "..":
			// Never pop the leading empty segment that stands for the root.
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, s)
		}
	}
	r := strings.Join(out, "/")
	if strings.HasPrefix(p, "/") && !strings.HasPrefix(r, "/") {
		r = "/" + r
	}
	return r
}
