package corpus

// Outlet is a publisher in a corpus, with its real names.
type Outlet struct {
	Code   string // the corpus' source code
	NameAr string
	NameEn string
	Domain string // the outlet's real domain, for display only
}

// Outlets maps SaudiNewsNet source codes to the real outlets.
var Outlets = map[string]Outlet{
	"aawsat":       {"aawsat", "الشرق الأوسط", "Asharq Al-Awsat", "aawsat.com"},
	"aleqtisadiya": {"aleqtisadiya", "الاقتصادية", "Al Eqtisadiah", "aleqt.com"},
	"aljazirah":    {"aljazirah", "الجزيرة", "Al Jazirah", "al-jazirah.com"},
	"almadina":     {"almadina", "المدينة", "Al Madina", "al-madina.com"},
	"alriyadh":     {"alriyadh", "الرياض", "Al Riyadh", "alriyadh.com"},
	"alwatan":      {"alwatan", "الوطن", "Al Watan", "alwatan.com.sa"},
	"alweeam":      {"alweeam", "الوئام", "Al Weeam", "alweeam.com.sa"},
	"alyaum":       {"alyaum", "اليوم", "Al Yaum", "alyaum.com"},
	"arreyadi":     {"arreyadi", "الرياضي", "Arriyadi", "arriyadi.com"},
	"arriyadiyah":  {"arriyadiyah", "الرياضية", "Arriyadiyah", "arriyadiyah.com"},
	"okaz":         {"okaz", "عكاظ", "Okaz", "okaz.com.sa"},
	"sabq":         {"sabq", "سبق", "Sabq", "sabq.org"},
	"was":          {"was", "واس", "Saudi Press Agency", "spa.gov.sa"},
	"3alyoum":      {"3alyoum", "عين اليوم", "3al Youm", "3alyoum.com"},
	"bbc":          {"bbc", "بي بي سي", "BBC News", "bbc.co.uk"},
}

// OutletFor returns the outlet of a source code, inventing a plain one for
// codes the table does not know.
func OutletFor(code string) Outlet {
	if o, ok := Outlets[code]; ok {
		return o
	}
	return Outlet{Code: code, NameAr: code, NameEn: code, Domain: code + ".example"}
}
