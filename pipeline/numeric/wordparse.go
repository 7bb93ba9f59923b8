package numeric

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/segment"
)

// compKind is what a component of a number in words contributes.
type compKind uint8

const (
	kNum   compKind = iota + 1 // added to the current group
	kScale                     // multiplies the group before it
	kFrac                      // a fraction: ends the number
)

// comp is one component of a number in words: a unit, a teen, a tens, a
// hundreds word, a scale word or a fraction, as read from one or two tokens.
type comp struct {
	kind compKind
	val  float64 // the value (for kScale: the multiplier, 1 or 2)
	scl  float64 // kScale: the scale
	mag  float64 // order of magnitude, for the و order check
	unit bool    // a plain unit 1-9
	weak bool    // a word that is a number only inside a longer one
	tens bool
	end  int
}

// clitic requirements for a component's first token
type need uint8

const (
	needFirst    need = iota // any proclitics, no article
	needAttached             // the conjunction و attached, nothing else
	needPlain                // no clitics at all (after a separate و)
)

func accept(f form, n need, k string) bool {
	if f.art {
		return false
	}
	switch n {
	case needFirst:
		return true
	case needAttached:
		return f.conj && !f.prep && strings.HasPrefix(k, "و")
	}
	return f.pre == 0
}

// readComp reads one component at token j.
func (p *Parser) readComp(doc *pipeline.Document, j int, n need) (comp, bool) {
	if kind(doc, j) != segment.Word {
		return comp{}, false
	}
	k := key(doc, j)
	fs := p.w.lookup(k)
	var frac *form
	for idx := range fs {
		f := fs[idx]
		if !accept(f, n, k) {
			continue
		}
		switch f.cls {
		case cUnit:
			u := f.val
			if u < 10 {
				if t, ok := p.plainForm(doc, j+1, cUnit); ok && t.val == 10 {
					return comp{kind: kNum, val: 10 + u, mag: 10, end: j + 2}, true
				}
			}
			if u >= 3 && u <= 9 {
				if h, ok := p.plainForm(doc, j+1, cHundreds, cHundredsWeak); ok && h.val == 100 {
					return comp{kind: kNum, val: u * 100, mag: 100, end: j + 2}, true
				}
			}
			if fp, ok := p.plainForm(doc, j+1, cFracPlural); ok {
				return comp{kind: kFrac, val: u * fp.val, end: j + 2}, true
			}
			return comp{kind: kNum, val: u, mag: magOf(u), unit: u < 10, end: j + 1}, true
		case cTeenHead:
			if t, ok := p.plainForm(doc, j+1, cUnit); ok && t.val == 10 {
				return comp{kind: kNum, val: 10 + f.val, mag: 10, end: j + 2}, true
			}
		case cTeen:
			return comp{kind: kNum, val: f.val, mag: 10, end: j + 1}, true
		case cTens:
			return comp{kind: kNum, val: f.val, mag: 10, tens: true, end: j + 1}, true
		case cHundreds, cHundredsWeak:
			return comp{kind: kNum, val: f.val, mag: 100, end: j + 1, weak: f.cls == cHundredsWeak}, true
		case cScale:
			return comp{kind: kScale, val: 1, scl: f.val, mag: f.val, end: j + 1}, true
		case cScaleDual:
			return comp{kind: kScale, val: 2, scl: f.val, mag: 2 * f.val, end: j + 1}, true
		case cFrac, cFracDual:
			if frac == nil {
				ff := f
				frac = &ff
			}
		}
	}
	if frac != nil {
		v := frac.val
		if frac.cls == cFracDual {
			v *= 2
		}
		if n == needFirst && !frac.bare {
			return comp{}, false
		}
		return comp{kind: kFrac, val: v, end: j + 1}, true
	}
	return comp{}, false
}

func magOf(v float64) float64 {
	switch {
	case v >= 100:
		return 100
	case v >= 10:
		return 10
	}
	return 1
}

// words reads a number in words starting at token i: an ordinal, a
// cardinal with the article (الدول الثلاث), a signed number (سالب خمسة),
// or a cardinal.
func (p *Parser) words(doc *pipeline.Document, i int) (Number, bool) {
	k := key(doc, i)
	if isArticle(k) && kind(doc, i+1) == segment.Number && isInteger(key(doc, i+1)) {
		// الـ21، الـ 21
		if v, ok := ParseDigits(key(doc, i+1)); ok {
			return Number{Value: v, Start: i, End: i + 2, Ordinal: true}, true
		}
	}
	fs := p.w.lookup(k)
	if len(fs) == 0 {
		return Number{}, false
	}
	if n, ok := p.ordinal(doc, i, fs); ok {
		return n, true
	}
	for _, f := range fs {
		if f.cls == cSign && f.pre == 0 {
			n, ok := p.ParseAt(doc, i+1)
			if !ok || n.Ordinal || (kind(doc, i+1) == segment.Punct) {
				return Number{}, false
			}
			n.Value, n.Start, n.Words = -n.Value, i, true
			return n, true
		}
	}
	n, ok := p.cardinal(doc, i)
	if ok {
		n = p.withDecimals(doc, n)
	}
	return n, ok
}

func isArticle(k string) bool {
	switch k {
	case "ال", "وال", "بال", "لل", "ولل", "فال", "كال", "وبال":
		return true
	}
	return false
}

// ordinal reads الأول … التاسع والتسعون, ثاني (bare), الحادي عشر, and the
// cardinals with the article that read as ordinals (الأحد عشر، العشرون).
// A unit cardinal with the article (الثلاث) gives a cardinal.
func (p *Parser) ordinal(doc *pipeline.Document, i int, fs []form) (Number, bool) {
	for _, f := range fs {
		switch {
		case (f.cls == cOrd || f.cls == cOrdHead) && (f.art || (f.bare && f.cls == cOrd)):
			if p.cancelled(doc, i, f.not) {
				return Number{}, false
			}
			if !f.art && i > 0 {
				for _, a := range f.after {
					if key(doc, i-1) == a {
						return Number{}, false // آل ثاني is a family name
					}
				}
			}
			if !f.art && f.pre == 0 && strings.HasSuffix(key(doc, i), "ه") && kind(doc, i-1) == segment.Word &&
				!strings.HasPrefix(key(doc, i-1), "ال") && !superlative(key(doc, i+1)) {
				// أطراف ثالثة: a feminine ordinal after an indefinite noun
				// is an adjective ("third parties"), not a rank
				return Number{}, false
			}
			u := f.val
			if t, ok := p.plainForm(doc, i+1, cUnit); ok && t.val == 10 {
				return Number{Value: 10 + u, Start: i, End: i + 2, Words: true, Ordinal: true}, true
			}
			if u < 10 {
				if t, end, ok := p.joinedTens(doc, i+1, f.art); ok {
					return Number{Value: u + t, Start: i, End: end, Words: true, Ordinal: true}, true
				}
			}
			if f.cls == cOrdHead {
				return Number{}, false
			}
			return Number{Value: u, Start: i, End: i + 1, Words: true, Ordinal: true}, true
		case f.art && (f.cls == cUnit || f.cls == cTeenHead):
			u := f.val
			if t, ok := p.plainForm(doc, i+1, cUnit); ok && t.val == 10 && u < 10 {
				return Number{Value: 10 + u, Start: i, End: i + 2, Words: true, Ordinal: true}, true
			}
			if u < 10 {
				if t, end, ok := p.joinedTens(doc, i+1, true); ok {
					return Number{Value: u + t, Start: i, End: end, Words: true, Ordinal: true}, true
				}
			}
			if f.cls == cUnit && u > 2 {
				// الدول الثلاث: a count with the article
				return Number{Value: u, Start: i, End: i + 1, Words: true}, true
			}
			return Number{}, false
		case f.art && (f.cls == cTens || f.cls == cHundreds):
			return Number{Value: f.val, Start: i, End: i + 1, Words: true, Ordinal: true}, true
		}
	}
	return Number{}, false
}

// cancelled reports whether the words after token i match one of the
// phrases in not (each a matching key, words separated by spaces).
func (p *Parser) cancelled(doc *pipeline.Document, i int, not []string) bool {
	for _, phrase := range not {
		ws := strings.Fields(phrase)
		ok := true
		for d, w := range ws {
			if key(doc, i+1+d) != w {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// joinedTens reads "والعشرون" or "و العشرين" (art: with the article) at j.
func (p *Parser) joinedTens(doc *pipeline.Document, j int, art bool) (float64, int, bool) {
	k, attached := j, true
	if key(doc, j) == "و" {
		k, attached = j+1, false
	}
	if kind(doc, k) != segment.Word {
		return 0, 0, false
	}
	kk := key(doc, k)
	for _, f := range p.w.lookup(kk) {
		if f.cls != cTens || f.art != art || f.prep {
			continue
		}
		if attached != (f.conj && strings.HasPrefix(kk, "و")) {
			continue
		}
		return f.val, k + 1, true
	}
	return 0, 0, false
}

// cardinal reads a cardinal in words: components joined by و, big before
// small except that units come before tens (خمسة وعشرون), with scale words
// multiplying what precedes them (ثلاثة آلاف وخمسمائة).
func (p *Parser) cardinal(doc *pipeline.Document, i int) (Number, bool) {
	c, ok := p.readComp(doc, i, needFirst)
	if !ok {
		return Number{}, false
	}
	var total, group float64
	lastScale := 1.0
	prevMag := math.Inf(1)
	prevUnit := false
	end := c.end
	switch c.kind {
	case kNum:
		group = c.val
		prevMag, prevUnit = c.mag, c.unit
	case kScale:
		total, lastScale, prevMag = c.val*c.scl, c.scl, c.scl
	case kFrac:
		// نصف مليون
		if s, ok := p.plainForm(doc, end, cScale); ok {
			return Number{Value: c.val * s.val, Start: i, End: end + 1, Words: true}, true
		}
		return Number{Value: c.val, Start: i, End: end, Words: true, Fraction: c.val < 1}, true
	}
	lastHundreds := c.kind == kNum && c.mag == 100
	if c.weak {
		// مية alone is "water", متين "solid": a number only with more after it
		n, ok := p.cardinalRest(doc, i, c, total, group, lastScale, prevMag, prevUnit, lastHundreds)
		if !ok || n.End == c.end {
			return Number{}, false
		}
		return n, true
	}
	return p.cardinalRest(doc, i, c, total, group, lastScale, prevMag, prevUnit, lastHundreds)
}

// cardinalRest continues a cardinal after its first component c.
func (p *Parser) cardinalRest(doc *pipeline.Document, i int, c comp, total, group, lastScale, prevMag float64, prevUnit, lastHundreds bool) (Number, bool) {
	end := c.end
	groupFrom := i // where the group being read began
	for {
		j := end
		// a scale word right after a count: ثلاثة آلاف، خمسة وعشرين ألفا
		if s, ok := p.plainForm(doc, j, cScale, cScalePlural); ok {
			switch {
			case group > 0 && total > 0 && s.val >= lastScale:
				// ألفين وثلاثة آلاف is two numbers (بين ألفين وثلاثة
				// آلاف), not 2000 + 3000: scales only decrease
				return p.finish(i, groupFrom, total, 0)
			case group > 0:
				total += group * s.val
			case total > 0 && s.val > lastScale && s.cls == cScale:
				total *= s.val // ألف مليون
			default:
				return p.finish(i, end, total, group)
			}
			group, lastScale, prevMag, prevUnit, lastHundreds = 0, s.val, s.val, false, false
			end = j + 1
			continue
		}
		var nc comp
		var ok bool
		switch {
		case key(doc, j) == "و":
			nc, ok = p.readComp(doc, j+1, needPlain)
		case kind(doc, j) == segment.Word:
			nc, ok = p.readComp(doc, j, needAttached)
			if !ok && lastHundreds {
				// dialect: خمسمية خمسة وعشرين, with no و after the hundreds
				nc, ok = p.readComp(doc, j, needPlain)
				ok = ok && nc.kind == kNum && nc.mag < 100
			}
		}
		if !ok {
			break
		}
		switch nc.kind {
		case kNum:
			if group == 0 {
				groupFrom = end
			}
			switch {
			case nc.mag < prevMag:
			case prevUnit && nc.tens:
				nc.mag = 1 // nothing but a fraction may follow 25
			default:
				return p.finish(i, end, total, group)
			}
			group += nc.val
			prevMag, prevUnit, lastHundreds = nc.mag, nc.unit, nc.mag == 100
			if prevUnit && nc.tens {
				prevMag = 1
			}
		case kScale:
			if nc.mag >= prevMag || group > 0 {
				return p.finish(i, end, total, group)
			}
			total += nc.val * nc.scl
			lastScale, prevMag, prevUnit, lastHundreds = nc.scl, nc.mag, false, false
		case kFrac:
			end = nc.end
			if group == 0 && lastScale > 1 {
				total += nc.val * lastScale
				end = p.scaleEcho(doc, end, lastScale)
			} else {
				group += nc.val
			}
			return p.finish(i, end, total, group)
		}
		end = nc.end
	}
	return p.finish(i, end, total, group)
}

func (p *Parser) finish(i, end int, total, group float64) (Number, bool) {
	return Number{Value: total + group, Start: i, End: end, Words: true}, true
}

// withDecimals extends a whole number in words with a decimal part
// written after فاصلة.
func (p *Parser) withDecimals(doc *pipeline.Document, n Number) Number {
	if n.Value != math.Trunc(n.Value) || n.Fraction {
		return n
	}
	if d, end, ok := p.decimals(doc, n.End); ok {
		n.Value += d
		n.End = end
	}
	return n
}

// scaleEcho skips the scale repeated with the article after a fraction:
// "ثلاثة ملايين ونصف المليون".
func (p *Parser) scaleEcho(doc *pipeline.Document, j int, scale float64) int {
	if kind(doc, j) != segment.Word {
		return j
	}
	for _, f := range p.w.lookup(key(doc, j)) {
		if f.art && f.pre == 0 && f.cls == cScale && f.val == scale {
			return j + 1
		}
	}
	return j
}

// superlative reports whether k looks like an elative (أفعل: أكبر، أهم)
// that a bare ordinal governs (ثالثة أكبر).
func superlative(k string) bool {
	return strings.HasPrefix(k, "ا") && utf8.RuneCountInString(k) == 4
}
