package textar

import (
	"reflect"
	"testing"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{ // SaudiNewsNet, alwatan: decimal and percent stay inside.
			"قام تنظيم داعش، اليوم الأحد، بتدمير ملعب الرمادي. ويعد بنسبة 70% من أبرز الملاعب.",
			[]string{"قام تنظيم داعش، اليوم الأحد، بتدمير ملعب الرمادي.", "ويعد بنسبة 70% من أبرز الملاعب."},
		},
		{ // missing space after the period between Arabic words
			"وهو الطريق المؤدي إلى الضالع ولحج وتعز.كما استولت المقاومة على أربع دبابات.",
			[]string{"وهو الطريق المؤدي إلى الضالع ولحج وتعز.", "كما استولت المقاومة على أربع دبابات."},
		},
		{ // د. is an abbreviation (doctor)
			"وأعرب د. باسل الهلالي مخرج المسرحية عن سعادته. وعبر د.الهلالي عن سعادته.",
			[]string{"وأعرب د. باسل الهلالي مخرج المسرحية عن سعادته.", "وعبر د.الهلالي عن سعادته."},
		},
		{ // م. (engineer) and أ. (professor) too
			"صرح م. خالد العتيبي بذلك. وقال أ. محمد إن النتائج جيدة.",
			[]string{"صرح م. خالد العتيبي بذلك.", "وقال أ. محمد إن النتائج جيدة."},
		},
		{ // but م. after a year is the era letter ending a sentence
			"تأسس المركز عام 1990م. ويضم عشرة أقسام.",
			[]string{"تأسس المركز عام 1990م.", "ويضم عشرة أقسام."},
		},
		{ // the Arabic comma is not an end; ؟ and ؛ are
			"هل تنجح الخطة، أم تفشل؟ الجواب معروف؛ النجاح مضمون",
			[]string{"هل تنجح الخطة، أم تفشل؟", "الجواب معروف؛", "النجاح مضمون"},
		},
		{ // Arabic decimal separator
			"بلغ النمو ٣٫٥ في المئة. وهذا جيد.",
			[]string{"بلغ النمو ٣٫٥ في المئة.", "وهذا جيد."},
		},
		{ // periods inside parentheses
			"ستكون إحدى محطات فعاليات (عيد الرياض .. عيدين)، حيث صممت لها فعاليات.",
			[]string{"ستكون إحدى محطات فعاليات (عيد الرياض .. عيدين)، حيث صممت لها فعاليات."},
		},
		{ // closing quotes stay with their sentence
			"قال: «انتهى الأمر.» ثم غادر!",
			[]string{"قال: «انتهى الأمر.»", "ثم غادر!"},
		},
		{ // paragraphs
			"الفقرة الأولى\n\nالفقرة الثانية",
			[]string{"الفقرة الأولى", "الفقرة الثانية"},
		},
		{ // BBC: decimals, currency, abbreviations
			"In late trading in New York, the dollar reached $1.2871 against the euro. Mr. Greenspan spoke in the U.S. on Friday.",
			[]string{"In late trading in New York, the dollar reached $1.2871 against the euro.", "Mr. Greenspan spoke in the U.S. on Friday."},
		},
		{
			"Visit bbc.co.uk today! Is it live?! Yes...",
			[]string{"Visit bbc.co.uk today!", "Is it live?!", "Yes..."},
		},
		{
			"\"He's taking a longer-term view.\" Worries remain; China too.",
			[]string{"\"He's taking a longer-term view.\"", "Worries remain; China too."},
		},
		{"", nil},
		{"   \n\n  ", nil},
		{"...", []string{"..."}},
	}
	for _, tt := range tests {
		if got := Sentences(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}
