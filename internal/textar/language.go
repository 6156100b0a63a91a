package textar

import "unicode/utf8"

// englishFunctionWords are the most frequent English words; running text
// is around 40% these, other Latin-script languages rarely above 5%.
var englishFunctionWords = fields(`
the of and to in a is for on that with was as by it at from he be has have are
said an his this but not were which will they its had who their been after more
would there also than into about her she we you up out new one all over when can
`)

// otherLatinFunctionWords are frequent words of other Latin-script
// languages nashra might meet in feeds (French, Spanish, Portuguese,
// German, Italian, Dutch, Turkish, Indonesian) and that are not English words.
var otherLatinFunctionWords = fields(`
le la les des du et est une pour dans sur qui que pas avec au aux ce cette sont il
el los las por con para del se una lo como mas pero sus le
os da do em um uma não com uma pelo pela
der die das und ist nicht mit den dem sich auf ein eine zu von für wird
il di che è della per gli sono nel alla
het een van niet ook zijn voor op
ve bir bu ile da için olarak
yang dan di dengan untuk dari ini itu
`)

// maxDetectLetters bounds the work DetectLanguage does on long texts: the
// first few thousand letters decide.
const maxDetectLetters = 4000

// DetectLanguage says whether s is Arabic ("ar") or English ("en"), the
// languages nashra serves, or "" when it is neither or too little to tell.
// Script decides first (Arabic letters outnumbering Latin ones mean
// Arabic, even with embedded brand names); Latin text must then look
// English: English function words must outnumber other languages' and, in
// longer texts, make up a real share of the words.
func DetectLanguage(s string) string {
	var arabic, latin, other, letters int
	var ew, ow, words int
	var accented int
	var word [24]byte
	wl := 0
	flush := func() {
		if wl == 0 {
			return
		}
		if wl <= len(word) {
			w := string(word[:wl])
			words++
			if englishFunctionWords[w] {
				ew++
			} else if otherLatinFunctionWords[w] {
				ow++
			}
		}
		wl = 0
	}
	for i := 0; i < len(s) && letters < maxDetectLetters; {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch classOf(r) {
		case cArabic:
			arabic++
			letters++
			flush()
		case cLatin:
			latin++
			letters++
			if r < utf8.RuneSelf {
				if wl < len(word)+1 {
					if wl < len(word) {
						word[wl] = byte(r | 0x20)
					}
					wl++
				}
			} else {
				accented++
				wl = len(word) + 1 // not an English function word
			}
		case cOther:
			other++
			letters++
			flush()
		case cApos, cMark:
		default:
			flush()
		}
	}
	flush()
	switch {
	case letters == 0:
		return ""
	case arabic*10 >= letters*3 && arabic*2 >= other:
		// English text almost never contains Arabic letters, while Arabic
		// headlines are often half brand names («ZTE» تطلق هاتف «Axon Pro»),
		// so a substantial Arabic share decides.
		return "ar"
	case latin*2 < letters:
		return ""
	}
	if words >= 8 {
		// Running text: English needs a real share of function words and
		// few accented letters (French, German, Spanish have many).
		if ow > ew || ew*100 < words*12 || accented*100 > latin*2 {
			return ""
		}
		return "en"
	}
	// Short texts (headlines) carry few function words; a single foreign
	// one is often a name ("El Guerrouj", "Van Gogh"), so it takes two.
	if ow > ew && ow >= 2 || accented > 0 && ew == 0 {
		return ""
	}
	return "en"
}
