package feed

import "time"

// finish applies the rules every format shares: one entry per GUID and per
// URL (first wins, as feeds list newest first), and no dates in the future.
func finish(f *Feed, now time.Time) {
	seenGUID := make(map[string]bool, len(f.Items))
	seenURL := make(map[string]bool, len(f.Items))
	limit := now.Add(FutureSlack)
	out := f.Items[:0]
	for _, it := range f.Items {
		if seenGUID[it.GUID] || seenURL[it.URL] {
			f.Dropped++
			continue
		}
		seenGUID[it.GUID], seenURL[it.URL] = true, true
		it.Published = clamp(it.Published, now, limit)
		it.Updated = clamp(it.Updated, now, limit)
		out = append(out, it)
	}
	f.Items = out
}

func clamp(t, now, limit time.Time) time.Time {
	if t.After(limit) {
		return now
	}
	return t
}
