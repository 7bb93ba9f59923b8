package pipeline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
)

// Kind is a mention type: the OntoNotes labels spaCy users know, plus
// DURATION.
type Kind string

// Mention types.
const (
	Person      Kind = "PERSON"
	NORP        Kind = "NORP"
	FAC         Kind = "FAC"
	Org         Kind = "ORG"
	GPE         Kind = "GPE"
	Loc         Kind = "LOC"
	Product     Kind = "PRODUCT"
	Event       Kind = "EVENT"
	WorkOfArt   Kind = "WORK_OF_ART"
	Law         Kind = "LAW"
	Language    Kind = "LANGUAGE"
	Date        Kind = "DATE"
	Time        Kind = "TIME"
	Duration    Kind = "DURATION"
	Percent     Kind = "PERCENT"
	Money       Kind = "MONEY"
	Quantity    Kind = "QUANTITY"
	Ordinal     Kind = "ORDINAL"
	Cardinal    Kind = "CARDINAL"
	unknownKind Kind = ""
)

// Kinds lists every mention type in a fixed order.
func Kinds() [19]Kind {
	return [...]Kind{Person, NORP, FAC, Org, GPE, Loc, Product, Event, WorkOfArt, Law,
		Language, Date, Time, Duration, Percent, Money, Quantity, Ordinal, Cardinal}
}

// ParseKind returns the Kind named s (case-sensitive, as written above).
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds() {
		if string(k) == s {
			return k, nil
		}
	}
	return unknownKind, fmt.Errorf("unknown mention type %q", s)
}

// IsEntity reports whether k is a named-entity type (not a value type).
func (k Kind) IsEntity() bool {
	switch k {
	case Person, NORP, FAC, Org, GPE, Loc, Product, Event, WorkOfArt, Law, Language:
		return true
	}
	return false
}

// Mention is one extracted span. Start and End are byte offsets of the
// original text; Text is exactly Document.Text[Start:End].
type Mention struct {
	Start, End int
	Type       Kind
	Text       string

	// Entity linking: ID is the Wikidata QID when there is one, else a
	// stable local id (lexicon id, or a document-local id).
	ID        string
	Canonical string
	Wikidata  string

	Value Value
	Unit  string
	Mod   string
	// Hijri dates: Calendar is "hijri" and Hijri the value in that calendar.
	Calendar string
	Hijri    string

	// Rule says what produced the mention: a rule name, or a lexicon
	// file:line.
	Rule string
	// Priority breaks ties between overlapping spans of equal length:
	// higher wins.
	Priority int
}

// ValueKind says what a Value holds.
type ValueKind uint8

// Value kinds.
const (
	NoValue ValueKind = iota
	NumberValue
	RangeValue
	StringValue
)

// Value is a mention's normalized value: a number, a numeric range with
// optional open ends, or a string (TIMEX3 dates, times and durations).
type Value struct {
	Kind     ValueKind
	Num      float64
	From, To *float64
	Str      string
}

// Num returns a number value.
func Num(x float64) Value { return Value{Kind: NumberValue, Num: x} }

// Range returns a numeric range; nil ends are open.
func Range(from, to *float64) Value { return Value{Kind: RangeValue, From: from, To: to} }

// Str returns a string value (TIMEX3).
func Str(s string) Value { return Value{Kind: StringValue, Str: s} }

// IsZero reports whether there is no value.
func (v Value) IsZero() bool { return v.Kind == NoValue }

func formatNum(x float64) string {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return "null"
	}
	if x == math.Trunc(x) && math.Abs(x) < 1e21 {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// MarshalJSON writes a number, {"from","to"} or a string.
func (v Value) MarshalJSON() ([]byte, error) {
	switch v.Kind {
	case NumberValue:
		return []byte(formatNum(v.Num)), nil
	case RangeValue:
		var b bytes.Buffer
		b.WriteByte('{')
		if v.From != nil {
			b.WriteString(`"from":` + formatNum(*v.From))
		}
		if v.To != nil {
			if v.From != nil {
				b.WriteByte(',')
			}
			b.WriteString(`"to":` + formatNum(*v.To))
		}
		b.WriteByte('}')
		return b.Bytes(), nil
	case StringValue:
		return json.Marshal(v.Str)
	}
	return []byte("null"), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (v *Value) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*v = Value{}
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*v = Str(s)
	case b[0] == '{':
		var r struct{ From, To *float64 }
		if err := json.Unmarshal(b, &r); err != nil {
			return err
		}
		*v = Range(r.From, r.To)
	default:
		x, err := strconv.ParseFloat(string(b), 64)
		if err != nil {
			return fmt.Errorf("value %s: %w", b, err)
		}
		*v = Num(x)
	}
	return nil
}

// Overlaps reports whether two mentions share any byte.
func (m Mention) Overlaps(o Mention) bool { return m.Start < o.End && o.Start < m.End }

// ResolveOverlaps is naba's one overlap policy. Among overlapping mentions
// the longest span wins; equal lengths go to the higher Priority, then the
// earlier start, then the type order of Kinds(), then the rule name, so the
// result never depends on the order stages ran in. The result is sorted by
// start, then end. Identical duplicates collapse to one.
func ResolveOverlaps(ms []Mention) []Mention {
	if len(ms) < 2 {
		return ms
	}
	order := make([]int, len(ms))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		x, y := ms[order[a]], ms[order[b]]
		if lx, ly := x.End-x.Start, y.End-y.Start; lx != ly {
			return lx > ly
		}
		if x.Priority != y.Priority {
			return x.Priority > y.Priority
		}
		if x.Start != y.Start {
			return x.Start < y.Start
		}
		if kx, ky := kindRank(x.Type), kindRank(y.Type); kx != ky {
			return kx < ky
		}
		return x.Rule < y.Rule
	})
	// keep indexes, not copies: a Mention is large, and moving it is most
	// of the cost of sorting
	kept := make([]int, 0, len(ms))
	// taken spans, kept sorted by start for a binary-search overlap test
	var taken []Span
	for _, i := range order {
		m := &ms[i]
		if m.End <= m.Start {
			continue
		}
		j := sort.Search(len(taken), func(k int) bool { return taken[k].Start >= m.End })
		if j > 0 && taken[j-1].End > m.Start {
			continue
		}
		taken = append(taken, Span{})
		copy(taken[j+1:], taken[j:])
		taken[j] = Span{m.Start, m.End}
		kept = append(kept, i)
	}
	sort.Slice(kept, func(a, b int) bool { return mentionLess(&ms[kept[a]], &ms[kept[b]]) })
	out := make([]Mention, len(kept))
	for k, i := range kept {
		out[k] = ms[i]
	}
	return out
}

func mentionLess(x, y *Mention) bool {
	if x.Start != y.Start {
		return x.Start < y.Start
	}
	if x.End != y.End {
		return x.End < y.End
	}
	return kindRank(x.Type) < kindRank(y.Type)
}

// SortMentions sorts by start, then end, then type order.
func SortMentions(ms []Mention) {
	less := func(a, b int) bool { return mentionLess(&ms[a], &ms[b]) }
	if sort.SliceIsSorted(ms, less) {
		return
	}
	sort.SliceStable(ms, less)
}

func kindRank(k Kind) int {
	for i, x := range Kinds() {
		if x == k {
			return i
		}
	}
	return len(Kinds())
}
