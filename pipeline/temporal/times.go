package temporal

import (
	"fmt"
	"strings"

	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/segment"
)

// clock is a time of day read at a token.
type clock struct {
	hh, mi, ss int
	g          grain
	daypart    string
	zone       bool
	zoneOff    int
	cued       bool // الساعة was written
	colon      bool // 10:30
	wordHour   bool // an hour in words (السابعة)
	wordMins   bool // an hour in words with minutes (الثامنة والنصف)
	end        int
}

// anchored reports whether the clock can stand alone as a time.
func (c clock) anchored() bool { return c.cued || c.colon || c.daypart != "" || c.zone || c.wordMins }

// clockAt reads [الساعة] H[:MM[:SS]] [و MM دقيقة|والنصف|والربع|إلا ربعا]
// [صباحا|مساء…] [بتوقيت ZONE].
func (p *parser) clockAt(i int) (clock, bool) {
	var c clock
	j := i
	if e, ok := p.cue(i, cueHour); ok && p.in(i, e) && p.definite(i) {
		j, c.cued = e, true
	}
	// 4 - 1 مساء السبت: the second number of a score is no hour
	if !c.cued && p.punct(j-1, "-", "–") && p.doc.Tokens[j].Kind == segment.Number && j >= 2 &&
		p.doc.Tokens[j-2].Kind == segment.Number && p.in(i, j-2) {
		return clock{}, false
	}
	n, ok := p.numberAt(j)
	if !ok && c.cued && p.in(i, j) {
		// الساعة الواحدة
		if e, one := p.cue(j, cueOne); one {
			n, ok = num{val: 1, end: e, words: true, ordinal: true}, true
		}
	}
	if !ok || !p.in(i, j) {
		return clock{}, false
	}
	v, ok := n.int()
	c.g, c.end = gHour, n.end
	if !ok && n.words && n.val > 0 && n.val < 13 && n.val*4 == float64(int(n.val*4)) {
		// الثامنة والنصف read as 8.5 by the number parser
		c.hh, c.mi, c.g, c.wordHour, c.wordMins = int(n.val), int((n.val-float64(int(n.val)))*60), gMinute, true, true
		v, ok = -1, true
	}
	if !ok {
		return clock{}, false
	}
	switch {
	case v < 0:
		// hour and minutes already read
	case n.digits == 4 && !n.words:
		// 1140 صباحا
		c.hh, c.mi, c.g = v/100, v%100, gMinute
		if c.hh > 23 || c.mi > 59 {
			return clock{}, false
		}
	case v <= 24:
		c.hh = v
		c.wordHour = n.words
	default:
		return clock{}, false
	}
	if n.digits > 0 && n.digits <= 2 && p.punct(c.end, ":") && p.glued(c.end) && p.glued(c.end+1) {
		if mi, d, ok := p.intAt(c.end + 1); ok && d == 2 && mi < 60 {
			c.mi, c.g, c.colon, c.end = mi, gMinute, true, c.end+2
			if p.punct(c.end, ":") && p.glued(c.end) && p.glued(c.end+1) {
				if ss, d, ok := p.intAt(c.end + 1); ok && d == 2 && ss < 60 {
					c.ss, c.g, c.end = ss, gSecond, c.end+2
				}
			}
		}
	} else if n.digits == 4 {
		// a four-digit number is a time only with a day part
		if _, _, ok := p.ent(c.end, clDaypart); !ok {
			return clock{}, false
		}
	}
	if c.g == gHour && p.in(i, c.end) {
		c = p.minutes(i, c)
		c.wordMins = c.wordHour && c.g == gMinute && n.ordinal
	}
	if d, e, ok := p.ent(c.end, clDaypart); ok && p.in(i, c.end) {
		c.daypart, _ = daypart(d)
		c.end = e
	} else if f, ok := p.cue(c.end, cueFrom); ok && p.in(i, f) {
		// السابعة من مساء اليوم، العاشرة من صباح أمس
		if d, e, ok := p.ent(f, clDaypart); ok {
			c.daypart, _ = daypart(d)
			c.end = e
		} else if d, e, ok := p.ent(f, clClock); ok && d.value == "T00" {
			c.daypart, c.end = "night", e // الثانية عشرة من منتصف الليل
		}
	}
	if z, ok := p.cue(c.end, cueZone); ok && p.in(i, z) {
		if e, k, ok := p.ent(z, clZone); ok {
			off, _ := parseZone(e.value)
			c.zone, c.zoneOff, c.end = true, off, k
			if c.g == gHour {
				c.g = gMinute
			}
		}
	}
	if c.hh > 12 && c.daypart != "" {
		c.daypart = ""
	}
	return c, true
}

// minutes reads the minutes after an hour: و15 دقيقة، والنصف، والربع، إلا ربعا.
func (p *parser) minutes(i int, c clock) clock {
	j := c.end
	if e, ok := p.cue(j, cueExcept); ok && p.in(i, e) {
		if q, ok := p.cue(e, cueQuarter); ok {
			c.hh, c.mi, c.g, c.end = (c.hh+23)%24, 45, gMinute, q
			return c
		}
		if n, ok := p.numberAt(e); ok {
			if v, ok := n.int(); ok && v > 0 && v < 60 {
				end := n.end
				if _, k, ok := p.ent(end, clUnit); ok {
					end = k
				}
				c.hh, c.mi, c.g, c.end = (c.hh+23)%24, 60-v, gMinute, end
			}
		}
		return c
	}
	// والنصف: و is a proclitic of the cue word
	if a := p.atom(j); a.pre == "و" {
		if e, ok := p.cue(j, cueHalf); ok {
			c.mi, c.g, c.end = 30, gMinute, e
			return c
		}
		if e, ok := p.cue(j, cueQuarter); ok {
			c.mi, c.g, c.end = 15, gMinute, e
			return c
		}
		if e, ok := p.cue(j, cueThird); ok {
			c.mi, c.g, c.end = 20, gMinute, e
			return c
		}
	}
	e, ok := p.cue(j, cueAnd)
	if !ok && p.atom(j).ents == nil && len(p.doc.TokenKey(j)) > 2 && p.doc.TokenKey(j)[:2] == "و" {
		// وخمسة عشر: the number parser reads the conjunction itself
		e, ok = j, true
	}
	if !ok || !p.in(i, e) {
		return c
	}
	if k, ok := p.cue(e, cueHalf); ok {
		c.mi, c.g, c.end = 30, gMinute, k
		return c
	}
	if k, ok := p.cue(e, cueQuarter); ok {
		c.mi, c.g, c.end = 15, gMinute, k
		return c
	}
	n, ok := p.numberAt(e)
	if !ok {
		return c
	}
	v, ok := n.int()
	if !ok || v < 1 || v > 59 || n.ordinal {
		return c
	}
	end := n.end
	if u, k, ok := p.ent(end, clUnit); ok {
		if ua := u.unit; ua.unit == "MIN" {
			end = k
		} else {
			return c
		}
	} else if _, _, part := p.ent(end, clDaypart); !c.cued && !(part && c.wordHour) {
		// السابعة وخمسة وثلاثين مساء: minutes without دقيقة need الساعة or
		// a day part
		return c
	}
	c.mi, c.g, c.end = v, gMinute, end
	return c
}

// hour24 applies the day part, or, without one, picks the next occurrence
// after the reference time.
func (p *parser) hour24(c clock) int {
	h := c.hh
	switch c.daypart {
	case "am":
		if h == 12 {
			return 0
		}
	case "pm":
		if h < 12 {
			return h + 12
		}
	case "noon":
		// الثانية عشرة ظهرا is 12, الواحدة ظهرا 13, الظهر الساعة 7 19
		if h >= 1 && h <= 7 {
			return h + 12
		}
	case "night":
		switch {
		case h == 12:
			return 0
		case h >= 6 && h < 12:
			return h + 12
		}
	default:
		if h < 12 && p.hasRef {
			refMin := p.ref.Hour()*60 + p.ref.Minute()
			if h*60+c.mi < refMin {
				return h + 12
			}
		}
	}
	return h
}

// timePoint builds the TIME point of a clock on a day (noDate without one).
func (p *parser) timePoint(c clock, day point, hasDay bool) point {
	h := p.hour24(c)
	pt := point{g: c.g, hh: h, mi: c.mi, ss: c.ss}
	if !hasDay {
		if ref, ok := p.refDay(); ok {
			day, hasDay = dayPoint(ref), true
		}
	}
	if !hasDay {
		pt.noDate = true
		if c.zone {
			pt.zone, pt.zoneOff = true, c.zoneOff
		}
		return pt
	}
	pt.y, pt.m, pt.d = day.y, day.m, day.d
	if c.zone {
		// the clock as stated, with its zone: 22:00+03:00
		pt.zone, pt.zoneOff = true, c.zoneOff
	}
	return pt
}

// dayBefore reads a day a time may follow: اليوم، الخميس، 15 شباط.
func (p *parser) dayBefore(i int) (dres, bool) {
	r, ok := p.date(i)
	if !ok || r.noValue || r.iv || r.a.g != gDay || r.mod != "" {
		return dres{}, false
	}
	return r, true
}

// dateTime reads a time of day with an optional day before it: الساعة
// 10:30، العاشرة صباحا، الخميس الساعة 8 بتوقيت غرينتش، منتصف الليل، الآن.
func (p *parser) dateTime(i int) (dres, bool) {
	r := dres{start: i, kind: pipeline.Time, rule: "time", strong: true}
	if e, k, ok := p.ent(i, clClock); ok {
		r.end = k
		if e.value == "NOW" && p.doc.TokenLight(i) == "آلان" {
			return dres{}, false // Alan, not الآن
		}
		if e.value == "NOW" {
			r.a = point{g: gSecond}
			if !p.hasRef {
				r.noValue = true
				return r, true
			}
			return r.withValue("PRESENT_REF"), true
		}
		if e.value[1] < '0' || e.value[1] > '9' {
			// الليلة: a part of the reference day; الليلة الماضية TNI@-1: of
			// the day before
			if !p.hasRef {
				r.noValue = true
				return r, true
			}
			part, off := e.value, 0
			if k := strings.IndexByte(part, '@'); k >= 0 {
				fmt.Sscanf(part[k+1:], "%d", &off)
				part = part[:k]
			}
			return r.withValue(dayPoint(dateOnly(p.ref).AddDate(0, 0, off)).String() + part), true
		}
		c := clock{hh: int(e.value[1]-'0')*10 + int(e.value[2]-'0'), g: gHour, daypart: "am"}
		if c.hh == 12 {
			c.daypart = "noon"
		}
		r.a = p.timePoint(c, point{}, false)
		return r, true
	}
	var day point
	hasDay := false
	j := i
	if d, ok := p.dayBefore(i); ok && p.in(i, d.end) {
		k := d.end
		if e, ok := p.cue(k, cueOf); ok {
			k = e
		} else if p.punct(k, ",", "،") {
			k++
		}
		if c, ok := p.clockAt(k); ok && c.anchored() && p.in(i, k) {
			day, hasDay, j = d.a, true, k
		}
	}
	// الظهر الساعة 7، بعد الظهر 7:00:25: a day part before the clock
	shift := ""
	if d, e, ok := p.ent(j, clDaypart); ok {
		if c, ok := p.clockAt(e); ok && p.in(i, e) && (c.cued || c.colon || c.daypart != "") {
			// بعد الظهر السابعة مساء: the clock's own part wins
			shift, _ = daypart(d)
			j = e
		} else if !hasDay {
			if r, ok := p.dayWithPart(i, d, e); ok {
				return r, true
			}
			// بعد الظهر، في المساء: a part of the reference day
			if e-i < 2 || !p.hasRef {
				return dres{}, false
			}
			_, part := daypart(d)
			r := dres{start: i, end: e, kind: pipeline.Time, rule: "day-part", strong: true}
			return r.withValue(dayPoint(dateOnly(p.ref)).String() + "T" + part), true
		}
	}
	c, ok := p.clockAt(j)
	if ok && !c.anchored() && j == i && p.bareHour(i, c) {
		ok = true
	} else if !ok || !c.anchored() {
		return dres{}, false
	}
	if shift != "" && c.daypart == "" {
		c.daypart = shift
	}
	r.end = c.end
	// الساعة العاشرة من صباح اليوم، 10 مساء أمس: the day after the clock
	if !hasDay && p.in(i, c.end) {
		k := c.end
		if e, ok := p.cue(k, cueFrom); ok {
			k = e
		} else if e, ok := p.cue(k, cueOf); ok {
			k = e
		}
		if d, e, ok := p.ent(k, clDaypart); ok && c.daypart == "" {
			if day2, ok := p.dayBefore(e); ok && p.in(i, e) {
				c.daypart, _ = daypart(d)
				day, hasDay, r.end = day2.a, true, day2.end
			}
		} else if day2, ok := p.dayBefore(k); ok && p.in(i, k) {
			day, hasDay, r.end = day2.a, true, day2.end
		}
	}
	r.a = p.timePoint(c, day, hasDay)
	return r, true
}

// bareHour accepts an hour in ordinal words with nothing else (في السابعة،
// عند الحادية عشرة) when a preposition of time stands before it and no noun
// follows (في السابعة من عمره is an age).
func (p *parser) bareHour(i int, c clock) bool {
	if !c.wordHour || c.hh < 1 || c.hh > 12 {
		return false
	}
	if n, ok := p.numberAt(i); !ok || !n.ordinal || !strings.HasSuffix(p.doc.TokenKey(n.end-1), "ه") && c.hh != 11 {
		return false
	}
	if _, ok := p.cue(i-1, cueOf); !ok || !p.in(i, i-1) {
		if _, ok := p.cue(i-1, cueTo); !ok || !p.in(i, i-1) {
			return false
		}
	}
	if p.in(i, c.end) && (p.doc.Tokens[c.end].Kind == segment.Word || p.doc.Tokens[c.end].Kind == segment.Number) {
		return false
	}
	return true
}

// dayWithPart reads a part of a day with its day: مساء أمس، صباح اليوم،
// ليلة الجمعة. The value is the day and the TIMEX3 part (2024-06-30TEV).
func (p *parser) dayWithPart(i int, d entry, e int) (dres, bool) {
	day, ok := p.dayBefore(e)
	if !ok || !p.in(i, e) {
		return dres{}, false
	}
	_, part := daypart(d)
	r := dres{start: i, end: day.end, kind: pipeline.Time, rule: "day-part", strong: true}
	return r.withValue(day.a.String() + "T" + part), true
}

// withValue sets a literal value (PRESENT_REF).
func (r dres) withValue(v string) dres {
	r.lit = v
	return r
}

// timeRange reads [day] [من|بين] [الساعة] A (إلى|حتى|و|-) [الساعة] B: من 5
// إلى 6 مساء، بين الساعة 4 و5 مساء، الخميس من التاسعة وحتى الحادية عشرة صباحا.
func (p *parser) timeRange(i int) (dres, bool) {
	var day point
	hasDay := false
	j := i
	if d, ok := p.dayBefore(i); ok && p.in(i, d.end) {
		day, hasDay, j = d.a, true, d.end
	}
	lead := ""
	if e, ok := p.cue(j, cueFrom); ok {
		j, lead = e, cueFrom
	} else if e, ok := p.cue(j, cueBetween); ok {
		j, lead = e, cueBetween
	}
	if !p.in(i, j) {
		return dres{}, false
	}
	start := i
	if !hasDay {
		start = j
	}
	a, ok := p.clockAt(j)
	if !ok || !p.in(i, a.end) {
		return dres{}, false
	}
	k := a.end
	if e, ok := p.cue(k, cueTo); ok {
		k = e
	} else if e, ok := p.cue(k, cueAnd); ok && lead == cueBetween {
		k = e
	} else if p.punct(k, "-", "–") {
		k++
	} else {
		return dres{}, false
	}
	if !p.in(i, k) {
		return dres{}, false
	}
	b, ok := p.clockAt(k)
	if !ok {
		return dres{}, false
	}
	if !a.anchored() && !b.anchored() {
		return dres{}, false
	}
	if lead == "" && !(a.anchored() && b.anchored()) {
		return dres{}, false
	}
	// share the day part: من 5 إلى 6 مساء، من 1:30 بعد الظهر إلى 4
	if a.daypart == "" && b.daypart != "" && a.hh <= b.hh {
		a.daypart = b.daypart
	}
	if b.daypart == "" && a.daypart != "" {
		b.daypart = a.daypart
		if a.daypart == "am" && b.hh < a.hh {
			b.daypart = "pm"
		}
	}
	if b.hh == 12 && b.daypart == "am" && a.hh < 12 {
		b.daypart = "noon" // بين 10 و12 صباحا ends at noon
	}
	if b.zone && !a.zone {
		a.zone, a.zoneOff = true, b.zoneOff
	}
	end := b.end
	// بين الساعة 4 و5 مساء اليوم: the day after the range
	if !hasDay && p.in(i, end) {
		if d, ok := p.dayBefore(end); ok {
			day, hasDay, end = d.a, true, d.end
		}
	}
	r := dres{start: start, end: end, kind: pipeline.Time, rule: "time-range", strong: true, iv: true}
	r.a = p.timePoint(a, day, hasDay)
	r.b = p.timePoint(b, day, hasDay)
	return r, true
}
