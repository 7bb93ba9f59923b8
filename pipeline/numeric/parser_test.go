package numeric

import (
	"math"
	"testing"

	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline"
)

func newParser(t testing.TB) *Parser {
	t.Helper()
	p, err := NewParser(lexicons.Default())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func prepare(text string) *pipeline.Document {
	doc := &pipeline.Document{Text: text}
	pipeline.New(nil).Prepare(doc)
	return doc
}

func TestParseAt(t *testing.T) {
	p := newParser(t)
	tests := []struct {
		text     string
		value    float64
		span     string // the original text the number covers ("" = whole text)
		ordinal  bool
		fraction bool
	}{
		{"26،013.94", 26013.94, "", false, false},
		{"1,500", 1500, "", false, false},
		{"6.9", 6.9, "", false, false},
		{"٤٫٠", 4, "", false, false},
		{"١٠٠٬٠٠٠", 100000, "", false, false},
		{"٫٧٧", 0.77, "", false, false},
		{"-١٢٠٠٠٠٠", -1200000, "", false, false},
		{"180,25", 180.25, "", false, false},
		{"3/4", 0.75, "", false, false},
		{"6.9 مليار", 6.9e9, "", false, false},
		{"3 ملايين", 3e6, "", false, false},
		{"10 آلاف", 1e4, "", false, false},
		{"3 ملايين ونصف", 3.5e6, "", false, false},
		{"1 فاصلة 1", 1.1, "", false, false},
		{"ثلاثة", 3, "", false, false},
		{"وثلاثة", 3, "ثلاثة", false, false},
		{"بخمسة", 5, "خمسة", false, false},
		{"أربع", 4, "", false, false},
		{"اربعه", 4, "", false, false},
		{"إحدى عشر", 11, "", false, false},
		{"إثنى عشر", 12, "", false, false},
		{"اثنا عشر", 12, "", false, false},
		{"ثلاثة عشر", 13, "", false, false},
		{"عشرين", 20, "", false, false},
		{"خمسة وعشرون", 25, "", false, false},
		{"واحد و عشرين", 21, "", false, false},
		{"مئة", 100, "", false, false},
		{"مائتان", 200, "", false, false},
		{"ثلاثمئة", 300, "", false, false},
		{"ثلاثمائة", 300, "", false, false},
		{"ثلاث مئة", 300, "", false, false},
		{"ثلاث مائة وواحد وثلاثون", 331, "", false, false},
		{"مائة وستة عشر", 116, "", false, false},
		{"ثلاثة آلاف وخمسمائة", 3500, "", false, false},
		{"ألفان", 2000, "", false, false},
		{"الفين", 2000, "", false, false},
		{"مليونان", 2e6, "", false, false},
		{"مليارين", 2e9, "", false, false},
		{"ألف", 1000, "", false, false},
		{"خمسون ألفًا", 50000, "", false, false},
		{"مليون ومائتا ألف", 1.2e6, "", false, false},
		{"ثلاثمائة وخمسون ألف", 350000, "", false, false},
		{"اثني عشر مليار", 12e9, "", false, false},
		{"متين تلاتة وستين", 263, "", false, false},
		{"خمسمية خمسة و عشرين", 525, "", false, false},
		{"نصف", 0.5, "", false, true},
		{"ربع", 0.25, "", false, true},
		{"ثلاثة أرباع", 0.75, "", false, true},
		{"خمسة أثمان", 0.625, "", false, true},
		{"خمسة وربع", 5.25, "", false, false},
		{"عشرون وثلاثة اخماس", 20.6, "", false, false},
		{"مئة وثلاثة ارباع", 100.75, "", false, false},
		{"نصف مليون", 500000, "", false, false},
		{"ونصف", 0.5, "نصف", false, true},
		{"سالب خمسة", -5, "", false, false},
		{"ثلاثة وأربعة", 3, "ثلاثة", false, false},
		{"الأول", 1, "", true, false},
		{"الأولى", 1, "", true, false},
		{"العاشرة", 10, "", true, false},
		{"الحادي عشر", 11, "", true, false},
		{"الحادية عشرة", 11, "", true, false},
		{"الثاني عشرة", 12, "", true, false},
		{"الأحد عشر", 11, "", true, false},
		{"الخامس والعشرين", 25, "", true, false},
		{"الخامس و العشرون", 25, "", true, false},
		{"الواحد والثلاثين", 31, "", true, false},
		{"التاسع والتسعون", 99, "", true, false},
		{"الثلاثين", 30, "", true, false},
		{"الـ21", 21, "", true, false},
		{"الـ 21", 21, "", true, false},
		{"ثاني أكبر", 2, "ثاني", true, false},
		{"ثالث", 3, "", true, false},
		{"الثلاث", 3, "", false, false},
		{"للمرة الثانية", 2, "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			doc := prepare(tt.text)
			i := 0
			if tt.text == "للمرة الثانية" {
				i = 1
				tt.span, tt.ordinal = "الثانية", true
			}
			n, ok := p.ParseAt(doc, i)
			if !ok {
				t.Fatalf("%+q: no number", tt.text)
			}
			if math.Abs(n.Value-tt.value) > 1e-9*math.Max(1, math.Abs(tt.value)) {
				t.Errorf("%+q: value %v, want %v", tt.text, n.Value, tt.value)
			}
			s, e := p.Span(doc, n)
			want := tt.span
			if want == "" {
				want = tt.text
			}
			if doc.Text[s:e] != want {
				t.Errorf("%+q: span %+q, want %+q", tt.text, doc.Text[s:e], want)
			}
			if n.Ordinal != tt.ordinal || n.Fraction != tt.fraction {
				t.Errorf("%+q: ordinal %v fraction %v, want %v %v", tt.text, n.Ordinal, n.Fraction, tt.ordinal, tt.fraction)
			}
		})
	}
}

func TestParseAtNone(t *testing.T) {
	p := newParser(t)
	for _, text := range []string{"الثلاثاء", "ستقدم", "جمهور", "أول أمس", "الحادي", "آلاف", "ثمن", "لست", "الاثنين"} {
		t.Run(text, func(t *testing.T) {
			doc := prepare(text)
			if n, ok := p.ParseAt(doc, 0); ok {
				t.Errorf("%+q: got %+v", text, n)
			}
		})
	}
}
