package story

import (
	"strings"
	"testing"

	"github.com/nashra/nashra/internal/textar"
)

func TestTitleNames(t *testing.T) {
	tests := []struct {
		title, body string
		want        []string
	}{
		{"«مبرد» تربح 21 مليون ريال", "ارتفعت أرباح شركة مبرد. وعزت مبرد ذلك", []string{"مبرد"}},
		{"سمير جعجع: إيران عطلت الانتخابات", "قال جعجع إن إيران. وأضاف جعجع أن الحزب", []string{"جعجع"}},
		{"وفاة الفنانة ميرنا المهندس", "توفيت ميرنا المهندس أمس. وكانت ميرنا تعاني", []string{"ميرنا_المهندس"}},
		{"«قمة» في الرياض", "لا ذكر للعنوان هنا", nil},                               // quoted word absent from the body
		{"«هيئة السياحة الوطنية الجديدة» تعلن", "هيئة السياحة الوطنية الجديدة", nil}, // four words: no name
		{"", "نص", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, n := range titleNames(tt.title, textar.Terms(tt.title, "ar"), textar.Terms(tt.body, "ar")) {
			got = append(got, n.display)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("titleNames(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

func TestBodyPhrases(t *testing.T) {
	tests := []struct {
		body string
		want []string
	}{
		{"أعلنت وزارة الصحة اليوم. وقالت وزارة الصحة إن", []string{"وزارة_الصحة"}},
		{"أكد الأمن السياحي دوره. ويعمل الأمن السياحي مع", []string{"الأمن_السياحي"}},
		{"هيئة الغذاء والدواء تحذر. وقالت هيئة الغذاء والدواء", []string{"هيئة_الغذاء_والدواء"}},
		{"تراجع سهم شركة مقابل ارتفاع. وتراجع سهم شركة مقابل", nil}, // indefinite: the next clause, not a name
		{"وزارة الصحة", nil}, // once
	}
	for _, tt := range tests {
		var got []string
		for _, p := range bodyPhrases(textar.Terms(tt.body, "ar"), tt.body) {
			got = append(got, p.display)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("bodyPhrases(%q) = %q, want %q", tt.body, got, tt.want)
		}
	}
}

func TestClubNeedsSport(t *testing.T) {
	e := New(Config{})
	body := strings.Repeat("رفع الجنود علامة النصر بعد المعركة. وتحدث القائد عن النصر والصمود. ", 3)
	r := e.Add(art("c1", "aawsat", "حتمية النصر", body, 0))
	for _, tag := range r.Analyses[0].Hashtags {
		if tag == "النصر" {
			t.Errorf("club tag outside sport: %q", r.Analyses[0].Hashtags)
		}
	}
}

// FuzzHashtags feeds arbitrary titles and bodies through the engine: tags
// stay few, clean and free of spaces whatever the text.
func FuzzHashtags(f *testing.F) {
	f.Add("«مبرد» تربح", "ارتفعت أرباح مبرد. وعزت مبرد «ذلك»")
	f.Add("\"", "«»«")
	f.Add("وزارة الصحة وزارة", "وزارة الصحة وزارة الصحة 12 وزارة")
	f.Add("Warner Bros buys", "Warner Bros said Warner Bros")
	f.Add("سوق العمل بتبوك", "قال إن سوق العمل في تبوك. القاهرة - سوق العمل ومواقع التواصل الاجتماعي")
	f.Fuzz(func(t *testing.T, title, body string) {
		e := New(Config{})
		r := e.Add(art("f1", "aawsat", title, body, 0))
		tags := r.Analyses[0].Hashtags
		if len(tags) > maxTags {
			t.Fatalf("%d tags: %q", len(tags), tags)
		}
		for _, tag := range tags {
			if tag == "" || strings.ContainsAny(tag, "# \t\n") || strings.HasPrefix(tag, "_") || strings.HasSuffix(tag, "_") {
				t.Fatalf("unclean tag %q", tag)
			}
		}
	})
}

func TestEnglishTopicWord(t *testing.T) {
	for _, c := range []struct {
		w    string
		want bool
	}{
		{"eyeing", false}, {"unveiled", false}, {"hailed", false}, {"died", false}, {"boost", false},
		{"cautious", false}, {"likely", false}, {"help", false},
		{"virus", true}, {"gold", true}, {"asylum", true}, {"speed", true}, {"tax", true},
		{"Redding", true}, {"Reading", true}, {"Boeing", true}, // names pass
		{"jet_fuel", true}, {"الرياض", true},
	} {
		if got := englishTopicWord(c.w); got != c.want {
			t.Errorf("englishTopicWord(%q) = %v, want %v", c.w, got, c.want)
		}
	}
}

func TestCliticInside(t *testing.T) {
	s := New(Config{}).state
	for _, c := range []struct {
		tag  string
		want bool
	}{
		{"لجب_بجازان", true}, {"بلائحة_الوظائف", true}, {"مياه_بالرياض", false},
		{"بلدية_جدة", false}, {"بنك_الرياض", false}, {"لجنة_الانتخابات", false}, {"مجلس_الشورى", false},
		{"الهيئة_العامة_للسياحة", false}, {"مستشفى_البجادية", false}, {"بريطانيا", false}, {"لبنان", false},
		{"بغداد", false}, {"بيروت", false}, {"ليبيا", false}, {"بلجيكا", false}, {"بوتين", false},
	} {
		if got := s.cliticInside(c.tag); got != c.want {
			t.Errorf("cliticInside(%q) = %v, want %v", c.tag, got, c.want)
		}
	}
}

func TestLoneAdjectivesAreNoTopics(t *testing.T) {
	for _, w := range []string{"الأسبق", "السابق", "الجديدة", "المقبل", "الكبرى"} {
		if validTopicWord(w) {
			t.Errorf("validTopicWord(%q) = true; an adjective alone names no topic", w)
		}
	}
	for _, w := range []string{"الأسهم", "النفط", "الإرهاب"} {
		if !validTopicWord(w) {
			t.Errorf("validTopicWord(%q) = false", w)
		}
	}
	if genericPhrase("الرئيس_السابق") {
		t.Error("a phrase with an adjective was rejected")
	}
}
