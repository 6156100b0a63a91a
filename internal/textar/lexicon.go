package textar

// lexFlag marks what the hand-curated and generated word lists say about a
// normalised string. All lists are merged into one map so analysing a token
// costs one hash lookup per candidate form instead of one per list.
type lexFlag uint16

const (
	fStopAr      lexFlag = 1 << iota // Arabic stop word
	fStopEn                          // English stop word
	fSurfaceStop                     // stop only when written with final ى
	fProtected                       // suffix-looking ending is part of the word
	fConjRoot                        // leading و/ف is a root letter
	fConjVerb                        // root of a و/ف-initial verb
	fLamInitial                      // ل-initial word (after لل)
	fNotArticle                      // looks like clitic+article, is not
	fException                       // fixed stem in stemExceptions
	fVariant                         // variant spelling in variants
	fRootT                           // word whose root ends in ت (ثابت)
)

var lexicon = map[string]lexFlag{}

func init() {
	add := func(m map[string]bool, f lexFlag) {
		for w := range m {
			lexicon[w] |= f
		}
	}
	add(arabicStopWords, fStopAr)
	add(englishStopWords, fStopEn)
	add(surfaceAlefMaksuraStops, fSurfaceStop)
	add(protectedStems, fProtected)
	add(conjStems, fConjRoot)
	add(conjRootWords, fConjRoot|fConjVerb)
	add(lamInitial, fLamInitial)
	add(notArticle, fNotArticle)
	add(rootT, fRootT)
	for w := range stemExceptions {
		lexicon[w] |= fException
	}
	for w := range variants {
		lexicon[w] |= fVariant
	}
}
