package index

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/naba-nlp/naba/lexicons"
)

func terms(a analysis.Analyzer, s string) [][]string {
	var out [][]string
	for _, t := range a.Analyze([]byte(s)) {
		if len(out) < t.Position {
			out = append(out, nil)
		}
		out[t.Position-1] = append(out[t.Position-1], string(t.Term))
	}
	return out
}

func TestQueryTerms(t *testing.T) {
	q := NewAnalyzer(true, nil)
	cases := []struct{ in, want string }{
		{"روسيا", "روسيا"},
		{"بوتين", "بوتين"},            // the ب of a name stays
		{"الغاز", "غاز"},              // the article goes
		{"للغاز", "غاز"},              // and its contraction
		{"والغاز", "غاز"},             // conjunction + article
		{"بالاتفاقية", "اتفاق"},       // preposition + article + suffix
		{"الاتفاقية", "اتفاق"},        // ية
		{"اتفاقيات", "اتفاق"},         // يات
		{"الولايات", "ولاي"},          // not ولا (and not)
		{"لبنان", "لبنان"},            // not لبن (milk)
		{"إستراتيجيّة", "استراتيج"},   // hamza, shadda
		{"اســتـراتيجية", "استراتيج"}, // tatweel
		{"٢٠٢٤", "2024"},              // digits fold
		{"Pipelines", "pipelin"},      // Latin: lowercased, Snowball-stemmed
		{"مستشفى", "مستشفي"},          // alef maqsura
		{"القاهرة", "قاهر"},           // ta marbuta
		{"والدة", "والد"},             // و is part of the word: too short to be an article reading
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got := terms(q, c.in)
			if len(got) != 1 || got[0][0] != c.want {
				t.Errorf("query terms of %+q: %+q, want %+q", c.in, got, c.want)
			}
		})
	}
}

func TestIndexReadings(t *testing.T) {
	ix := NewAnalyzer(false, nil)
	q := NewAnalyzer(true, nil)
	// Each query word must find each written form: its query term is among
	// the written form's index terms.
	cases := []struct{ query, written string }{
		{"روسيا", "لروسيا"}, {"روسيا", "وروسيا"}, {"روسيا", "بروسيا"}, {"روسيا", "فروسيا"},
		{"بوتين", "لبوتين"}, {"بوتين", "وبوتين"},
		{"الغاز", "غاز"}, {"غاز", "للغاز"}, {"للغاز", "والغاز"}, {"الغاز", "بالغاز"},
		{"حكومة", "حكومته"}, {"حكومة", "وحكومتها"},
		{"الاتفاقية", "اتفاقيات"}, {"اتفاقيات", "والاتفاقية"},
		{"اوكرانيا", "لأوكرانيا"}, {"أوكرانيا", "اوكرانيا"},
		{"يقول", "سيقول"},
		{"مستشفى", "المستشفي"},
		{"روسيا", "رُوسـيا"},
	}
	for _, c := range cases {
		t.Run(c.query+"→"+c.written, func(t *testing.T) {
			qt := terms(q, c.query)[0][0]
			it := terms(ix, c.written)[0]
			found := false
			for _, x := range it {
				found = found || x == qt
			}
			if !found {
				t.Errorf("query %+q (term %+q) does not find %+q (terms %+q)", c.query, qt, c.written, it)
			}
		})
	}
	// Names must not collide with other words (through any query term).
	for _, c := range []struct{ query, written string }{
		{"بوتين", "سيبيريا"}, {"سيبيريا", "بوتين"}, {"وتين", "تين"}, {"لبنان", "لبن"},
		{"الولايات", "ولا"}, {"الصين", "الصيني"}, {"روسيا", "الروسي"}, {"بلد", "ولد"}, {"كتاب", "تاب"},
	} {
		t.Run(c.query+"≠"+c.written, func(t *testing.T) {
			for _, qt := range terms(q, c.query)[0] {
				for _, x := range terms(ix, c.written)[0] {
					if x == qt {
						t.Errorf("query %+q (term %+q) finds %+q", c.query, qt, c.written)
					}
				}
			}
		})
	}
}

func TestQueryAlternatives(t *testing.T) {
	q := NewAnalyzer(true, nil)
	for _, c := range []struct{ in, want string }{
		{"لروسيا", "لروسيا روسيا"},
		{"وبوتين", "وبوت بوتين وتين"}, // the word as written loses ين like any other
		{"بوتين", "بوتين وتين"},
		{"بلد", "بلد"},   // لد is too short to stand for a word
		{"كتاب", "كتاب"}, // and so is تاب
		{"للغاز", "غاز"}, // the article reading is unambiguous
	} {
		if got := strings.Join(terms(q, c.in)[0], " "); got != c.want {
			t.Errorf("%+q: %+q, want %+q", c.in, got, c.want)
		}
	}
}

func TestProtectedNames(t *testing.T) {
	// a protected name is never shortened, and its clitics come off even
	// at query time
	q := NewAnalyzer(true, []string{"فلسطين"})
	for _, in := range []string{"فلسطين", "لفلسطين", "وفلسطين"} {
		if got := terms(q, in); got[0][0] != "فلسطين" {
			t.Errorf("%+q: %+q, want فلسطين", in, got)
		}
	}
	if got := terms(NewAnalyzer(true, nil), "فلسطين"); got[0][0] != "فلسط" {
		t.Errorf("unprotected: %+q", got)
	}
}

func TestTokenOffsets(t *testing.T) {
	text := "قال الرئيسُ: «وصلنا لروسيـا» في 2024، وPipelines."
	toks := NewAnalyzer(false, nil).Analyze([]byte(text))
	pos := 0
	for _, tok := range toks {
		w := text[tok.Start:tok.End]
		if !utf8.ValidString(w) || strings.ContainsAny(w, " :«»،.") {
			t.Errorf("token %+q spans %+q", tok.Term, w)
		}
		if tok.Position < pos {
			t.Errorf("positions go back at %+q", w)
		}
		pos = tok.Position
	}
	want := []string{"قال", "الرئيسُ", "وصلنا", "لروسيـا", "في", "2024", "وPipelines"}
	var got []string
	last := 0
	for _, tok := range toks {
		if tok.Position != last {
			got = append(got, text[tok.Start:tok.End])
			last = tok.Position
		}
	}
	if strings.Join(got, "|") != strings.Join(want, "|") && len(got) < len(want)-1 {
		t.Errorf("words %+q, want %+q", got, want)
	}
}

func TestLexiconNames(t *testing.T) {
	names, err := LexiconNames(lexicons.Default())
	if err != nil {
		t.Fatal(err)
	}
	has := map[string]bool{}
	for _, n := range names {
		has[n] = true
	}
	for _, want := range []string{"روسيا", "بوتين", "موسكو", "الصين"} {
		if !has[want] {
			t.Errorf("%+q is not among the %d names", want, len(names))
		}
	}
	for _, n := range names {
		if strings.Contains(n, " ") {
			t.Errorf("%+q has several words", n)
		}
	}
	// protected, a name keeps its letters, and loses its clitics even in a
	// query
	ix, q := NewAnalyzer(false, names), NewAnalyzer(true, names)
	for _, c := range []struct{ in, want string }{
		{"لروسيا", "روسيا"}, {"بوتين", "بوتين"}, {"للصين", "صين"}, {"والكرملين", "كرملين"},
	} {
		if got := terms(q, c.in); len(got[0]) != 1 || got[0][0] != c.want {
			t.Errorf("query %+q: %+q, want %+q", c.in, got, c.want)
		}
		found := false
		for _, x := range terms(ix, c.in)[0] {
			found = found || x == c.want
		}
		if !found {
			t.Errorf("index %+q: %+q lacks %+q", c.in, terms(ix, c.in), c.want)
		}
	}
}

func TestAnalyzerFromConfig(t *testing.T) {
	if _, err := analyzerFromConfig(map[string]any{"mode": "sideways"}, nil); err == nil {
		t.Error("a bad mode was accepted")
	}
	if _, err := analyzerFromConfig(map[string]any{"mode": "index", "protected": []any{1}}, nil); err == nil {
		t.Error("a non-string protected name was accepted")
	}
	a, err := analyzerFromConfig(analyzerConfig(true, []string{"فلسطين"}), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := terms(a, "لفلسطين"); got[0][0] != "فلسطين" {
		t.Errorf("protected names lost in the config: %+q", got)
	}
}

// FuzzAnalyzer checks that both sides of the analyzer never panic, that
// every token spans valid UTF-8 of the input, and that positions only grow.
func FuzzAnalyzer(f *testing.F) {
	for _, s := range []string{"قال الرئيسُ: «وصلنا لروسيـا» في ٢٠٢٤", "وللـ", "ﻻ ﷲ", "a\xffب", "سيبيريا2 )"} {
		f.Add(s)
	}
	idx, q := NewAnalyzer(false, nil), NewAnalyzer(true, []string{"روسيا"})
	f.Fuzz(func(t *testing.T, s string) {
		checkTextField(t, idx, s)
		for _, a := range []analysis.Analyzer{idx, q} {
			pos := 0
			for _, tok := range a.Analyze([]byte(s)) {
				if tok.Start < 0 || tok.End > len(s) || tok.Start >= tok.End {
					t.Fatalf("token %+q at [%d,%d) of %d bytes", tok.Term, tok.Start, tok.End, len(s))
				}
				if !utf8.ValidString(s[tok.Start:tok.End]) && utf8.ValidString(s) {
					t.Fatalf("token %+q splits a character", tok.Term)
				}
				if tok.Position < pos || len(tok.Term) == 0 {
					t.Fatalf("token %+q: position %d after %d", tok.Term, tok.Position, pos)
				}
				pos = tok.Position
			}
		}
	})
}

// The claim text field computes its terms without building tokens: they
// must be the analyzer's, at the same positions, for any text.
func TestTextFieldTermsAreTheAnalyzers(t *testing.T) {
	texts := []string{"", "قال الرئيس بوتين إن روسيا مستعدة.", "والغاز للغاز بالاتفاقية Gazprom's pipelines 2024 ٢٠٢٤%"}
	for _, c := range ClaimsOf(plainSample(t)) {
		texts = append(texts, c.Text)
	}
	for _, protected := range [][]string{nil, {"روسيا", "بوتين", "الولايات"}} {
		a := NewAnalyzer(false, protected)
		for _, text := range texts {
			checkTextField(t, a, text)
		}
	}
}

func checkTextField(t *testing.T, a analysis.Analyzer, text string) {
	t.Helper()
	type tp struct {
		term string
		pos  int
	}
	var want []tp
	wantFreq := map[string][]int{}
	for _, tok := range a.Analyze([]byte(text)) {
		want = append(want, tp{string(tok.Term), tok.Position})
		wantFreq[string(tok.Term)] = append(wantFreq[string(tok.Term)], tok.Position)
	}
	var got []tp
	stemmerOf(a).eachTerm(text, func(term string, pos int) { got = append(got, tp{term, pos}) })
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%+q: terms\n got %v\nwant %v", text, got, want)
	}
	f := &textField{name: FieldText, value: []byte(text), options: optText, stemmer: stemmerOf(a)}
	f.Analyze()
	if f.AnalyzedLength() != len(want) || len(f.AnalyzedTokenFrequencies()) != len(wantFreq) {
		t.Fatalf("%+q: length %d, %d terms; want %d, %d", text, f.AnalyzedLength(), len(f.AnalyzedTokenFrequencies()), len(want), len(wantFreq))
	}
	for term, tf := range f.AnalyzedTokenFrequencies() {
		var pos []int
		for _, l := range tf.Locations {
			pos = append(pos, l.Position)
		}
		if string(tf.Term) != term || !reflect.DeepEqual(pos, wantFreq[term]) || tf.Frequency() != len(wantFreq[term]) {
			t.Fatalf("%+q: term %+q (%+q) at %v, frequency %d; want at %v", text, term, tf.Term, pos, tf.Frequency(), wantFreq[term])
		}
	}
}
