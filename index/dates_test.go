package index

import (
	"testing"
	"time"
)

func TestTimexRange(t *testing.T) {
	cases := []struct {
		in, from, to string // to exclusive; "" when not a date
	}{
		{"2021", "2021-01-01", "2022-01-01"},
		{"2021-08", "2021-08-01", "2021-09-01"},
		{"2021-08-31", "2021-08-31", "2021-09-01"},
		{"2024-W20", "2024-05-13", "2024-05-20"},
		{"2024-Q3", "2024-07-01", "2024-10-01"},
		{"2024-H2", "2024-07-01", "2025-01-01"},
		{"202X", "2020-01-01", "2030-01-01"},
		{"19XX", "1900-01-01", "2000-01-01"},
		{"2019/2024", "2019-01-01", "2025-01-01"},
		{"2024-05-01/2024-05-03", "2024-05-01", "2024-05-04"},
		{"2024-05-01T10:00", "2024-05-01", "2024-05-02"},
		{"PRESENT_REF", "", ""},
		{"P3Y", "", ""},
		{"2021-02-30", "", ""},
		{"2021-13", "", ""},
		{"", "", ""},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			s, e, ok := timexRange(c.in)
			if c.from == "" {
				if ok {
					t.Errorf("got [%s, %s), want no date", s.Format(time.DateOnly), e.Format(time.DateOnly))
				}
				return
			}
			if !ok || s.Format(time.DateOnly) != c.from || e.Format(time.DateOnly) != c.to {
				t.Errorf("got [%s, %s) %v, want [%s, %s)", s.Format(time.DateOnly), e.Format(time.DateOnly), ok, c.from, c.to)
			}
		})
	}
}
