package web

import "net/http"

type aboutData struct {
	FontLicence string
}

// aboutPage credits the publishers, datasets and the font.
func (s *Site) aboutPage(r *http.Request, v *view) (string, error) {
	v.Title = v.T("about.title") + " — " + v.T("site.name")
	v.Description = v.T("about.intro")
	v.Data = &aboutData{FontLicence: s.assets.url("fonts/OFL-NotoNaskhArabic.txt")}
	return "about", nil
}
