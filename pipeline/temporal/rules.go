package temporal

import (
	"time"

	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/segment"
)

// Cue roles (the value column of cues.tsv).
const (
	cueYear    = "year"
	cueMonth   = "month"
	cueWeek    = "week"
	cueDay     = "day"
	cueHour    = "hour"
	cueFrom    = "from"
	cueTo      = "to"
	cueBetween = "between"
	cueAnd     = "and"
	cueAgo     = "ago"
	cueLater   = "later"
	cueSince   = "since"
	cueWithin  = "within"
	cueFor     = "for"
	cueOf      = "of"
	cueMore    = "more_than"
	cueLess    = "less_than"
	cueApprox  = "approx"
	cueBefore  = "before"
	cueHalf    = "half"
	cueQuarter = "quarter"
	cueThird   = "third"
	cueExcept  = "except"
	cueFull    = "full"
	cueOne     = "one"
	cueCentury = "century"
	cueZone    = "zone"
	cueFirst   = "first"
	cueWhich   = "which"
	cueLast    = "last"
	cueOnwards = "onwards"
	cueSome    = "some"
	cueFew     = "few"
)

// ---------------------------------------------------------------- tokens

// in reports whether token i exists and is in the sentence of token from.
func (p *parser) in(from, i int) bool {
	return i >= 0 && i < len(p.doc.Tokens) && p.doc.Tokens[i].Sentence == p.doc.Tokens[from].Sentence
}

// ent returns the entry of class cl of the phrase at token i.
func (p *parser) ent(i int, cl class) (entry, int, bool) {
	if i < 0 || i >= len(p.atomAt) {
		return entry{}, i, false
	}
	a := p.atom(i)
	for _, e := range a.ents {
		if e.class == cl {
			return e, a.end, true
		}
	}
	return entry{}, i, false
}

// cue returns the end of the cue word of role at token i.
func (p *parser) cue(i int, role string) (int, bool) {
	if i < 0 || i >= len(p.atomAt) {
		return i, false
	}
	a := p.atom(i)
	for _, e := range a.ents {
		if e.class == clCue && e.value == role {
			return a.end, true
		}
	}
	return i, false
}

// punct reports whether token i is one of the punctuation marks.
func (p *parser) punct(i int, marks ...string) bool {
	if i < 0 || i >= len(p.doc.Tokens) || p.doc.Tokens[i].Kind != segment.Punct {
		return false
	}
	s := p.doc.TokenLight(i)
	for _, m := range marks {
		if s == m {
			return true
		}
	}
	return false
}

func (p *parser) glued(i int) bool {
	return i < len(p.doc.Tokens) && p.doc.Tokens[i].Glued
}

// intAt reads an integer written in digits at token i.
func (p *parser) intAt(i int) (int, int, bool) {
	n, ok := p.num.at(p.doc, i)
	if !ok || n.words || n.digits == 0 {
		return 0, 0, false
	}
	v, ok := n.int()
	return v, n.digits, ok
}

// numberAt reads a number in digits or words at token i.
func (p *parser) numberAt(i int) (num, bool) {
	if i < 0 || i >= len(p.doc.Tokens) {
		return num{}, false
	}
	switch k := p.numIdx[i]; {
	case k < 0:
		return num{}, false
	case k > 0:
		return p.numList[k-1], true
	}
	// digits before a temporal word (31 أغسطس، 75 عاما، 2014م) need no
	// scale word
	scale := i+1 < len(p.atomAt) && p.atomAt[i+1] == 0
	n, ok := p.num.read(p.doc, i, scale)
	if !ok || n.end <= i {
		p.numIdx[i] = -1
		return num{}, false
	}
	p.numList = append(p.numList, n)
	p.numIdx[i] = int32(len(p.numList))
	return n, true
}

// definite reports whether token i carries the article (as written).
func (p *parser) definite(i int) bool {
	k := p.doc.TokenKey(i)
	return len(k) > 4 && (k[:4] == "ال" || (len(k) > 6 && k[:6] == "لل"))
}

// plainNoun reports whether token i is an Arabic word the lexicon does not
// know: an ordinary noun, adjective or verb.
func (p *parser) plainNoun(i int) bool {
	return i >= 0 && i < len(p.doc.Tokens) && p.doc.Tokens[i].Kind == segment.Word && p.atom(i).ents == nil
}

// contextBefore reports whether the words before token i make a date
// likely: a preposition or range word, a part of a period, a day number, or
// a ب/ل/ف proclitic on the token itself.
func (p *parser) contextBefore(i int, strict bool) bool {
	switch p.atom(i).pre {
	case "ب", "ل", "وب", "ول", "فب", "فل":
		if !strict {
			return true
		}
	}
	j := i - 1
	if !p.in(i, j) {
		return false
	}
	roles := []string{cueOf, cueSince, cueWithin, cueLater, cueAgo, cueBefore, cueMonth, cueDay, cueFrom, cueTo, cueBetween}
	if strict {
		// إلى صفر، من رجب: range words are too weak for words that are
		// also numbers or names
		roles = roles[:8]
	}
	for _, role := range roles {
		if _, ok := p.cue(j, role); ok {
			return true
		}
	}
	if _, _, ok := p.ent(j, clPart); ok {
		return true
	}
	return false
}

// ---------------------------------------------------------------- values

// dres is a date or time found by a rule, before formatting.
type dres struct {
	a, b    point
	iv      bool // an interval a/b
	openA   bool // ../b
	openB   bool // a/..
	noValue bool // no reference date to resolve against
	kind    pipeline.Kind
	mod     string
	cal     string
	hijri   string
	start   int
	end     int
	rule    string
	hasDay  bool // a day of the month was written (for ranges)
	dayTok  int
	strong  bool   // can stand alone (not only inside a range)
	lit     string // a literal value (PRESENT_REF)
	yearSet bool   // the year was written (not taken from the reference)
}

func (r dres) value() string {
	if r.noValue {
		return ""
	}
	if r.lit != "" {
		return r.lit
	}
	switch {
	case r.openA:
		return "../" + r.b.String()
	case r.openB:
		return r.a.String() + "/.."
	case r.iv:
		return r.a.String() + "/" + r.b.String()
	}
	return r.a.String()
}

func (r dres) match() match {
	k := r.kind
	if k == "" {
		k = pipeline.Date
	}
	return match{start: r.start, end: r.end, kind: k, value: r.value(), mod: r.mod, cal: r.cal,
		hijri: r.hijri, rule: r.rule}
}

// refYear returns the reference year, or ok=false without a reference.
func (p *parser) refDay() (time.Time, bool) {
	if !p.hasRef {
		return time.Time{}, false
	}
	return dateOnly(p.ref), true
}

// ---------------------------------------------------------------- best

// timeStart reports whether a time of day may start at token i: a number,
// a day part or clock word, الساعة, a range word, or a day (الخميس الساعة 8).
func (p *parser) timeStart(i int) bool {
	if p.doc.Tokens[i].Kind == segment.Number {
		return true
	}
	for _, e := range p.atom(i).ents {
		switch e.class {
		case clDaypart, clClock, clWeekday, clDay, clMonth, clHMonth, clThis, clHoliday:
			return true
		case clCue:
			switch e.value {
			case cueHour, cueFrom, cueBetween, cueDay, cueFirst:
				return true
			}
		}
	}
	_, ok := p.numberAt(i)
	return ok
}

// best returns the longest expression starting at token i. Candidates are
// compared by their end; only the winner is formatted.
func (p *parser) best(i int) (match, bool) {
	var best dres
	found := false
	try := func(r dres, ok bool) {
		if ok && r.end > i && (!found || r.end > best.end) {
			best, found = r, true
		}
	}
	try(p.dateRange(i))
	if r, ok := p.date(i); ok && r.strong {
		try(r, true)
	}
	// اعتبارا من 1 يوليو: A/..; من الآن وحتى نهاية العام: ../B
	if e, ok := p.cue(i, cueOnwards); ok && p.in(i, e) {
		if r, ok := p.date(e); ok && r.strong && !r.noValue && !r.iv && r.lit == "" && r.mod == "" {
			r.openB, r.rule = true, "onwards"
			try(r, true)
		}
	}
	if e, ok := p.cue(i, cueFrom); ok && p.in(i, e) {
		if c, k, ok := p.ent(e, clClock); ok && c.value == "NOW" && p.in(i, k) {
			if t, ok := p.cue(k, cueTo); ok && p.in(i, t) {
				if r, ok := p.date(t); ok && r.strong && !r.noValue && !r.iv && r.lit == "" {
					r.openA, r.b, r.start, r.rule = true, r.a, i, "until"
					try(r, true)
				}
			}
		}
	}
	// منذ السابع من أكتوبر: since a day without a year is in the past
	if e, ok := p.cue(i, cueSince); ok && p.in(i, e) && p.hasRef {
		if r, ok := p.date(e); ok && r.strong && !r.yearSet && !r.noValue && !r.iv && r.lit == "" &&
			(r.a.g == gDay || r.a.g == gMonth) && !r.a.noYear && r.a.date().After(dateOnly(p.ref)) {
			r.a.y--
			if r.a.g == gMonth || validDay(r.a.y, r.a.m, r.a.d) {
				try(r, true)
			}
		}
	}
	// بحلول عام 2030، قبل نهاية 2024، بعد رمضان، حوالي عام 2000
	if e, k := p.cueAny(i, cueBefore, cueAgo, cueLater, cueApprox); k > 0 && p.in(i, e) {
		r, ok := p.date(e)
		if rr, ok2 := p.dateRange(e); ok2 && (!ok || rr.end > r.end) {
			r, ok = rr, true // حوالي عام 1357 - 1366م
		}
		if ok && r.strong && r.mod == "" {
			r.mod = []string{"before", "before", "after", "approx"}[k-1]
			if k == 4 {
				r.start = i
			}
			try(r, true)
		}
	}
	if p.timeStart(i) {
		try(p.timeRange(i))
		try(p.dateTime(i))
	}
	if p.mask(i)&(mCueDur|mNumber|mNumWord|1<<clUnit) != 0 {
		m, ok := p.durationExpr(i)
		if ok && (!found || m.end > best.end) {
			return m, true
		}
	}
	if !found {
		return match{}, false
	}
	return best.match(), true
}
