package temporal

import (
	"fmt"
	"time"

	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/segment"
)

// yr is a year read at a token.
type yr struct {
	y      int
	end    int
	hijri  bool
	bc     bool // قبل الميلاد
	marked bool // a year marker (م، هـ) or a year noun (عام) was written
}

// yearNum reads a year number at token i with an optional marker after it.
// Without a marker it needs cued (a year noun before it) or a four-digit
// number in 1000-2199.
func (p *parser) yearNum(i int, cued bool) (yr, bool) {
	n, ok := p.numberAt(i)
	if !ok {
		return yr{}, false
	}
	v, ok := n.int()
	if !ok || v < 1 || v > 2999 || n.ordinal {
		return yr{}, false // السنة السابعة من حكمه is no year 7
	}
	y := yr{y: v, end: n.end, marked: cued}
	if e, end, ok := p.ent(n.end, clMarker); ok && p.in(i, n.end) {
		// 1000 م and 40 م are more likely metres than years
		if cued || p.glued(n.end) || (v%100 != 0 && v >= 100) || e.value != "gregorian" || end-n.end > 1 {
			y.end, y.marked, y.hijri, y.bc = end, true, e.value == "hijri", e.value == "bc"
		}
	}
	if !y.marked && (n.words || n.digits != 4 || v < 1000 || v > 2199) {
		return yr{}, false
	}
	if n.words && !cued {
		return yr{}, false
	}
	return y, true
}

// yearPhrase reads [عام|سنة|العام|لعام] YEAR [marker]. Without a year noun
// the year needs a marker, or loose and four digits.
func (p *parser) yearPhrase(i int, loose bool) (yr, bool) {
	if end, ok := p.cue(i, cueYear); ok {
		if p.punct(end, "(") && p.in(i, end+1) {
			// عام ( 1976 )
			return p.yearInParens(end, true)
		}
		return p.yearNum(end, true)
	}
	if p.punct(i, "(") {
		return p.yearInParens(i, false)
	}
	y, ok := p.yearNum(i, false)
	if !ok || (!y.marked && !loose) {
		return yr{}, false
	}
	return y, true
}

// yearInParens reads ( YEAR ) [marker] from the opening parenthesis at i.
func (p *parser) yearInParens(i int, cued bool) (yr, bool) {
	n, ok := p.numberAt(i + 1)
	if !ok || n.words || !p.punct(n.end, ")") || !p.in(i, n.end) {
		return yr{}, false
	}
	v, _ := n.int()
	y := yr{y: v, end: n.end + 1, marked: cued}
	if e, end, ok := p.ent(y.end, clMarker); ok && p.in(i, y.end) {
		y.end, y.marked, y.hijri = end, true, e.value == "hijri"
	}
	if v < 1 || v > 2999 || (!y.marked && (n.digits != 4 || v < 1800 || v > 2100)) {
		return yr{}, false
	}
	// (1948) alone is a year the way captions and references write it
	y.marked = true
	return y, true
}

// relUnit reads a period moved by a relative word: العام الماضي، الشهر
// المقبل، الأسبوع الجاري، هذا العام، هذه السنة. unit is Y, M, W or D.
func (p *parser) relUnit(i int) (unit string, off int, end int, ok bool) {
	j := i
	this := false
	if _, e, ok := p.ent(i, clThis); ok {
		this, j = true, e
	}
	if !p.in(i, j) {
		return "", 0, i, false
	}
	e, k, ok := p.ent(j, clUnit)
	if !ok || !p.definite(j) {
		return "", 0, i, false
	}
	u := e.unit
	if u.plural || (u.count != 1 && !(u.count == 10 && u.unit == "Y")) {
		return "", 0, i, false
	}
	switch u.unit {
	case "Y", "M", "W", "D":
	default:
		return "", 0, i, false
	}
	if u.count == 10 {
		u.unit = "DEC" // العقد الماضي، هذا العقد
	}
	if this {
		return u.unit, 0, k, true
	}
	r, k2, ok := p.ent(k, clRelDir)
	if !ok || !p.in(i, k) {
		return "", 0, i, false
	}
	// العام after a definite noun is the adjective "general" (الأمين العام)
	if u.unit == "Y" && p.in(i, i-1) && p.definite(i-1) && p.plainNoun(i-1) {
		return "", 0, i, false
	}
	return u.unit, r.n, k2, true
}

// relPeriod resolves relUnit against the reference date.
func (p *parser) relPeriod(i int) (dres, bool) {
	unit, off, end, ok := p.relUnit(i)
	if !ok {
		return dres{}, false
	}
	r := dres{start: i, end: end, rule: "relative-period", strong: true}
	ref, ok := p.refDay()
	if !ok {
		r.noValue = true
		return r, true
	}
	switch unit {
	case "DEC":
		r.a = point{g: gDecade, dec: ref.Year()/10 + off}
	case "Y":
		r.a = point{g: gYear, y: ref.Year() + off}
	case "M":
		t := time.Date(ref.Year(), ref.Month()+time.Month(off), 1, 0, 0, 0, 0, time.UTC)
		r.a = point{g: gMonth, y: t.Year(), m: int(t.Month())}
	case "W":
		r.a = isoWeek(ref.AddDate(0, 0, 7*off))
	case "D":
		r.a = dayPoint(ref.AddDate(0, 0, off))
	}
	// a weekday in that week: الأسبوع القادم الأحد، الأسبوع المقبل يوم الجمعة
	if unit == "W" {
		j := end
		if e, ok := p.cue(j, cueDay); ok && p.in(i, e) {
			j = e
		}
		if w, e, ok := p.ent(j, clWeekday); ok && p.in(i, j) {
			mon := mondayOf(ref.AddDate(0, 0, 7*off))
			r.a = dayPoint(mon.AddDate(0, 0, (w.n+6)%7))
			r.end = e
		}
	}
	return r, true
}

// monthAt reads [شهر] MONTH or شهر N. strong is true when شهر was written.
func (p *parser) monthAt(i int) (m int, hijriMonth bool, end int, strong bool, strict int, ok bool) {
	j := i
	if e, ok := p.cue(i, cueMonth); ok && p.in(i, e) {
		j, strong = e, true
	}
	if e, k, ok := p.ent(j, clMonth); ok {
		return e.n, false, p.sameMonth(i, k, e.n), strong, p.needsContext(e), true
	}
	if e, k, ok := p.ent(j, clHMonth); ok {
		return e.n, true, k, strong, p.needsContext(e), true
	}
	if strong {
		if n, ok := p.numberAt(j); ok {
			if v, ok := n.int(); ok && v >= 1 && v <= 12 && !n.ordinal {
				return v, false, n.end, true, 0, true
			}
		}
	}
	return 0, false, i, false, 0, false
}

// strictness of a month entry: 0 none, 1 a preposition is enough, 2 needs a
// day, a year, شهر or a relative word.
func (p *parser) needsContext(e entry) int {
	switch {
	case !e.strict:
		return 0
	case e.prep:
		return 1
	}
	return 2
}

// sameMonth extends a month by its name in another calendar of names:
// مايو / أيار، أيار (مايو)، يونيو-حزيران.
func (p *parser) sameMonth(from, k, m int) int {
	j := k
	open := p.punct(j, "(")
	if !open && !p.punct(j, "/", "-") {
		return k
	}
	if e, end, ok := p.ent(j+1, clMonth); ok && e.n == m && p.in(from, j+1) {
		if open {
			if !p.punct(end, ")") {
				return k
			}
			end++
		}
		return end
	}
	return k
}

// dayAt reads a day of the month: 1-31 in digits or words, or أول / الأول.
func (p *parser) dayAt(i int) (int, int, bool) {
	if e, ok := p.cue(i, cueFirst); ok {
		return 1, e, true
	}
	n, ok := p.numberAt(i)
	if !ok {
		return 0, i, false
	}
	v, ok := n.int()
	if !ok || v < 1 || v > 31 || (n.digits > 2) {
		return 0, i, false
	}
	// a clock time (10:30) is not a day
	if p.punct(n.end, ":") && p.glued(n.end) {
		return 0, i, false
	}
	return v, n.end, true
}

// tail is what may follow a month: a year, a relative year, or a relative
// word moving the month itself.
type tail struct {
	kind  int // 0 none, 1 year, 2 relative year, 3 relative month
	y     yr
	off   int
	end   int
	hijri bool
}

func (p *parser) yearTail(from, i int) tail {
	j := i
	if p.punct(j, ",", "،") && p.in(from, j+1) {
		if _, ok := p.numberAt(j + 1); ok {
			j++
		}
	}
	k := j
	if e, ok := p.cue(j, cueOf); ok && p.in(from, e) {
		k = e
	} else if e, ok := p.cue(j, cueFrom); ok && p.in(from, e) {
		k = e
	}
	if p.in(from, k) {
		if y, ok := p.yearPhrase(k, true); ok {
			return tail{kind: 1, y: y, end: y.end}
		}
		// العاشر من سبتمبر، ألفين: a year in words right after the month
		if n, ok := p.numberAt(k); ok && n.words && !n.ordinal && n.val >= 1900 && n.val <= 2100 && n.val == float64(int(n.val)) {
			return tail{kind: 1, y: yr{y: int(n.val), end: n.end, marked: true}, end: n.end}
		}
		// a three-digit year after a month (سبتمبر 247) needs a marker or a noun
		if unit, off, e, ok := p.relUnit(k); ok && unit == "Y" {
			return tail{kind: 2, off: off, end: e}
		}
	}
	if r, e, ok := p.ent(i, clRelDir); ok && p.in(from, i) {
		return tail{kind: 3, off: r.n, end: e}
	}
	return tail{end: i}
}

// resolveMonth gives the year of a Gregorian month with its tail.
func (p *parser) monthYear(m int, t tail) (y int, known bool) {
	switch t.kind {
	case 1:
		return t.y.y, true
	}
	ref, ok := p.refDay()
	if !ok {
		return 0, false
	}
	switch t.kind {
	case 2:
		return ref.Year() + t.off, true
	case 3:
		rm := int(ref.Month())
		switch {
		case t.off > 0:
			if m > rm {
				return ref.Year(), true
			}
			return ref.Year() + 1, true
		case t.off < 0:
			if m < rm {
				return ref.Year(), true
			}
			return ref.Year() - 1, true
		}
	}
	return ref.Year(), true
}

// dayMonth reads DAY [من|-|.] MONTH [tail]: 31 أغسطس عام 2021م، 24 فبراير من
// العام 2022م، الأول من شباط، 15 يونيو 2016، 2- أكتوبر.
func (p *parser) dayMonth(i int) (dres, bool) {
	d, j, ok := p.dayAt(i)
	if !ok || !p.in(i, j) {
		return dres{}, false
	}
	if e, ok := p.cue(j, cueOf); ok && p.in(i, e) {
		j = e
	} else if e, ok := p.cue(j, cueFrom); ok && p.in(i, e) {
		j = e
	} else if p.punct(j, "-", ".", "/") && p.doc.Tokens[i].Kind == segment.Number && j+1 < len(p.doc.Tokens) &&
		(p.in(i, j+1) || (p.doc.TokenLight(j) == "." && p.glued(j))) {
		// 2. أكتوبر: the full stop of the ordinal day ended a sentence
		j++
	}
	m, hm, k, _, strict, ok := p.monthAt(j)
	if !ok || !(p.in(i, j) || p.punct(j-1, ".")) {
		return p.dayRelMonth(i, d, j)
	}
	t := p.yearTail(j, k)
	// 1 - صفر، (1صفر): a score, not the first of Safar
	if strict == 2 && t.kind == 0 && (j > i+1 && p.punct(j-1, "-", "/", ".") || p.glued(j) || !p.contextBefore(i, false)) {
		return dres{}, false
	}
	r := dres{start: i, end: t.end, rule: "day-month", hasDay: true, strong: true}
	if hm {
		return p.hijriDay(r, d, m, t)
	}
	y, known := p.monthYear(m, t)
	r.a = point{g: gDay, y: y, m: m, d: d, noYear: !known}
	r.yearSet = t.kind != 0
	if known && !validDay(y, m, d) {
		return dres{}, false
	}
	// الأسبوع الأول من يناير: an ordinal word after a period noun is not a day
	if p.doc.Tokens[i].Kind == segment.Word && p.in(i, i-1) {
		if _, _, ok := p.ent(i-1, clUnit); ok {
			return dres{}, false
		}
	}
	return r, true
}

// dayRelMonth reads the month of DAY [من] الشهر المقبل / هذا الشهر.
func (p *parser) dayRelMonth(i, d, j int) (dres, bool) {
	unit, off, end, ok := p.relUnit(j)
	if !ok || unit != "M" || !p.in(i, j) {
		return dres{}, false
	}
	r := dres{start: i, end: end, rule: "day-month", hasDay: true, strong: true}
	ref, ok := p.refDay()
	if !ok {
		r.noValue = true
		return r, true
	}
	t := time.Date(ref.Year(), ref.Month()+time.Month(off), 1, 0, 0, 0, 0, time.UTC)
	if !validDay(t.Year(), int(t.Month()), d) {
		return dres{}, false
	}
	r.a = point{g: gDay, y: t.Year(), m: int(t.Month()), d: d}
	return r, true
}

func validDay(y, m, d int) bool {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}

// hijriDay resolves a day of a Hijri month: with a Hijri year, or a
// Gregorian year, or the Hijri year of the reference date.
func (p *parser) hijriDay(r dres, d, m int, t tail) (dres, bool) {
	hy, ok := p.hijriYear(m, t)
	if !ok {
		r.noValue = true
		r.cal = "hijri"
		return r, true
	}
	g, ok := hijriToGregorian(hy, m, d)
	if !ok {
		return dres{}, false
	}
	r.a = dayPoint(g)
	r.cal, r.hijri = "hijri", fmt.Sprintf("%04d-%02d-%02d", hy, m, d)
	return r, true
}

// hijriYear chooses the Hijri year of month m given what follows it.
func (p *parser) hijriYear(m int, t tail) (int, bool) {
	switch t.kind {
	case 1:
		if t.y.hijri || (t.y.y >= 1300 && t.y.y < 1600) {
			return t.y.y, true
		}
		// a Gregorian year: the occurrence of the month that starts in it
		jan := time.Date(t.y.y, 1, 1, 0, 0, 0, 0, time.UTC)
		hy, _, _, ok := gregorianToHijri(jan)
		if !ok {
			return 0, false
		}
		for _, y := range []int{hy, hy + 1} {
			if f, ok := hijriToGregorian(y, m, 1); ok && f.Year() == t.y.y {
				return y, true
			}
		}
		return 0, false
	}
	ref, ok := p.refDay()
	if !ok {
		return 0, false
	}
	hy, hm, _, ok := gregorianToHijri(ref)
	if !ok {
		return 0, false
	}
	switch {
	case t.kind == 3 && t.off < 0:
		if m >= hm {
			hy--
		}
	case t.kind == 3 && t.off > 0:
		if m <= hm {
			hy++
		}
	default:
		// the next occurrence: this year's month unless it is over
		if _, last, ok := hijriMonth(hy, m); ok && last.Before(ref) {
			hy++
		}
	}
	return hy, true
}

// monthOnly reads [شهر] MONTH [tail]: ديسمبر 2023م، نوفمبر المقبل، سبتمبر
// العام الماضي، شهر 3، رمضان 2019.
func (p *parser) monthOnly(i int, ctx bool) (dres, bool) {
	j := i
	this := false
	if _, e, ok := p.ent(i, clThis); ok && p.in(i, e) {
		j, this = e, true
	}
	m, hm, k, strong, strict, ok := p.monthAt(j)
	if !ok {
		return dres{}, false
	}
	t := p.yearTail(i, k)
	if this {
		t, ctx = tail{end: k}, true
	}
	if strict > 0 && !strong && t.kind == 0 && (strict == 2 || (!ctx && !p.contextBefore(i, true))) {
		return dres{}, false
	}
	r := dres{start: i, end: t.end, rule: "month", strong: true}
	if hm {
		hy, ok := p.hijriYear(m, t)
		if !ok {
			r.noValue, r.cal = true, "hijri"
			return r, true
		}
		f, l, ok := hijriMonth(hy, m)
		if !ok {
			return dres{}, false
		}
		r.a, r.b, r.iv = dayPoint(f), dayPoint(l), true
		r.cal, r.hijri = "hijri", fmt.Sprintf("%04d-%02d", hy, m)
		return r, true
	}
	y, known := p.monthYear(m, t)
	r.a = point{g: gMonth, y: y, m: m, noYear: !known}
	r.yearSet = t.kind != 0
	// آذار ( 8 / 3 / 1945 ): the full date in parentheses
	if t.kind == 0 && p.punct(k, "(") && p.in(i, k+1) {
		if d, ok := p.numericDate(k + 1); ok && d.a.g == gDay && d.a.m == m && p.punct(d.end, ")") {
			d.start, d.end = i, d.end+1
			return d, true
		}
	}
	// شهر سبتمبر 16: a day after the month
	if t.kind == 0 {
		j := k
		if p.punct(j, "-") && p.glued(j) {
			j++
		}
		if d, e, ok := p.dayAt(j); ok && p.in(i, j) && (j > k || strong) {
			if _, _, ok := p.ent(e, clMonth); !ok && (!known || validDay(y, m, d)) {
				r.a = point{g: gDay, y: y, m: m, d: d, noYear: !known}
				r.end = e
			}
		}
	}
	return r, true
}

// yearOnly reads a year: عام 2014م، العام 2022، 1994م، سنة 1445هـ.
func (p *parser) yearOnly(i int, loose bool) (dres, bool) {
	y, ok := p.yearPhrase(i, loose)
	if !ok {
		return dres{}, false
	}
	r := dres{start: i, end: y.end, rule: "year", strong: true}
	if y.bc {
		return r.withValue(fmt.Sprintf("BC%04d", y.y)), true
	}
	if y.hijri {
		f, _, ok1 := hijriMonth(y.y, 1)
		_, l, ok2 := hijriMonth(y.y, 12)
		if !ok1 || !ok2 {
			r.noValue = true
		} else {
			r.a, r.b, r.iv = dayPoint(f), dayPoint(l), true
		}
		r.cal, r.hijri = "hijri", fmt.Sprintf("%04d", y.y)
		return r, true
	}
	r.a = point{g: gYear, y: y.y}
	return r, true
}

// numericDate reads 31/8/2021، 2021-08-31، 31-8-2021، 31.8.2021، 2015/3 and,
// after في or يوم, 22-4.
func (p *parser) numericDate(i int) (dres, bool) {
	var parts []int
	var digits []int
	spaced := false
	j := i
	for {
		n, ok := p.numberAt(j)
		if !ok || n.words || n.digits == 0 {
			// 31.8.2021 is one token
			if ok && !n.words && len(parts) == 0 {
				if ps, ds, ok := splitDotted(p.doc.TokenLight(j)); ok {
					parts, digits, j = ps, ds, n.end
				}
			}
			break
		}
		v, _ := n.int()
		parts = append(parts, v)
		digits = append(digits, n.digits)
		j = n.end
		if len(parts) == 3 || !p.punct(j, "/", "-", ".") || !p.in(i, j+1) {
			break
		}
		// 2021-08-31 and 31/8/2021 are glued; 2 / 5 / 1983 is spaced
		// evenly
		if len(parts) == 1 {
			spaced = !p.glued(j)
		}
		if p.glued(j) == spaced || p.glued(j+1) == spaced || (p.doc.TokenLight(j) == "." && spaced) {
			break
		}
		j++
	}
	r := dres{start: i, end: j, rule: "numeric-date", strong: true}
	switch {
	case len(parts) == 3:
		if spaced && digits[0] != 4 && digits[2] != 4 {
			return dres{}, false
		}
		y, m, d := parts[2], parts[1], parts[0]
		if digits[0] == 4 {
			y, m, d = parts[0], parts[1], parts[2]
		} else if digits[2] == 2 {
			y += 2000
			if y > 2050 {
				y -= 100
			}
		} else if digits[2] != 4 {
			return dres{}, false
		}
		if m > 12 && d <= 12 {
			m, d = d, m
		}
		// 1445/9/10هـ، 10/9/1445: a Hijri date
		if mk, end, ok := p.ent(j, clMarker); (ok && mk.value == "hijri" && p.in(i, j)) || (y >= 1300 && y < 1600) {
			if ok && mk.value == "hijri" {
				r.end = end
			}
			g, ok := hijriToGregorian(y, m, d)
			if !ok {
				return dres{}, false
			}
			r.a, r.cal, r.hijri = dayPoint(g), "hijri", fmt.Sprintf("%04d-%02d-%02d", y, m, d)
			return r, true
		}
		if m < 1 || m > 12 || d < 1 || !validDay(y, m, d) {
			return dres{}, false
		}
		r.a = point{g: gDay, y: y, m: m, d: d}
		if _, end, ok := p.ent(j, clMarker); ok && p.in(i, j) && p.glued(j) {
			r.end = end // 31/8/2021م
		}
		return r, true
	case len(parts) == 2 && digits[0] == 4 && digits[1] == 4 && parts[0] >= 1800 && parts[0] < parts[1] && parts[1] <= 2100:
		// 2010-2015، 2019/2020
		r.a, r.b, r.iv = point{g: gYear, y: parts[0]}, point{g: gYear, y: parts[1]}, true
		if _, end, ok := p.ent(j, clMarker); ok && p.in(i, j) {
			r.end = end
		}
		return r, true
	case spaced:
		return dres{}, false
	case len(parts) == 2 && digits[0] == 4 && parts[0] >= 1000 && parts[1] >= 1 && parts[1] <= 12:
		r.a = point{g: gMonth, y: parts[0], m: parts[1]}
		return r, true
	case len(parts) == 2 && digits[0] <= 2 && digits[1] <= 2 && p.punct(i+1, "-", "/"):
		d, m := parts[0], parts[1]
		if m < 1 || m > 12 || d < 1 || d > 31 {
			return dres{}, false
		}
		// only where a date is expected: في 22-4، يوم 22/4
		if !p.contextBefore(i, false) {
			if _, ok := p.cue(i-1, cueDay); !ok || !p.in(i, i-1) {
				return dres{}, false
			}
		}
		y, known := p.monthYear(m, tail{})
		if known && !validDay(y, m, d) {
			return dres{}, false
		}
		r.a = point{g: gDay, y: y, m: m, d: d, noYear: !known}
		return r, true
	}
	return dres{}, false
}

// splitDotted splits 31.8.2021 into its parts.
func splitDotted(s string) ([]int, []int, bool) {
	var parts, digits []int
	v, n := 0, 0
	for k := 0; k <= len(s); k++ {
		if k == len(s) || s[k] == '.' {
			if n == 0 {
				return nil, nil, false
			}
			parts, digits = append(parts, v), append(digits, n)
			v, n = 0, 0
			continue
		}
		if s[k] < '0' || s[k] > '9' {
			return nil, nil, false
		}
		v, n = v*10+int(s[k]-'0'), n+1
	}
	return parts, digits, len(parts) == 3
}

// relDay reads اليوم، أمس، غدا، بعد غد، أول أمس, with an optional يوم before
// and اليوم الماضي / اليوم التالي.
func (p *parser) relDay(i int) (dres, bool) {
	j := i
	if _, e, ok := p.ent(i, clThis); ok && p.in(i, e) {
		j = e // هذا اليوم
	}
	if e, ok := p.cue(j, cueDay); ok && p.in(i, e) {
		j = e
	}
	e, k, ok := p.ent(j, clDay)
	if !ok || e.strict {
		return dres{}, false
	}
	off := e.n
	// اليوم الذي بعد الغد
	if w, ok := p.cue(k, cueWhich); ok && p.in(i, w) && e.n == 0 {
		if e2, k2, ok := p.ent(w, clDay); ok && !e2.strict {
			off, k = e2.n, k2
		}
	} else if r, k2, ok := p.ent(k, clRelDir); ok && p.in(i, k) && e.n == 0 {
		off, k = r.n, k2
	}
	// اليوم التاسع عشر من رمضان: a day counted in a month, not today
	if n, ok := p.numberAt(k); ok && n.ordinal && p.in(i, k) && e.n == 0 {
		return dres{}, false
	}
	// أمس الجمعة، اليوم الخميس: the weekday named with the day
	if _, e2, ok := p.ent(k, clWeekday); ok && p.in(i, k) {
		k = e2
	}
	r := dres{start: i, end: k, rule: "relative-day", strong: true}
	ref, ok := p.refDay()
	if !ok {
		r.noValue = true
		return r, true
	}
	r.a = dayPoint(ref.AddDate(0, 0, off))
	return r, true
}

// weekday reads [يوم] WEEKDAY [الماضي|المقبل] [date]: الاثنين، الثلاثاء الماضي،
// يوم الجمعة 15 شباط، الخميس في 21، أحد الأسبوع الماضي.
func (p *parser) weekday(i int) (dres, bool) {
	j := i
	yawm := false
	if e, ok := p.cue(i, cueDay); ok && p.in(i, e) {
		j, yawm = e, true
	}
	w, k, ok := p.ent(j, clWeekday)
	if !ok || !p.in(i, j) {
		return dres{}, false
	}
	r := dres{start: i, end: k, rule: "weekday", strong: true}
	// a full date after the weekday decides
	if d, ok := p.dayMonth(k); ok && p.in(i, k) {
		d.start, d.rule = i, "weekday-date"
		return d, true
	}
	kw := k
	if f, ok := p.cue(k, cueFrom); ok && p.in(i, f) {
		kw = f // الأربعاء من الأسبوع القادم
	}
	if unit, off, e, ok := p.relUnit(kw); ok && unit == "W" && p.in(i, kw) {
		r.end = e
		ref, ok := p.refDay()
		if !ok {
			r.noValue = true
			return r, true
		}
		mon := mondayOf(ref.AddDate(0, 0, 7*off))
		r.a = dayPoint(mon.AddDate(0, 0, (w.n+6)%7))
		return r, true
	}
	if w.strict && !yawm {
		return dres{}, false
	}
	ref, ok := p.refDay()
	off := 1
	if rd, e, ok := p.ent(k, clRelDir); ok && p.in(i, k) {
		off, r.end = rd.n, e
	}
	if !ok {
		r.noValue = true
		return r, true
	}
	delta := (w.n - int(ref.Weekday()) + 7) % 7
	switch {
	case off < 0:
		delta -= 7
	case off == 0:
		delta = (w.n+6)%7 - (int(ref.Weekday())+6)%7
	default:
		if delta == 0 {
			delta = 7
		}
		delta += 7 * (off - 1) // الجمعة بعد القادمة
	}
	r.a = dayPoint(ref.AddDate(0, 0, delta))
	// الخميس في 21، الجمعة 22: a day of the reference month
	if off == 1 && r.end == k {
		e := k
		if f, ok := p.cue(k, cueOf); ok {
			e = f
		}
		if d, e2, ok := p.dayAt(e); ok && p.in(i, e) && validDay(ref.Year(), int(ref.Month()), d) {
			if _, _, unit := p.ent(e2, clUnit); !unit || !p.in(i, e2) {
				r.a = point{g: gDay, y: ref.Year(), m: int(ref.Month()), d: d}
				r.end = e2
			}
		}
	}
	return r, true
}

// weekOf reads أسبوع 30 نوفمبر: the week holding a date.
func (p *parser) weekOf(i int) (dres, bool) {
	e, ok := p.cue(i, cueWeek)
	if !ok || p.definite(i) || !p.in(i, e) {
		return dres{}, false
	}
	d, ok := p.dayMonth(e)
	if !ok || d.noValue || d.a.noYear || d.iv {
		return dres{}, false
	}
	return dres{start: i, end: d.end, rule: "week-of", strong: true, a: isoWeek(d.a.date())}, true
}

// dayOfMonth reads يوم 27: a day of the reference month.
func (p *parser) dayOfMonth(i int) (dres, bool) {
	e, ok := p.cue(i, cueDay)
	if !ok || !p.in(i, e) {
		return dres{}, false
	}
	if d, ok := p.dayMonth(e); ok {
		d.start = i
		return d, true
	}
	n, ok := p.numberAt(e)
	if !ok || n.words {
		return dres{}, false
	}
	d, end, ok := p.dayAt(e)
	if !ok {
		return dres{}, false
	}
	if _, _, ok := p.ent(end, clUnit); ok {
		return dres{}, false
	}
	r := dres{start: i, end: end, rule: "day-of-month", strong: true}
	ref, ok := p.refDay()
	if !ok || !validDay(ref.Year(), int(ref.Month()), d) {
		r.a = point{g: gDay, m: 1, d: d, noYear: true}
		r.noValue = true
		return r, true
	}
	r.a = point{g: gDay, y: ref.Year(), m: int(ref.Month()), d: d}
	return r, true
}

// century reads القرن الماضي، القرن الـ21، القرن 21، القرن الحالي. The
// TIMEX3 value of the 21st century is 20.
func (p *parser) century(i int) (cen int, end int, ok bool) {
	e, ok := p.cue(i, cueCentury)
	if !ok || !p.in(i, e) {
		return 0, i, false
	}
	if r, k, ok := p.ent(e, clRelDir); ok {
		ref, ok := p.refDay()
		if !ok {
			return 0, i, false
		}
		return ref.Year()/100 + r.n, k, true
	}
	j := e
	// الـ21: the article is its own token before the digits
	if p.doc.TokenKey(j) == "ال" && p.glued(j+1) {
		j++
	}
	if n, ok := p.numberAt(j); ok && p.in(i, j) {
		if v, ok := n.int(); ok && v >= 1 && v <= 30 && (n.digits > 0 || n.ordinal || n.words) {
			return v - 1, n.end, true
		}
	}
	return 0, i, false
}

// decade reads التسعينيات [من القرن الماضي].
func (p *parser) decade(i int) (dres, bool) {
	e, k, ok := p.ent(i, clDecade)
	if !ok {
		return dres{}, false
	}
	r := dres{start: i, end: k, rule: "decade", strong: true}
	j := k
	if f, ok := p.cue(j, cueFrom); ok && p.in(i, f) {
		j = f
	}
	if c, end, ok := p.century(j); ok && p.in(i, j) {
		r.a, r.end = point{g: gDecade, dec: c*10 + e.n}, end
		return r, true
	}
	c := 19
	if ref, ok := p.refDay(); ok && 2000+10*e.n <= ref.Year() {
		c = 20
	}
	r.a = point{g: gDecade, dec: c*10 + e.n}
	return r, true
}

// centuryDate reads a century by itself.
func (p *parser) centuryDate(i int) (dres, bool) {
	c, end, ok := p.century(i)
	if !ok {
		return dres{}, false
	}
	return dres{start: i, end: end, rule: "century", strong: true, a: point{g: gCentury, cen: c}}, true
}

// season reads [هذا] SEASON [المقبل|YEAR]: هذا الصيف، الربيع القادم، صيف 2024.
func (p *parser) season(i int) (dres, bool) {
	j := i
	this := false
	if _, e, ok := p.ent(i, clThis); ok {
		j, this = e, true
	}
	if e, ok := p.cue(j, cueFor); ok && !this {
		_ = e
	}
	s, k, ok := p.ent(j, clSeason)
	if !ok || !p.in(i, j) {
		return dres{}, false
	}
	t := p.yearTail(i, k)
	if t.kind == 0 && !this {
		// الربيع العربي: a season word with an adjective is something else
		if s.strict || !p.contextBefore(i, false) || (p.in(i, k) && p.definite(k) && p.plainNoun(k)) {
			return dres{}, false
		}
	}
	r := dres{start: i, end: t.end, rule: "season", strong: true}
	ref, ok := p.refDay()
	switch {
	case t.kind == 1:
		r.a = point{g: gSeason, y: t.y.y, season: s.value}
	case !ok:
		r.noValue = true
	case t.kind == 2:
		r.a = point{g: gSeason, y: ref.Year() + t.off, season: s.value}
	case t.kind == 3 && t.off != 0:
		start := seasonStart(s.value)
		y := ref.Year()
		if t.off > 0 && start <= int(ref.Month()) {
			y++
		}
		if t.off < 0 && start+3 > int(ref.Month()) {
			y--
		}
		r.a = point{g: gSeason, y: y, season: s.value}
	default:
		r.a = point{g: gSeason, y: ref.Year(), season: s.value}
	}
	return r, true
}

// quarter reads الربع الثالث من عام 2016، الربع الأول من العام، النصف الثاني
// من العام الماضي.
func (p *parser) quarter(i int) (dres, bool) {
	if y, ok := p.yearPhrase(i, true); ok && p.in(i, y.end) {
		if q, k, ok := p.ent(y.end, clQuarter); ok {
			g := gQuarter
			if q.value[0] == 'H' {
				g = gHalf
			}
			return dres{start: i, end: k, rule: "quarter", strong: true,
				a: point{g: g, y: y.y, q: int(q.value[1] - '0')}}, true
		}
	}
	q, k, ok := p.ent(i, clQuarter)
	if !ok {
		return dres{}, false
	}
	j := k
	if e, ok := p.cue(j, cueFrom); ok && p.in(i, e) {
		j = e
	} else if e, ok := p.cue(j, cueOf); ok && p.in(i, e) {
		j = e
	}
	r := dres{start: i, rule: "quarter", strong: true}
	g, n := gQuarter, int(q.value[1]-'0')
	if q.value[0] == 'H' {
		g = gHalf
	}
	if y, ok := p.yearPhrase(j, true); ok {
		r.a, r.end = point{g: g, y: y.y, q: n}, y.end
		return r, true
	}
	ref, hasRef := p.refDay()
	if unit, off, e, ok := p.relUnit(j); ok && unit == "Y" {
		r.end = e
		if !hasRef {
			r.noValue = true
			return r, true
		}
		r.a = point{g: g, y: ref.Year() + off, q: n}
		return r, true
	}
	// في الربع الأول: the reference year
	if j == k && p.contextBefore(i, true) && !(p.in(i, j) && p.plainNoun(j)) {
		r.end = k
		if !hasRef {
			r.noValue = true
			return r, true
		}
		r.a = point{g: g, y: ref.Year(), q: n}
		return r, true
	}
	// الربع الأول من العام: the current year
	if e, ok := p.cue(j, cueYear); ok && p.definite(j) {
		if _, ok := p.numberAt(e); !ok {
			r.end = e
			if !hasRef {
				r.noValue = true
				return r, true
			}
			r.a = point{g: g, y: ref.Year(), q: n}
			return r, true
		}
	}
	return dres{}, false
}

// holiday reads عيد الفطر، عيد الأضحى 2013، رأس السنة الهجرية.
func (p *parser) holiday(i int) (dres, bool) {
	e, k, ok := p.ent(i, clHoliday)
	if !ok {
		return dres{}, false
	}
	h, _ := parseHoliday(e.value)
	t := p.yearTail(i, k)
	if t.kind != 1 {
		t = tail{end: k}
	}
	r := dres{start: i, end: t.end, rule: "holiday", strong: true}
	if !h.hijri {
		y, known := p.monthYear(h.month, t)
		if !known {
			r.a = point{g: gDay, m: h.month, d: h.day, noYear: true}
			return r, true
		}
		if t.kind == 0 {
			if ref, ok := p.refDay(); ok && time.Date(y, time.Month(h.month), h.day, 0, 0, 0, 0, time.UTC).Before(ref) {
				y++
			}
		}
		r.a = point{g: gDay, y: y, m: h.month, d: h.day}
		return r, true
	}
	r.cal = "hijri"
	hy, ok := p.hijriYear(h.month, t)
	if !ok {
		r.noValue = true
		return r, true
	}
	if h.day == 0 {
		f, l, ok := hijriMonth(hy, h.month)
		if !ok {
			return dres{}, false
		}
		r.a, r.b, r.iv = dayPoint(f), dayPoint(l), true
		r.hijri = fmt.Sprintf("%04d-%02d", hy, h.month)
		return r, true
	}
	g, ok := hijriToGregorian(hy, h.month, h.day)
	if !ok {
		return dres{}, false
	}
	if t.kind == 0 {
		if ref, ok := p.refDay(); ok && g.Before(ref) {
			if g2, ok := hijriToGregorian(hy+1, h.month, h.day); ok {
				g, hy = g2, hy+1
			}
		}
	}
	r.a = dayPoint(g)
	r.hijri = fmt.Sprintf("%04d-%02d-%02d", hy, h.month, h.day)
	return r, true
}

// part reads a part of a period: مطلع التسعينيات، أواخر عام 2021م، منتصف
// مارس، نهاية هذا العام، بداية الأسبوع المقبل. The period keeps its value
// and the part becomes the mod.
func (p *parser) part(i int) (dres, bool) {
	e, k, ok := p.ent(i, clPart)
	if !ok || !p.in(i, k) {
		return dres{}, false
	}
	j := k
	if f, ok := p.cue(j, cueFrom); ok && p.in(i, f) {
		j = f
	}
	var r dres
	found := false
	for _, f := range []func(int) (dres, bool){
		func(j int) (dres, bool) { return p.monthOnly(j, true) },
		func(j int) (dres, bool) { return p.yearOnly(j, true) },
		p.relPeriod, p.decade, p.centuryDate, p.season, p.quarter,
	} {
		if c, ok := f(j); ok && (!found || c.end > r.end) {
			r, found = c, true
		}
	}
	if !found {
		// نهاية العام، منتصف الشهر: the current year or month
		u, end, ok := p.ent(j, clUnit)
		if !ok || !p.definite(j) || e.strict {
			return dres{}, false
		}
		ua := u.unit
		if !ua.plural && ua.count == 1 && ua.unit == "W" && p.hasRef {
			// بقية الأسبوع، نهاية الأسبوع (the weekend)
			r = dres{end: end, rule: "part", strong: true, a: isoWeek(dateOnly(p.ref))}
			if e.value == "end" {
				return dres{start: i, end: end, rule: "weekend", strong: true}.withValue(r.a.String() + "-WE"), true
			}
			if e.value != "rest" {
				return dres{}, false
			}
			found = true
		} else if ua.plural || ua.count != 1 || (ua.unit != "Y" && ua.unit != "M") {
			return dres{}, false
		}
	}
	if !found {
		u, end, _ := p.ent(j, clUnit)
		ua := u.unit
		if ua.unit == "Y" && p.in(i, end) && p.definite(end) && p.plainNoun(end) {
			return dres{}, false
		}
		r = dres{end: end, rule: "part", strong: true}
		ref, ok := p.refDay()
		switch {
		case !ok:
			r.noValue = true
		case ua.unit == "Y":
			r.a = point{g: gYear, y: ref.Year()}
		default:
			r.a = point{g: gMonth, y: ref.Year(), m: int(ref.Month())}
		}
	}
	if r.iv && r.cal == "" {
		return dres{}, false
	}
	if e.value == "rest" {
		// بقية الأسبوع: from the reference day to the end of the period
		ref, ok := p.refDay()
		if !ok || r.noValue || r.lit != "" {
			return dres{}, false
		}
		last, ok := lastDay(r.a)
		if !ok || last.Before(ref) {
			return dres{}, false
		}
		return dres{start: i, end: r.end, rule: "rest", strong: true, iv: true, a: dayPoint(ref), b: dayPoint(last)}, true
	}
	r.start, r.mod = i, e.value
	r.rule = "part+" + r.rule
	return r, true
}

// date returns the longest single date starting at token i, read once per
// token.
func (p *parser) date(i int) (dres, bool) {
	if i < 0 || i >= len(p.dateIdx) {
		return dres{}, false
	}
	switch k := p.dateIdx[i]; {
	case k < 0:
		return dres{}, false
	case k > 0:
		return p.dateList[k-1], true
	}
	r, ok := p.readDate(i)
	if !ok {
		p.dateIdx[i] = -1
		return dres{}, false
	}
	p.dateList = append(p.dateList, r)
	p.dateIdx[i] = int32(len(p.dateList))
	return r, true
}

// Bits of a token's mask: the classes of its lexicon entries, a few cue
// roles, and what kind of number it is. readDate tries only the rules whose
// first word the token can be.
const (
	mNumber   = 1 << 30 // digits
	mNumWord  = 1 << 31 // a number in words
	mParen    = 1 << 32 // (
	mCueYear  = 1 << 33
	mCueDay   = 1 << 34
	mCueMonth = 1 << 35
	mCueWeek  = 1 << 36
	mCueCent  = 1 << 37
	mCueOrd   = 1 << 38 // أول / آخر
	mCueDur   = 1 << 39 // a word that may lead a duration: أكثر من، قبل، لمدة، نصف
)

func (p *parser) mask(i int) uint64 {
	var m uint64
	tk := p.doc.Tokens[i]
	switch tk.Kind {
	case segment.Number:
		m |= mNumber
	case segment.Punct:
		if p.doc.TokenLight(i) == "(" {
			m |= mParen
		}
		return m
	}
	for _, e := range p.atom(i).ents {
		m |= 1 << e.class
		if e.class == clCue {
			switch e.value {
			case cueYear:
				m |= mCueYear
			case cueDay:
				m |= mCueDay
			case cueMonth:
				m |= mCueMonth
			case cueWeek:
				m |= mCueWeek
			case cueCentury:
				m |= mCueCent
			case cueFirst, cueLast:
				m |= mCueOrd
			case cueMore, cueLess, cueApprox, cueAgo, cueLater, cueFor, cueHalf, cueQuarter, cueThird, cueSome:
				m |= mCueDur
			}
		}
	}
	// number words (واحد وعشرين، الثالثة) have no entry, or only cue ones
	if tk.Kind == segment.Word && m&^(1<<clCue|mCueYear|mCueDay|mCueMonth|mCueWeek|mCueCent|mCueOrd|mCueDur) == 0 {
		if _, ok := p.numberAt(i); ok {
			m |= mNumWord
		}
	}
	return m
}

// readDate tries the date rules that can start at token i.
func (p *parser) readDate(i int) (dres, bool) {
	m := p.mask(i)
	var best dres
	found := false
	try := func(need uint64, rule func(int) (dres, bool)) {
		if m&need == 0 {
			return
		}
		if r, ok := rule(i); ok && (!found || r.end > best.end) {
			best, found = r, true
		}
	}
	const num = mNumber | mNumWord
	try(mCueOrd|mNumWord|mCueDay|mCueWeek|1<<clWeekday, p.ordWeekday)
	try(num|mCueOrd, p.dayMonth)
	try(mCueYear|mNumber|mParen, p.yearOnlyStrict)
	try(mNumber, p.numericDate)
	try(mCueDay|1<<clThis|1<<clDay, p.relDay)
	try(1<<clThis|1<<clUnit, p.relPeriod)
	try(mCueDay|1<<clWeekday, p.weekday)
	try(mCueDay, p.dayOfMonth)
	try(1<<clDecade, p.decade)
	try(mCueCent, p.centuryDate)
	try(1<<clThis|1<<clSeason, p.season)
	try(1<<clQuarter|mNumber|mCueYear, p.quarter)
	try(1<<clHoliday, p.holiday)
	try(1<<clPart, p.part)
	try(mNumber, p.bareYear)
	try(1<<clUnit|num, p.recentPeriod)
	try(1<<clThis|mCueMonth|1<<clMonth|1<<clHMonth, p.monthOnlyAlone)
	try(mCueWeek, p.weekOf)
	return best, found
}

func (p *parser) yearOnlyStrict(i int) (dres, bool) { return p.yearOnly(i, false) }

func (p *parser) monthOnlyAlone(i int) (dres, bool) { return p.monthOnly(i, false) }

// bareYear reads a four-digit year with nothing around it but a
// preposition: في 1970، منذ 2011، حتى 2030.
func (p *parser) bareYear(i int) (dres, bool) {
	y, ok := p.yearNum(i, false)
	if !ok || y.marked || y.y < 1800 || y.y > 2100 {
		return dres{}, false
	}
	if !p.contextBefore(i, false) {
		return dres{}, false
	}
	// في 2000 حالة: a number counting something (but في 2019 وظل: a new
	// clause after the year)
	if p.in(i, y.end) && p.doc.Tokens[y.end].Kind == segment.Word && p.atom(y.end).ents == nil {
		if k := p.doc.TokenKey(y.end); !(len(k) > 4 && (k[:2] == "و" || k[:2] == "ف")) {
			return dres{}, false
		}
	}
	return dres{start: i, end: y.end, rule: "bare-year", strong: true, a: point{g: gYear, y: y.y}}, true
}

// dateRange reads [من|بين] X (إلى|حتى|و|-) Y: 16 إلى 17 مايو الماضي، بين 18
// و19 يونيو 2024م، (1996- 2020م)، من 2014 إلى 2018، الجمعة حتى الأحد.
func (p *parser) dateRange(i int) (dres, bool) {
	j := i
	lead := ""
	if e, ok := p.cue(i, cueFrom); ok {
		j, lead = e, cueFrom
	} else if e, ok := p.cue(i, cueBetween); ok {
		j, lead = e, cueBetween
	}
	if !p.in(i, j) {
		return dres{}, false
	}
	start := j
	if lead != "" {
		if e, ok := p.cue(j, cueYear); ok && p.in(i, e) {
			// بين عامي 2010 و2015
			if _, ok := p.numberAt(e); ok {
				j = e
			}
		}
	}
	conn := func(k int) (int, bool) {
		if !p.in(i, k) {
			return k, false
		}
		if e, ok := p.cue(k, cueTo); ok {
			return e, true
		}
		if p.punct(k, "-", "–", "—") {
			return k + 1, true
		}
		if e, ok := p.cue(k, cueAnd); ok && (lead == cueBetween || p.glued(e)) {
			return e, true
		}
		if lead == cueBetween && p.atom(k).pre == "و" {
			return k, true // بين يناير ومارس
		}
		return k, false
	}
	// a bare day before a full date: 16 إلى 17 مايو، 18 و19 يونيو
	if d, k, ok := p.dayAt(j); ok {
		if _, _, isMonth := p.ent(k, clMonth); !isMonth {
			if c, ok := conn(k); ok {
				if y, ok := p.dayMonth(c); ok && p.in(i, c) && y.hasDay && y.end > c {
					x := y
					x.a.d = d
					if y.noValue || (!y.a.noYear && !validDay(y.a.y, y.a.m, d)) || d >= y.a.d && !y.noValue && y.cal == "" {
						return dres{}, false
					}
					if y.cal == "hijri" {
						return dres{}, false
					}
					r := dres{start: start, end: y.end, rule: "day-range", strong: true, iv: true, a: x.a, b: y.a}
					return r, true
				}
			}
		}
	}
	x, ok := p.date(j)
	if !ok {
		if lead == "" && !p.punct(i-1, "(", "[") {
			return dres{}, false
		}
		x, ok = p.yearOnly(j, true)
		if !ok {
			return dres{}, false
		}
	}
	c, ok := conn(x.end)
	if !ok || !p.in(i, c) {
		return dres{}, false
	}
	y, ok := p.date(c)
	if !ok {
		y, ok = p.yearOnly(c, true)
		if !ok {
			return dres{}, false
		}
	}
	if x.cal == "hijri" && y.cal == "hijri" && x.iv && y.iv && len(x.hijri) == 4 && len(y.hijri) == 4 && x.hijri < y.hijri {
		// من عام 1420هـ إلى عام 1450هـ
		return dres{start: start, end: y.end, rule: "range", strong: true, iv: true, a: x.a, b: y.b,
			cal: "hijri", hijri: x.hijri + "/" + y.hijri}, true
	}
	if x.noValue || y.noValue || x.iv || y.iv || x.a.g != y.a.g {
		return dres{}, false
	}
	if y.yearSet && !x.yearSet && (x.a.g == gMonth || x.a.g == gDay) {
		// من يناير حتى مارس 2017: the year written once holds for both
		// (من نوفمبر إلى فبراير الماضي: the year before for a later month)
		x.a.y, x.a.noYear = y.a.y, false
		if x.a.m > y.a.m || (x.a.m == y.a.m && x.a.g == gDay && x.a.d > y.a.d) {
			x.a.y--
		}
		if x.a.g == gDay && !validDay(x.a.y, x.a.m, x.a.d) {
			return dres{}, false
		}
	}
	if x.a.g == gYear && (x.a.y >= y.a.y || (lead == "" && !p.punct(i-1, "(", "[") && !x.strong)) {
		return dres{}, false
	}
	if x.a.g == gYear && p.doc.Tokens[y.end-1].Kind == segment.Number {
		// من 2014 إلى 2018: the numeric stage reads the same words as a
		// range of numbers, so the date covers its من / بين too
		start = i
	}
	return dres{start: start, end: y.end, rule: "range", strong: true, iv: true, a: x.a, b: y.a}, true
}

// ordAt reads an ordinal: أول / الأول، ثالث / الثالثة (number words), or
// آخر / الأخير (-1).
func (p *parser) ordAt(i int) (int, int, bool) {
	if e, ok := p.cue(i, cueFirst); ok {
		return 1, e, true
	}
	if e, ok := p.cue(i, cueLast); ok {
		return -1, e, true
	}
	n, ok := p.numberAt(i)
	if !ok || !n.ordinal {
		return 0, i, false
	}
	v, ok := n.int()
	if !ok || v < 1 || v > 31 {
		return 0, i, false
	}
	return v, n.end, true
}

// monthOf reads the month an ordinal day or weekday is in: (من|في) MONTH
// [YEAR] or (من|في) هذا الشهر / الشهر المقبل.
func (p *parser) monthOf(from, i int) (point, int, bool) {
	j := i
	if e, ok := p.cue(j, cueOf); ok {
		j = e
	} else if e, ok := p.cue(j, cueFrom); ok {
		j = e
	} else {
		return point{}, i, false
	}
	if !p.in(from, j) {
		return point{}, i, false
	}
	if r, ok := p.monthOnly(j, true); ok && !r.iv && !r.noValue && r.a.g == gMonth && !r.a.noYear {
		return r.a, r.end, true
	}
	if r, ok := p.relPeriod(j); ok && !r.noValue && r.a.g == gMonth {
		return r.a, r.end, true
	}
	return point{}, i, false
}

// nthWeekday returns the n-th weekday wd of a month (n = -1: the last).
func nthWeekday(y, m, wd, n int) (time.Time, bool) {
	if n < 0 {
		t := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC)
		return t.AddDate(0, 0, -((int(t.Weekday()) - wd + 7) % 7)), true
	}
	t := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
	t = t.AddDate(0, 0, (wd-int(t.Weekday())+7)%7+7*(n-1))
	return t, int(t.Month()) == m
}

// ordWeekday reads an ordinal weekday or day of a month: أول يوم جمعة من
// يوليو، ثالث ثلاثاء في أيلول، الأربعاء الثانية من شهر أكتوبر، الاثنين الأخير
// من شهر ثلاثة، الثلاثاء الثالث، ثالث يوم من شهر عشرة، الأحد السابع عشر.
func (p *parser) ordWeekday(i int) (dres, bool) {
	r := dres{start: i, rule: "ordinal-weekday", strong: true}
	var n, wd, j int
	if o, e, ok := p.ordAt(i); ok && p.in(i, e) && !p.definite(i) {
		// ORD [يوم] WEEKDAY | ORD يوم (ثالث ثلاثاء، أول يوم جمعة; a definite
		// ordinal is an adjective of the word before: الجولة الثانية)
		n, j = o, e
		k := j
		if e, ok := p.cue(k, cueDay); ok {
			k = e
		}
		w, e, ok := p.ent(k, clWeekday)
		if wk, ok2 := p.cue(j, cueWeek); ok2 && p.in(i, j) {
			// آخر أسبوع في سبتمبر، الأسبوع الثالث من عام 2027
			return p.ordinalWeek(i, n, wk)
		}
		if ok && p.in(i, k) {
			wd, j = w.n, e
		} else if k > j {
			// ثالث يوم من شهر عشرة، آخر يوم من فبراير
			mp, end, ok := p.monthOf(i, k)
			if !ok {
				return dres{}, false
			}
			if n < 0 {
				n = time.Date(mp.y, time.Month(mp.m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
			}
			if !validDay(mp.y, mp.m, n) {
				return dres{}, false
			}
			r.a, r.end = point{g: gDay, y: mp.y, m: mp.m, d: n}, end
			return r, true
		} else {
			return dres{}, false
		}
	} else {
		k := i
		if wk, ok := p.cue(i, cueWeek); ok && p.definite(i) && p.in(i, wk) {
			if o, e, ok := p.ordAt(wk); ok && p.in(i, e) {
				return p.ordinalWeek(i, o, e)
			}
		}
		if e, ok := p.cue(k, cueDay); ok {
			k = e
		}
		w, e, ok := p.ent(k, clWeekday)
		if !ok || !p.in(i, e) {
			return dres{}, false
		}
		o, e2, ok := p.ordAt(e)
		if !ok {
			return dres{}, false
		}
		n, wd, j = o, w.n, e2
	}
	mp, end, ok := p.monthOf(i, j)
	if !ok {
		ref, hasRef := p.refDay()
		if !hasRef {
			return dres{}, false
		}
		mp, end = point{g: gMonth, y: ref.Year(), m: int(ref.Month())}, j
		if n > 5 {
			// الأحد السابع عشر: the weekday names the 17th
			if !validDay(mp.y, mp.m, n) {
				return dres{}, false
			}
			r.a, r.end = point{g: gDay, y: mp.y, m: mp.m, d: n}, end
			return r, true
		}
		if n < 0 {
			return dres{}, false
		}
	}
	t, ok := nthWeekday(mp.y, mp.m, wd, n)
	if !ok {
		return dres{}, false
	}
	r.a, r.end = dayPoint(t), end
	return r, true
}

// recentPeriod reads a plural or counted period moved by a relative word:
// السنوات الأخيرة، الأيام العديدة الماضية (DATE PAST_REF / FUTURE_REF);
// العامين المنصرمين، الأشهر الثلاثة القادمة (DURATION P2Y, P3M).
func (p *parser) recentPeriod(i int) (dres, bool) {
	j := i
	count := 0.0
	if n, ok := p.numberAt(j); ok && !n.ordinal && p.in(i, n.end) {
		count, j = n.val, n.end // الثلاثة عقود القادمة
	}
	e, k, ok := p.ent(j, clUnit)
	if !ok || !(p.definite(j) || (count > 0 && p.definite(i))) || !p.in(i, j) {
		return dres{}, false
	}
	u := e.unit
	switch {
	case u.plural:
	case u.count == 2 || u.count == 20 || u.count == 200:
		count = u.count
		u.count /= 2
	default:
		return dres{}, false
	}
	if count == 0 {
		if n, ok := p.numberAt(k); ok && !n.ordinal && p.in(i, k) {
			count, k = n.val, n.end
		} else if p.plainNoun(k) && p.in(i, k) && p.definite(k) {
			k++ // العديدة، القليلة
		}
	}
	r0, end, ok := p.ent(k, clRelDir)
	if !ok || r0.n == 0 || !p.in(i, k) {
		return dres{}, false
	}
	r := dres{start: i, end: end, rule: "recent-period", strong: true}
	switch {
	case count == 0 && r0.n < 0:
		return r.withValue("PAST_REF"), true
	case count == 0:
		return r.withValue("FUTURE_REF"), true
	}
	// العامين المنصرمين، السنوات الثلاث الماضية: a counted stretch is a
	// duration (its end is the reference date, its length is what the
	// text says)
	var d duration
	d.add(u, count*u.count)
	r.kind, r.rule = pipeline.Duration, "recent-duration"
	return r.withValue(d.String()), true
}

// lastDay returns the last day of a year, month or week point.
func lastDay(a point) (time.Time, bool) {
	switch a.g {
	case gYear:
		return time.Date(a.y, 12, 31, 0, 0, 0, 0, time.UTC), true
	case gMonth:
		return time.Date(a.y, time.Month(a.m)+1, 0, 0, 0, 0, 0, time.UTC), true
	case gWeek:
		// the Sunday of ISO week a.week
		jan4 := time.Date(a.y, 1, 4, 0, 0, 0, 0, time.UTC)
		return mondayOf(jan4).AddDate(0, 0, 7*(a.week-1)+6), true
	}
	return time.Time{}, false
}

// ordinalWeek reads the month or year after an ordinal week: the n-th week
// of a month is the ISO week holding its day 1+7(n-1), the last one the week
// holding its last day but six; the n-th week of a year is ISO week n.
func (p *parser) ordinalWeek(i, n, j int) (dres, bool) {
	r := dres{start: i, rule: "ordinal-week", strong: true}
	if mp, end, ok := p.monthOf(i, j); ok {
		var t time.Time
		if n < 0 {
			t = time.Date(mp.y, time.Month(mp.m)+1, 0, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -6)
		} else {
			t = time.Date(mp.y, time.Month(mp.m), 1+7*(n-1), 0, 0, 0, 0, time.UTC)
			if int(t.Month()) != mp.m {
				return dres{}, false
			}
		}
		r.a, r.end = isoWeek(t), end
		return r, true
	}
	k := j
	if e, ok := p.cue(k, cueFrom); ok {
		k = e
	} else if e, ok := p.cue(k, cueOf); ok {
		k = e
	}
	if y, ok := p.yearPhrase(k, true); ok && p.in(i, k) && n > 0 && n <= 53 {
		r.a, r.end = point{g: gWeek, y: y.y, week: n}, y.end
		return r, true
	}
	return dres{}, false
}

// seasonStart returns the first month of a TIMEX3 season.
func seasonStart(s string) int {
	switch s {
	case "SP":
		return 3
	case "SU":
		return 6
	case "FA":
		return 9
	}
	return 12
}
