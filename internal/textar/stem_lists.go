package textar

// conjRootWords are stems (and frequent words) whose leading و or ف belongs
// to the root, so it must not be taken for the conjunction: "وزارات" stems
// to "وزار", never "زار" (visited). Grown from corpus counts: each entry is
// attested with the definite article ("الوزارة"), which a conjunction could
// never precede.
var conjRootWords = fields(`
وزار وزير وزراء وطن وطني وقت وقع وفد وفاه وصل وضع ولايه ولايات والد والده وجه
وجود وحده وسط وسايل وكاله وكالات ورد وعد وفق وقف ولد وثيق وظيف واقع واجب واضح
وادي ورش وصول وضوح ولي ولاء وفير وافد وثاي وثايق وحد وحدات وحيد ورق ورقه وزن
فريق فرنس فلسطين فتره فرع فرص فرصه فرد فكر فعل فوز فيلم فن فصل فتح فيه فندق
فيديو فايز فضل فقط فيس فرق فرقه فكره فعال فعاليات فيروس فلاح فقر فقير فقه
فساد فراغ فشل فوري فيصل فهد فواز فالح فاطمه فيفا فيسبوك فلوس
فيينا فلوريدا فنزويلا فيتنام فنلندا فرنسا فرجينيا الفلبين فيلادلفيا فيراري
فورد فودافون واشنطن ويلز وارسو ويكيليكس ويندوز واتساب
`)

// protectedStems are words whose apparent suffix is part of the word:
// names and loanwords that would otherwise collapse onto an unrelated
// stem (البحرين → "بحر" sea, بوتين → "بوت", كاميرون → "كامير" of
// كاميرات cameras, قانون → "قان", مليون → "ملي"). Each is frequent in
// SaudiNewsNet (see gen -report suffix).
var protectedStems = fields(`
بحرين فلسطين ياسين حسين بوتين برلين بنيامين فيتامين روتين بروتين لاتين
قانون قوانين مليون ملايين تريليون تلفزيون زيتون صالون كانون هارون فرعون ليمون
ابها كلينتون كاميرون جونسون اشتون امازون نيوتن ايفرتون
الله
`)

// stemExceptions map whole normalised words to a fixed stem where the rules
// cannot know better.
var stemExceptions = map[string]string{
	"الله":  "الله",
	"والله": "الله",
	"بالله": "الله",
	"فالله": "الله",
	// Parents: the ة of والدة before a pronoun, and names that the
	// accusative -ا rule would turn into common words (صنعا → "صنع" made,
	// درعا → "درع" shield).
	"والده":  "والد",
	"والدته": "والد",
	"والدتي": "والد",
	"والدتك": "والد",
	"صنعا":   "صنعا",
	// Sport (رياضة, رياضي) must not fall onto Riyadh (الرياض).
	"رياضه":   "رياضه",
	"رياضي":   "رياضه",
	"رياضيه":  "رياضه",
	"رياضيين": "رياضه",
	"رياضيون": "رياضه",
	"رياضات":  "رياضه",
	"صنعاء":   "صنعا",
	"درعا":    "درعا",
}

// lamInitial are frequent words starting with ل: after "لل" the article's
// lam has merged with theirs (للجنة = ل + اللجنة), so the ل is restored.
var lamInitial = fields(`
لجنه لجان لقاء لاعب لاعبين لاعبي لعب لعبه لحظه لغه ليبيا لبنان لندن ليل ليله
لحوم لقب لواء لوايح لايحه
`)

// notArticle and notArticlePrefixes are words whose opening كال/فال/بال/وال
// is not a clitic plus the article: frequent in SaudiNewsNet with a
// remainder never seen after a bare "ال" (gen -report article).
var notArticle = fields(`
والد والده والدي والديه والديها والديهم والدهما والدنا والدهم والدا
بالكاد بالونات بالون فالنسيا بالنسيا فالكاو باليرمو بالوتيلي فاليري بالدوين
فالفيك
`)

var notArticlePrefixes = []string{"كاليفورني", "والدت"}

// rootT are frequent words whose root ends in ت, so a following ه is their
// ta marbuta, not "his" (ثابتة, مؤقتة, لافتة, صامتة; gen -report teh).
var rootT = fields(`
ثابت موقت متفاوت لافت صامت مثبت صوت بصوت ميت مبيت سكوت نابت باهت شامت ساكت
ملفت متثبت منصت مبتوت
`)
