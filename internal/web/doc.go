// Package web is nashra's reading site: server-rendered HTML pages in Arabic
// (default, RTL) and English (under /en/), outgoing feeds, sitemaps and
// robots.txt. Everything it serves — templates, message catalogues, CSS, the
// tiny deferred script and the web fonts — is embedded in the binary.
//
// Routes (each page also exists under /en/ with the English UI):
//
//	GET /                       home: top stories, latest (?before=cursor), trending, sections
//	GET /article/{id}           article: title, source+date, image, body, hashtags,
//	                            [AI box, comments slots], related, story link, original, duplicates
//	GET /source/{id}            a publisher's latest articles and crawl health
//	GET /sources                every publisher with health
//	GET /hashtag/{tag}          latest articles carrying a hashtag
//	GET /story/{id}             full coverage: every outlet's version, timeline, first reporter, wire copies
//	GET /search?q=&page=        search (only when Config.Search is set)
//	GET /about                  credits: publishers, datasets, font licence
//	GET /feed.{xml,atom,json}   RSS 2.0, Atom, JSON Feed — also under /source/{id}/,
//	                            /hashtag/{tag}/ and /story/{id}/
//	GET /search/suggest?q=      JSON completions for the search box script
//	GET /theme?set=&next=       no-JS theme switch (cookie), back to next
//	GET /static/...             content-hashed assets, cached immutably
//	GET /robots.txt, /sitemap.xml, /sitemap-news.xml
//
// Language comes from the URL only; Accept-Language is consulted once, on a
// reader's first visit to "/". Rendered pages are cached for a few seconds
// per language, theme and URL, and the store reads behind them are shared by
// all variants, with concurrent misses coalesced.
package web
