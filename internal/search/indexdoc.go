package search

import (
	"strings"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/textar"
)

// IndexDoc analyses an article into the token text the store indexes. It is
// the only place index text is made, and it uses the same textar.Analyze as
// Parse, so a query and a document that a reader would call the same
// spelling produce the same tokens.
//
// Source holds the source ID plus any names given (the store knows display
// names, the article does not), so source:… is a filter and the outlet's
// name is still findable as a word.
func IndexDoc(a *news.Article, sourceNames ...string) *news.IndexDoc {
	lang := a.Language
	if lang == "" {
		lang = "ar"
	}
	tags := make([]string, len(a.Hashtags))
	for i, t := range a.Hashtags {
		// Hashtags join words with '_'; index the words.
		tags[i] = strings.ReplaceAll(t, "_", " ")
	}
	source := a.SourceID
	if len(sourceNames) > 0 {
		source += " " + strings.Join(sourceNames, " ")
	}
	return &news.IndexDoc{
		Title:  analyzed(a.Title, lang),
		Body:   analyzed(a.BodyText, lang),
		Author: analyzed(a.Author, lang),
		Source: analyzed(source, lang),
		Tags:   analyzed(strings.Join(tags, " "), lang),
	}
}

func analyzed(s, lang string) string {
	if s == "" {
		return ""
	}
	return strings.Join(textar.Analyze(s, lang), " ")
}
