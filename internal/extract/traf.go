package extract

import (
	"net/url"

	"github.com/markusmobius/go-htmldate"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// noDate tells trafilatura to skip its own date search: we read dates
// ourselves, and htmldate's full scan is the slowest part of its run.
var noDate = &htmldate.Result{}

// trafConfig keeps trafilatura from falling back to its "baseline" (all the
// text of the page, chrome included) when its extraction is short: a short
// article is better than a page of menus, and our fast pass is the
// fallback.
var trafConfig = func() *trafilatura.Config {
	c := trafilatura.DefaultConfig()
	c.MinExtractedSize = 1
	return c
}()

// trafilaturaBlocks runs go-trafilatura on the (already pruned) document
// and converts its output tree to blocks.
func trafilaturaBlocks(doc *html.Node, base *url.URL) []block {
	res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{
		Config:           trafConfig,
		OriginalURL:      base,
		ExcludeComments:  true,
		IncludeImages:    true,
		IncludeLinks:     true,
		Focus:            trafilatura.Balanced,
		HtmlDateOverride: noDate,
	})
	if err != nil || res == nil || res.ContentNode == nil {
		return nil
	}
	c := newCollector(base)
	c.collect(res.ContentNode)
	c.flush()
	return c.blocks
}
