package story

import (
	"strings"
	"testing"
)

func TestWordKeyAndSamePrefix(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"الحوثي", "الحوثيون", true},
		{"الائتلاف", "الائتلاف_الوطني", true},
		{"حزب_الله", "حزب_الله_اللبناني", true},
		{"القاعدة", "قاعدة_العند", true},
		{"الهلال", "الهلال_الأحمر", true}, // the same first word: one list keeps one
		{"مكة_المكرمة", "المسجد_الحرام", false},
		{"الرياض", "بنك_الرياض", false},
	}
	for _, tt := range tests {
		if got := samePrefix(tagWordKeys(tt.a), tagWordKeys(tt.b)); got != tt.same {
			t.Errorf("samePrefix(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
}

func TestTagListNearDuplicates(t *testing.T) {
	tests := []struct {
		name   string
		pushes [][2]string // tier, tag
		want   []string
	}{
		{"longer name replaces a lone word", [][2]string{{"topic", "المخيم"}, {"fill-colloc", "المخيم_الكشفي_العالمي"}}, []string{"المخيم_الكشفي_العالمي"}},
		{"a full name stays", [][2]string{{"phrase", "مهرجان_العسل"}, {"phrase", "مهرجان_العسل_الدولي"}}, []string{"مهرجان_العسل"}},
		{"shorter is dropped", [][2]string{{"entity", "قاعدة_العند"}, {"entity", "القاعدة"}}, []string{"قاعدة_العند"}},
		{"two entities keep the first", [][2]string{{"entity", "حزب_الله"}, {"entity", "حزب_الله_اللبناني"}}, []string{"حزب_الله"}},
		{"number variants", [][2]string{{"entity", "الحوثيون"}, {"topic", "الحوثي"}}, []string{"الحوثيون"}},
	}
	for _, tt := range tests {
		l := &tagList{seen: map[string]bool{}, covered: map[string]bool{}, lang: "ar"}
		for _, p := range tt.pushes {
			l.tier = p[0]
			l.push(tagCand{tag: p[1]})
		}
		if strings.Join(l.out, " ") != strings.Join(tt.want, " ") || len(l.tiers) != len(l.out) {
			t.Errorf("%s: tags %q (tiers %q), want %q", tt.name, l.out, l.tiers, tt.want)
		}
	}
}

// TestFillTier: an article whose only strong signal is one place still gets
// minTags hashtags from the weaker evidence, all of it clean.
func TestFillTier(t *testing.T) {
	e := New(Config{})
	body := strings.Repeat("أكد خبراء أن سوق العمل يحتاج إلى مهارات جديدة في تبوك. ", 2) +
		"وقالت وزارة العمل إن البطالة تراجعت. ووفرت وزارة العمل وظائف."
	r := e.Add(art("fill1", "sabq", "سوق العمل في تبوك يبحث عن المهارات", body, 0))
	tags := r.Analyses[0].Hashtags
	if len(tags) < minTags {
		t.Errorf("hashtags = %q, want at least %d", tags, minTags)
	}
	want := map[string]bool{"سوق_العمل": false, "تبوك": false}
	for _, tag := range tags {
		assertCleanTag(t, tag)
		if _, ok := want[tag]; ok {
			want[tag] = true
		}
	}
	for tag, ok := range want {
		if !ok {
			t.Errorf("hashtags %q lack %q", tags, tag)
		}
	}
}

// TestFillSkipsDateline: the place of a dateline is the bureau, not the
// story; a place the lead's sentence names is.
func TestFillSkipsDateline(t *testing.T) {
	tests := []struct {
		body string
		want bool
	}{
		{"القاهرة - أعلنت شركة للهواتف عن جهاز جديد بشاشة كبيرة وبطارية تدوم طويلا.", false},
		{"أعلنت شركة للهواتف عن جهاز جديد في حفل أقيم في جدة بحضور عدد من المهتمين.", true},
	}
	for _, tt := range tests {
		e := New(Config{})
		p := e.prepare(art("d1", "sabq", "جهاز جديد", tt.body, 0))
		var names []string
		for _, c := range e.state.leadPlace(p) {
			names = append(names, c.tag)
		}
		if got := len(names) > 0; got != tt.want {
			t.Errorf("leadPlace(%q) = %q, want a place: %v", tt.body, names, tt.want)
		}
	}
}

func TestCliticWord(t *testing.T) {
	s := New(Config{}).state
	for _, tt := range []struct {
		w    string
		want bool
	}{
		{"بإنشاء", true},       // ب + a common word
		{"لعلاج_السكري", true}, // ل + a common word
		{"بولوني", false},      // a name that starts like a clitic
		{"جعجع", false},
	} {
		if got := s.cliticWord(tt.w); got != tt.want {
			t.Errorf("cliticWord(%q) = %v, want %v", tt.w, got, tt.want)
		}
	}
}
