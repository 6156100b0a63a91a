package extract

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/markusmobius/go-dateparser"
)

// metaLayouts are the machine-readable date formats found in meta tags,
// JSON-LD and <time datetime>.
var metaLayouts = []string{
	time.RFC3339Nano, time.RFC3339,
	"2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05.000Z0700", "2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00", "2006-01-02T15:04", "2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05 -07:00", "2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02", "2006/01/02 15:04:05", "2006/01/02",
	time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, "Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST", "20060102", "20060102150405",
}

// parseMetaDate parses a machine-readable date; human-written strings fall
// back to the text date parser, then to go-dateparser (slow, so last).
func parseMetaDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(asciiDigits(s))
	if s == "" || len(s) > 100 {
		return time.Time{}, false
	}
	for _, l := range metaLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	if t, ok := parseTextDate(s); ok {
		return t, true
	}
	cfg := &dateparser.Configuration{Languages: []string{"ar", "en"}, DefaultTimezone: time.UTC}
	if d, err := dateparser.Parse(cfg, s); err == nil && !d.Time.IsZero() {
		return d.Time.UTC(), true
	}
	return time.Time{}, false
}

var (
	gregorianMonths = map[string]int{
		"يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
		"يوليو": 7, "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
		"كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7,
		"اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
		"جانفي": 1, "فيفري": 2, "افريل": 4, "ماي": 5, "جوان": 6, "جويليه": 7, "اوت": 8,
		"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
		"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
		"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
		"sept": 9, "oct": 10, "nov": 11, "dec": 12,
	}
	hijriMonths = map[string]int{
		"محرم": 1, "صفر": 2, "ربيع الاول": 3, "ربيع الاخر": 4, "ربيع الثاني": 4,
		"جمادي الاولي": 5, "جمادي الاول": 5, "جمادي الاخره": 6, "جمادي الثانيه": 6, "جمادي الاخر": 6,
		"رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10, "ذو القعده": 11, "ذي القعده": 11,
		"ذو الحجه": 12, "ذي الحجه": 12,
	}
	reDayMonthYear, reMonthDayYear, reHijri *regexp.Regexp
	reISODate                               = regexp.MustCompile(`\b((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})\b`)
	reDMYNumeric                            = regexp.MustCompile(`\b(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d{2})\b`)
	reClock                                 = regexp.MustCompile(`^\s*(?:[-–—,،|]\s*)?(?:الساعه\s*|at\s*|في\s*)?(\d{1,2}):(\d{2})(?::\d{2})?\s*(am|pm|ص|م|صباحا|مساء|مساءا)?`)
	reURLDate                               = regexp.MustCompile(`/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)`)
)

func monthAlternation(m map[string]int) string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, regexp.QuoteMeta(k))
	}
	// Longest first, so "تشرين الثاني" wins over "اب" and "sept" over "sep".
	sort.Slice(names, func(i, j int) bool {
		if len(names[i]) != len(names[j]) {
			return len(names[i]) > len(names[j])
		}
		return names[i] < names[j]
	})
	return strings.Join(names, "|")
}

func init() {
	g := monthAlternation(gregorianMonths)
	// \b does not work on Arabic letters in RE2, so month names are bounded
	// by spaces, digits or punctuation explicitly.
	reDayMonthYear = regexp.MustCompile(`(?:^|[^\p{L}\d])(\d{1,2})(?:st|nd|rd|th)?\s*(?:من\s+)?(` + g + `)\.?(?:\s*\(\s*[^)]{0,20}\))?\s*[,،]?\s*((?:19|20)\d{2})(?:[^\d]|$)`)
	reMonthDayYear = regexp.MustCompile(`(?:^|[^\p{L}\d])(` + g + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*[,،]?\s*((?:19|20)\d{2})(?:[^\d]|$)`)
	reHijri = regexp.MustCompile(`(?:^|[^\p{L}\d])(\d{1,2})\s*(` + monthAlternation(hijriMonths) + `)\s*[,،]?\s*(1[34]\d{2})`)
}

// parseTextDate finds the first human-written date in s: "الثلاثاء 21
// يوليو 2015", "٢١ يوليو ٢٠١٥", "21 تموز 2015", "July 21, 2015",
// "2015-07-21", "21/07/2015". A Hijri date ("5 شوال 1436هـ") is used only
// when no Gregorian date is present. A clock time right after the date is
// kept.
func parseTextDate(s string) (time.Time, bool) {
	f := fold(s)
	// The month-name patterns are large alternations and slow to search
	// for over a whole page, so they run only on small windows around
	// four-digit years.
	var hijri []int
	last := -1
	for i := 0; i+4 <= len(f); i++ {
		if !isYearAt(f, i) {
			continue
		}
		if f[i] == '1' {
			hijri = append(hijri, i)
			continue
		}
		if i <= last {
			continue
		}
		lo, hi := windowAround(f, i)
		if t, ok := gregorianIn(f[lo:hi]); ok {
			return t, true
		}
		last = i + 4
	}
	for _, i := range hijri {
		lo, hi := windowAround(f, i)
		if m := reHijri.FindStringSubmatch(f[lo:hi]); m != nil {
			d, _ := strconv.Atoi(m[1])
			y, _ := strconv.Atoi(m[3])
			if d >= 1 && d <= 30 {
				return hijriToGregorian(y, hijriMonths[m[2]], d), true
			}
		}
	}
	return time.Time{}, false
}

// isYearAt reports a standalone four-digit year (19xx, 20xx, or Hijri
// 13xx/14xx) at byte i of s.
func isYearAt(s string, i int) bool {
	a, b := s[i], s[i+1]
	if !(a == '1' && (b == '9' || b == '3' || b == '4') || a == '2' && b == '0') {
		return false
	}
	if !isDigit(s[i+2]) || !isDigit(s[i+3]) {
		return false
	}
	return (i == 0 || !isDigit(s[i-1])) && (i+4 == len(s) || !isDigit(s[i+4]))
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// windowAround returns byte bounds of the text a date ending or starting
// at the year at i can occupy, on rune boundaries.
func windowAround(s string, i int) (int, int) {
	lo, hi := max(0, i-64), min(len(s), i+48)
	for lo > 0 && !utf8.RuneStart(s[lo]) {
		lo++
	}
	for hi < len(s) && !utf8.RuneStart(s[hi]) {
		hi++
	}
	return lo, hi
}

// gregorianIn finds the first Gregorian date in a short window, with a
// clock time right after it if there is one.
func gregorianIn(f string) (time.Time, bool) {
	best := -1
	var out time.Time
	try := func(pos int, y, m, d int, rest string) {
		if best >= 0 && pos >= best {
			return
		}
		if m < 1 || m > 12 || d < 1 || d > 31 || y < 1990 {
			return
		}
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if t.Day() != d {
			return // 31 June
		}
		if c := reClock.FindStringSubmatch(rest); c != nil {
			h, _ := strconv.Atoi(c[1])
			mi, _ := strconv.Atoi(c[2])
			switch c[3] {
			case "pm", "م", "مساء", "مساءا":
				if h < 12 {
					h += 12
				}
			case "am", "ص", "صباحا":
				if h == 12 {
					h = 0
				}
			}
			if h < 24 && mi < 60 {
				t = t.Add(time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute)
			}
		}
		best, out = pos, t
	}
	for _, m := range reDayMonthYear.FindAllStringSubmatchIndex(f, 4) {
		d, _ := strconv.Atoi(f[m[2]:m[3]])
		y, _ := strconv.Atoi(f[m[6]:m[7]])
		try(m[2], y, gregorianMonths[f[m[4]:m[5]]], d, f[m[7]:])
	}
	for _, m := range reMonthDayYear.FindAllStringSubmatchIndex(f, 4) {
		d, _ := strconv.Atoi(f[m[4]:m[5]])
		y, _ := strconv.Atoi(f[m[6]:m[7]])
		try(m[2], y, gregorianMonths[f[m[2]:m[3]]], d, f[m[7]:])
	}
	for _, m := range reISODate.FindAllStringSubmatchIndex(f, 4) {
		y, _ := strconv.Atoi(f[m[2]:m[3]])
		mo, _ := strconv.Atoi(f[m[4]:m[5]])
		d, _ := strconv.Atoi(f[m[6]:m[7]])
		try(m[2], y, mo, d, f[m[1]:])
	}
	for _, m := range reDMYNumeric.FindAllStringSubmatchIndex(f, 4) {
		a, _ := strconv.Atoi(f[m[2]:m[3]])
		b, _ := strconv.Atoi(f[m[4]:m[5]])
		y, _ := strconv.Atoi(f[m[6]:m[7]])
		// Arab and European sites write day/month; month/day only when
		// the first number cannot be a month.
		if b > 12 && a <= 12 {
			a, b = b, a
		}
		try(m[2], y, b, a, f[m[1]:])
	}
	return out, best >= 0
}

// hijriToGregorian converts with the arithmetic (tabular) Islamic
// calendar, which can differ from the Umm al-Qura calendar by a day or two;
// good enough for a page that states nothing better.
func hijriToGregorian(y, m, d int) time.Time {
	jdn := d + int(math.Ceil(29.5*float64(m-1))) + (y-1)*354 + (3+11*y)/30 + 1948440 - 1
	// Julian day number to Gregorian (Fliegel & Van Flandern).
	l := jdn + 68569
	n := 4 * l / 146097
	l -= (146097*n + 3) / 4
	i := 4000 * (l + 1) / 1461001
	l = l - 1461*i/4 + 31
	j := 80 * l / 2447
	day := l - 2447*j/80
	l = j / 11
	month := j + 2 - 12*l
	year := 100*(n-49) + i + l
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// urlDate reads a /2015/07/21/ style date from an article URL path.
func urlDate(path string) (time.Time, bool) {
	m := reURLDate.FindStringSubmatch(path)
	if m == nil {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC), true
}

var dateLineWords = map[string]bool{
	"نشر": true, "في": true, "بتاريخ": true, "تاريخ": true, "النشر": true, "اخر": true, "تحديث": true,
	"published": true, "updated": true, "on": true, "posted": true, "last": true, "الموافق": true,
	"السبت": true, "الاحد": true, "الاثنين": true, "الثلاثاء": true, "الاربعاء": true, "الخميس": true,
	"الجمعه": true, "saturday": true, "sunday": true, "monday": true, "tuesday": true,
	"wednesday": true, "thursday": true, "friday": true, "هـ": true, "ه": true, "م": true, "ص": true,
	"am": true, "pm": true, "gmt": true, "utc": true, "at": true, "الساعه": true, "-": true, "|": true,
}

// isDateLine reports a block that only states a date ("نشر في: الثلاثاء
// 21 يوليو 2015 - 10:30 م").
func isDateLine(s string) bool {
	if _, ok := parseTextDate(s); !ok {
		return false
	}
	for _, w := range strings.Fields(fold(s)) {
		w = strings.Trim(w, ",،:()[]|-–—.")
		if w == "" || dateLineWords[w] || !hasLetter(w) || strings.ContainsAny(w, "0123456789") {
			continue
		}
		if _, ok := gregorianMonths[w]; ok {
			continue
		}
		if _, ok := hijriMonths[w]; ok {
			continue
		}
		if w == "كانون" || w == "تشرين" || w == "الاول" || w == "الثاني" || w == "ربيع" || w == "جمادي" ||
			w == "الاخر" || w == "الاخره" || w == "الاولي" || w == "الثانيه" || w == "ذو" || w == "ذي" ||
			w == "القعده" || w == "الحجه" {
			continue
		}
		return false
	}
	return true
}

func hasLetter(s string) bool {
	for _, r := range s {
		if r >= 'a' && r <= 'z' || isArabicLetter(r) {
			return true
		}
	}
	return false
}
