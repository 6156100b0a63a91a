// Package browsertest drives the reading site (internal/web) in headless
// Chromium: layout direction, the article page's reading order, locale and
// theme switching, phone widths, CSP cleanliness, and screenshots for review
// (NASHRA_SCREENSHOTS=1 writes them to docs/screenshots). The tests skip
// only when /usr/bin/chromium is absent.
package browsertest
