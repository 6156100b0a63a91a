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
// "كن"/"هن" (feminine plural) are left out: rare in news, and they end
// common nouns (مساكن, مهن).
var pronounSuffixes = []string{"هما", "كما", "هم", "كم", "ها", "نا"}

// inflectionSuffixes are plural, dual, feminine, nisba, adverbial and
// accusative endings, longest first. "ان" is deliberately absent: the
// nominative dual is rare in news while names ending in -ان are everywhere
// (لبنان, ايران, سلمان, البرلمان).
var inflectionSuffixes = []string{"يين", "يون", "يات", "تين", "تان", "ات", "ون", "ين", "يه", "يا", "وا", "ه", "ي", "ا"}

// arabicLen counts letters of a normalised Arabic word (two bytes each).
func arabicLen(s string) int { return len(s) / 2 }

// stemArabic stems a normalised Arabic word.
func stemArabic(w string) string {
	f := lexicon[w]
	if f&fException != 0 {
		return stemExceptions[w]
	}
	if f&fNotArticle != 0 || looksLikeArticle(w) {
		return stemSuffixes(w)
	}
	for _, p := range articles {
		if strings.HasPrefix(w, p) && arabicLen(w)-arabicLen(p) >= 2 {
			rest := w[len(p):]
			if strings.HasSuffix(p, "لل") && lexicon["ل"+rest]&fLamInitial != 0 {
				// لل + لجنة: the article's lam merged with a root lam.
				rest = "ل" + rest
			}
			return stemSuffixes(rest)
		}
	}
	if arabicLen(w)-1 >= minStem && (strings.HasPrefix(w, "و") || strings.HasPrefix(w, "ف")) {
		whole := stemSuffixes(w)
		if lexicon[whole]&fConjRoot != 0 || lexicon[w]&fConjRoot != 0 || conjRootVerb(w) {
			return whole
		}
		w = w[2:]
	}
	if s, ok := stemMasdarAfterPreposition(w); ok {
		return s
	}
	return stemSuffixes(w)
}

// stemMasdarAfterPreposition strips ل/ب before the two word shapes where
// they cannot be root letters because the shape brings its own first
// letter: verbal nouns in ت (لتعزيز, بتطوير, لتعاون, بتاريخ) and nouns
// in م (بمناسبة, لمواجهة, بمدينة). These are the commonest bare
// prepositions in news. Other ب/ل/ك-initial words are left alone: too many
// roots start with them (بلد, لعب, كتب).
func stemMasdarAfterPreposition(w string) (string, bool) {
	if arabicLen(w) < 5 || !(strings.HasPrefix(w, "ل") || strings.HasPrefix(w, "ب")) {
		return "", false
	}
	switch w[2:4] {
	case "ت":
		if s := stemSuffixes(w[2:]); arabicLen(s) >= 5 {
			return s, true
		}
	case "م":
		if s := stemSuffixes(w[2:]); arabicLen(s) >= 4 {
			return s, true
		}
	}
	return "", false
}

// looksLikeArticle reports words that begin like a clitic+article cluster
// but are names or و-initial roots (كاليفورنيا, فالنسيا, والدته): the
// remainder never occurs after a bare "ال" (gen -report article).
func looksLikeArticle(w string) bool {
	if lexicon[w]&fNotArticle != 0 {
		return true
	}
	for _, p := range notArticlePrefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// stemSuffixes strips at most one pronoun suffix and one inflection suffix,
// never leaving fewer than minStem letters.
func stemSuffixes(w string) string {
	switch f := lexicon[w]; {
	case f&fException != 0:
		return stemExceptions[w]
	case f&fProtected != 0:
		return w
	}
	for _, s := range pronounSuffixes {
		if strings.HasSuffix(w, s) && arabicLen(w)-arabicLen(s) >= minStem && pronounFits(w[:len(w)-len(s)], s) {
			w = w[:len(w)-len(s)]
			if strings.HasSuffix(w, "ت") && !strings.HasSuffix(w, "ات") && arabicLen(w)-1 >= minStem {
				// وزارتها: the ta marbuta becomes ت before a pronoun.
				return w[:len(w)-2]
			}
			break
		}
	}
	if lexicon[w]&fProtected != 0 {
		return w
	}
	if s, ok := stemTaMarbutaPronoun(w); ok {
		return s
	}
	for _, s := range inflectionSuffixes {
		if strings.HasSuffix(w, s) && arabicLen(w)-arabicLen(s) >= minStem && inflectionFits(w, w[:len(w)-len(s)], s) {
			w = w[:len(w)-len(s)]
			break
		}
	}
	// Final hamza after alef (وزراء, اعضاء) drops, as it does before a
	// pronoun once ئ is folded (اعضائهم → اعضايهم → اعضا).
	if strings.HasSuffix(w, "اء") && arabicLen(w) > minStem {
		w = w[:len(w)-2]
	}
	return w
}

// stemTaMarbutaPronoun handles a final "ته": in SaudiNewsNet five of six
// such tokens are a ة-noun with the pronoun "his" (زيارته, حكومته, نسبته;
// gen -report teh), so "ته" goes and زيارته meets الزيارة. After ا the
// word is either a plural in ات (قراراته → قرار) or a noun in اة (حياته →
// حيا), told apart by length. Adjectives whose root ends in ت (ثابتة,
// مؤقتة, لافتة) are listed in rootT and keep it.
func stemTaMarbutaPronoun(w string) (string, bool) {
	if !strings.HasSuffix(w, "ته") || arabicLen(w) < 5 {
		return "", false
	}
	if strings.HasSuffix(w, "اته") {
		if arabicLen(w) >= 7 {
			return w[:len(w)-6], true
		}
		return w[:len(w)-4], true
	}
	base := w[:len(w)-4]
	if lexicon[base+"ت"]&fRootT != 0 {
		return "", false
	}
	return base, true
}

// pronounFits rejects pronoun readings that would eat a root: "هم" after ا
// or س (تفاهم, تساهم, اسهم) and "كم" after ا (محاكم, تراكم). A final "نا"
// is "our" in three of four corpus tokens (gen -report na: بلادنا,
// مجتمعنا), but a long vowel before it (مبينا, مليونا, بيانا) or a
// five-letter م-word (معلنا, ممكنا) marks a noun in ن with the accusative
// ا, which the inflection step strips instead.
func pronounFits(rest, suf string) bool {
	last := rest[len(rest)-2:]
	switch suf {
	case "هم":
		return last != "ا" && last != "س"
	case "كم":
		return last != "ا"
	case "نا":
		if last == "ا" || last == "و" || last == "ي" {
			return false
		}
		// مفعل (معلنا, ممكنا) and مفاعل (مواطنا) nouns with the accusative ا.
		if strings.HasPrefix(rest, "م") && (arabicLen(rest) == 3 || arabicLen(rest) == 4 && rest[4:6] == "ا") {
			return false
		}
		return true
	}
	return true
}

// inflectionFits rejects suffix readings that are part of the word.
func inflectionFits(w, rest, suf string) bool {
	switch suf {
	case "ين", "يين", "ون", "يون":
		// تعيين, تأمين (تفعيل of roots in ن); تعاون, تهاون (تفاعل);
		// مضمون, مخزون (مفعول); and imperfect verbs of كون/عين
		// (سيكون, ستكون, يتعين) whose 3-letter remainder starts with a
		// verb prefix.
		if isTafeelMasdar(w) || isMafoolN(w) {
			return false
		}
		if (suf == "ون" || suf == "ين") && arabicLen(rest) == minStem && strings.ContainsAny(rest[:2], "ستيلن") {
			return false
		}
	case "تين", "تان":
		return !strings.HasSuffix(rest, "س") // باكستان, كردستان
	case "يا":
		return !strings.HasSuffix(rest, "ا") // قضايا, هدايا: broken plurals
	}
	return true
}

// isTafeelMasdar recognises the verbal nouns تفعيل of roots ending in ن
// (تعيين, تأمين, تحسين, تدشين, تمكين) and تفاعل of roots ending in ن
// (تعاون, تهاون): their final ين/ون is not a plural.
func isTafeelMasdar(w string) bool {
	if arabicLen(w) != 5 || !strings.HasPrefix(w, "ت") {
		return false
	}
	return w[6:8] == "ي" && w[8:] == "ن" || w[4:6] == "ا" && w[6:] == "ون"
}

// isMafoolN recognises مفعول of roots ending in ن (مضمون, مخزون, مسجون).
func isMafoolN(w string) bool {
	return arabicLen(w) == 5 && strings.HasPrefix(w, "م") && w[6:] == "ون"
}

// verbSuffixes are past-tense subject endings, longest first: a و-initial
// verb (وصلت, وقعوا) is never attested with the article, so its root is
// looked up without them.
var verbSuffixes = []string{"تم", "نا", "وا", "ت", "ا"}

// conjRootVerb reports whether w is a past-tense form of a verb whose root
// starts with و/ف (وصلت, وقعوا, فازت).
func conjRootVerb(w string) bool {
	for _, s := range verbSuffixes {
		if strings.HasSuffix(w, s) && arabicLen(w)-arabicLen(s) >= minStem && lexicon[w[:len(w)-len(s)]]&fConjVerb != 0 {
			return true
		}
	}
	return false
}
