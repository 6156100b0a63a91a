package textar

import (
	"unicode"
	"unicode/utf8"
)

// Kind says what a token is.
type Kind uint8

const (
	Word   Kind = iota // letters of a non-Latin script (Arabic, ...)
	Number             // digits, with an optional decimal part: 2015, 3.5
	Latin              // Latin letters, possibly with digits: bbc, covid-19, b52
)

func (k Kind) String() string {
	switch k {
	case Number:
		return "number"
	case Latin:
		return "latin"
	}
	return "word"
}

// Token is one word or number of a text.
type Token struct {
	Text  string // original surface form, s[Start:End]
	Norm  string // normalised form; never empty, never contains spaces
	Start int    // byte offset into the tokenized string
	End   int    // byte offset just past the token
	Kind  Kind
}

// gap says what separates a piece from the piece before it.
type gap uint8

const (
	gapOther  gap = iota // punctuation, line break, start of text
	gapNone              // directly adjacent: "mp3", "2015م"
	gapSpace             // horizontal spaces only: "بي 52"
	gapHyphen            // a single hyphen: "B-52", "al-Qaeda"
)

// piece is a maximal run of one script (or of digits) in the text.
type piece struct {
	start, end int
	letters    int32 // runes that are letters or digits
	cls        class // cArabic, cLatin, cOther or cDigit
	gap        gap
	upper      bool // Latin piece written all in capitals
	decimal    bool // digit piece with a decimal separator
}

// part is one component of a token: hyphenated compounds have several, so
// Terms can analyse "al-Qaeda" as "al" + "qaeda" with exact offsets.
type part struct {
	start, end   int
	nstart, nend int // into the shared normalised buffer
}

// tok is a token under construction, its Norm still in the shared buffer.
type tok struct {
	start, end   int
	nstart, nend int
	parts        [2]int // first part index, part count
}

// tokenizer holds the scratch state of one tokenization.
type tokenizer struct {
	s      string
	pieces []piece
	parts  []part
	toks   []tok
	buf    []byte
	// wantToks is set by Tokenize; Analyze and Terms need only the parts,
	// so they skip building whole-token records.
	wantToks bool
}

// Tokenize splits s into words and numbers with byte offsets into s.
// Numbers keep their decimal part ("3.5", "٣٫٥" → "3.5") and lose thousands
// separators ("1,000" → "1000"); Latin words keep internal apostrophes and
// digits ("o'brien" → "obrien", "mp3"); hyphenated words stay one token
// ("al-qaeda"); and a short letter prefix before a number joins it, whether
// written in Latin or spelt out in Arabic: "B-52", "بي 52" and "B52" all
// have Norm "b52".
func Tokenize(s string) []Token {
	t := tokenizer{wantToks: true}
	t.run(s)
	norms := string(t.buf)
	out := make([]Token, len(t.toks))
	for i, k := range t.toks {
		out[i] = Token{
			Text:  s[k.start:k.end],
			Norm:  norms[k.nstart:k.nend],
			Start: k.start,
			End:   k.end,
			Kind:  kindOf(norms[k.nstart:k.nend]),
		}
	}
	return out
}

func (t *tokenizer) run(s string) {
	t.s = s
	t.scan()
	t.buf = make([]byte, 0, len(s))
	if t.wantToks {
		t.toks = make([]tok, 0, len(t.pieces))
	}
	t.parts = make([]part, 0, len(t.pieces))
	t.group()
}

// scan splits the text into pieces and records what separates them.
func (t *tokenizer) scan() {
	s := t.s
	t.pieces = make([]piece, 0, len(s)/8+1)
	g := gapOther
	lastEnd := -1
	cur := -1
	for i := 0; i < len(s); {
		var r rune
		var size int
		var c class
		switch b := s[i]; {
		case b < utf8.RuneSelf:
			r, size, c = rune(b), 1, asciiClass[b]
		case b >= 0xD8 && b <= 0xDB && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			// Two-byte UTF-8 in U+0600–U+06FF: the Arabic block, decoded
			// inline because it is most of what nashra reads.
			r, size = rune(b&0x1F)<<6|rune(s[i+1]&0x3F), 2
			c = arabicClass[r-0x600]
		default:
			r, size = utf8.DecodeRuneInString(s[i:])
			c = classOf(r)
		}
		switch c {
		case cArabic, cLatin, cOther, cDigit:
			if cur >= 0 && lastEnd == i && t.pieces[cur].cls == c {
				p := &t.pieces[cur]
				p.end = i + size
				p.letters++
				if c == cLatin && p.upper && !unicode.IsUpper(r) {
					p.upper = false
				}
			} else {
				if lastEnd == i {
					g = gapNone
				}
				t.pieces = append(t.pieces, piece{start: i, end: i + size, cls: c, gap: g, letters: 1,
					upper: c == cLatin && unicode.IsUpper(r)})
				cur = len(t.pieces) - 1
			}
			lastEnd = i + size
			g = gapNone
		case cMark:
			if lastEnd == i && cur >= 0 {
				t.pieces[cur].end = i + size
				lastEnd = i + size
			}
		case cApos:
			if lastEnd == i && cur >= 0 && t.pieces[cur].cls == cLatin && t.nextClass(i+size) == cLatin {
				t.pieces[cur].end = i + size
				lastEnd = i + size
			} else {
				g = gapOther
			}
		case cDecimal, cThousands:
			if lastEnd == i && cur >= 0 && t.pieces[cur].cls == cDigit && t.joinsNumber(c, i+size) {
				if c == cDecimal {
					t.pieces[cur].decimal = true
				}
				t.pieces[cur].end = i + size
				lastEnd = i + size
			} else {
				g = gapOther
			}
		case cHyphen:
			if g == gapNone && lastEnd == i {
				g = gapHyphen
			} else {
				g = gapOther
			}
		case cSpace:
			switch {
			case r == '\n' || r == '\r' || r == '\v' || r == '\f':
				g = gapOther
			case g == gapNone:
				g = gapSpace
			case g == gapHyphen:
				g = gapOther
			}
		default:
			g = gapOther
		}
		i += size
	}
}

func (t *tokenizer) nextClass(i int) class {
	if i >= len(t.s) {
		return cSep
	}
	r, _ := utf8.DecodeRuneInString(t.s[i:])
	return classOf(r)
}

// joinsNumber decides whether a separator at i-1 continues a number: a
// decimal point needs a digit after it; a thousands separator needs exactly
// three digits and then no further digit, so "3,5" and "1,2,3" stay apart.
func (t *tokenizer) joinsNumber(c class, i int) bool {
	if c == cDecimal {
		return t.nextClass(i) == cDigit
	}
	for n := 0; n < 3; n++ {
		if i >= len(t.s) {
			return false
		}
		r, size := utf8.DecodeRuneInString(t.s[i:])
		if classOf(r) != cDigit {
			return false
		}
		i += size
	}
	return t.nextClass(i) != cDigit
}

// group merges pieces into tokens: Latin letters with adjacent digits,
// letter-name designations, and hyphenated compounds.
func (t *tokenizer) group() {
	ps := t.pieces
	for p := 0; p < len(ps); {
		if n := t.designation(p); n > 0 {
			p += n
			continue
		}
		if n := t.acronym(p); n > 0 {
			p += n
			continue
		}
		q := t.alnumEnd(p)
		k := tok{start: ps[p].start, nstart: len(t.buf)}
		k.parts[0] = len(t.parts)
		t.addPart(p, q)
		prev := scriptOf(ps[p:q])
		for q < len(ps) && ps[q].gap == gapHyphen {
			r := t.alnumEnd(q)
			next := scriptOf(ps[q:r])
			if !compoundable(prev, next) {
				break
			}
			t.buf = append(t.buf, '-')
			t.addPart(q, r)
			prev, q = next, r
		}
		k.end = ps[q-1].end
		t.finish(k)
		p = q
	}
}

// acronym emits a dotted acronym starting at piece p ("U.S.", "U.N.") as
// one token spelled like its undotted form ("us", "un") and returns the
// pieces used, or 0.
func (t *tokenizer) acronym(p int) int {
	ps, s := t.pieces, t.s
	q := p
	for q < len(ps) && ps[q].cls == cLatin && ps[q].letters == 1 && ps[q].end < len(s) && s[ps[q].end] == '.' {
		if q > p && ps[q].start != ps[q-1].end+1 {
			break
		}
		q++
	}
	if q < len(ps) && q > p && ps[q].cls == cLatin && ps[q].letters == 1 && ps[q].start == ps[q-1].end+1 {
		q++ // "U.S" without the final period
	}
	if q-p < 2 || q < len(ps) && ps[q].gap == gapNone {
		return 0
	}
	k := tok{start: ps[p].start, end: ps[q-1].end, nstart: len(t.buf)}
	if k.end < len(s) && s[k.end] == '.' {
		k.end++
	}
	k.parts[0] = len(t.parts)
	for i := p; i < q; i++ {
		t.buf = appendPieceNorm(t.buf, s[ps[i].start:ps[i].end], cLatin)
	}
	t.parts = append(t.parts, part{start: k.start, end: k.end, nstart: k.nstart, nend: len(t.buf)})
	t.finish(k)
	return q - p
}

// alnumEnd returns the end of the run of directly adjacent Latin letters and
// digits starting at p ("mp3", "5bn", "g20"); other pieces stand alone.
func (t *tokenizer) alnumEnd(p int) int {
	ps := t.pieces
	q := p + 1
	if ps[p].cls != cLatin && ps[p].cls != cDigit {
		return q
	}
	for q < len(ps) && ps[q].gap == gapNone && (ps[q].cls == cLatin || ps[q].cls == cDigit) {
		q++
	}
	return q
}

// addPart appends the normalised pieces [p,q) as one part of a token.
func (t *tokenizer) addPart(p, q int) {
	ps := t.pieces
	n0 := len(t.buf)
	for i := p; i < q; i++ {
		t.buf = appendPieceNorm(t.buf, t.s[ps[i].start:ps[i].end], ps[i].cls)
	}
	if len(t.buf) == n0 {
		// A letter whose compatibility form is only punctuation or marks
		// (rare: U+037A) contributes nothing; drop the separator before it.
		if n0 > 0 && len(t.parts) > 0 && t.buf[n0-1] == '-' {
			t.buf = t.buf[:n0-1]
		}
		return
	}
	t.parts = append(t.parts, part{start: ps[p].start, end: ps[q-1].end, nstart: n0, nend: len(t.buf)})
}

// finish records k if it produced any normalised text.
func (t *tokenizer) finish(k tok) {
	k.nend = len(t.buf)
	k.parts[1] = len(t.parts) - k.parts[0]
	if k.nend == k.nstart || k.parts[1] == 0 {
		t.buf = t.buf[:k.nstart]
		t.parts = t.parts[:k.parts[0]]
		return
	}
	if t.wantToks {
		t.toks = append(t.toks, k)
	}
}

type script uint8

const (
	sArabic script = iota
	sLatin
	sDigits
	sOther
)

func scriptOf(ps []piece) script {
	s := sDigits
	for _, p := range ps {
		switch p.cls {
		case cArabic:
			return sArabic
		case cOther:
			return sOther
		case cLatin:
			s = sLatin
		}
	}
	return s
}

// compoundable says whether two hyphen-joined runs form one token. Number
// ranges and scores ("2014-2015", "3-0") stay apart, and so does mixed
// Arabic/Latin, which is almost always a dash used as punctuation.
func compoundable(a, b script) bool {
	if a == b {
		return a != sDigits
	}
	return (a == sLatin && b == sDigits) || (a == sDigits && b == sLatin)
}

// appendPieceNorm appends the normalised form of one piece, keeping only
// letters and digits so a token can never contain spaces or punctuation.
func appendPieceNorm(dst []byte, s string, cls class) []byte {
	start := len(dst)
	for i := 0; i < len(s); i++ {
		if b := s[i]; b >= 0xD8 && b <= 0xDB && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			r := rune(b&0x1F)<<6 | rune(s[i+1]&0x3F)
			i++
			switch f := arabicFold[r-0x600]; {
			case f == drop, f == ',':
			case f == '.':
				if cls == cDigit {
					dst = append(dst, '.')
				}
			case f < utf8.RuneSelf:
				dst = append(dst, byte(f)) // Arabic-Indic digit
			default:
				if c := arabicClass[r-0x600]; c == cArabic || c == cDigit {
					dst = append(dst, byte(0xC0|f>>6), byte(0x80|f&0x3F))
				}
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size - 1
		if r < utf8.RuneSelf {
			switch c := asciiClass[r]; {
			case c == cLatin || c == cDigit:
				dst = appendFold(dst, r)
			case c == cDecimal:
				dst = append(dst, '.')
			}
			continue
		}
		if r >= 0x600 && r <= 0x6FF {
			f := arabicFold[r-0x600]
			switch {
			case f == drop, f == ',':
			case f == '.':
				if cls == cDigit {
					dst = append(dst, '.')
				}
			default:
				if arabicClass[r-0x600] == cArabic || arabicClass[r-0x600] == cDigit {
					dst = utf8.AppendRune(dst, f)
				}
			}
			continue
		}
		var tmp [32]byte
		folded := appendFold(tmp[:0], r)
		for len(folded) > 0 {
			fr, size := utf8.DecodeRune(folded)
			// Keep exactly what the tokenizer reads as part of a word, so a
			// Norm re-tokenizes to itself (U+0149 ŉ folds to ʼn, whose ʼ
			// would split it).
			if c := classOf(fr); c == cArabic || c == cLatin || c == cOther || c == cDigit || (c == cMark && len(dst) > start) {
				dst = append(dst, folded[:size]...)
			}
			folded = folded[size:]
		}
	}
	return dst
}

// kindOf classifies a normalised token.
func kindOf(norm string) Kind {
	digits := true
	for _, r := range norm {
		switch {
		case r >= '0' && r <= '9', r == '.':
		case r < utf8.RuneSelf:
			if r != '-' {
				return Latin
			}
			digits = false
		case unicode.Is(unicode.Latin, r):
			return Latin
		default:
			digits = false
		}
	}
	if digits {
		return Number
	}
	return Word
}
