package temporal

import (
	"github.com/naba-nlp/naba/pipeline"
)

// piece is one amount of one unit: 3 أيام، عامين، نصف قرن، عام واحد.
type piece struct {
	d    duration
	u    unitAmount
	end  int
	bare bool // a singular unit with no number (ساعة، عقد)
}

// unitAt returns the time unit at token i.
func (p *parser) unitAt(i int) (unitAmount, int, bool) {
	e, end, ok := p.ent(i, clUnit)
	if !ok {
		return unitAmount{}, i, false
	}
	u := e.unit
	return u, end, true
}

// pieceAt reads NUMBER UNIT, a dual (عامين), FRACTION UNIT (نصف قرن), UNIT
// واحد / كامل, or a bare singular unit (bare set), then ونصف [ال UNIT].
func (p *parser) pieceAt(i int) (piece, bool) {
	var pc piece
	switch {
	case p.fracAt(i) > 0:
		f := p.fracAt(i)
		j, _ := p.cueAny(i, cueHalf, cueQuarter, cueThird)
		u, end, ok := p.unitAt(j)
		if !ok || u.plural || !p.in(i, j) {
			return piece{}, false
		}
		pc.u, pc.end = u, end
		pc.d.add(u, f*u.count)
	default:
		if n, ok := p.numberAt(i); ok && !n.ordinal && p.in(i, n.end) {
			u, end, ok := p.unitAt(n.end)
			// a unit right after its number takes no proclitic: "القانون
			// رقم 15 لسنة 2020" is law 15 of the year 2020, not 15 years
			if ok && p.atom(n.end).pre != "" {
				return piece{}, false
			}
			if !ok || (!u.plural && u.count != 1 && u.count != 10 && u.count != 100) || n.val <= 0 {
				return piece{}, false
			}
			// 2 أيام is fine, but a dual after a number is not a count
			if !u.plural && u.count == 2 {
				return piece{}, false
			}
			pc.u, pc.end = u, end
			pc.d.add(u, n.val*u.count)
			break
		}
		u, end, ok := p.unitAt(i)
		if !ok || u.plural {
			return piece{}, false
		}
		pc.u, pc.end = u, end
		pc.d.add(u, u.count)
		dual := u.count == 2 || u.count == 20 || u.count == 200
		if k, ok := p.cueAny(end, cueOne, cueFull); ok > 0 && p.in(i, end) {
			pc.end = k
		} else if !dual {
			pc.bare = true
		}
	}
	// ونصف [العام], وربع
	if p.in(i, pc.end) {
		j := pc.end
		f := 0.0
		if a := p.atom(j); a.pre == "و" {
			f = p.fracAt(j)
			if f > 0 {
				j, _ = p.cueAny(j, cueHalf, cueQuarter, cueThird)
			}
		} else if e, ok := p.cue(j, cueAnd); ok && p.fracAt(e) > 0 {
			f = p.fracAt(e)
			j, _ = p.cueAny(e, cueHalf, cueQuarter, cueThird)
		}
		if f > 0 {
			base := pc.u
			// عامين ونصف: half of one year, not of two
			if !base.plural && (base.count == 2 || base.count == 20 || base.count == 200) {
				base.count /= 2
			}
			pc.d.add(base, f*base.count)
			pc.end = j
			pc.bare = false
			// ونصف العام: the unit repeated
			if u, end, ok := p.unitAt(j); ok && u.unit == pc.u.unit && !u.plural && p.in(i, j) {
				pc.end = end
			}
		}
	}
	return pc, true
}

// fracAt returns the fraction a cue word at i stands for, or 0.
func (p *parser) fracAt(i int) float64 {
	if _, ok := p.cue(i, cueHalf); ok {
		return 0.5
	}
	if _, ok := p.cue(i, cueQuarter); ok {
		return 0.25
	}
	if _, ok := p.cue(i, cueThird); ok {
		return 1.0 / 3
	}
	return 0
}

// cueAny returns the end of the first cue of roles at i, and 1+its index.
func (p *parser) cueAny(i int, roles ...string) (int, int) {
	for k, r := range roles {
		if e, ok := p.cue(i, r); ok {
			return e, k + 1
		}
	}
	return i, 0
}

// durationExpr reads a duration with its mod, and turns قبل / بعد + days
// into a date: أكثر من عامين ونصف العام، 75 عاما، لمدة ساعة، عام واحد وشهر
// و21 يوما، قبل أسبوع، بعد يومين.
func (p *parser) durationExpr(i int) (match, bool) {
	j := i
	mod := ""
	if e, k := p.cueAny(j, cueMore, cueLess, cueApprox); k > 0 && p.in(i, e) {
		mod, j = []string{"more_than", "less_than", "approx"}[k-1], e
	}
	rel := ""
	if e, k := p.cueAny(j, cueAgo, cueLater); k > 0 && p.in(i, e) {
		rel = []string{cueAgo, cueLater}[k-1]
		if mod == "" {
			if e2, k2 := p.cueAny(e, cueMore, cueLess, cueApprox); k2 > 0 && p.in(i, e2) {
				mod, e = []string{"more_than", "less_than", "approx"}[k2-1], e2
			}
		}
		j = e
	}
	forCue := false
	if e, ok := p.cue(j, cueFor); ok && p.in(i, e) {
		forCue, j = true, e
	}
	if !p.in(i, j) {
		return match{}, false
	}
	// the span covers a mod (أكثر من، حوالي), as TimeML extents do and as
	// the numeric stage's number spans do
	start := j
	if mod != "" && rel == "" && !forCue {
		start = i
	}
	if m, ok := p.vagueDuration(j); ok {
		m.mod = mod
		if mod != "" && rel == "" && !forCue {
			m.start = i
		}
		return m, true
	}
	pc, ok := p.pieceAt(j)
	if !ok {
		return match{}, false
	}
	d, end := pc.d, pc.end
	chained := false
	for p.in(i, end) {
		e, ok := p.cue(end, cueAnd)
		if !ok && p.atom(end).pre == "و" {
			// وشهرين: the conjunction is a proclitic of the unit
			e, ok = end, true
		}
		if !ok || !p.in(i, e) {
			break
		}
		next, ok := p.pieceAt(e)
		if !ok {
			break
		}
		d.y, d.m, d.w, d.d = d.y+next.d.y, d.m+next.d.m, d.w+next.d.w, d.d+next.d.d
		d.h, d.min, d.s = d.h+next.d.h, d.min+next.d.min, d.s+next.d.s
		end, chained = next.end, true
	}
	if pc.bare && ((!forCue && !chained && rel == "") || (rel != "" && (p.definite(start) || pc.u.count != 1))) {
		return match{}, false
	}
	// على مدار الساعة is "around the clock"
	if pc.bare && pc.u.unit == "H" && p.definite(start) {
		return match{}, false
	}
	// بعد عقد اتفاقية، بعد ساعة الصفر: a bare unit before a noun is not a
	// duration but the first word of a phrase
	if pc.bare && p.in(i, end) && p.plainNoun(end) {
		return match{}, false
	}
	if mod == "" {
		if e, ok := p.cue(end, cueApprox); ok && p.in(i, end) {
			_ = e
			mod = "approx"
		}
	}
	m := match{start: start, end: end, kind: pipeline.Duration, value: d.String(), mod: mod, rule: "duration"}
	if rel != "" {
		// قبل أسبوع، بعد يومين: a day; longer spans stay durations
		if days, ok := d.days(); ok {
			m.start, m.kind, m.rule, m.mod = i, pipeline.Date, "relative-duration", mod
			if ref, ok := p.refDay(); ok {
				if rel == cueAgo {
					days = -days
				}
				m.value = dayPoint(ref.AddDate(0, 0, days)).String()
			} else {
				m.value = ""
			}
		}
	}
	return m, true
}

// vagueDuration reads an unknown number of units: بضع سنوات، عدة أيام،
// أشهر قليلة (PXY, PXD, PXM; TIMEX3 writes X for the unknown amount).
func (p *parser) vagueDuration(i int) (match, bool) {
	j := i
	some := false
	if e, ok := p.cue(i, cueSome); ok && p.in(i, e) {
		j, some = e, true
	}
	u, end, ok := p.unitAt(j)
	if !ok || !u.plural || p.definite(j) {
		return match{}, false
	}
	if !some {
		e, ok := p.cue(end, cueFew)
		if !ok || !p.in(i, end) {
			return match{}, false
		}
		end = e
	}
	v := "P"
	switch u.unit {
	case "H":
		v += "TXH"
	case "MIN":
		v += "TXM"
	case "S":
		v += "TXS"
	default:
		v += "X" + u.unit
		if u.count == 10 {
			v = "PXDE" // عقود: decades
		}
		if u.count == 100 {
			v = "PXCE"
		}
	}
	return match{start: i, end: end, kind: pipeline.Duration, value: v, rule: "vague-duration"}, true
}
