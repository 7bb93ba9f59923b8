package pipeline

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestResolveOverlaps(t *testing.T) {
	m := func(s, e int, k Kind, prio int, rule string) Mention {
		return Mention{Start: s, End: e, Type: k, Priority: prio, Rule: rule}
	}
	tests := []struct {
		name string
		in   []Mention
		want []Mention
	}{
		{"longest wins", []Mention{m(0, 2, Cardinal, 0, "n"), m(0, 10, Date, 0, "d")}, []Mention{m(0, 10, Date, 0, "d")}},
		{"disjoint kept and sorted", []Mention{m(5, 8, GPE, 0, ""), m(0, 3, Person, 0, "")}, []Mention{m(0, 3, Person, 0, ""), m(5, 8, GPE, 0, "")}},
		{"touching spans do not overlap", []Mention{m(0, 3, GPE, 0, ""), m(3, 6, GPE, 0, "")}, []Mention{m(0, 3, GPE, 0, ""), m(3, 6, GPE, 0, "")}},
		{"equal length: priority", []Mention{m(0, 4, GPE, 0, ""), m(0, 4, Person, 1, "")}, []Mention{m(0, 4, Person, 1, "")}},
		{"equal length and priority: earlier start", []Mention{m(2, 6, GPE, 0, ""), m(0, 4, Org, 0, "")}, []Mention{m(0, 4, Org, 0, "")}},
		{"same span: type order", []Mention{m(0, 4, GPE, 0, ""), m(0, 4, Person, 0, "")}, []Mention{m(0, 4, Person, 0, "")}},
		{"chain: middle long one wins both neighbours", []Mention{m(0, 4, GPE, 0, ""), m(3, 9, Org, 0, ""), m(8, 12, GPE, 0, "")}, []Mention{m(3, 9, Org, 0, "")}},
		{"duplicates collapse", []Mention{m(0, 4, GPE, 0, "a"), m(0, 4, GPE, 0, "a")}, []Mention{m(0, 4, GPE, 0, "a")}},
		{"empty spans dropped", []Mention{m(3, 3, GPE, 0, ""), m(0, 2, GPE, 0, "")}, []Mention{m(0, 2, GPE, 0, "")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ResolveOverlaps(tt.in)
			if len(got) != len(tt.want) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("got %+v, want %+v", got, tt.want)
				}
			}
		})
	}
}

func TestResolveOverlapsOrderIndependent(t *testing.T) {
	a := []Mention{{Start: 0, End: 4, Type: GPE, Rule: "x"}, {Start: 2, End: 6, Type: Org, Rule: "y"}, {Start: 6, End: 9, Type: Date}}
	b := []Mention{a[2], a[1], a[0]}
	ra, rb := ResolveOverlaps(append([]Mention(nil), a...)), ResolveOverlaps(b)
	if len(ra) != len(rb) {
		t.Fatalf("%v vs %v", ra, rb)
	}
	for i := range ra {
		if ra[i] != rb[i] {
			t.Fatalf("%v vs %v", ra, rb)
		}
	}
}

func TestValueJSON(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	tests := []struct {
		v    Value
		want string
	}{
		{Num(5e10), "50000000000"},
		{Num(2.5), "2.5"},
		{Num(-3), "-3"},
		{Range(f(18), f(19)), `{"from":18,"to":19}`},
		{Range(nil, f(10)), `{"to":10}`},
		{Range(f(1), nil), `{"from":1}`},
		{Str("2024-06-18/2024-06-19"), `"2024-06-18/2024-06-19"`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			b, err := json.Marshal(tt.v)
			if err != nil || string(b) != tt.want {
				t.Fatalf("Marshal = %s, %v; want %s", b, err, tt.want)
			}
			var back Value
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			b2, _ := json.Marshal(back)
			if string(b2) != tt.want {
				t.Errorf("round trip: %s", b2)
			}
		})
	}
}

func TestRecordCodePoints(t *testing.T) {
	text := "قال بوتينُ إنّ روسيا"
	doc := &Document{ID: "d", Text: text}
	New(nil).Prepare(doc)
	s := len("قال ")
	e := s + len("بوتينُ")
	doc.Mentions = []Mention{{Start: s, End: e, Type: Person, ID: "Q7747", Wikidata: "Q7747", Canonical: "فلاديمير بوتين"}}
	Finish(doc)
	r := doc.Record(doc.Mentions[0])
	if r.Start != 4 || r.End != 10 || r.Text != "بوتينُ" || r.ID != "" || r.Wikidata != "Q7747" {
		t.Errorf("record = %+v", r)
	}
	runes := []rune(text)
	if string(runes[r.Start:r.End]) != r.Text {
		t.Errorf("code point slice %+q != text %+q", string(runes[r.Start:r.End]), r.Text)
	}
	b, _ := json.Marshal(doc.DocumentRecord())
	if want := `"mentions":[{"doc":"d","sentence":0,"type":"PERSON","start":4,"end":10`; !strings.Contains(string(b), want) {
		t.Errorf("document record %s lacks %s", b, want)
	}
	if !strings.Contains(string(b), `"attributions":[]`) {
		t.Errorf("empty lists must be [] not null: %s", b)
	}
}

func BenchmarkResolveOverlaps(b *testing.B) {
	// about what the extractors propose on the sample article: ~1,000
	// candidates, many nested or overlapping
	var in []Mention
	for i := 0; i < 1000; i++ {
		s := (i * 37) % 30000
		in = append(in, Mention{Start: s, End: s + 5 + i%23, Type: Kinds()[i%19], Canonical: "اسم", Rule: "rule"})
	}
	buf := make([]Mention, len(in))
	b.ReportAllocs()
	for b.Loop() {
		copy(buf, in)
		ResolveOverlaps(buf)
	}
}
