// Package numeric reads numbers in digits and in words, and extracts
// cardinals, ordinals, percentages, amounts of money and quantities with
// their units.
//
// The Parser is shared with the temporal stage (days, years and durations
// written in words). All words it knows come from lexicons/data/numeric.
package numeric

import (
	"math"
	"strconv"
	"strings"

	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/segment"
)

// Number is a number read from the tokens [Start, End) of a document.
type Number struct {
	Value      float64
	Start, End int  // token indexes, End exclusive
	Words      bool // written (at least partly) in words
	Ordinal    bool // an ordinal (الثالث، الـ21)
	Fraction   bool // a pure fraction word (نصف، ثلث، ربع)
}

// Parser reads numbers in digits and in words; built once from the lexicons,
// safe for concurrent use.
type Parser struct {
	w words
}

// NewParser builds a parser from the numeric lexicons of set.
func NewParser(set *lexicons.Set) (*Parser, error) {
	w, err := loadWords(set)
	if err != nil {
		return nil, err
	}
	return &Parser{w: w}, nil
}

// ParseAt reads the longest number starting at token i of doc (after
// normalization and segmentation).
func (p *Parser) ParseAt(doc *pipeline.Document, i int) (Number, bool) {
	if i < 0 || i >= len(doc.Tokens) {
		return Number{}, false
	}
	t := doc.Tokens[i]
	switch t.Kind {
	case segment.Number:
		return p.digits(doc, i, i, 1)
	case segment.Punct:
		return p.signed(doc, i)
	case segment.Word:
		return p.words(doc, i)
	}
	return Number{}, false
}

// Span returns the original byte span of n, leaving out the proclitics
// (و، ب، ل…) of its first word.
func (p *Parser) Span(doc *pipeline.Document, n Number) (int, int) {
	if n.Start < 0 || n.End > len(doc.Tokens) || n.End <= n.Start {
		return 0, 0
	}
	first := doc.Tokens[n.Start]
	pre := 0
	if first.Kind == segment.Word {
		if fs := p.w.lookup(doc.TokenKey(n.Start)); len(fs) > 0 {
			pre = fs[0].pre
		}
	}
	last := doc.Tokens[n.End-1]
	return doc.Span(first.Start+pre, last.End)
}

// tok helpers

func key(doc *pipeline.Document, i int) string {
	if i < 0 || i >= len(doc.Tokens) {
		return ""
	}
	return doc.TokenKey(i)
}

func kind(doc *pipeline.Document, i int) segment.TokenKind {
	if i < 0 || i >= len(doc.Tokens) {
		return 0
	}
	return doc.Tokens[i].Kind
}

func glued(doc *pipeline.Document, i int) bool {
	return i > 0 && i < len(doc.Tokens) && doc.Tokens[i].Glued
}

// ParseDigits reads a number token's text: digits with '.' as the decimal
// point and ',' or '،' between groups of three digits as thousands
// separators; a single ',' that is not followed by three digits is a decimal
// comma (180,25).
func ParseDigits(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	if strings.Contains(s, "،") && strings.Contains(s, ",") && !strings.Contains(s, ".") {
		// 26،013,94: the Arabic comma groups thousands, the Latin one is the decimal comma
		s = strings.ReplaceAll(strings.ReplaceAll(s, "،", ""), ",", ".")
	}
	s = strings.ReplaceAll(s, "،", ",")
	if strings.Contains(s, ",") {
		groups := strings.Split(s, ",")
		thousands := len(groups[0]) >= 1 && len(groups[0]) <= 3
		for k, g := range groups[1:] {
			if k == len(groups)-2 {
				// the last group may carry a decimal part
				if dot := strings.IndexByte(g, '.'); dot >= 0 {
					g = g[:dot]
				}
			}
			if len(g) != 3 {
				thousands = false
			}
		}
		switch {
		case thousands:
			s = strings.ReplaceAll(s, ",", "")
		case len(groups) == 2 && !strings.Contains(s, "."):
			s = groups[0] + "." + groups[1]
		default:
			return 0, false
		}
	}
	if strings.Count(s, ".") > 1 {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

func isInteger(s string) bool {
	if s == "" {
		return false
	}
	for k := 0; k < len(s); k++ {
		if s[k] < '0' || s[k] > '9' {
			return false
		}
	}
	return true
}

// signed reads "-5", "−5" and ".75" (a punctuation token before a number).
func (p *Parser) signed(doc *pipeline.Document, i int) (Number, bool) {
	k := key(doc, i)
	if kind(doc, i+1) != segment.Number || !glued(doc, i+1) {
		return Number{}, false
	}
	// the sign or point must not be glued to a word or number before it
	// (10-20 is a range, not 10 and -20)
	if glued(doc, i) {
		switch kind(doc, i-1) {
		case segment.Number, segment.Word, segment.Latin:
			return Number{}, false
		}
	}
	switch k {
	case "-", "−", "–":
		n, ok := p.digits(doc, i+1, i, -1)
		return n, ok
	case ".", "٫":
		d := key(doc, i+1)
		if !isInteger(d) {
			return Number{}, false
		}
		v, ok := ParseDigits("0." + d)
		if !ok {
			return Number{}, false
		}
		return Number{Value: v, Start: i, End: i + 2}, true
	}
	return Number{}, false
}

// plainForm returns the reading of token j with no clitics whose class is c.
func (p *Parser) plainForm(doc *pipeline.Document, j int, classes ...class) (form, bool) {
	if kind(doc, j) != segment.Word {
		return form{}, false
	}
	for _, f := range p.w.lookup(key(doc, j)) {
		if f.pre != 0 || f.art || f.conj || f.prep {
			continue
		}
		for _, c := range classes {
			if f.cls == c {
				return f, true
			}
		}
	}
	return form{}, false
}

// digits reads the number token j (the number starts at token start, which
// holds its sign when sign is -1), with what may follow it: a fraction
// (3/4), a mixed fraction (1 4/5), a decimal written as a word (1 فاصلة 5)
// and a scale word (6.9 مليار، 3 ملايين) with a trailing half (ونصف).
func (p *Parser) digits(doc *pipeline.Document, j, start int, sign float64) (Number, bool) {
	s := key(doc, j)
	v, ok := ParseDigits(s)
	if !ok {
		return Number{}, false
	}
	n := Number{Value: v, Start: start, End: j + 1}
	// N/M
	if isInteger(s) && key(doc, j+1) == "/" && glued(doc, j+1) && kind(doc, j+2) == segment.Number && glued(doc, j+2) &&
		!(glued(doc, j+3) && isSep(key(doc, j+3))) && !(glued(doc, start) && isSep(key(doc, start-1))) {
		den, _ := ParseDigits(key(doc, j+2))
		if isInteger(key(doc, j+2)) && den > v && den <= 100 {
			n.Value, n.End = v/den, j+3
			n.Value *= sign
			return n, true
		}
		return Number{}, false
	}
	// 1 4/5
	if isInteger(s) && kind(doc, j+1) == segment.Number && !glued(doc, j+1) && key(doc, j+2) == "/" && glued(doc, j+2) &&
		kind(doc, j+3) == segment.Number && glued(doc, j+3) && !(glued(doc, j+4) && isSep(key(doc, j+4))) {
		a, _ := ParseDigits(key(doc, j+1))
		b, _ := ParseDigits(key(doc, j+3))
		if isInteger(key(doc, j+1)) && isInteger(key(doc, j+3)) && a < b && b <= 10 {
			n.Value, n.End = v+a/b, j+4
		}
	}
	// 1 فاصلة 5
	if f, ok := p.plainForm(doc, n.End, cPoint); ok && f.cls == cPoint && kind(doc, n.End+1) == segment.Number && isInteger(key(doc, n.End+1)) {
		if w, ok := ParseDigits(s + "." + key(doc, n.End+1)); ok && isInteger(s) {
			n.Value, n.End, n.Words = w, n.End+2, true
		}
	}
	// 1.2e5, 12e-1
	if e, end, ok := exponent(doc, n.End); ok {
		if e < 0 {
			n.Value /= math.Pow(10, -e)
		} else {
			n.Value *= math.Pow(10, e)
		}
		n.End = end
	}
	// scale word
	if f, ok := p.plainForm(doc, n.End, cScale, cScalePlural); ok {
		n.Value *= f.val
		n.End++
		n.Words = true
		if fr, ok := p.joinedFraction(doc, n.End); ok {
			n.Value += fr.val * f.val
			n.End = p.scaleEcho(doc, fr.end, f.val)
		}
	}
	n.Value *= sign
	return n, true
}

func isSep(k string) bool { return k == "/" || k == "-" || k == "." || k == ":" }

type joined struct {
	val float64
	end int
}

// joinedFraction reads "ونصف" / "و نصف" / "وربع" / "وثلث" at token j.
func (p *Parser) joinedFraction(doc *pipeline.Document, j int) (joined, bool) {
	k, attached := j, true
	if key(doc, j) == "و" {
		k, attached = j+1, false
	}
	if kind(doc, k) != segment.Word {
		return joined{}, false
	}
	kk := key(doc, k)
	for _, f := range p.w.lookup(kk) {
		if f.cls != cFrac || f.art || f.prep || f.conj != attached {
			continue
		}
		if attached && !strings.HasPrefix(kk, "و") {
			continue
		}
		return joined{val: f.val, end: k + 1}, true
	}
	return joined{}, false
}

// exponent reads a scientific-notation exponent glued to a number at token
// j: "e13", "e" "-" "1", or "^" "+" "23" (the notation of some tools).
func exponent(doc *pipeline.Document, j int) (float64, int, bool) {
	if !glued(doc, j) {
		return 0, 0, false
	}
	k := key(doc, j)
	if k == "^" {
		// ١,١^+٢٣، 2^10 written as a power of ten: 1.1^+23 = 1.1e23
		k = "e"
	} else if kind(doc, j) != segment.Latin || !strings.HasPrefix(k, "e") {
		return 0, 0, false
	}
	if d := k[1:]; d != "" {
		if !isInteger(d) || len(d) > 3 {
			return 0, 0, false
		}
		e, _ := strconv.Atoi(d)
		return float64(e), j + 1, true
	}
	sign := 1.0
	switch key(doc, j+1) {
	case "-", "−":
		sign = -1
	case "+":
	default:
		return 0, 0, false
	}
	if !glued(doc, j+1) || kind(doc, j+2) != segment.Number || !glued(doc, j+2) || !isInteger(key(doc, j+2)) || len(key(doc, j+2)) > 3 {
		return 0, 0, false
	}
	e, _ := strconv.Atoi(key(doc, j+2))
	return sign * float64(e), j + 3, true
}

// decimals reads a decimal part written after فاصلة at token j: digits, or
// an integer in words (واحد فاصلة خمسة = 1.5).
func (p *Parser) decimals(doc *pipeline.Document, j int) (float64, int, bool) {
	if _, ok := p.plainForm(doc, j, cPoint); !ok {
		return 0, 0, false
	}
	if kind(doc, j+1) == segment.Number {
		k := key(doc, j+1)
		if !isInteger(k) {
			return 0, 0, false
		}
		v, ok := ParseDigits("0." + k)
		return v, j + 2, ok
	}
	n, ok := p.cardinal(doc, j+1)
	if !ok || n.Value != math.Trunc(n.Value) || n.Value <= 0 || n.Fraction {
		return 0, 0, false
	}
	d := n.Value
	for d >= 1 {
		d /= 10
	}
	return d, n.End, true
}
