package temporal

import (
	"fmt"
	"strings"

	"github.com/naba-nlp/naba/lexicons"
)

// class is what a lexicon entry is: a month name, a unit, a cue word...
type class uint8

const (
	clMonth   class = iota + 1 // Gregorian month, value 1-12
	clHMonth                   // Hijri month, value 1-12
	clWeekday                  // value = time.Weekday
	clDay                      // relative day, value = offset in days
	clRelDir                   // الماضي / المقبل, value = offset
	clThis                     // هذا / هذه
	clUnit                     // a time unit, value like 1Y, 2M, nD
	clPart                     // مطلع / منتصف / أواخر, value = mod
	clCue                      // function word, value = role
	clDaypart                  // صباحا / مساء, value = am / pm / noon / night
	clClock                    // منتصف الليل, value = T00 / NOW
	clZone                     // value = UTC offset
	clMarker                   // year marker, value = gregorian / hijri
	clSeason                   // value = SP / SU / FA / WI
	clQuarter                  // value = Q1..Q4 / H1 / H2
	clDecade                   // value = decade digit
	clHoliday                  // value = h:MM-DD / g:MM-DD / h:MM
)

// parseClass returns the class named in a lexicon's class column.
func parseClass(s string) (class, bool) {
	switch s {
	case "month":
		return clMonth, true
	case "hmonth":
		return clHMonth, true
	case "weekday":
		return clWeekday, true
	case "day":
		return clDay, true
	case "reldir":
		return clRelDir, true
	case "this":
		return clThis, true
	case "unit":
		return clUnit, true
	case "part":
		return clPart, true
	case "cue":
		return clCue, true
	case "daypart":
		return clDaypart, true
	case "clock":
		return clClock, true
	case "zone":
		return clZone, true
	case "marker":
		return clMarker, true
	case "season":
		return clSeason, true
	case "quarter":
		return clQuarter, true
	case "decade":
		return clDecade, true
	case "holiday":
		return clHoliday, true
	}
	return 0, false
}

// entry is one reading of a lexicon phrase.
type entry struct {
	class  class
	value  string
	n      int        // value as an integer where it is one
	strict bool       // needs a date context (آب "father", صفر "zero")
	prep   bool       // with strict: a preposition before is context enough (في رمضان)
	unit   unitAmount // clUnit: the parsed value
	src    string
}

// phrase is a lexicon term of one or more tokens, keyed by its first token.
type phrase struct {
	rest    []string // matching keys of the tokens after the first
	entries []entry
}

// lexicon maps a first token key to the phrases starting with it, longest
// first.
type lexicon struct {
	first map[string][]phrase
	// filter is a bitset over a cheap hash of the first-token keys: a key
	// whose bit is clear is not in first (most words of a text).
	filter [1 << 14]uint64
}

func keyHash(k string) uint32 {
	if k == "" {
		return 0
	}
	h := uint32(len(k))*0x9E3779B1 ^ uint32(k[0])<<8 ^ uint32(k[len(k)-1])<<16 ^ uint32(k[len(k)/2])*0x85EBCA6B
	return h % (1 << 20)
}

func loadLexicon(set *lexicons.Set) (*lexicon, error) {
	files, err := set.Files("temporal")
	if err != nil {
		return nil, fmt.Errorf("temporal lexicons: %w", err)
	}
	lx := &lexicon{first: map[string][]phrase{}}
	for _, f := range files {
		err := lexicons.ReadTSV(f, []string{"term", "class", "value"}, func(r lexicons.Row) error {
			key, err := lexicons.Key(r.Get("term"))
			if err != nil {
				return r.Errorf("%v", err)
			}
			cl, ok := parseClass(r.Get("class"))
			if !ok {
				return r.Errorf("unknown class %q", r.Get("class"))
			}
			e := entry{class: cl, value: r.Get("value"), src: fmt.Sprintf("%s:%d", f.Name, r.Line)}
			if e.value == "" {
				return r.Errorf("empty value")
			}
			switch ctx := r.Get("context"); ctx {
			case "":
			case "strict":
				e.strict = true
			case "prep":
				e.strict, e.prep = true, true
			default:
				return r.Errorf("unknown context %q (want strict, prep or nothing)", ctx)
			}
			if err := checkValue(&e); err != nil {
				return r.Errorf("%v", err)
			}
			lx.add(strings.Fields(key), e)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return lx, nil
}

// has reports whether a phrase starts with the token key k.
func (lx *lexicon) has(k string) bool {
	_, ok := lx.phrases(k)
	return ok
}

// phrases returns the phrases starting with the token key k.
func (lx *lexicon) phrases(k string) ([]phrase, bool) {
	h := keyHash(k)
	if lx.filter[h>>6]&(1<<(h&63)) == 0 {
		return nil, false
	}
	ps, ok := lx.first[k]
	return ps, ok
}

func (lx *lexicon) add(toks []string, e entry) {
	h := keyHash(toks[0])
	lx.filter[h>>6] |= 1 << (h & 63)
	ps := lx.first[toks[0]]
	rest := toks[1:]
	for i := range ps {
		if equal(ps[i].rest, rest) {
			for _, old := range ps[i].entries {
				if old.class == e.class && old.value == e.value {
					return
				}
			}
			ps[i].entries = append(ps[i].entries, e)
			return
		}
	}
	// keep longer phrases first
	p := phrase{rest: rest, entries: []entry{e}}
	at := len(ps)
	for i := range ps {
		if len(ps[i].rest) < len(rest) {
			at = i
			break
		}
	}
	ps = append(ps, phrase{})
	copy(ps[at+1:], ps[at:])
	ps[at] = p
	lx.first[toks[0]] = ps
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// checkValue validates an entry's value for its class and fills n.
func checkValue(e *entry) error {
	var n int
	switch e.class {
	case clMonth, clHMonth:
		if _, err := fmt.Sscanf(e.value, "%d", &n); err != nil || n < 1 || n > 12 {
			return fmt.Errorf("month value %q: want 1-12", e.value)
		}
	case clWeekday:
		if _, err := fmt.Sscanf(e.value, "%d", &n); err != nil || n < 0 || n > 6 {
			return fmt.Errorf("weekday value %q: want 0-6", e.value)
		}
	case clDay, clRelDir, clThis:
		if _, err := fmt.Sscanf(e.value, "%d", &n); err != nil {
			return fmt.Errorf("offset %q: want an integer", e.value)
		}
	case clDecade:
		if _, err := fmt.Sscanf(e.value, "%d", &n); err != nil || n < 0 || n > 9 {
			return fmt.Errorf("decade %q: want 0-9", e.value)
		}
	case clUnit:
		u, ok := parseUnit(e.value)
		if !ok {
			return fmt.Errorf("unit %q: want an amount and Y M W D H MIN S (1Y, 2M, nD)", e.value)
		}
		e.unit = u
	case clPart:
		switch e.value {
		case "start", "mid", "end", "rest":
		default:
			return fmt.Errorf("part %q: want start, mid, end or rest", e.value)
		}
	case clDaypart:
		shift, part, _ := strings.Cut(e.value, ":")
		switch shift {
		case "am", "pm", "noon", "night":
		default:
			return fmt.Errorf("daypart %q: want am, pm, noon or night, a colon and MO, MI, AF, EV or NI", e.value)
		}
		switch part {
		case "MO", "MI", "AF", "EV", "NI":
		default:
			return fmt.Errorf("daypart %q: want MO, MI, AF, EV or NI after the colon", e.value)
		}
	case clMarker:
		switch e.value {
		case "gregorian", "hijri", "bc":
		default:
			return fmt.Errorf("marker %q: want gregorian, hijri or bc", e.value)
		}
	case clSeason:
		switch e.value {
		case "SP", "SU", "FA", "WI":
		default:
			return fmt.Errorf("season %q: want SP, SU, FA or WI", e.value)
		}
	case clZone:
		if _, ok := parseZone(e.value); !ok {
			return fmt.Errorf("zone %q: want ±hh:mm", e.value)
		}
	case clHoliday:
		if _, ok := parseHoliday(e.value); !ok {
			return fmt.Errorf("holiday %q: want h:MM-DD, g:MM-DD or h:MM", e.value)
		}
	}
	e.n = n
	return nil
}

// unitAmount is a parsed unit value: count (0 for a plural that needs a
// number) times mult of unit.
type unitAmount struct {
	count  float64
	plural bool
	unit   string // Y M W D H MIN S
}

func parseUnit(v string) (unitAmount, bool) {
	var u unitAmount
	i := 0
	if strings.HasPrefix(v, "n") {
		u.plural = true
		i = 1
	}
	j := i
	for j < len(v) && v[j] >= '0' && v[j] <= '9' {
		j++
	}
	mult := 1.0
	if j > i {
		var n int
		fmt.Sscanf(v[i:j], "%d", &n)
		mult = float64(n)
	}
	u.unit = v[j:]
	switch u.unit {
	case "Y", "M", "W", "D", "H", "MIN", "S":
	default:
		return u, false
	}
	u.count = mult
	return u, true
}

// parseZone returns the offset in minutes of ±hh:mm.
func parseZone(v string) (int, bool) {
	var h, m int
	if len(v) != 6 || (v[0] != '+' && v[0] != '-') || v[3] != ':' {
		return 0, false
	}
	if _, err := fmt.Sscanf(v[1:], "%02d:%02d", &h, &m); err != nil {
		return 0, false
	}
	off := h*60 + m
	if v[0] == '-' {
		off = -off
	}
	return off, true
}

type holiday struct {
	hijri      bool
	month, day int // day 0: the whole month
}

func parseHoliday(v string) (holiday, bool) {
	var h holiday
	switch {
	case strings.HasPrefix(v, "h:"):
		h.hijri = true
	case strings.HasPrefix(v, "g:"):
	default:
		return h, false
	}
	s := v[2:]
	if len(s) == 2 {
		if _, err := fmt.Sscanf(s, "%02d", &h.month); err != nil {
			return h, false
		}
	} else if _, err := fmt.Sscanf(s, "%02d-%02d", &h.month, &h.day); err != nil {
		return h, false
	}
	return h, h.month >= 1 && h.month <= 12 && h.day >= 0 && h.day <= 31
}

// daypart splits a daypart entry's value into its am/pm shift and its
// TIMEX3 part of the day.
func daypart(e entry) (shift, part string) {
	shift, part, _ = strings.Cut(e.value, ":")
	return shift, part
}
