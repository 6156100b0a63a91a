package fetch

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// parseRetryAfter reads a Retry-After header: delta-seconds or an HTTP date.
// A date in the past yields 0; garbage yields 0 (no advice).
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		// Cap absurd values so a typo cannot stop a feed for years.
		if n > int64(maxRetryAfter/time.Second) {
			return maxRetryAfter
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d <= 0 {
			return 0
		}
		if d > maxRetryAfter {
			return maxRetryAfter
		}
		// HTTP dates have second precision; round up so we never come back
		// a fraction of a second early.
		return d.Truncate(time.Second) + time.Second
	}
	return 0
}

const maxRetryAfter = 7 * 24 * time.Hour

// backoff returns the wait before retry number attempt (1-based): base·2^(n-1)
// capped at max, with "equal jitter" (half fixed, half random) so many
// crawlers retrying one host spread out yet never retry immediately.
func backoff(attempt int, base, max time.Duration) time.Duration {
	if base <= 0 {
		return 0
	}
	d := base
	for i := 1; i < attempt && d < max; i++ {
		d *= 2
	}
	if max > 0 && d > max {
		d = max
	}
	half := d / 2
	return half + time.Duration(rand.Int64N(int64(half)+1))
}
