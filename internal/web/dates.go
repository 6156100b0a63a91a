package web

import (
	"html/template"
	"strconv"
	"time"
)

// relativeLimit is how old a time may be and still be shown relatively
// ("16 minutes ago"); older ones get an absolute date.
const relativeLimit = 24 * time.Hour

// when formats t for the reader relative to now: "الآن", "منذ 16 دقيقة",
// "منذ ساعتين", or past a day an absolute day like "١٥-٠٥-٢٠٢٥".
//
// Relative phrases keep Western digits, as the brief's examples do
// ("منذ 16 دقيقة"); absolute dates use the UI's digits.
func (c *catalog) when(t, now time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute: // includes small clock skew into the future
		if d < -5*time.Minute {
			return c.absDate(t, loc)
		}
		return c.T("time.now")
	case d < time.Hour:
		return c.rel("time.minutesAgo", int(d/time.Minute))
	case d < relativeLimit:
		return c.rel("time.hoursAgo", int(d/time.Hour))
	}
	return c.absDate(t, loc)
}

// rel is a plural message with Western digits in {{.N}}.
func (c *catalog) rel(id string, n int) string {
	return c.localize(pluralConfig(id, n, strconv.Itoa(n)))
}

// absDate is DD-MM-YYYY in the UI's digits.
func (c *catalog) absDate(t time.Time, loc *time.Location) string {
	return c.Digits(t.In(loc).Format("02-01-2006"))
}

// timeTag renders t inside <time datetime="RFC3339"> so machines get the
// exact instant whatever the reader sees.
func (c *catalog) timeTag(t, now time.Time, loc *time.Location) template.HTML {
	if t.IsZero() {
		return ""
	}
	full := c.Digits(t.In(loc).Format("02-01-2006 15:04"))
	return template.HTML(`<time datetime="` + t.UTC().Format(time.RFC3339) + `" title="` +
		template.HTMLEscapeString(full) + `">` + template.HTMLEscapeString(c.when(t, now, loc)) + `</time>`)
}
