package textar

import "strings"

// Arabic light stemming, after Larkey's Light10 (as in Lucene and bleve)
// with the over-stemming fixed: stems keep at least minStem letters, a
// leading و/ف is stripped only when it cannot be a root letter, and
// suffixes that end frequent names and loanwords ("لبنان", "قانون",
// "البحرين") are protected. All clitic forms of a word must reach the same
// stem: المملكة, والمملكة, بالمملكة, للمملكة → "مملك".

// minStem is the shortest stem any stripping may leave, in letters.
const minStem = 3

// articles are the definite-article clusters, longest first so "وال" wins
// over "ال". After one of them no conjunction can follow.
var articles = []string{"وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال"}

// pronounSuffixes are attached object/possessive pronouns, longest first.
var pronounSuffixes = []string{"هما", "كما", "كن", "هم", "هن", "كم", "ها", "نا"}

// inflectionSuffixes are plural, dual, feminine and nisba endings, longest
// first. "ان" is deliberately absent: the nominative dual is rare in news
// while names ending in -ان are everywhere (لبنان, ايران, سلمان, البرلمان).
var inflectionSuffixes = []string{"يين", "يون", "يات", "تين", "تان", "ات", "ون", "ين", "يه", "ه", "ي"}

// arabicLen counts letters of a normalised Arabic word (two bytes each).
func arabicLen(s string) int { return len(s) / 2 }

// stemArabic stems a normalised Arabic word.
func stemArabic(w string) string {
	if s, ok := stemExceptions[w]; ok {
		return s
	}
	articled := false
	for _, p := range articles {
		if strings.HasPrefix(w, p) && arabicLen(w)-arabicLen(p) >= 2 {
			rest := w[len(p):]
			if strings.HasSuffix(p, "لل") && lamInitial["ل"+rest] {
				// لل + لجنة: the article's lam merged with a root lam.
				rest = "ل" + rest
			}
			w = rest
			articled = true
			break
		}
	}
	if !articled && arabicLen(w)-1 >= minStem && (strings.HasPrefix(w, "و") || strings.HasPrefix(w, "ف")) && !conjProtected(w) {
		w = w[2:]
	}
	if s, ok := stemExceptions[w]; ok {
		return s
	}
	if protectedStems[w] {
		return w
	}
	pronoun := false
	for _, s := range pronounSuffixes {
		if strings.HasSuffix(w, s) && arabicLen(w)-arabicLen(s) >= minStem {
			w = w[:len(w)-len(s)]
			pronoun = true
			break
		}
	}
	if pronoun && strings.HasSuffix(w, "ت") && !strings.HasSuffix(w, "ات") && arabicLen(w)-1 >= minStem {
		// وزارتها: the ta marbuta becomes ت before a pronoun.
		return w[:len(w)-2]
	}
	if protectedStems[w] {
		return w
	}
	for _, s := range inflectionSuffixes {
		if strings.HasSuffix(w, s) && arabicLen(w)-arabicLen(s) >= minStem {
			if (s == "ين" || s == "يين") && isTafeelMasdar(w) {
				break
			}
			w = w[:len(w)-len(s)]
			break
		}
	}
	return w
}

// isTafeelMasdar recognises the form-II verbal noun تفعيل of roots ending in
// ن (تعيين, تأمين, تحسين, تدشين, تمكين): its final ين is not a plural.
func isTafeelMasdar(w string) bool {
	return arabicLen(w) == 5 && strings.HasPrefix(w, "ت") && w[6:8] == "ي"
}

// conjProtected reports whether the leading و/ف of w is a root letter
// rather than the conjunction "and"/"so": some known stem of 3–6 letters
// starting with it is a prefix of w (وزارات, وزارتها ← "وزار"; وصلت ← "وصل").
func conjProtected(w string) bool {
	for n := minStem; n <= 6 && 2*n <= len(w); n++ {
		if conjRootWords[w[:2*n]] {
			return true
		}
	}
	return false
}
