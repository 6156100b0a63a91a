package textar

// variants folds competing spellings of frequent names and loanwords (as
// stems) to one form, so "ترمب" finds "ترامب". Each pair is justified by
// corpus counts in variants_test.go.
var variants = map[string]string{
	"ترمب":     "ترامب",
	"اميرك":    "امريك",
	"اميركي":   "امريك",
	"امريكي":   "امريك",
	"نتانياهو": "نتنياهو",
	"اردوجان":  "اردوغان",
	"واشنطون":  "واشنطن",
}
