package textar

import "strings"

// arabicStopWords are Arabic function words in normalised form: particles,
// prepositions (alone and with attached pronouns), pronouns,
// demonstratives, relatives, auxiliaries and the reporting verbs that open
// most wire copy. Curated for news by corpus frequency, informed by the
// arabic-stopwords list but deliberately without its content words (month
// names, currencies, numbers, "زيارة", "شمال") that readers search for.
var arabicStopWords = fields(`
في من الي علي عن مع حتي منذ مذ عند لدي لدي حول خلال بين ضد نحو دون بدون غير سوي
عبر تجاه قبل بعد فوق تحت امام خلف وراء ضمن عدا حيال لدن اثر عقب جراء ازاء لدي
منه منها منهم منهما منكم منا مني منك فيه فيها فيهم فيهما فينا فيك فيكم
عليه عليها عليهم عليهما علينا عليك عليكم اليه اليها اليهم اليهما الينا اليك اليكم
عنه عنها عنهم عنهما عنا معه معها معهم معهما معنا معك عنده عندها عندهم عندنا
له لها لهم لهما لنا لك لكم لي به بها بهم بهما بنا بي بك بكم
بينه بينها بينهم بينهما بيننا قبله بعده بعدها قبلها
انا نحن انت انتم انتما انتن هو هي هم هما هن اياه اياها اياهم اياك ايانا
هذا هذه هذان هاتان هذين هاتين هولاء ذلك تلك ذاك ذلكم اوليك هناك هنا هنالك
الذي التي الذين اللذان اللتان اللذين اللتين اللاتي اللواتي اللايي
و ف ثم او ام بل لكن لكنه لكنها لكنهم ان انه انها انهم انما اذ اذا اذن لو لولا
لم لن لا ما ماذا لماذا ليس ليست قد لقد سوف كما كذلك حيث حين حينما عندما بينما كي
لكي لان لانه لانها لذلك لذا اما الا اي ايضا فقط حتي كل كلا كلتا بعض جميع
عده ولا يا هل مثل مما ممن عما فيما بما بان بانه بانها كان كانت يكون تكون كانوا
يكونون اصبح اصبحت صار ظل مازال لازال يزال تزال زال لايزال
قال قالت يقول تقول اضاف اضافت اوضح اشار اشارت اكد اكدت
بشكل بسبب وفقا وفق ربما حسبما طالما لاسيما سيما حينما كلما مهما عندما بينما
متي اين كيف كم لدي سوي الان كذا هكذا نفس ذات عليه
ال لل
تم يتم يمكن احد احدي اخري اخر اخرين اخرون عدم عدد كافه نفسه نفسها نفسهم
مشيرا مضيفا موضحا موكدا لافتا منوها مبينا
`)

// surfaceAlefMaksuraStops are stop words only when written with a final ى:
// "على"/"إلى" are prepositions, but "علي" (Ali) and "آلي" (automatic)
// fold to the same form and are content words.
var surfaceAlefMaksuraStops = map[string]bool{"علي": true, "الي": true}

// englishStopWords is the classic English function-word list (Lucene's and
// Snowball's core), with apostrophes removed as the tokenizer removes them.
var englishStopWords = fields(`
a about above after again against all am an and any are arent as at be because been
before being below between both but by cant cannot could couldnt did didnt do does
doesnt doing dont down during each few for from further had hadnt has hasnt have
havent having he hed hell hes her here heres hers herself him himself his how hows i
id ill im ive if in into is isnt it its itself lets me more most mustnt my myself no
nor not of off on once only or other ought our ours ourselves out over own same shant
she shed shell shes should shouldnt so some such than that thats the their theirs
them themselves then there theres these they theyd theyll theyre theyve this those
through to too under until up us very was wasnt we wed well were weve werent what whats
when whens where wheres which while who whos whom why whys with wont would wouldnt
you youd youll youre youve your yours yourself yourselves also said says will just
can may might must shall its
`)

func fields(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// IsStopWord reports whether a normalised token is an Arabic or English
// stop word. Single Arabic letters (stray clitics like "و", "ب" and the
// "م"/"هـ" after years) are stop words too. A conjunction و/ف in front of
// an Arabic stop word ("وهو", "فقد") still makes a stop word.
func IsStopWord(norm string) bool {
	if norm == "" {
		return true
	}
	return lexicon[norm]&(fStopAr|fStopEn|fSurfaceStop) != 0 || arabicClitStop(norm)
}

// arabicClitStop covers the Arabic stop words no list holds: single letters
// and a conjunction و/ف glued to a stop word.
func arabicClitStop(norm string) bool {
	if !isArabicLetterRun(norm) {
		return false
	}
	if len(norm) == 2 {
		return true
	}
	return len(norm) > 2 && (norm[:2] == "و" || norm[:2] == "ف") && lexicon[norm[2:]]&fStopAr != 0
}

// isArabicLetterRun reports whether s consists only of two-byte Arabic-block
// runes, which is what a normalised Arabic word is.
func isArabicLetterRun(s string) bool {
	if len(s)%2 != 0 {
		return false
	}
	for i := 0; i < len(s); i += 2 {
		if s[i] != 0xD8 && s[i] != 0xD9 && s[i] != 0xDA && s[i] != 0xDB {
			return false
		}
	}
	return true
}
