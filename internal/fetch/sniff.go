package fetch

import (
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// sniffCandidates are the single-byte charsets an unlabelled or mislabelled
// page is tried in: the two Arabic ones nashra's publishers use, and
// windows-1252 for Western pages.
var sniffCandidates = []struct {
	name string
	enc  encoding.Encoding
}{
	{"windows-1256", charmap.Windows1256},
	{"iso-8859-6", charmap.ISO8859_6},
	{"windows-1252", charmap.Windows1252},
}

// sniffSingleByte decodes b with every candidate and keeps the most
// plausible text (ties go to the earlier, more common charset).
func sniffSingleByte(b []byte) ([]byte, string) {
	var best []byte
	bestName, bestScore := "", 0
	for _, c := range sniffCandidates {
		out, err := c.enc.NewDecoder().Bytes(b)
		if err != nil {
			continue
		}
		if s := plausibility(out); best == nil || s > bestScore {
			best, bestName, bestScore = out, c.name, s
		}
	}
	return best, bestName
}

type runeClass int

const (
	classOther runeClass = iota
	classArabic
	classLatin1Letter
)

// plausibility scores decoded text: Arabic letters count for it; replacement
// characters, C1 controls, stray harakat and accented Latin letters glued to
// Arabic letters count against it. Those last two are exactly what the
// Arabic charsets produce when read as each other: windows-1256 "ي" read as
// ISO-8859-6 is a kasra, ISO-8859-6 "و" read as windows-1256 is "è".
func plausibility(text []byte) int {
	score := 0
	prev := classOther
	for _, r := range string(text) {
		cur := classOther
		switch {
		case r == '\uFFFD' || r >= 0x80 && r < 0xA0:
			score -= 20
		case r >= 0x0621 && r <= 0x064A:
			cur = classArabic
			score += 2
			if prev == classLatin1Letter {
				score -= 6
			}
		case r >= 0x064B && r <= 0x0652:
			score--
		case r >= 0xC0 && r <= 0xFF && r != 0xD7 && r != 0xF7:
			cur = classLatin1Letter
			if prev == classArabic {
				score -= 6
			}
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			score++
		}
		prev = cur
	}
	return score
}
