package extract

// cleanBlocks drops chrome blocks the DOM pruning missed: boilerplate
// phrases, link lists after a "related"/"most read" label, link-only
// lines, the repeated headline, and bylines or date lines at the edges of
// the story.
func cleanBlocks(bs []block, title, author string) []block {
	out, _ := cleanBlocksByline(bs, title, author)
	return out
}

// cleanBlocksByline is cleanBlocks that also returns the text of a byline
// block it dropped ("بقلم: فلان"), for pages that name the author nowhere
// else.
func cleanBlocksByline(bs []block, title, author string) ([]block, string) {
	byline := ""
	titleF := fold(title)
	authorF := chromeTrimmed(fold(author))
	textBlocks := 0
	for i := range bs {
		if bs[i].kind != kindImage {
			textBlocks++
		}
	}
	out := make([]block, 0, len(bs))
	// inSection: after a chrome label, link lists go too. cards: the label
	// stood alone, so "related story" cards (a linked headline, then a
	// short summary without links) go as well.
	inSection, cards, afterLink := false, false, false
	pos := -1
	prev := ""
	for i := range bs {
		b := &bs[i]
		if b.kind == kindImage {
			if !inSection {
				out = append(out, *b)
			}
			continue
		}
		pos++
		words := wordCount(b.text)
		ld := b.linkDensity()
		if inSection {
			if b.kind == kindItem || ld > 0.5 || (words <= 12 && ld > 0.2) {
				afterLink = true
				continue
			}
			if cards && afterLink && words <= 40 && ld == 0 {
				afterLink = false
				continue
			}
			inSection = false
		}
		if isChrome(b.text) {
			if isSectionMarker(b.text) {
				inSection, afterLink = true, false
				cards = words <= 4 && b.linkRunes == 0
			}
			continue
		}
		if pos < 3 && titleF != "" && words <= 40 && fold(b.text) == titleF {
			continue
		}
		// A line that is all link: "read also" teasers, tag links, sources.
		if ld > 0.7 && words <= 40 {
			continue
		}
		edge := pos < 3 || pos >= textBlocks-2
		if edge && words <= 12 && b.kind != kindItem {
			f := chromeTrimmed(fold(b.text))
			if reByline.MatchString(f) {
				if byline == "" {
					byline = b.text
				}
				continue
			}
			if (authorF != "" && (f == authorF || f == "بقلم "+authorF)) || isDateLine(b.text) {
				continue
			}
		}
		if b.text == prev {
			continue
		}
		prev = b.text
		out = append(out, *b)
	}
	return out, byline
}
