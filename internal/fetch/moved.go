package fetch

import "net/http"

// permanentTarget returns where resp says the requested resource now lives:
// the final URL when every redirect followed to reach resp was permanent
// (301 or 308), and "" when there was no redirect or any hop was temporary
// (302, 303, 307). A temporary hop anywhere means the publisher may send us
// elsewhere next time, so the original URL stays the one to ask.
func permanentTarget(resp *http.Response) string {
	req := resp.Request
	if req == nil || req.Response == nil {
		return ""
	}
	// Each request made by following a redirect points at the response
	// that caused it; walking back visits every hop of the chain.
	for r := req; r != nil && r.Response != nil; r = r.Response.Request {
		switch r.Response.StatusCode {
		case http.StatusMovedPermanently, http.StatusPermanentRedirect:
		default:
			return ""
		}
	}
	u := *req.URL
	// A fragment in Location is client-side only; feed URLs are stored
	// without one (see parseTarget).
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}
