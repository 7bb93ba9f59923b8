package temporal

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	hijri "github.com/hablullah/go-hijri"
)

// grain is the precision of a point in time.
type grain uint8

const (
	gCentury grain = iota + 1
	gDecade
	gYear
	gHalf
	gQuarter
	gSeason
	gMonth
	gWeek
	gDay
	gHour
	gMinute
	gSecond
)

// point is a date or time at a grain. A time of day without a date has
// noDate set; a date with an unknown year has noYear set.
type point struct {
	g       grain
	y, m, d int
	noYear  bool
	week    int    // gWeek: ISO week of y
	q       int    // gQuarter: 1-4; gHalf: 1-2
	season  string // gSeason
	dec     int    // gDecade: 199 for the 1990s
	cen     int    // gCentury: 19 for 1900-1999
	hh, mi  int
	ss      int
	noDate  bool
	zone    bool
	zoneOff int // minutes east of UTC
}

func dayPoint(t time.Time) point {
	return point{g: gDay, y: t.Year(), m: int(t.Month()), d: t.Day()}
}

func (p point) date() time.Time {
	return time.Date(p.y, time.Month(p.m), p.d, 0, 0, 0, 0, time.UTC)
}

func (p point) String() string {
	var b strings.Builder
	year := func() {
		if p.noYear {
			b.WriteString("XXXX")
		} else {
			fmt.Fprintf(&b, "%04d", p.y)
		}
	}
	switch p.g {
	case gCentury:
		fmt.Fprintf(&b, "%02d", p.cen)
	case gDecade:
		fmt.Fprintf(&b, "%03d", p.dec)
	case gYear:
		year()
	case gHalf:
		year()
		fmt.Fprintf(&b, "-H%d", p.q)
	case gQuarter:
		year()
		fmt.Fprintf(&b, "-Q%d", p.q)
	case gSeason:
		year()
		b.WriteString("-" + p.season)
	case gMonth:
		year()
		fmt.Fprintf(&b, "-%02d", p.m)
	case gWeek:
		fmt.Fprintf(&b, "%04d-W%02d", p.y, p.week)
	case gDay:
		year()
		fmt.Fprintf(&b, "-%02d-%02d", p.m, p.d)
	case gHour, gMinute, gSecond:
		if !p.noDate {
			year()
			fmt.Fprintf(&b, "-%02d-%02d", p.m, p.d)
		}
		fmt.Fprintf(&b, "T%02d", p.hh)
		if p.g >= gMinute {
			fmt.Fprintf(&b, ":%02d", p.mi)
		}
		if p.g == gSecond {
			fmt.Fprintf(&b, ":%02d", p.ss)
		}
		if p.zone {
			off := p.zoneOff
			sign := '+'
			if off < 0 {
				sign, off = '-', -off
			}
			fmt.Fprintf(&b, "%c%02d:%02d", sign, off/60, off%60)
		}
	}
	return b.String()
}

// isoWeek returns the point of the ISO week holding t (weeks start Monday).
func isoWeek(t time.Time) point {
	y, w := t.ISOWeek()
	return point{g: gWeek, y: y, week: w}
}

// mondayOf returns the Monday of t's week.
func mondayOf(t time.Time) time.Time {
	wd := (int(t.Weekday()) + 6) % 7 // Monday = 0
	return t.AddDate(0, 0, -wd)
}

// dateOnly drops the clock of t, keeping its calendar day.
func dateOnly(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// hijriToGregorian converts an Umm al-Qura date. ok is false outside the
// table (1356-1500 AH).
func hijriToGregorian(y, m, d int) (time.Time, bool) {
	if y < 1357 || y > 1499 || m < 1 || m > 12 || d < 1 || d > 30 {
		return time.Time{}, false
	}
	t := ummAlQura(y, m, d)
	if d > 29 {
		// the 30th exists only in a month of 30 days
		ny, nm := y, m+1
		if nm > 12 {
			ny, nm = y+1, 1
		}
		if ny > 1499 || !t.Before(ummAlQura(ny, nm, 1)) {
			return time.Time{}, false
		}
	}
	return t, true
}

func ummAlQura(y, m, d int) time.Time {
	t := hijri.UmmAlQuraDate{Year: int64(y), Month: int64(m), Day: int64(d)}.ToGregorian()
	// the library returns midnight as a float Julian day: round to the day
	return dateOnly(t.Add(12 * time.Hour))
}

// gregorianToHijri converts a Gregorian date to Umm al-Qura. The library's
// weekday is off by one and is not used.
func gregorianToHijri(t time.Time) (y, m, d int, ok bool) {
	h, err := hijri.CreateUmmAlQuraDate(dateOnly(t))
	if err != nil {
		return 0, 0, 0, false
	}
	return int(h.Year), int(h.Month), int(h.Day), true
}

// hijriMonth returns the first and last Gregorian days of a Hijri month.
func hijriMonth(y, m int) (first, last time.Time, ok bool) {
	first, ok = hijriToGregorian(y, m, 1)
	if !ok {
		return
	}
	ny, nm := y, m+1
	if nm > 12 {
		ny, nm = y+1, 1
	}
	next, ok := hijriToGregorian(ny, nm, 1)
	if !ok {
		return
	}
	return first, next.AddDate(0, 0, -1), true
}

// duration is a sum of amounts per ISO 8601 designator.
type duration struct {
	y, m, w, d, h, min, s float64
}

func (d *duration) add(u unitAmount, x float64) {
	switch u.unit {
	case "Y":
		d.y += x
	case "M":
		d.m += x
	case "W":
		d.w += x
	case "D":
		d.d += x
	case "H":
		d.h += x
	case "MIN":
		d.min += x
	case "S":
		d.s += x
	}
}

func (d duration) zero() bool {
	return d == duration{}
}

func fnum(x float64) string {
	return strconv.FormatFloat(math.Round(x*1e6)/1e6, 'f', -1, 64)
}

func (d duration) String() string {
	// ساعة ونصف is PT1H30M: a fraction of a day, an hour or a minute goes
	// to the next smaller unit (years, months and weeks keep theirs: P2.5Y)
	carry := func(x *float64, into *float64, n float64) {
		if f := *x - math.Trunc(*x); f != 0 && *x > 0 {
			*x -= f
			*into += f * n
		}
	}
	carry(&d.d, &d.h, 24)
	carry(&d.h, &d.min, 60)
	carry(&d.min, &d.s, 60)
	var b strings.Builder
	b.WriteByte('P')
	put := func(x float64, c string) {
		if x != 0 {
			b.WriteString(fnum(x) + c)
		}
	}
	put(d.y, "Y")
	put(d.m, "M")
	put(d.w, "W")
	put(d.d, "D")
	if d.h != 0 || d.min != 0 || d.s != 0 {
		b.WriteByte('T')
		put(d.h, "H")
		put(d.min, "M")
		put(d.s, "S")
	}
	return b.String()
}

// days returns the whole number of days of a duration made of days and
// weeks only.
func (d duration) days() (int, bool) {
	if d.y != 0 || d.m != 0 || d.h != 0 || d.min != 0 || d.s != 0 {
		return 0, false
	}
	n := d.w*7 + d.d
	if n != math.Trunc(n) {
		return 0, false
	}
	return int(n), true
}
