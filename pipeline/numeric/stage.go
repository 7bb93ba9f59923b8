package numeric

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/segment"
)

// Stage extracts CARDINAL, ORDINAL, PERCENT, MONEY and QUANTITY mentions.
//
// Values follow the shared output contract:
//   - every value is a number, or a range {"from","to"} with open ends left
//     out (بين 10 و20 دولارا، أقل من ألف);
//   - MONEY has an ISO 4217 unit, with a per-unit or a time rate appended
//     (USD/MMBtu، USD/bbl، USD/mo); subunits are converted (75 سنتا →
//     0.75 USD);
//   - QUANTITY has a unit symbol (units.tsv) with scale words folded into
//     the value (50 مليار متر مكعب → 5e10 m3) and a time rate appended
//     (m3/yr);
//   - PERCENT is the number of percent (22 for 22 %);
//   - Mod is approx, more_than, less_than, at_least or at_most. A
//     comparison before a bare number or an amount of money makes a range
//     and its words belong to the mention (أقل من ألف → {"to": 1000});
//     a quantity or a percentage keeps its number and the words stay out
//     (أقل من 170 مليار متر مكعب → 1.7e11 m3, less_than), as does approx.
//
// A bare number (CARDINAL, ORDINAL) is left out when it is part of a date,
// a time or a duration found by an earlier stage (the engine runs the
// temporal stage first), of a name (سيبيريا2), an identifier (رقم 1024) or
// a year (عام 2021، 2021م). Bare numbers have a lower priority than any
// other mention of the same span.
type Stage struct {
	p  *Parser
	lx *lexicon
	// first tells, for the key of a word, which readings can start at it
	// (one map lookup skips the many words that start nothing).
	first map[string]startBits
}

type startBits uint8

const (
	startNumber     startBits = 1 << iota // a number word
	startMod                              // a modifier phrase
	startUnit                             // a unit or percent phrase
	startCurrency                         // a currency phrase
	startRange                            // بين، من
	startPercentCue                       // نسبة: a percent named before its number
	anyStart        = startNumber | startMod | startUnit | startCurrency | startRange | startPercentCue
)

// NewStage builds the numeric stage from the numeric lexicons of set.
func NewStage(set *lexicons.Set) (pipeline.Stage, error) {
	return newStage(set)
}

func newStage(set *lexicons.Set) (*Stage, error) {
	p, err := NewParser(set)
	if err != nil {
		return nil, err
	}
	lx, err := loadLexicon(set)
	if err != nil {
		return nil, err
	}
	s := &Stage{p: p, lx: lx, first: map[string]startBits{}}
	for k := range p.w {
		s.first[k] |= startNumber
	}
	for k := range lx.modsBefore.kids {
		s.first[k] |= startMod
	}
	for k, n := range lx.units.kids {
		s.first[k] |= unitStarts(n)
	}
	for k := range lx.currencies.kids {
		s.first[k] |= startCurrency
	}
	for _, k := range []string{"بين", "وبين", "من", "ومن"} {
		s.first[k] |= startRange
	}
	return s, nil
}

// unitStarts tells what the phrases of a unit trie node under a first word
// can start: a quantity (read bare: لتران) or a percent cue (نسبة). Percent
// signs after a number are matched from the number, not from here.
func unitStarts(n *trie[unitVal]) startBits {
	var b startBits
	if n.ok {
		switch {
		case n.val.before:
			b |= startPercentCue
		case n.val.kind == pipeline.Quantity:
			b |= startUnit
		}
	}
	for _, c := range n.kids {
		b |= unitStarts(c)
	}
	return b
}

// Name implements pipeline.Stage.
func (s *Stage) Name() string { return "numeric" }

// Mention priorities: a bare number loses ties against any other reading
// of the same span (a date, a name).
// A compound number in words (الأحد عشر، خمسة وعشرون) wins them, even
// against the temporal stage (priority 1).
const (
	priorityAmount   = 0
	priorityNumber   = -1
	priorityCompound = 2
)

// amount is a candidate mention being built, over tokens [start, end).
type amount struct {
	kind       pipeline.Kind
	val        float64
	from, to   *float64 // a range, when isRange
	isRange    bool
	unit, mod  string
	start, end int
	startByte  int // original byte offset where the mention starts
	rule       string
	num        Number // the (first) number
	digitsOnly bool   // a number in digits with nothing around it
}

// state is per-document working state.
type state struct {
	doc    *pipeline.Document
	counts map[string]int // currency code → country cues in the text (lazy)
	// temporal holds the spans of the dates, times and durations found by
	// the stages before this one: a bare number inside one is part of it.
	temporal []pipeline.Span
}

// inTemporal reports whether [start, end) overlaps a temporal mention
// without strictly containing it (الأحد عشر contains الأحد "Sunday" and
// stays; 2021 inside "عام 2021" goes).
// A compound number in words keeps the span it shares exactly with a
// temporal mention (sameOK): الأحد عشر is "the eleventh", not a Sunday.
func (st *state) inTemporal(start, end int, sameOK bool) bool {
	for _, t := range st.temporal {
		if start < t.End && t.Start < end {
			if start <= t.Start && t.End <= end && (end-start > t.End-t.Start || sameOK) {
				continue
			}
			return true
		}
	}
	return false
}

// Process implements pipeline.Stage.
func (s *Stage) Process(doc *pipeline.Document) error {
	st := &state{doc: doc}
	for _, m := range doc.Mentions {
		switch m.Type {
		case pipeline.Date, pipeline.Time, pipeline.Duration:
			st.temporal = append(st.temporal, pipeline.Span{Start: m.Start, End: m.End})
		}
	}
	for i := 0; i < len(doc.Tokens); {
		a, ok := s.at(st, i)
		if !ok {
			i++
			continue
		}
		if m, keep := s.mention(st, a); keep {
			doc.Mentions = append(doc.Mentions, m)
		}
		if a.end > i {
			i = a.end
		} else {
			i++
		}
	}
	return nil
}

// at reads a mention starting at token i, with its modifier or range words.
func (s *Stage) at(st *state, i int) (amount, bool) {
	doc := st.doc
	if kind(doc, i) == segment.Word {
		k := doc.TokenKey(i)
		bits := s.first[k]
		if isArticle(k) {
			bits |= startNumber // الـ21
		}
		if bits == 0 {
			return amount{}, false
		}
		if bits&startMod != 0 {
			if mv, e, ok := s.lx.modsBefore.match(doc, i); ok {
				if a, ok := s.amount(st, e); ok && a.kind != pipeline.Ordinal && !a.isRange {
					s.applyMod(st, &a, mv, i)
					s.secondBound(st, &a)
					return a, true
				}
			}
		}
		if bits&startRange != 0 {
			if a, ok := s.wordRange(st, i); ok {
				return a, true
			}
		}
		if bits&startPercentCue != 0 {
			if a, ok := s.percentBefore(st, i); ok {
				return a, true
			}
		}
		if bits&(startNumber|startUnit|startCurrency) == 0 {
			return amount{}, false
		}
		return s.amountAt(st, i, bits)
	}
	if kind(doc, i) == segment.Punct || kind(doc, i) == segment.Latin {
		// most punctuation and Latin words start nothing: one lookup
		// and a few comparisons skip them
		k := doc.TokenKey(i)
		if s.first[k]&(startMod|startCurrency) == 0 {
			// only a sign or a point glued to a number: -5، .75، ٪5
			switch k {
			case "-", "−", "–", ".", "٫", "%", "٪":
				if kind(doc, i+1) != segment.Number || !glued(doc, i+1) {
					return amount{}, false
				}
			default:
				return amount{}, false
			}
		}
		// ٪5: the percent sign before its number
		if (k == "%" || k == "٪") && kind(doc, i+1) == segment.Number && glued(doc, i+1) &&
			!(glued(doc, i) && kind(doc, i-1) == segment.Number) {
			if n, ok := s.p.ParseAt(doc, i+1); ok && !n.Ordinal {
				return amount{kind: pipeline.Percent, val: n.Value, start: i, end: n.End,
					startByte: tokStart(doc, i, 0), num: n, rule: "percent sign before"}, true
			}
		}
		// >= 30, ≤ 5
		if mv, e, ok := s.lx.modsBefore.match(doc, i); ok {
			if a, ok := s.amount(st, e); ok && a.kind == pipeline.Cardinal && !a.isRange {
				s.applyMod(st, &a, mv, i)
				return a, true
			}
		}
	}
	return s.amount(st, i)
}

// secondBound reads the other end of a range given by two comparisons:
// "أكبر من 100 وأصغر من 300".
func (s *Stage) secondBound(st *state, a *amount) {
	if !a.isRange || a.kind != pipeline.Cardinal {
		return
	}
	doc := st.doc
	j := a.end
	if key(doc, j) == "و" {
		j++
	}
	mv, e, ok := s.lx.modsBefore.match(doc, j)
	if !ok || mv.rng {
		return
	}
	if j == a.end && !strings.HasPrefix(key(doc, j), "و") {
		return
	}
	b, ok := s.amount(st, e)
	if !ok || b.kind != pipeline.Cardinal || b.isRange {
		return
	}
	v := b.val
	switch {
	case a.from != nil && a.to == nil && (mv.mod == "less_than" || mv.mod == "at_most") && v > *a.from:
		a.to = &v
	case a.to != nil && a.from == nil && (mv.mod == "more_than" || mv.mod == "at_least") && v < *a.to:
		a.from = &v
	default:
		return
	}
	a.end, a.mod = b.end, ""
}

// tokStart returns the original byte offset of token i after pre bytes.
func tokStart(doc *pipeline.Document, i, pre int) int {
	s, _ := doc.Span(doc.Tokens[i].Start+pre, doc.Tokens[i].End)
	return s
}

// afterMod reads a modifier after an amount (تقريبا، على الأقل، أو أكثر),
// unless the words begin a comparison of the next number ("10 وأكثر من
// 40" is no "10 or more").
func (s *Stage) afterMod(doc *pipeline.Document, j int) (modVal, int, bool) {
	mv, e, ok := s.lx.modsAfter.match(doc, j)
	if !ok || mv.pre != 0 {
		return modVal{}, 0, false
	}
	if _, be, ok := s.lx.modsBefore.match(doc, j); ok && be > e {
		return modVal{}, 0, false
	}
	return mv, e, true
}

// applyMod attaches a modifier phrase that starts at token i.
func (s *Stage) applyMod(st *state, a *amount, mv modVal, i int) {
	if mv.mod == "equal" {
		// يساوي 170: a bare number stated exactly, {"from": 170, "to": 170}
		if a.kind == pipeline.Cardinal {
			v := a.val
			a.start, a.startByte = i, tokStart(st.doc, i, mv.pre)
			a.from, a.to, a.isRange = &v, &v, true
		}
		return
	}
	a.mod = mv.mod
	if !mv.rng && ((a.kind != pipeline.Cardinal && a.kind != pipeline.Money) || mv.mod == "approx") {
		return
	}
	// a range: the words belong to the mention
	a.start, a.startByte = i, tokStart(st.doc, i, mv.pre)
	v := a.val
	a.isRange = true
	switch mv.mod {
	case "more_than", "at_least":
		a.from = &v
	case "less_than", "at_most":
		a.to = &v
	default:
		a.isRange = false
	}
}

// amount reads a number at i with the unit, currency or percent sign after
// it (or a currency symbol before it), a per-unit, a time rate and a
// modifier after it.
func (s *Stage) amount(st *state, i int) (amount, bool) {
	return s.amountAt(st, i, anyStart)
}

// amountAt is amount with what the first word of token i can start (for a
// word: its startBits; anyStart when unknown).
func (s *Stage) amountAt(st *state, i int, bits startBits) (amount, bool) {
	doc := st.doc
	if i >= len(doc.Tokens) {
		return amount{}, false
	}
	// a currency symbol before the amount: $5، € 20، US$ 3 مليارات
	if kind(doc, i) != segment.Word && kind(doc, i) != segment.Number {
		if cv, e, ok := s.lx.currencies.match(doc, i); ok && cv.symbol && kind(doc, e) == segment.Number {
			if n, ok := s.p.ParseAt(doc, e); ok && !n.Ordinal {
				a := amount{kind: pipeline.Money, val: n.Value * cv.factor, unit: cv.code, start: i, end: n.End,
					startByte: tokStart(doc, i, 0), rule: "money " + cv.rule, num: n}
				s.moneyTail(st, &a)
				s.trailingCents(st, &a, n)
				return a, true
			}
		}
	}
	if kind(doc, i) == segment.Latin {
		if cv, e, ok := s.lx.currencies.match(doc, i); ok && cv.symbol && kind(doc, e) == segment.Number {
			if n, ok := s.p.ParseAt(doc, e); ok && !n.Ordinal {
				a := amount{kind: pipeline.Money, val: n.Value * cv.factor, unit: cv.code, start: i, end: n.End,
					startByte: tokStart(doc, i, 0), rule: "money " + cv.rule, num: n}
				s.moneyTail(st, &a)
				return a, true
			}
		}
	}
	if bits&startNumber == 0 {
		if bits&(startUnit|startCurrency) == 0 {
			return amount{}, false
		}
		return s.bareUnit(st, i)
	}
	n, ok := s.p.ParseAt(doc, i)
	if !ok {
		return s.bare(st, i, bits)
	}
	start, _ := s.p.Span(doc, n)
	a := amount{kind: pipeline.Cardinal, val: n.Value, start: i, end: n.End, startByte: start, num: n,
		rule: "cardinal", digitsOnly: !n.Words}
	if n.Ordinal {
		a.kind, a.rule = pipeline.Ordinal, "ordinal"
		return a, true
	}
	if !n.Words && yearLike(key(doc, n.Start)) && i > 0 {
		// عام 2020 قدم: a year, whatever word follows it
		if _, _, ok := s.lx.yearBefore.match(doc, i-1); ok {
			return a, true
		}
	}
	s.dashRange(st, &a)
	s.unitTail(st, &a)
	if a.kind == pipeline.Cardinal && !a.isRange {
		s.toRange(st, &a)
	}
	if a.kind == pipeline.Cardinal && !a.isRange {
		s.ratio(st, &a)
	}
	return a, true
}

// toRange reads "10 إلى 20 دولارا": a bare number, إلى, and an amount
// with a unit that applies to both.
func (s *Stage) toRange(st *state, a *amount) {
	doc := st.doc
	if k := key(doc, a.end); k != "الي" && k != "حتي" {
		return
	}
	b, ok := s.amount(st, a.end+1)
	if !ok || b.kind == pipeline.Ordinal || b.isRange || b.num.Value <= a.val {
		return
	}
	if b.kind == pipeline.Cardinal {
		// two bare numbers: not years (2010 إلى 2020) nor days of a month
		if yearLike(key(doc, a.num.Start)) || yearLike(key(doc, b.num.Start)) || b.mod != "" {
			return
		}
		if _, _, ok := s.lx.yearBefore.match(doc, b.end); ok {
			return
		}
	}
	from, to := a.val*b.val/b.num.Value, b.val
	a.kind, a.unit, a.rule, a.mod = b.kind, b.unit, b.rule, b.mod
	a.from, a.to, a.isRange, a.end = &from, &to, true, b.end
}

// ratio reads "واحد على مائة" (1/100) and "2 من 5" (2/5): a number over a
// larger one is a fraction.
func (s *Stage) ratio(st *state, a *amount) {
	doc := st.doc
	j := a.end
	if k := key(doc, j); k != "علي" && k != "من" {
		return
	}
	d, ok := s.p.ParseAt(doc, j+1)
	if !ok || d.Ordinal || d.Value <= 0 || a.val == 0 {
		return
	}
	// "3 على 1" is a score, "5 من 3" nothing: a ratio in digits or with من
	// has the smaller number first
	if math.Abs(a.val) >= d.Value && (key(doc, j) == "من" || !a.num.Words) {
		return
	}
	// the denominator takes no unit of its own (2 من 5 دولارات is no ratio)
	if _, _, ok := s.lx.units.match(doc, d.End); ok {
		return
	}
	if _, _, ok := s.lx.currencies.match(doc, d.End); ok {
		return
	}
	if _, _, ok := s.lx.yearBefore.match(doc, d.End); ok {
		return
	}
	a.val /= d.Value
	a.end = d.End
	a.digitsOnly = false
	a.num.Words, a.num.End = true, d.End // no longer a bare digit string
	if mv, e, ok := s.afterMod(doc, a.end); ok {
		a.mod = mv.mod
		v := a.val
		switch mv.mod {
		case "at_least", "more_than":
			a.from, a.isRange, a.end = &v, true, e
		case "at_most", "less_than":
			a.to, a.isRange, a.end = &v, true, e
		}
	}
}

// dashRange reads "10-20" and "1000 - 5000" after the number of a.
func (s *Stage) dashRange(st *state, a *amount) {
	doc := st.doc
	j := a.end
	if a.num.Words || !isDash(key(doc, j)) || kind(doc, j+1) != segment.Number {
		return
	}
	if glued(doc, j) != glued(doc, j+1) {
		return
	}
	lo, hi := key(doc, j-1), key(doc, j+1)
	if strings.HasPrefix(hi, "0") || (yearLike(lo) && yearLike(hi)) || (glued(doc, j+2) && isSep(key(doc, j+2))) {
		return
	}
	n2, ok := s.p.ParseAt(doc, j+1)
	if !ok || n2.Value <= a.val || n2.Ordinal {
		return
	}
	if !glued(doc, j) {
		// "6 - 4 و5 - 7" are scores: a spaced dash makes a range only
		// with a unit after it (10 - 20 دولارا)
		_, _, u := s.lx.units.match(doc, n2.End)
		_, _, c := s.lx.currencies.match(doc, n2.End)
		if !u && !c {
			return
		}
	}
	from, to := a.val, n2.Value
	a.from, a.to, a.isRange, a.end = &from, &to, true, n2.End
	a.digitsOnly = false
}

func isDash(k string) bool { return k == "-" || k == "–" || k == "~" }

// yearLike reports whether a number token looks like a year (1000-2100).
func yearLike(k string) bool {
	if len(k) != 4 || !isInteger(k) {
		return false
	}
	return k >= "1000" && k <= "2100"
}

// wordRange reads "بين X و Y" and "من X إلى Y" / "من X لY" with an optional
// unit after Y that applies to both ends.
func (s *Stage) wordRange(st *state, i int) (amount, bool) {
	doc := st.doc
	k := key(doc, i)
	pre := 0
	if strings.HasPrefix(k, "و") && len(k) > len("و") {
		k, pre = k[len("و"):], len("و")
	}
	if k != "بين" && k != "من" {
		return amount{}, false
	}
	a1, ok := s.amount(st, i+1)
	if ok && k == "من" && a1.isRange && a1.start == i+1 && a1.mod == "" {
		// من 5 إلى 10 يورو: the range was read from its first number on
		a1.start, a1.startByte = i, tokStart(doc, i, pre)
		return a1, true
	}
	if !ok || a1.kind == pipeline.Ordinal || a1.isRange || a1.mod != "" {
		return amount{}, false
	}
	if k == "من" && a1.kind != pipeline.Cardinal {
		// ارتفعت من 5% إلى 7%: two values (a change), not a range
		return amount{}, false
	}
	j := a1.end
	var b amount
	switch jk := key(doc, j); {
	case k == "بين" && jk == "و":
		b, ok = s.amount(st, j+1)
	case k == "بين" && kind(doc, j) == segment.Word && strings.HasPrefix(jk, "و"):
		b, ok = s.amount(st, j)
	case k == "بين" && jk == "الي":
		b, ok = s.amount(st, j+1)
	case k == "من" && (jk == "الي" || jk == "حتي"):
		b, ok = s.amount(st, j+1)
	case k == "من" && jk == "ل" && kind(doc, j+1) == segment.Number:
		b, ok = s.amount(st, j+1)
	case k == "من" && kind(doc, j) == segment.Word && strings.HasPrefix(jk, "ل"):
		b, ok = s.amount(st, j)
	default:
		return amount{}, false
	}
	if !ok || b.kind == pipeline.Ordinal || b.isRange || b.num.Value == 0 {
		return amount{}, false
	}
	from, to := a1.val, b.val
	if a1.kind == pipeline.Cardinal {
		from *= b.val / b.num.Value // the unit after the second number applies to both
	} else if a1.kind != b.kind || a1.unit != b.unit {
		return amount{}, false
	}
	if to <= from {
		return amount{}, false
	}
	a := amount{kind: b.kind, unit: b.unit, val: to, from: &from, to: &to, isRange: true, mod: b.mod,
		start: i, end: b.end, startByte: tokStart(doc, i, pre), num: a1.num, rule: "range " + b.rule}
	// a date (من 16 إلى 17 مايو) is the temporal stage's
	if _, _, ok := s.lx.yearBefore.match(doc, a.end); ok && b.kind == pipeline.Cardinal {
		return amount{}, false
	}
	return a, true
}

// percentBefore reads "نسبة اثنين وعشرين" (a percent cue before the number,
// and no percent sign after it).
func (s *Stage) percentBefore(st *state, i int) (amount, bool) {
	doc := st.doc
	uv, e, ok := s.lx.units.match(doc, i)
	if !ok || !uv.before {
		return amount{}, false
	}
	n, ok := s.p.ParseAt(doc, e)
	if !ok || n.Ordinal || n.Fraction {
		return amount{}, false
	}
	a := amount{kind: pipeline.Cardinal, val: n.Value, start: e, end: n.End, num: n}
	a.startByte, _ = s.p.Span(doc, n)
	s.unitTail(st, &a)
	if a.kind != pipeline.Cardinal {
		return a, true // the sign after it decides (بنسبة 70%)
	}
	a.kind, a.unit, a.val = pipeline.Percent, "", a.val*uv.factor
	a.start, a.startByte, a.rule = i, tokStart(doc, i, 0), "percent "+uv.rule
	return a, true
}

// unitTail reads what follows the number of a: a percent sign, a unit or a
// currency, then per-units and rates.
func (s *Stage) unitTail(st *state, a *amount) {
	doc := st.doc
	j := a.end
	uv, ue, uok := s.lx.units.match(doc, j)
	if uok && uv.before {
		uok = false
	}
	cv, ce, cok := s.lx.currencies.match(doc, j)
	if uok && cok {
		if ce > ue {
			uok = false
		} else {
			cok = false
		}
	}
	switch {
	case uok:
		a.kind, a.unit, a.end, a.rule = uv.kind, uv.unit, ue, strings.ToLower(string(uv.kind))+" "+uv.rule
		if uv.kind == pipeline.Percent {
			a.unit = ""
		}
		a.scale(uv.factor)
		if uv.kind == pipeline.Quantity {
			s.belowZero(st, a) // 5 درجات تحت الصفر
			s.rate(st, a)
		}
	case cok:
		a.kind, a.end, a.rule = pipeline.Money, ce, "money "+cv.rule
		var note string
		a.unit, note = s.currencyCode(st, cv)
		a.rule += note
		a.scale(cv.factor)
		s.moneyTail(st, a)
		if cv.symbol && a.end == ce {
			s.trailingCents(st, a, Number{End: a.end, Words: a.num.Words})
		}
	}
	if mv, e, ok := s.afterMod(doc, a.end); ok {
		a.mod = mv.mod
		if (a.kind == pipeline.Cardinal || a.kind == pipeline.Money) && !a.isRange {
			v := a.val
			switch mv.mod {
			case "at_least", "more_than":
				a.from, a.isRange, a.end = &v, true, e
			case "at_most", "less_than":
				a.to, a.isRange, a.end = &v, true, e
			}
		}
	}
}

func (a *amount) scale(f float64) {
	a.val *= f
	if a.from != nil {
		v := *a.from * f
		a.from = &v
	}
	if a.to != nil {
		v := *a.to * f
		a.to = &v
	}
}

// moneyTail reads a per-unit (لكل برميل، للطن، لكل مليون وحدة حرارية), a
// subunit amount (20 دولارا و43 سنتا) and a time rate after an amount of
// money.
func (s *Stage) moneyTail(st *state, a *amount) {
	doc := st.doc
	j := a.end
	// per-unit
	switch k := key(doc, j); {
	case k == "لكل" || k == "/":
		if uv, e, ok := s.lx.units.match(doc, j+1); ok && uv.kind == pipeline.Quantity && uv.factor > 0 {
			a.unit += "/" + uv.unit
			a.end = e
		}
	case strings.HasPrefix(k, "لل") && kind(doc, j) == segment.Word:
		if uv, e, ok := s.lx.units.matchFirst(doc, j, k[len("لل"):]); ok && uv.kind == pipeline.Quantity && uv.factor > 0 {
			a.unit += "/" + uv.unit
			a.end = e
		}
	}
	// a subunit: و 43 سنتا
	j = a.end
	k := j
	if key(doc, j) == "و" {
		k = j + 1
	}
	// و 43 سنتا، وثلاثة وأربعين سنتا، or 43 سنتا with no و
	if k == j+1 || kind(doc, j) == segment.Number || (kind(doc, j) == segment.Word && strings.HasPrefix(key(doc, j), "و")) {
		if n, ok := s.p.ParseAt(doc, k); ok && !n.Ordinal {
			if cv, e, ok := s.lx.currencies.match(doc, n.End); ok && cv.factor < 1 && cv.code == a.unit {
				a.val += n.Value * cv.factor
				a.end = e
			}
		}
	}
	s.rate(st, a)
}

// trailingCents reads the cents written as a bare number after a whole
// amount in digits that ends the clause: "$20 43" is 20.43 USD.
func (s *Stage) trailingCents(st *state, a *amount, n Number) {
	doc := st.doc
	j := a.end
	if a.end != n.End || n.Words || a.val != math.Trunc(a.val) || kind(doc, j) != segment.Number || glued(doc, j) {
		return
	}
	k := key(doc, j)
	if !isInteger(k) || len(k) > 2 || !(j+1 == len(doc.Tokens) || kind(doc, j+1) == segment.Punct) {
		return
	}
	c, _ := ParseDigits(k)
	a.val += c / 100
	a.end = j + 1
}

// rate appends a time rate (/yr, /d) read after the amount.
// The product may stand between them: "مليون برميل من النفط يوميا" is
// bbl/d (the product then belongs to the mention; alone it does not).
func (s *Stage) rate(st *state, a *amount) {
	doc := st.doc
	if suf, e, ok := s.lx.rates.match(doc, a.end); ok {
		a.unit += suf
		a.end = e
		return
	}
	if key(doc, a.end) == "من" && kind(doc, a.end+1) == segment.Word && strings.HasPrefix(key(doc, a.end+1), "ال") {
		if suf, e, ok := s.lx.rates.match(doc, a.end+2); ok {
			a.unit += suf
			a.end = e
		}
	}
}

// matchFirst matches a phrase at token i whose first token key is first
// (the key of token i without a clitic).
func (t *trie[T]) matchFirst(doc *pipeline.Document, i int, first string) (T, int, bool) {
	var best T
	end, ok := 0, false
	n := t.kids[first]
	if n == nil {
		return best, 0, false
	}
	if n.ok {
		best, end, ok = n.val, i+1, true
	}
	for j := i + 1; j < len(doc.Tokens); j++ {
		c := n.kids[doc.TokenKey(j)]
		if c == nil {
			break
		}
		n = c
		if n.ok {
			best, end, ok = n.val, j+1, true
		}
	}
	return best, end, ok
}

// currencyCode resolves a currency phrase: a bare noun shared by several
// currencies (جنيه، ريال، دينار) takes the one whose country the text
// mentions most, else its default. The note says which (it goes into the
// mention's rule): "" for an unambiguous phrase, "from context" or
// "by default".
func (s *Stage) currencyCode(st *state, cv curVal) (string, string) {
	codes := s.lx.nounCodes[cv.noun]
	if cv.noun == "" || len(codes) < 2 {
		return cv.code, ""
	}
	if st.counts == nil {
		st.counts = map[string]int{}
		doc := st.doc
		for i := 0; i < len(doc.Tokens); i++ {
			if kind(doc, i) != segment.Word {
				continue
			}
			if cs, e, ok := s.lx.countries.match(doc, i); ok {
				for _, c := range cs {
					st.counts[c]++
				}
				i = e - 1
			}
		}
	}
	best, bestN := cv.code, st.counts[cv.code]
	for _, c := range codes {
		if st.counts[c] > bestN {
			best, bestN = c, st.counts[c]
		}
	}
	if bestN == 0 {
		return best, " (bare noun, by default)"
	}
	return best, " (bare noun, from context)"
}

// bare reads an amount with no number: an approximate count (مئات آلاف،
// عشرات), a dual unit or currency (لتران، دولاران), or a unit with a
// fraction (لتر ونصف).
func (s *Stage) bare(st *state, i int, bits startBits) (amount, bool) {
	doc := st.doc
	if kind(doc, i) != segment.Word {
		return amount{}, false
	}
	// approximate counts: مئات، آلاف، عشرات الآلاف، and with the article
	// (خرج الآلاف إلى الشوارع)
	for _, f := range s.p.w.lookup(key(doc, i)) {
		if f.cls != cApprox && f.cls != cScalePlural {
			continue
		}
		v, end := f.val, i+1
		for _, g := range s.p.w.lookup(key(doc, end)) {
			if g.cls == cScalePlural && !g.conj && !g.prep {
				v *= g.val
				end++
				break
			}
		}
		start, _ := doc.Span(doc.Tokens[i].Start+f.pre, doc.Tokens[i].End)
		a := amount{kind: pipeline.Cardinal, val: v, mod: "approx", start: i, end: end, startByte: start,
			rule: "cardinal approx " + f.rule}
		// ملايين الدولارات: an approximate amount of money
		if k := key(doc, end); strings.HasPrefix(k, "ال") && kind(doc, end) == segment.Word {
			if cv, e, ok := s.lx.currencies.matchFirst(doc, end, k[len("ال"):]); ok && !cv.symbol {
				code, note := s.currencyCode(st, cv)
				a.kind, a.unit, a.end, a.rule = pipeline.Money, code, e, "money approx "+cv.rule+note
				a.val *= cv.factor
			}
		}
		return a, true
	}
	if bits&(startUnit|startCurrency) == 0 {
		return amount{}, false
	}
	return s.bareUnit(st, i)
}

// bareUnit reads a unit or currency with no number: a dual (لتران،
// دولاران), one (لتر واحد), one and a fraction (لتر ونصف، ريال ونصف), or a
// long unit word standing alone at the end of a clause (كيلوغرام).
func (s *Stage) bareUnit(st *state, i int) (amount, bool) {
	doc := st.doc
	if !isArabicWord(key(doc, i)) {
		return amount{}, false
	}
	var a amount
	var dual, long bool
	uv, ue, uok := s.lx.units.match(doc, i)
	// a negative factor only with its whole phrase (درجتين تحت الصفر)
	uok = uok && uv.kind == pipeline.Quantity && (uv.factor > 0 || ue-i >= 3)
	cv, ce, cok := s.lx.currencies.match(doc, i)
	cok = cok && !cv.symbol
	switch {
	case uok && (!cok || ue >= ce):
		a = amount{kind: pipeline.Quantity, unit: uv.unit, val: uv.factor, end: ue, rule: "quantity " + uv.rule}
		dual = uv.dual
		if uv.factor < 0 {
			break // درجتين تحت الصفر: the phrase says it all
		}
		long = ue == i+1 && utf8.RuneCountInString(key(doc, i)) >= 5
	case cok:
		code, note := s.currencyCode(st, cv)
		a = amount{kind: pipeline.Money, unit: code, val: cv.factor, end: ce, rule: "money " + cv.rule + note}
		dual = cv.dual
	default:
		return amount{}, false
	}
	a.start, a.startByte = i, tokStart(doc, i, 0)
	switch {
	case a.kind == pipeline.Quantity && uv.factor < 0:
	case dual:
		a.val *= 2
	case s.isOne(doc, a.end):
		a.end++
	default:
		if fr, ok := s.p.joinedFraction(doc, a.end); ok {
			a.val, a.end = a.val*(1+fr.val), fr.end
			break
		}
		if !long || !(a.end == len(doc.Tokens) || kind(doc, a.end) == segment.Punct || key(doc, a.end) == "من") {
			return amount{}, false
		}
	}
	if a.kind == pipeline.Money {
		s.moneyTail(st, &a)
	} else {
		s.belowZero(st, &a)
		s.rate(st, &a)
	}
	return a, true
}

// belowZero reads "تحت الصفر" after a quantity: the amount is negative.
func (s *Stage) belowZero(st *state, a *amount) {
	if neg, e, ok := s.lx.units.match(st.doc, a.end); ok && neg.factor < 0 && !neg.before {
		a.scale(neg.factor)
		a.end = e
	}
}

// isOne reports whether token j is the word واحد / واحدة (لتر واحد).
func (s *Stage) isOne(doc *pipeline.Document, j int) bool {
	f, ok := s.p.plainForm(doc, j, cUnit)
	return ok && f.val == 1
}

// mention turns a candidate into a mention, or reports that it is none (a
// number that is part of a date, a name or an identifier).
func (s *Stage) mention(st *state, a amount) (pipeline.Mention, bool) {
	doc := st.doc
	if a.end <= a.start || a.end > len(doc.Tokens) {
		return pipeline.Mention{}, false
	}
	if a.kind == pipeline.Cardinal && !a.isRange && a.digitsOnly && a.mod == "" && s.cueBefore(doc, a.num.Start, s.lx.rankCues) {
		a.kind, a.rule = pipeline.Ordinal, "ordinal rank" // المرتبة 82
	}
	if (a.kind == pipeline.Cardinal || a.kind == pipeline.Ordinal) && !s.countable(st, a) {
		return pipeline.Mention{}, false
	}
	if a.kind == pipeline.Money && a.digitsOnly && phoneLike(key(doc, a.num.Start)) {
		return pipeline.Mention{}, false
	}
	_, end := doc.TokenSpan(a.start, a.end)
	m := pipeline.Mention{Start: a.startByte, End: end, Type: a.kind, Unit: a.unit, Mod: a.mod,
		Rule: "numeric " + a.rule, Priority: priorityAmount}
	if m.End <= m.Start {
		return pipeline.Mention{}, false
	}
	compound := a.num.Words && a.num.End-a.num.Start >= 2 && a.end == a.num.End
	if (a.kind == pipeline.Cardinal || a.kind == pipeline.Ordinal) && st.inTemporal(m.Start, m.End, compound) {
		return pipeline.Mention{}, false
	}
	if a.isRange {
		m.Value = pipeline.Range(a.from, a.to)
	} else {
		m.Value = pipeline.Num(a.val)
	}
	switch {
	case compound:
		m.Priority = priorityCompound
	case a.kind == pipeline.Cardinal || a.kind == pipeline.Ordinal:
		m.Priority = priorityNumber
	}
	return m, true
}

// countable reports whether a bare number (CARDINAL or ORDINAL) stands for
// a count, not for part of a date, a time, a name or an identifier.
func (s *Stage) countable(st *state, a amount) bool {
	doc := st.doc
	n := a.num
	if n.Words && !a.isRange && a.kind == pipeline.Cardinal && n.End == n.Start+1 && n.Value == 1 &&
		kind(doc, n.Start-1) == segment.Word && !glued(doc, n.Start) {
		// واحد، واحدة after a noun stress "one", they count nothing
		return false
	}
	if !n.Words && kind(doc, n.Start) == segment.Number && s.cueBefore(doc, n.Start, s.lx.idCues) {
		return false // رقم 1024، صفحة 58 - 59
	}
	if n.Words || a.isRange || a.mod != "" {
		return true
	}
	first, last := n.Start, n.End-1
	if kind(doc, first) == segment.Punct {
		first++ // the sign
	}
	k := key(doc, first)
	if kind(doc, first) != segment.Number {
		return true
	}
	// glued to a word or name before it: سيبيريا2، لونا-25، ال192 is handled as an ordinal
	if glued(doc, n.Start) {
		switch kind(doc, n.Start-1) {
		case segment.Word, segment.Latin, segment.Number:
			return false
		case segment.Punct:
			if isSep(key(doc, n.Start-1)) || key(doc, n.Start-1) == "-" {
				if glued(doc, n.Start-1) || kind(doc, n.Start-2) == segment.Number {
					return false
				}
			}
		}
	}
	// a separator and another number after it: a date, a time, a score, an id
	if glued(doc, last+1) && isSep(key(doc, last+1)) && kind(doc, last+2) == segment.Number {
		return false
	}
	if glued(doc, last+1) && (key(doc, last+1) == "-" || key(doc, last+1) == "/") {
		return false
	}
	if key(doc, last+1) == "-" && kind(doc, last+2) == segment.Number {
		return false
	}
	// glued to a word after it (2021م، 5ك)
	if glued(doc, last+1) && (kind(doc, last+1) == segment.Word || kind(doc, last+1) == segment.Latin) {
		return false
	}
	if phoneLike(k) {
		return false
	}
	// a month or year word after it: 24 فبراير
	if _, _, ok := s.lx.yearBefore.match(doc, last+1); ok {
		return false
	}
	// d / m / y with spaces, 10 : 30
	if isSep(key(doc, last+1)) && key(doc, last+1) != "." && kind(doc, last+2) == segment.Number {
		return false
	}
	if isSep(key(doc, first-1)) && key(doc, first-1) != "." && kind(doc, first-2) == segment.Number {
		return false
	}
	// an identifier: رقم 1024، المادة ( 46 )
	if s.cueBefore(doc, first, s.lx.idCues) {
		return false
	}
	// an enumeration at the start of a sentence: "2 - يعاقب …", "3) …"
	if sent := doc.Tokens[first].Sentence; sent < len(doc.Sentences) && doc.Sentences[sent].TokStart == n.Start {
		switch key(doc, last+1) {
		case "-", ".", ")", "–":
			return false
		}
	}
	if yearLike(k) {
		// a year: after عام or a month, before م or هـ, in brackets, or
		// with no counted noun after it
		if s.cueBefore(doc, first, s.lx.yearBefore) {
			return false
		}
		j := last + 1
		if isCloser(key(doc, j)) {
			j++
		}
		if _, _, ok := s.lx.yearAfter.match(doc, j); ok {
			return false
		}
		if kind(doc, last+1) != segment.Word {
			return false
		}
	}
	return true
}

// cueBefore reports whether a phrase of t ends right before token i (an
// opening bracket may stand between them).
func (s *Stage) cueBefore(doc *pipeline.Document, i int, t *trie[int]) bool {
	if isOpener(key(doc, i-1)) {
		i--
	}
	for back := 1; back <= 3 && i-back >= 0; back++ {
		if _, e, ok := t.match(doc, i-back); ok && e == i {
			return true
		}
	}
	return false
}

func isOpener(k string) bool { return k == "(" || k == "[" || k == "«" || k == "\"" }
func isCloser(k string) bool { return k == ")" || k == "]" || k == "»" || k == "\"" }

// phoneLike reports whether a digit string looks like a phone number or an
// identifier rather than an amount: a leading zero on three or more digits,
// or nine or more digits with no separators.
func phoneLike(k string) bool {
	if !isInteger(k) {
		return false
	}
	return (len(k) >= 3 && k[0] == '0') || len(k) >= 9
}
