package story

import (
	"github.com/nashra/nashra/internal/gazetteer"
	"github.com/nashra/nashra/internal/textar"
)

// The fill-up tier: an article the regular tiers leave with fewer than
// minTags hashtags gets candidates on weaker evidence, until it has
// minTags. Weaker evidence is fine there: a list of one tag says little,
// and each relaxed rule is a milder version of a rule that already holds
// (an entity named twice rather than three times, a phrase word in 2.5% of
// articles rather than 1.2%), so what it adds is of the same kind. Rules
// that proved noisy when relaxed stay strict: headline names (a word in
// 1% of articles is as often a verb or an adjective as a name) and topic
// words from the body alone.
const (
	relaxedTitleTopicDF = 0.06
	relaxedTopicDF      = 0.025
)

// fill tops l up to minTags from the relaxed tiers, in order of trust:
// entities, known collocations, noun phrases, headline topic words, and
// the place the lead names. A candidate whose words a chosen tag already
// covers adds nothing and is skipped.
func (s *state) fill(l *tagList, d *doc, p *prepared) {
	tiers := []struct {
		name  string
		cands func() []tagCand
	}{
		{"fill-entity", func() []tagCand { return s.entityCands(d, p, true) }},
		{"fill-colloc", func() []tagCand { return s.collocCands(p) }},
		{"fill-phrase", func() []tagCand { return s.phraseCands(p, true) }},
		{"fill-topic", func() []tagCand { return s.topicCands(d, p, true) }},
		{"fill-lead", func() []tagCand { return s.leadPlace(p) }},
	}
	for _, tier := range tiers {
		l.tier = tier.name
		for _, c := range tier.cands() {
			if len(l.out) >= minTags {
				return
			}
			if l.coveredBy(c.stems) {
				continue
			}
			l.push(c)
		}
	}
}

// leadPlace proposes the first place the lead names past the dateline, even
// once: where a local story happens ("تبوك", "جازان") is what its lead
// says first. Only one, and only as the last resort of the fill-up tier.
func (s *state) leadPlace(p *prepared) []tagCand {
	for _, id := range p.tagPrep.leadList {
		e := s.e.gaz.Entity(id)
		if e == nil || e.Kind != gazetteer.Place || blockedEntity(e) {
			continue
		}
		if float64(e.Freq) > 0.25*float64(s.e.prior.docs) || honorificEntities[textar.Normalize(e.Name)] {
			continue
		}
		return []tagCand{{e.Hashtag(), 0.3, textar.Analyze(e.Name, e.Lang)}}
	}
	return nil
}
