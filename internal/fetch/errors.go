package fetch

import (
	"errors"
	"fmt"
	"time"
)

// Reasons a fetch fails. Every error Get returns is an *Error whose Reason is
// one of these, so callers can test with errors.Is(err, fetch.ErrGone) and log
// a precise cause.
var (
	ErrGone              = errors.New("gone (404/410)")
	ErrRateLimited       = errors.New("rate limited (429)")
	ErrUnavailable       = errors.New("service unavailable (503)")
	ErrServer            = errors.New("server error (5xx)")
	ErrStatus            = errors.New("unexpected HTTP status")
	ErrTooLarge          = errors.New("response body too large")
	ErrTooManyRedirects  = errors.New("too many redirects")
	ErrRedirectLoop      = errors.New("redirect loop")
	ErrRobotsDisallowed  = errors.New("disallowed by robots.txt")
	ErrTimeout           = errors.New("timeout")
	ErrTruncated         = errors.New("body cut short (connection closed before Content-Length)")
	ErrNetwork           = errors.New("network error")
	ErrBlockedNetwork    = errors.New("address not in allowed networks")
	ErrBadURL            = errors.New("invalid URL")
	ErrDecode            = errors.New("cannot decode body")
	ErrUnsupportedScheme = errors.New("unsupported URL scheme")
	ErrNotText           = errors.New("not a text document (image, audio, video or PDF)")
)

// Error is a failed fetch: what failed, where, and what the server said.
type Error struct {
	Reason     error  // one of the Err* values above
	URL        string // URL requested (or the redirect hop that failed)
	Status     int    // HTTP status, 0 when no response arrived
	RetryAfter time.Duration
	Attempts   int
	Err        error // underlying cause, may be nil
}

func (e *Error) Error() string {
	msg := "fetch " + e.URL + ": " + e.Reason.Error()
	if e.Status != 0 {
		msg += fmt.Sprintf(" (status %d)", e.Status)
	}
	if e.RetryAfter > 0 {
		msg += fmt.Sprintf(" (retry after %s)", e.RetryAfter)
	}
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" after %d attempts", e.Attempts)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap exposes both the reason and the cause to errors.Is/As.
func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Reason}
	}
	return []error{e.Reason, e.Err}
}

// RetryAfterOf returns the server's Retry-After carried by err, or 0.
func RetryAfterOf(err error) time.Duration {
	var fe *Error
	if errors.As(err, &fe) {
		return fe.RetryAfter
	}
	return 0
}

// StatusOf returns the HTTP status carried by err, or 0.
func StatusOf(err error) int {
	var fe *Error
	if errors.As(err, &fe) {
		return fe.Status
	}
	return 0
}

// ReasonOf returns the Err* reason of err, or nil if err is not a fetch error.
func ReasonOf(err error) error {
	var fe *Error
	if errors.As(err, &fe) {
		return fe.Reason
	}
	return nil
}

// IsPermanent reports whether err will recur if the same URL is fetched
// again soon: the resource is gone, forbidden, malformed or unusable, as
// opposed to a server or network hiccup, a timeout or a rate limit.
func IsPermanent(err error) bool {
	switch ReasonOf(err) {
	case ErrGone, ErrStatus, ErrTooLarge, ErrTooManyRedirects, ErrRedirectLoop, ErrRobotsDisallowed,
		ErrBlockedNetwork, ErrBadURL, ErrUnsupportedScheme, ErrNotText, ErrDecode:
		return true
	}
	return false
}

// retryable reports whether another attempt could succeed soon. 429 and a 503
// that names a Retry-After are not retried in place: the server told us when
// to come back, and the caller's scheduler honours that.
func (e *Error) retryable() bool {
	switch e.Reason {
	case ErrNetwork, ErrTimeout, ErrServer, ErrTruncated:
		return true
	case ErrUnavailable:
		return e.RetryAfter == 0
	}
	return false
}
