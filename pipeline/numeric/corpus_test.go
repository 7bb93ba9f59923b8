package numeric

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline"
)

const corpusPath = "../../testdata/numeric/corpus.tsv"

type corpusRow struct {
	line                              int
	text, span, typ, value, unit, mod string
}

func readCorpus(t *testing.T) []corpusRow {
	t.Helper()
	f, err := os.Open(corpusPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []corpusRow
	sc := bufio.NewScanner(f)
	line, header := 0, false
	for sc.Scan() {
		line++
		s := sc.Text()
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if !header {
			header = true
			continue
		}
		c := strings.Split(s, "\t")
		for len(c) < 6 {
			c = append(c, "")
		}
		rows = append(rows, corpusRow{line, c[0], c[1], c[2], c[3], c[4], c[5]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// sameValue compares a mention value with a corpus value: a number, or
// from..to with open ends left empty.
func sameValue(v pipeline.Value, want string) bool {
	close := func(a *float64, b string) bool {
		if b == "" {
			return a == nil
		}
		x, err := strconv.ParseFloat(b, 64)
		return err == nil && a != nil && math.Abs(*a-x) <= 1e-9*math.Max(1, math.Abs(x))
	}
	if from, to, ok := strings.Cut(want, ".."); ok {
		return v.Kind == pipeline.RangeValue && close(v.From, from) && close(v.To, to)
	}
	n := v.Num
	return v.Kind == pipeline.NumberValue && close(&n, want)
}

func isNumericKind(k pipeline.Kind) bool {
	switch k {
	case pipeline.Cardinal, pipeline.Ordinal, pipeline.Percent, pipeline.Money, pipeline.Quantity:
		return true
	}
	return false
}

func TestCorpus(t *testing.T) {
	st, err := NewStage(lexicons.Default())
	if err != nil {
		t.Fatal(err)
	}
	p := pipeline.New(nil, st, pipeline.Resolve{})
	for _, r := range readCorpus(t) {
		t.Run(strconv.Itoa(r.line), func(t *testing.T) {
			doc := &pipeline.Document{ID: "corpus", Text: r.text}
			if err := p.Run(doc); err != nil {
				t.Fatal(err)
			}
			var found []string
			for _, m := range doc.Mentions {
				if m.Text != r.text[m.Start:m.End] {
					t.Errorf("mention text %+q is not the original slice", m.Text)
				}
				if isNumericKind(m.Type) {
					b, _ := m.Value.MarshalJSON()
					found = append(found, string(m.Type)+" "+strconv.Quote(m.Text)+" "+string(b)+" "+m.Unit+" "+m.Mod)
				}
			}
			if r.typ == "NONE" {
				if len(found) > 0 {
					t.Errorf("%+q: want nothing, got %+q", r.text, found)
				}
				return
			}
			for _, m := range doc.Mentions {
				if m.Text != r.span || string(m.Type) != r.typ {
					continue
				}
				if !sameValue(m.Value, r.value) || m.Unit != r.unit || m.Mod != r.mod {
					b, _ := m.Value.MarshalJSON()
					t.Errorf("%+q: %s %+q value %s unit %q mod %q, want %s %q %q", r.text, m.Type, m.Text, b, m.Unit, m.Mod, r.value, r.unit, r.mod)
				}
				return
			}
			t.Errorf("%+q: no %s %+q; found %+q", r.text, r.typ, r.span, found)
		})
	}
}
