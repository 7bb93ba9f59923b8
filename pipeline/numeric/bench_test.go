package numeric

import (
	"os"
	"testing"

	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline"
)

const sample = "../../seeds/000_1701d300935b484f.txt"

// BenchmarkStage measures the numeric stage alone on the sample article
// (normalization and segmentation are done once, outside the timer).
func BenchmarkStage(b *testing.B) {
	text, err := os.ReadFile(sample)
	if err != nil {
		b.Skip(err)
	}
	st, err := NewStage(lexicons.Default())
	if err != nil {
		b.Fatal(err)
	}
	doc := &pipeline.Document{Text: string(text)}
	pipeline.New(nil).Prepare(doc)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		doc.Mentions = doc.Mentions[:0]
		if err := st.Process(doc); err != nil {
			b.Fatal(err)
		}
	}
	// MB per second of CPU time: on a shared machine wall-clock MB/s
	// depends on the load, this does much less
	if d := cpuTime() - cpu0; d > 0 {
		b.ReportMetric(float64(len(text))*float64(b.N)/1e6/d.Seconds(), "cpu-MB/s")
	}
}

// FuzzParseAt checks that the number parser never panics and that every
// number it reads lies within the document's tokens and its text.
func FuzzParseAt(f *testing.F) {
	for _, s := range []string{"26،013.94 ألفا", "ثلاثة آلاف وخمسمائة", "الـ21", "-١ ٤/٥", "الحادي و العشرون",
		"٫٧٧", "$20 و 43c", "نصف مليون", "سالب", "ال", "5/", "1 فاصلة", "مئات آلاف"} {
		f.Add(s)
	}
	p, err := NewParser(lexicons.Default())
	if err != nil {
		f.Fatal(err)
	}
	st, err := NewStage(lexicons.Default())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		doc := &pipeline.Document{Text: text}
		pipeline.New(nil).Prepare(doc)
		for i := -1; i <= len(doc.Tokens); i++ {
			n, ok := p.ParseAt(doc, i)
			if !ok {
				continue
			}
			if n.Start != i || n.End <= n.Start || n.End > len(doc.Tokens) {
				t.Fatalf("%+q at %d: tokens [%d,%d) of %d", text, i, n.Start, n.End, len(doc.Tokens))
			}
			s, e := p.Span(doc, n)
			if s < 0 || e > len(text) || e < s {
				t.Fatalf("%+q at %d: span [%d,%d) of %d bytes", text, i, s, e, len(text))
			}
		}
		if err := st.Process(doc); err != nil {
			t.Fatal(err)
		}
		for _, m := range doc.Mentions {
			if m.Start < 0 || m.End > len(text) || m.End <= m.Start {
				t.Fatalf("%+q: mention [%d,%d) of %d bytes", text, m.Start, m.End, len(text))
			}
		}
	})
}
