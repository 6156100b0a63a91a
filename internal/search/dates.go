package search

import (
	"strconv"
	"strings"
	"time"
)

// parseDate reads a filter date in the forms readers type: 2015-07-25,
// 2015/07/25, 2015.07.25, 25-07-2015, 25/07/2015, 2015-07, 07/2015, 2015,
// with Western or Arabic-Indic digits. It returns the start of the period
// (UTC): after: includes it, before: excludes it.
func parseDate(s string) (start time.Time, ok bool) {
	s = strings.TrimSpace(asciiDigits(s))
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' || r == '_' })
	nums := make([]int, 0, len(parts))
	for _, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return start, false
		}
		nums = append(nums, n)
	}
	var y, m, d int
	switch {
	case len(nums) == 1 && len(parts[0]) == 4:
		y = nums[0]
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), validYear(y)
	case len(nums) == 2 && len(parts[0]) == 4:
		y, m = nums[0], nums[1]
	case len(nums) == 2 && len(parts[1]) == 4:
		y, m = nums[1], nums[0]
	case len(nums) == 3 && len(parts[0]) == 4:
		y, m, d = nums[0], nums[1], nums[2]
	case len(nums) == 3 && len(parts[2]) == 4:
		y, m, d = nums[2], nums[1], nums[0]
	default:
		return start, false
	}
	if !validYear(y) || m < 1 || m > 12 {
		return start, false
	}
	if d == 0 {
		return time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC), true
	}
	start = time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if start.Day() != d { // 2015-02-30 normalised into March: reject
		return time.Time{}, false
	}
	return start, true
}

func validYear(y int) bool { return y >= 1900 && y <= 2200 }
