package textar

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// drop marks a rune that normalisation removes.
const drop = -1

// arabicFold maps every rune of the Arabic block U+0600–U+06FF to its folded
// form, or drop. A flat table keeps the hot path (Arabic text is most of
// what nashra reads) to one index per rune.
var arabicFold [0x100]rune

func init() {
	for i := range arabicFold {
		arabicFold[i] = rune(0x600 + i)
	}
	set := func(to rune, from ...rune) {
		for _, r := range from {
			arabicFold[r-0x600] = to
		}
	}
	dropRange := func(lo, hi rune) {
		for r := lo; r <= hi; r++ {
			arabicFold[r-0x600] = drop
		}
	}
	// Hamza carriers and wasla fold to their bare letter: writers (and
	// readers typing queries) use them inconsistently.
	set('ا', 'أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ', 'ٵ')
	set('ي', 'ى', 'ئ', 'ی', 'ې', 'ۍ', 'ێ')
	set('ه', 'ة', 'ۀ', 'ە', 'ھ', 'ہ', 'ۃ')
	set('و', 'ؤ', 'ٶ', 'ۄ', 'ۅ', 'ۆ', 'ۇ', 'ۈ', 'ۉ', 'ۋ', 'ۏ')
	// Persian/Urdu letters seen in Gulf transliterations of foreign names;
	// Arabic readers search them with the nearest Arabic letter.
	set('ك', 'ک', 'ڪ', 'گ')
	set('ف', 'ڤ')
	set('ب', 'پ')
	set('ج', 'چ')
	set('ز', 'ژ')
	// Digits: Arabic-Indic and Extended (Persian) to ASCII.
	for d := rune(0); d < 10; d++ {
		arabicFold[0x660+d-0x600] = '0' + d
		arabicFold[0x6F0+d-0x600] = '0' + d
	}
	set('.', '٫') // Arabic decimal separator
	set(',', '٬') // Arabic thousands separator
	set('%', '٪')
	// Diacritics (tashkeel, hamza/madda marks, superscript alef), Quranic
	// annotation marks, tatweel and the Arabic letter mark are invisible to
	// meaning in news text.
	dropRange(0x610, 0x61A)
	set(drop, 0x61C)
	dropRange(0x64B, 0x65F)
	set(drop, 0x640, 0x670)
	dropRange(0x6D6, 0x6DC)
	dropRange(0x6DF, 0x6E4)
	dropRange(0x6E7, 0x6E8)
	dropRange(0x6EA, 0x6ED)
	initClasses()
}

// isInvisible reports bidi controls, zero-width characters, the BOM and the
// soft hyphen: copy-pasted Arabic is full of them and they split or glue
// words at random.
func isInvisible(r rune) bool {
	switch {
	case r == 0xAD, r == 0x61C, r == 0xFEFF, r == 0x180E:
		return true
	case r >= 0x200B && r <= 0x200F:
		return true
	case r >= 0x202A && r <= 0x202E:
		return true
	case r >= 0x2060 && r <= 0x2069:
		return true
	}
	return false
}

// isFoldedMark reports combining marks that normalisation removes: the
// Latin/Greek diacritic blocks (so "café" matches "cafe") and Arabic marks
// outside the main block. Marks of other scripts are kept because they can
// carry vowels.
func isFoldedMark(r rune) bool {
	switch {
	case r >= 0x300 && r <= 0x36F,
		r >= 0x1AB0 && r <= 0x1AFF,
		r >= 0x1DC0 && r <= 0x1DFF,
		r >= 0x20D0 && r <= 0x20FF,
		r >= 0xFE20 && r <= 0xFE2F,
		r >= 0x8D3 && r <= 0x8FF:
		return true
	}
	return false
}

// appendFold appends the normalised form of r to dst.
func appendFold(dst []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		} else if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
			r = ' '
		} else if r == 0x7F {
			r = ' '
		}
		return append(dst, byte(r))
	}
	if r >= 0x600 && r <= 0x6FF {
		f := arabicFold[r-0x600]
		if f == drop {
			return dst
		}
		return utf8.AppendRune(dst, f)
	}
	if isInvisible(r) || isFoldedMark(r) {
		return dst
	}
	if r == utf8.RuneError {
		return utf8.AppendRune(dst, r)
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	if d := norm.NFKD.Properties(buf[:n]).Decomposition(); d != nil {
		for len(d) > 0 {
			dr, size := utf8.DecodeRune(d)
			d = d[size:]
			dst = appendFold(dst, dr)
		}
		return dst
	}
	if l := unicode.ToLower(r); l != r {
		return appendFold(dst, l)
	}
	if unicode.IsControl(r) {
		return append(dst, ' ')
	}
	return utf8.AppendRune(dst, r)
}

// Normalize folds s to the form every nashra comparison uses: compatibility
// decomposition (presentation forms, ligatures, full-width Latin), Arabic
// letter folding (أ إ آ ٱ→ا, ى→ي, ة→ه, ؤ→و, ئ→ي), diacritics, tatweel and
// invisible controls removed, Arabic-Indic and Persian digits to ASCII, and
// lower case. Whitespace and punctuation are kept, so Normalize suits titles
// and display comparisons as well as tokens. Normalize is idempotent.
func Normalize(s string) string {
	if isNormalASCII(s) {
		return s
	}
	buf := make([]byte, 0, len(s))
	for _, r := range s {
		buf = appendFold(buf, r)
	}
	return string(buf)
}

// isNormalASCII reports whether s is ASCII that Normalize would not change,
// so the common English path returns without allocating.
func isNormalASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') || c == 0x7F || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
			return false
		}
	}
	return true
}

// FoldDigits replaces Arabic-Indic (٠-٩) and Persian (۰-۹) digits and the
// Arabic decimal/thousands separators between them with ASCII, leaving
// everything else untouched. Use it where only numbers must compare equal,
// e.g. dates and prices shown to readers.
func FoldDigits(s string) string {
	var b strings.Builder
	for i, r := range s {
		var f rune = -1
		switch {
		case r >= 0x660 && r <= 0x669:
			f = '0' + r - 0x660
		case r >= 0x6F0 && r <= 0x6F9:
			f = '0' + r - 0x6F0
		case r == '٫':
			f = '.'
		case r == '٬':
			f = ','
		}
		if f < 0 {
			if b.Cap() > 0 {
				b.WriteRune(r)
			}
			continue
		}
		if b.Cap() == 0 {
			b.Grow(len(s))
			b.WriteString(s[:i])
		}
		b.WriteRune(f)
	}
	if b.Cap() == 0 {
		return s
	}
	return b.String()
}

// ToLocalDigits writes ASCII digits of s as Arabic-Indic digits, for
// rendering numbers in Arabic pages.
func ToLocalDigits(s string) string {
	var b strings.Builder
	b.Grow(len(s) * 2)
	for _, r := range s {
		if r >= '0' && r <= '9' {
			r = 0x660 + r - '0'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// IsArabic reports whether r is an Arabic-script letter or mark (including
// presentation forms).
func IsArabic(r rune) bool {
	switch {
	case r >= 0x600 && r <= 0x6FF:
		return !(r >= 0x660 && r <= 0x669) && !(r >= 0x6F0 && r <= 0x6F9) && r != 0x60C && r != 0x61B && r != 0x61F && r != 0x640 && r != 0x66A && r != 0x66B && r != 0x66C && r != 0x6D4
	case r < 0x750:
		return false
	}
	return unicode.Is(unicode.Arabic, r)
}
