package segment

import (
	"os"
	"strings"
	"testing"

	"github.com/naba-nlp/naba/pipeline/normalize"
)

type abbrSet map[string]bool

func (a abbrSet) IsAbbreviation(k string) bool { return a[k] }

func sentences(text string) []string {
	n := normalize.New(text)
	r := Segment(n, abbrSet{"الخ": true})
	var out []string
	for _, s := range r.Sentences {
		os, oe := n.OrigSpan(s.Start, s.End)
		out = append(out, text[os:oe])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"full stop and question mark", "وصل الوفد. هل يتفقون؟ نعم!", []string{"وصل الوفد.", "هل يتفقون؟", "نعم!"}},
		{"decimal numbers do not split", "بلغ النمو 6.9 في المئة. وتراجع 1.5.", []string{"بلغ النمو 6.9 في المئة.", "وتراجع 1.5."}},
		{"single-letter abbreviation", "قال د. أحمد إن الوضع صعب.", []string{"قال د. أحمد إن الوضع صعب."}},
		{"dotted abbreviations", "بلغ السعر 20 ج.م. للكيلو. وارتفع ص.ب 12 إلخ.", []string{"بلغ السعر 20 ج.م. للكيلو.", "وارتفع ص.ب 12 إلخ."}},
		{"year marker ends a sentence", "وقع ذلك عام 2021م. ثم تغير كل شيء.", []string{"وقع ذلك عام 2021م.", "ثم تغير كل شيء."}},
		{"closing quote stays with its sentence", "قال: «لن نتراجع.» ثم غادر.", []string{"قال: «لن نتراجع.»", "ثم غادر."}},
		{"heading line without punctuation", "روسيا والصين\nتعثرت المحادثات.", []string{"روسيا والصين", "تعثرت المحادثات."}},
		{"arabic full stop and ellipsis", "انتهى الاجتماع۔ وبعد… عاد الجميع", []string{"انتهى الاجتماع۔", "وبعد…", "عاد الجميع"}},
		{"dots inside a name", "قالت شبكة سي.أن.أن إن الوضع صعب. وأكدت U.S.A ذلك.", []string{"قالت شبكة سي.أن.أن إن الوضع صعب.", "وأكدت U.S.A ذلك."}},
		{"diacritics and tatweel do not break sentences", "تبنّى الرئيسُ قرارًا. وأعلــن ذلك.", []string{"تبنّى الرئيسُ قرارًا.", "وأعلــن ذلك."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentences(tt.in)
			if strings.Join(got, "\x00") != strings.Join(tt.want, "\x00") {
				t.Errorf("sentences(%+q)\n got %+q\nwant %+q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // light-form token texts with kinds
	}{
		{"words and punctuation", "قال، بوتين؛ لا؟", []string{"word:قال", "punct:،", "word:بوتين", "punct:؛", "word:لا", "punct:؟"}},
		{"numbers with separators in three scripts", "26،013.94 و١٬٥٠٠ و۳.۵ و1,5", []string{"number:26،013.94", "word:و", "number:1,500", "word:و", "number:3.5", "word:و", "number:1,5"}},
		{"arabic comma between numbers is a list", "1، 2، 3", []string{"number:1", "punct:،", "number:2", "punct:،", "number:3"}},
		{"latin words", "شركة AvtoVAZ وF16", []string{"word:شركة", "latin:AvtoVAZ", "word:و", "latin:F16"}},
		{"glued digit after a word", "سيبيريا2", []string{"word:سيبيريا", "number:2"}},
		{"percent sign", "26%", []string{"number:26", "punct:%"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := normalize.New(tt.in)
			var got []string
			for _, tk := range Tokenize(n.Light) {
				got = append(got, tk.Kind.String()+":"+n.Light[tk.Start:tk.End])
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("Tokenize(%+q)\n got %+q\nwant %+q", tt.in, got, tt.want)
			}
		})
	}
}

func TestGlued(t *testing.T) {
	toks := Tokenize("سيبيريا2 و 26%")
	want := []bool{false, true, false, false, true}
	for i, tk := range toks {
		if tk.Glued != want[i] {
			t.Errorf("token %d glued = %v, want %v", i, tk.Glued, want[i])
		}
	}
}

func TestEveryTokenInOneSentence(t *testing.T) {
	text, err := os.ReadFile("../../seeds/000_1701d300935b484f.txt")
	if err != nil {
		t.Fatal(err)
	}
	n := normalize.New(string(text))
	r := Segment(n, nil)
	checkSegmentation(t, n, r)
	if len(r.Sentences) < 50 {
		t.Errorf("only %d sentences in the sample article", len(r.Sentences))
	}
}

func checkSegmentation(t *testing.T, n *normalize.Text, r Result) {
	t.Helper()
	next := 0
	for si, s := range r.Sentences {
		if s.TokStart != next || s.TokEnd <= s.TokStart {
			t.Fatalf("sentence %d covers tokens [%d,%d), want start %d", si, s.TokStart, s.TokEnd, next)
		}
		next = s.TokEnd
		for k := s.TokStart; k < s.TokEnd; k++ {
			if r.Tokens[k].Sentence != si {
				t.Fatalf("token %d in sentence %d says %d", k, si, r.Tokens[k].Sentence)
			}
		}
	}
	if next != len(r.Tokens) {
		t.Fatalf("sentences cover %d of %d tokens", next, len(r.Tokens))
	}
	prev := 0
	for _, tk := range r.Tokens {
		if tk.Start < prev || tk.End <= tk.Start || tk.End > len(n.Light) {
			t.Fatalf("token span [%d,%d) out of order or range", tk.Start, tk.End)
		}
		prev = tk.End
		os, oe := n.OrigSpan(tk.Start, tk.End)
		if os < 0 || oe > len(n.Orig) || os >= oe {
			t.Fatalf("token [%d,%d) maps to bad original span [%d,%d)", tk.Start, tk.End, os, oe)
		}
	}
}

func FuzzSegment(f *testing.F) {
	for _, s := range []string{"قال د. أحمد: «لن نتراجع.» ثم غادر عام 2021م.\nعنوان", "26،013.94 و١٬٥٠٠ ... ؟!", "ص.ب 12 إلخ. ﻻ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := normalize.New(s)
		r := Segment(n, abbrSet{"الخ": true})
		checkSegmentation(t, n, r)
	})
}

func BenchmarkSegment(b *testing.B) {
	text, err := os.ReadFile("../../seeds/000_1701d300935b484f.txt")
	if err != nil {
		b.Fatal(err)
	}
	n := normalize.New(string(text))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Segment(n, nil)
	}
}

func BenchmarkAnalyze(b *testing.B) {
	text, err := os.ReadFile("../../seeds/000_1701d300935b484f.txt")
	if err != nil {
		b.Fatal(err)
	}
	n := normalize.New(string(text))
	toks := Tokenize(n.Light)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	var buf []Analysis
	for b.Loop() {
		for _, tk := range toks {
			if tk.Kind == Word {
				buf = Analyze(n.Key[tk.Start:tk.End], buf)
			}
		}
	}
}
