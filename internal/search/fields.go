package search

import (
	"strings"

	"github.com/nashra/nashra/internal/textar"
)

// Field names, with the Arabic aliases a reader on an Arabic keyboard types.
var fieldAliases = map[string]string{
	"source": "source", "site": "source", "src": "source", "مصدر": "source", "المصدر": "source",
	"lang": "lang", "language": "lang", "لغه": "lang", "اللغه": "lang",
	"tag": "tag", "hashtag": "tag", "وسم": "tag", "هاشتاق": "tag", "هاشتاغ": "tag",
	"after": "after", "since": "after", "بعد": "after", "منذ": "after",
	"before": "before", "until": "before", "قبل": "before", "حتي": "before",
	"sort": "sort", "order": "sort", "ترتيب": "sort",
}

var langAliases = map[string]string{
	"ar": "ar", "ara": "ar", "arabic": "ar", "عربي": "ar", "عربيه": "ar", "العربيه": "ar",
	"en": "en", "eng": "en", "english": "en", "انجليزي": "en", "انجليزيه": "en", "الانجليزيه": "en", "انكليزي": "en",
}

var sortAliases = map[string]string{
	"new": SortNewest, "newest": SortNewest, "date": SortNewest, "recent": SortNewest, "latest": SortNewest,
	"الاحدث": SortNewest, "احدث": SortNewest, "جديد": SortNewest, "الجديد": SortNewest, "التاريخ": SortNewest,
	"relevance": SortRelevance, "rank": SortRelevance, "best": SortRelevance, "الاهم": SortRelevance, "الصله": SortRelevance,
}

// fold normalises a field name or value for lookup in the alias tables.
func fold(s string) string { return textar.Normalize(strings.TrimSpace(s)) }

// applyField applies a field:value lexeme; false means the field is unknown
// and the lexeme should be searched as words.
func applyField(p *Parsed, it item, w *warnings) bool {
	name, ok := fieldAliases[fold(it.field)]
	if !ok {
		if it.text != "" {
			w.add(WarnUnknownField, "«"+it.field+":» ليس مرشِّحاً معروفاً فبُحث عنه ككلمات", "unknown filter "+it.field+": searched as words")
		}
		return false
	}
	value := strings.TrimSpace(it.text)
	if value == "" {
		w.add(WarnEmptyFilter, "المرشِّح «"+it.field+":» بلا قيمة أُهمل", "empty filter "+it.field+": ignored")
		return true
	}
	if it.neg {
		w.add(WarnNegatedFilter, "استبعاد «"+it.field+":» غير مدعوم وأُهمل", "negated filter -"+it.field+": is not supported; ignored")
		return true
	}
	switch name {
	case "source":
		for _, v := range strings.Split(value, ",") {
			if v = strings.ToLower(strings.TrimSpace(v)); v != "" {
				p.Filters.Sources = appendUnique(p.Filters.Sources, v)
			}
		}
	case "lang":
		lang, ok := langAliases[strings.ToLower(fold(value))]
		if !ok {
			w.add(WarnBadLang, "لغة غير معروفة «"+value+"» أُهملت (استخدم ar أو en)", "unknown language "+value+" ignored (use ar or en)")
			return true
		}
		p.Filters.Langs = appendUnique(p.Filters.Langs, lang)
	case "tag":
		if tag := strings.Trim(value, "#＃"); tag != "" {
			p.Filters.Tags = appendUnique(p.Filters.Tags, tag)
		}
	case "after", "before":
		start, ok := parseDate(value)
		if !ok {
			w.add(WarnBadDate, "تاريخ غير مفهوم «"+value+"» أُهمل (مثال: 2015-07-25)", "unreadable date "+value+" ignored (e.g. 2015-07-25)")
			return true
		}
		if name == "after" {
			// after:2015-07 means from the first of July on.
			p.Filters.After, p.Filters.AfterDate = start, asciiDigits(value)
		} else {
			// before:2015-07-25 excludes the 25th itself.
			p.Filters.Before, p.Filters.BeforeDate = start, asciiDigits(value)
		}
	case "sort":
		s, ok := sortAliases[strings.ToLower(fold(value))]
		if !ok {
			w.add(WarnBadSort, "ترتيب غير معروف «"+value+"» أُهمل (استخدم sort:new)", "unknown sort "+value+" ignored (use sort:new)")
			return true
		}
		p.Sort = s
	}
	return true
}
