package temporal

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/input"
)

// corpusRow is one example of testdata/temporal/corpus.tsv.
type corpusRow struct {
	line                         int
	date, text, span, typ, value string
	mod                          string
}

func readCorpus(t testing.TB) []corpusRow {
	t.Helper()
	path := filepath.Join("..", "..", "testdata", "temporal", "corpus.tsv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []corpusRow
	sc := bufio.NewScanner(f)
	header := true
	for n := 1; sc.Scan(); n++ {
		s := sc.Text()
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		c := strings.Split(s, "\t")
		for len(c) < 6 {
			c = append(c, "")
		}
		rows = append(rows, corpusRow{line: n, date: c[0], text: c[1], span: c[2], typ: c[3], value: c[4], mod: c[5]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

func newTestStage(t testing.TB) *Stage {
	t.Helper()
	st, err := New(lexicons.Default())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// run runs the temporal stage alone over text, overlaps resolved.
func run(t testing.TB, st *Stage, date, text string) []pipeline.Mention {
	t.Helper()
	doc := &pipeline.Document{ID: "t", Text: text}
	if date != "" {
		d, err := input.ParseDate(date)
		if err != nil {
			t.Fatal(err)
		}
		doc.Date = d
	}
	pipeline.New(nil).Prepare(doc)
	if err := st.Process(doc); err != nil {
		t.Fatal(err)
	}
	doc.Mentions = pipeline.ResolveOverlaps(doc.Mentions)
	pipeline.Finish(doc)
	return doc.Mentions
}

func TestCorpus(t *testing.T) {
	st := newTestStage(t)
	for _, r := range readCorpus(t) {
		r := r
		name := r.typ + "/" + r.span
		if r.typ == "NONE" {
			name = "NONE/" + r.text
		}
		t.Run(name, func(t *testing.T) {
			ms := run(t, st, r.date, r.text)
			for _, m := range ms {
				if !strings.Contains(r.text, m.Text) {
					t.Fatalf("mention text %+q is not the original slice", m.Text)
				}
			}
			if r.typ == "NONE" {
				for _, m := range ms {
					t.Errorf("line %d: %+q: unexpected %s %+q = %q", r.line, r.text, m.Type, m.Text, m.Value.Str)
				}
				return
			}
			for _, m := range ms {
				if m.Text != r.span {
					continue
				}
				if string(m.Type) != r.typ || m.Value.Str != r.value || m.Mod != r.mod {
					t.Errorf("line %d: %+q: got %s %q mod %q, want %s %q mod %q (rule %s)",
						r.line, r.span, m.Type, m.Value.Str, m.Mod, r.typ, r.value, r.mod, m.Rule)
				}
				return
			}
			var got []string
			for _, m := range ms {
				got = append(got, string(m.Type)+" "+m.Text+" = "+m.Value.Str)
			}
			t.Errorf("line %d: %+q not found in %+q; got %+q", r.line, r.span, r.text, got)
		})
	}
}

// TestSpansAreOriginalText checks that every mention's text is the slice of
// the original text at its offsets, with diacritics and Arabic digits kept.
func TestSpansAreOriginalText(t *testing.T) {
	st := newTestStage(t)
	text := "وصل الوفدُ في ١٥ مارسَ ٢٠٢٣م، وغادر بعدَ يومَيْن."
	for _, m := range run(t, st, "2024-07-01", text) {
		if text[m.Start:m.End] != m.Text {
			t.Errorf("%+q at %d-%d is not %+q", m.Text, m.Start, m.End, text[m.Start:m.End])
		}
	}
}

// TestNoReferenceDate checks that without a reference date relative
// expressions keep no value and unknown years are XXXX.
func TestNoReferenceDate(t *testing.T) {
	st := newTestStage(t)
	tests := []struct{ text, span, value string }{
		{"سافر الوزير أمس إلى باريس.", "أمس", ""},
		{"يبدأ المؤتمر في 4 أبريل بمشاركة واسعة.", "4 أبريل", "XXXX-04-04"},
		{"تأسست الشركة عام 1998 في دبي.", "عام 1998", "1998"},
	}
	for _, tc := range tests {
		t.Run(tc.span, func(t *testing.T) {
			for _, m := range run(t, st, "", tc.text) {
				if m.Text == tc.span {
					if m.Value.Str != tc.value {
						t.Errorf("%+q: value %q, want %q", tc.span, m.Value.Str, tc.value)
					}
					return
				}
			}
			t.Errorf("%+q not found", tc.span)
		})
	}
}

func TestHijriConversion(t *testing.T) {
	tests := []struct {
		y, m, d int
		want    string
		weekday string
	}{
		{1445, 9, 10, "2024-03-20", "Wednesday"},
		{1445, 9, 1, "2024-03-11", "Monday"},
		{1445, 12, 10, "2024-06-16", "Sunday"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			g, ok := hijriToGregorian(tc.y, tc.m, tc.d)
			if !ok || g.Format("2006-01-02") != tc.want || g.Weekday().String() != tc.weekday {
				t.Errorf("%d-%d-%d: got %v %v, want %s %s", tc.y, tc.m, tc.d, g, ok, tc.want, tc.weekday)
			}
			y, m, d, ok := gregorianToHijri(g)
			if !ok || y != tc.y || m != tc.m || d != tc.d {
				t.Errorf("back: got %d-%d-%d", y, m, d)
			}
		})
	}
}

func TestLexiconErrors(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "temporal"), 0o755); err != nil {
		t.Fatal(err)
	}
	bad := "term\tclass\tvalue\nفبراير\tmonth\t13\n"
	if err := os.WriteFile(filepath.Join(dir, "temporal", "bad.tsv"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := lexicons.WithDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = New(set)
	if err == nil || !strings.Contains(err.Error(), "bad.tsv:2") {
		t.Errorf("got %v, want an error at bad.tsv:2", err)
	}
}

// TestHijriFields checks that Hijri dates carry the calendar and the Hijri
// value beside the Gregorian one.
func TestHijriFields(t *testing.T) {
	st := newTestStage(t)
	tests := []struct{ text, span, value, hijri string }{
		{"صدر القرار في 10 رمضان 1445هـ بعد المشاورات.", "10 رمضان 1445هـ", "2024-03-20", "1445-09-10"},
		{"صدر الأمر بتاريخ 1445/9/10هـ في الرياض.", "1445/9/10هـ", "2024-03-20", "1445-09-10"},
		{"تأسست الجمعية عام 1420هـ في مكة.", "عام 1420هـ", "1999-04-17/2000-04-05", "1420"},
		{"تعود الحركة بعد عيد الأضحى 2024 مباشرة.", "عيد الأضحى 2024", "2024-06-16", "1445-12-10"},
	}
	for _, tc := range tests {
		t.Run(tc.span, func(t *testing.T) {
			for _, m := range run(t, st, "2024-07-01", tc.text) {
				if m.Text != tc.span {
					continue
				}
				if m.Value.Str != tc.value || m.Calendar != "hijri" || m.Hijri != tc.hijri {
					t.Errorf("%+q: got %q %q %q, want %q hijri %q", tc.span, m.Value.Str, m.Calendar, m.Hijri, tc.value, tc.hijri)
				}
				return
			}
			t.Errorf("%+q not found", tc.span)
		})
	}
}

// TestConcurrent checks that one Stage gives the same mentions when many
// goroutines share it (the parsers' tables are pooled).
func TestConcurrent(t *testing.T) {
	st := newTestStage(t)
	rows := readCorpus(t)
	want := make([][]pipeline.Mention, len(rows))
	for k, r := range rows {
		want[k] = run(t, st, r.date, r.text)
	}
	var wg sync.WaitGroup
	errs := make(chan string, len(rows)*4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := len(rows) - 1; k >= 0; k-- {
				got := run(t, st, rows[k].date, rows[k].text)
				if len(got) != len(want[k]) {
					errs <- rows[k].text
					continue
				}
				for j := range got {
					if got[j].Text != want[k][j].Text || got[j].Value.Str != want[k][j].Value.Str {
						errs <- rows[k].text
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("%+q: different mentions when run concurrently", e)
	}
}
