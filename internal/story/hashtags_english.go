package story

import "strings"

// English has no article prefix to tell a noun (the test Arabic topic
// words pass, definiteNoun); headlines are made of verbs and adjectives
// ("Lewis-Francis eyeing world gold", "Landmark movies of 2004 hailed").
// A single lower-case English word is a topic only if it does not look like
// a verb form or an adjective; capitalised words are names and pass.
var englishNonTopics = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`says say said died dies hits hit backs back faces face eyes eye rues rue quits quit dies die
		blame blames help helps build builds clinch clinches set sets gets get takes take issues attack attacks raise raises
		sees see boost boosts cut cuts make makes made win wins won warns warn calls call urges urge plans plan seeks seek
		hails hail fears fear denies deny vows vow slams slam tops top leads lead rises rise falls fall soars soar
		hard extra cautious confident latest huge new big biggest major key final first last late early
		tough strong weak high low wide fresh full open bid bids move moves row rows push pushes bar bars
		look looks reveal reveals show shows go goes come comes keep keeps hold holds give gives put puts
		more most less least many much further better best worse worst possible likely unlikely`) {
		m[w] = true
	}
	return m
}()

// englishTopicWord reports whether a one-word English tag can name a
// topic: names (capitalised) always, lower-case words unless they look
// like verbs (-ed, -ing), adverbs (-ly), or are headline verbs/adjectives.
func englishTopicWord(w string) bool {
	if w == "" || strings.Contains(w, "_") {
		return true // phrases are judged as phrases
	}
	if c := w[0]; c < 'a' || c > 'z' {
		return true // a capitalised word or another script
	}
	lw := strings.ToLower(w)
	if englishNonTopics[lw] {
		return false
	}
	verbish := strings.HasSuffix(lw, "ed") && !strings.HasSuffix(lw, "eed") || // speed, greed are nouns
		strings.HasSuffix(lw, "ing") || strings.HasSuffix(lw, "ly")
	if len(lw) >= 5 && verbish {
		return false
	}
	return true
}
