// Package canon turns the many spellings of an article URL into one canonical
// form, so the same article reached through two feeds, a tracking link or a
// percent-encoded Arabic path is stored once under one ID.
package canon

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/idna"
)

// Errors callers can test with errors.Is to report why a URL was rejected.
var (
	ErrEmpty    = errors.New("empty URL")
	ErrScheme   = errors.New("scheme is not http or https")
	ErrNoHost   = errors.New("URL has no host")
	ErrBadHost  = errors.New("invalid host")
	ErrRelative = errors.New("relative URL (resolve it against a base first)")
)

// Canonicalize returns the canonical form of an absolute http(s) URL:
//
//   - scheme and host lower-cased, internationalised hosts in punycode, a
//     trailing root dot removed, default ports (:80, :443) dropped;
//   - user info and fragment dropped (credentials must never reach storage,
//     and fragments never select a different article);
//   - percent-encoding normalised: unreserved characters decoded, every other
//     escape upper-cased, raw non-ASCII bytes (an Arabic path typed as-is)
//     encoded, so the raw and escaped spellings of a path are identical;
//   - dot segments resolved and an empty path written as "/";
//   - tracking parameters (utm_*, fbclid, gclid, ...) removed and the rest
//     sorted, keeping their original encoding apart from the normalisation.
//
// Canonicalize is idempotent: Canonicalize(Canonicalize(x)) == Canonicalize(x).
func Canonicalize(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", fmt.Errorf("canon: %w", ErrEmpty)
	}
	// url.Parse rejects a stray '%' (common in hand-written CMS links), which
	// would make an otherwise usable article URL unstorable.
	s = fixStrayPercents(s)
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("canon: parse %q: %w", raw, err)
	}
	scheme := strings.ToLower(u.Scheme)
	switch {
	case scheme == "" && u.Host == "":
		return "", fmt.Errorf("canon: %q: %w", raw, ErrRelative)
	case scheme == "":
		return "", fmt.Errorf("canon: %q: %w (scheme-relative)", raw, ErrRelative)
	case scheme != "http" && scheme != "https":
		return "", fmt.Errorf("canon: %q: %w (got %q)", raw, ErrScheme, scheme)
	}
	if u.Opaque != "" || u.Host == "" {
		return "", fmt.Errorf("canon: %q: %w", raw, ErrNoHost)
	}
	host, err := canonicalHost(scheme, u.Host)
	if err != nil {
		return "", fmt.Errorf("canon: %q: %w", raw, err)
	}

	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(scheme)
	b.WriteString("://")
	b.WriteString(host)
	path := removeDotSegments(normalizeEscapes(u.EscapedPath(), pathSafe))
	if path == "" || path[0] != '/' {
		path = "/" + path
	}
	b.WriteString(path)
	if q := canonicalQuery(u.RawQuery); q != "" {
		b.WriteByte('?')
		b.WriteString(q)
	}
	return b.String(), nil
}

// canonicalHost lower-cases the host, converts non-ASCII names to punycode,
// drops a trailing root dot and the scheme's default port.
func canonicalHost(scheme, hostport string) (string, error) {
	host, port := hostport, ""
	if i := strings.LastIndexByte(hostport, ':'); i >= 0 && !strings.Contains(hostport[i:], "]") {
		host, port = hostport[:i], hostport[i+1:]
	}
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n < 0 || n > 65535 {
			return "", fmt.Errorf("%w: port %q", ErrBadHost, port)
		}
		port = strconv.Itoa(n)
		if (scheme == "http" && n == 80) || (scheme == "https" && n == 443) {
			port = ""
		}
	}
	if strings.HasPrefix(host, "[") {
		if !strings.HasSuffix(host, "]") {
			return "", fmt.Errorf("%w: %q", ErrBadHost, host)
		}
		ip := net.ParseIP(strings.Split(host[1:len(host)-1], "%")[0])
		if ip == nil {
			return "", fmt.Errorf("%w: %q", ErrBadHost, host)
		}
		host = "[" + ip.String() + "]"
	} else {
		h, err := url.PathUnescape(host)
		if err != nil {
			return "", fmt.Errorf("%w: %q", ErrBadHost, host)
		}
		h = strings.TrimSuffix(strings.ToLower(h), ".")
		if !isASCII(h) {
			a, err := idna.Lookup.ToASCII(h)
			if err != nil {
				return "", fmt.Errorf("%w: %q: %v", ErrBadHost, h, err)
			}
			// IDNA mapping can delete characters (soft hyphen), so the
			// emptiness checks below must run on the converted name.
			h = strings.TrimSuffix(a, ".")
		}
		if h == "" {
			return "", ErrNoHost
		}
		if strings.HasPrefix(h, ".") || strings.HasSuffix(h, ".") || strings.Contains(h, "..") {
			return "", fmt.Errorf("%w: empty label in %q", ErrBadHost, h)
		}
		for i := 0; i < len(h); i++ {
			if !hostByte(h[i]) {
				return "", fmt.Errorf("%w: character %q in %q", ErrBadHost, h[i], h)
			}
		}
		host = h
	}
	if port != "" {
		return host + ":" + port, nil
	}
	return host, nil
}

// hostByte accepts the characters that can appear in a registered name after
// IDNA conversion. Underscores are allowed because real CDNs use them.
func hostByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// fixStrayPercents escapes every '%' that does not start a valid escape.
func fixStrayPercents(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && !(i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])) {
			b.WriteString("%25")
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
