package segment

import (
	"testing"

	"github.com/naba-nlp/naba/pipeline/normalize"
)

func TestAnalyze(t *testing.T) {
	tests := []struct {
		name, word string
		stem       string // a stem that must be among the readings
		span       string // the part of the word a mention of that stem covers
		enc        string
	}{
		{"preposition", "لروسيا", "روسيا", "روسيا", ""},
		{"lam + article contracted", "للصين", "الصين", "للصين", ""},
		{"conjunction + lam + article", "وللولايات", "الولايات", "للولايات", ""},
		{"preposition + article", "بالصين", "الصين", "الصين", ""},
		{"conjunction", "والناتو", "الناتو", "الناتو", ""},
		{"conjunction + preposition", "وبموسكو", "موسكو", "موسكو", ""},
		{"kaf", "كالعادة", "العاده", "العادة", ""},
		{"fa", "فأوكرانيا", "اوكرانيا", "أوكرانيا", ""},
		{"enclitic", "حكومته", "حكومه", "حكومت", "ه"},
		{"enclitic plural", "قادتهم", "قاده", "قادت", "هم"},
		{"future marker", "سيقول", "يقول", "يقول", ""},
		{"the whole word first", "بكين", "بكين", "بكين", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := normalize.New(tt.word)
			as := Analyze(n.Key, nil)
			if as[0].Stem != n.Key || as[0].Stripped() {
				t.Errorf("first reading of %+q is %+v, want the word itself", tt.word, as[0])
			}
			for _, a := range as {
				if a.Stem == tt.stem && a.Enc == tt.enc {
					if got := n.Light[a.SpanStart:a.SpanEnd]; got != tt.span {
						t.Errorf("span of %+q in %+q = %+q, want %+q", tt.stem, tt.word, got, tt.span)
					}
					return
				}
			}
			t.Errorf("Analyze(%+q) has no stem %+q (enc %+q): %+v", tt.word, tt.stem, tt.enc, as)
		})
	}
}

func TestAnalyzeKeepsTwoLetters(t *testing.T) {
	for _, a := range Analyze("بها", nil) {
		if runeLen(a.Stem) < 2 {
			t.Errorf("stem %+q shorter than two letters", a.Stem)
		}
	}
	for _, a := range Analyze("سوريا", nil) {
		if a.Prep == "س" {
			t.Errorf("سوريا read with the future marker: %+v", a)
		}
	}
}
