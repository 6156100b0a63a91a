package search_test

import (
	"fmt"

	"github.com/nashra/nashra/internal/search"
)

func ExampleParse() {
	p := search.Parse(`"وزير الخارجية" إيران أو العراق -الحوثي source:sabq after:٢٠١٥-٠٧-٢٥ sort:new "غير`)
	in := p.Interpretation
	fmt.Println(in.TextEn)
	fmt.Println(p.String())
	for _, w := range in.Warnings {
		fmt.Println(w.Code)
	}
	// Output:
	// articles with the phrase "وزير الخارجية" AND ("إيران" OR "العراق"), without "الحوثي", from sabq, on or after 2015-07-25, newest first
	// "وزير الخارجية" إيران OR العراق -الحوثي source:sabq after:2015-07-25 sort:new
	// unbalanced_quote
}
