package index

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// timexRange returns the span [start, end) of time a TIMEX3 date value
// covers: 2021, 2021-08, 2021-08-31, 2024-W20, 2024-Q3, 2024-H1, a decade
// 202X or a century 20XX, and intervals A/B (from the start of A to the end
// of B). ok is false for values that are not calendar dates (PRESENT_REF,
// durations, times of day alone).
func timexRange(v string) (start, end time.Time, ok bool) {
	if a, b, found := strings.Cut(v, "/"); found {
		s, _, ok1 := timexRange(a)
		_, e, ok2 := timexRange(b)
		switch {
		case ok1 && ok2 && !e.Before(s):
			return s, e, true
		case ok1 && !ok2:
			_, e1, _ := timexRange(a)
			return s, e1, true
		case ok2 && !ok1:
			s2, _, _ := timexRange(b)
			return s2, e, true
		}
		return time.Time{}, time.Time{}, false
	}
	if i := strings.IndexByte(v, 'T'); i > 0 {
		v = v[:i] // a date with a time of day: the day
	}
	if len(v) < 4 {
		return time.Time{}, time.Time{}, false
	}
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	head := v[:4]
	if strings.HasSuffix(head, "XX") || strings.HasSuffix(head, "X") {
		digits := strings.TrimRight(head, "X")
		n, err := strconv.Atoi(digits)
		if err != nil || len(v) != 4 {
			return time.Time{}, time.Time{}, false
		}
		span := 10
		for i := len(digits); i < 3; i++ {
			span *= 10
		}
		y := n
		for i := len(digits); i < 4; i++ {
			y *= 10
		}
		return day(y, 1, 1), day(y+span, 1, 1), true
	}
	y, err := strconv.Atoi(head)
	if err != nil {
		return time.Time{}, time.Time{}, false
	}
	rest := v[4:]
	if rest == "" {
		return day(y, 1, 1), day(y+1, 1, 1), true
	}
	if rest[0] != '-' {
		return time.Time{}, time.Time{}, false
	}
	rest = rest[1:]
	switch {
	case strings.HasPrefix(rest, "W"):
		w, err := strconv.Atoi(strings.SplitN(rest[1:], "-", 2)[0])
		if err != nil || w < 1 || w > 53 {
			return time.Time{}, time.Time{}, false
		}
		// ISO week 1 holds January 4th; weeks start on Monday.
		jan4 := day(y, 1, 4)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
		s := monday.AddDate(0, 0, 7*(w-1))
		return s, s.AddDate(0, 0, 7), true
	case strings.HasPrefix(rest, "Q"):
		q, err := strconv.Atoi(rest[1:])
		if err != nil || q < 1 || q > 4 {
			return time.Time{}, time.Time{}, false
		}
		s := day(y, 3*(q-1)+1, 1)
		return s, s.AddDate(0, 3, 0), true
	case strings.HasPrefix(rest, "H"):
		h, err := strconv.Atoi(rest[1:])
		if err != nil || h < 1 || h > 2 {
			return time.Time{}, time.Time{}, false
		}
		s := day(y, 6*(h-1)+1, 1)
		return s, s.AddDate(0, 6, 0), true
	}
	parts := strings.Split(rest, "-")
	m, err := strconv.Atoi(parts[0])
	if err != nil || m < 1 || m > 12 {
		return time.Time{}, time.Time{}, false
	}
	if len(parts) == 1 {
		s := day(y, m, 1)
		return s, s.AddDate(0, 1, 0), true
	}
	d, err := strconv.Atoi(parts[1])
	if err != nil || d < 1 || d > 31 || len(parts) > 2 {
		return time.Time{}, time.Time{}, false
	}
	s := day(y, m, d)
	if s.Month() != time.Month(m) {
		return time.Time{}, time.Time{}, false
	}
	return s, s.AddDate(0, 0, 1), true
}

// ParseDateRange reads a date at the grain it is written in (YYYY, YYYY-MM,
// YYYY-MM-DD, or any TIMEX3 date value such as 2024-W20 or 2024-Q3) as the
// span [start, end) it covers.
func ParseDateRange(s string) (start, end time.Time, err error) {
	start, end, ok := timexRange(strings.TrimSpace(s))
	if !ok {
		return start, end, fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	return start, end, nil
}
