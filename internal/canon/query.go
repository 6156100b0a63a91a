package canon

import (
	"net/url"
	"sort"
	"strings"
)

// trackingParams are query keys (compared lower-cased) that identify a
// campaign or a click, never the article.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "gclsrc": true, "dclid": true, "msclkid": true,
	"yclid": true, "twclid": true, "ttclid": true, "igshid": true, "li_fat_id": true,
	"mc_cid": true, "mc_eid": true, "_ga": true, "_gl": true, "_hsenc": true,
	"_hsmi": true, "mkt_tok": true, "ref": true, "ref_src": true, "ref_url": true,
	"spm": true, "cmpid": true, "xtor": true, "ocid": true, "ncid": true,
	"s_cid": true, "s_kwcid": true, "wt.mc_id": true, "wt_mc": true, "ito": true,
	"sr_share": true, "soc_src": true, "soc_trk": true, "vero_id": true,
	"oly_anon_id": true, "oly_enc_id": true, "rb_clickid": true,
	"fb_action_ids": true, "fb_action_types": true, "fb_source": true, "fb_ref": true,
	"action_object_map": true, "action_type_map": true, "action_ref_map": true,
	"__twitter_impression": true, "hsctatracking": true, "amp_js_v": true,
}

// trackingPrefixes are key prefixes used by analytics suites (Google
// Analytics, AT Internet, Piwik/Matomo).
var trackingPrefixes = []string{"utm_", "at_", "pk_", "mtm_", "__hs"}

// IsTrackingParam reports whether a query key is a tracking parameter that
// Canonicalize removes.
func IsTrackingParam(key string) bool {
	if k, err := url.QueryUnescape(key); err == nil {
		key = k
	}
	k := strings.ToLower(strings.TrimSpace(key))
	if trackingParams[k] {
		return true
	}
	for _, p := range trackingPrefixes {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// canonicalQuery drops empty and tracking pairs, normalises the encoding of
// the rest and sorts them by key then value. Pairs are handled as raw text
// (not url.ParseQuery) so '+' and an escaped '&' inside a value survive.
func canonicalQuery(raw string) string {
	if raw == "" {
		return ""
	}
	type pair struct{ key, full string }
	var pairs []pair
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		part = normalizeEscapes(part, querySafe)
		key := part
		if i := strings.IndexByte(part, '='); i >= 0 {
			key = part[:i]
		}
		if key == "" && part == "=" {
			continue
		}
		if IsTrackingParam(key) {
			continue
		}
		pairs = append(pairs, pair{key, part})
	}
	sort.SliceStable(pairs, func(i, j int) bool {
		if pairs[i].key != pairs[j].key {
			return pairs[i].key < pairs[j].key
		}
		return pairs[i].full < pairs[j].full
	})
	var b strings.Builder
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.full)
	}
	return b.String()
}
