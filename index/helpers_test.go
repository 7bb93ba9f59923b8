package index

import (
	"os"
	"sync"
	"testing"
	"time"

	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/engine"
)

const sampleID = "000_1701d300935b484f"

// standard builds the standard pipeline once per test binary.
var standard = sync.OnceValues(func() (*pipeline.Pipeline, error) {
	return engine.New(engine.Options{})
})

// process runs the standard pipeline over one article.
func process(tb testing.TB, id, text, date string) *pipeline.Document {
	tb.Helper()
	p, err := standard()
	if err != nil {
		tb.Fatal(err)
	}
	d := &pipeline.Document{ID: id, Text: text}
	if date != "" {
		t, err := time.Parse(time.DateOnly, date)
		if err != nil {
			tb.Fatal(err)
		}
		d.Date = t
	}
	if err := p.Run(d); err != nil {
		tb.Fatal(err)
	}
	return d
}

func sampleDoc(tb testing.TB) *pipeline.Document {
	tb.Helper()
	b, err := os.ReadFile("../seeds/" + sampleID + ".txt")
	if err != nil {
		tb.Fatal(err)
	}
	return process(tb, sampleID, string(b), "2024-07-01")
}

// plainSample is the sample article segmented but without extractors: for
// tests of the index's mechanics, independent of the extraction stages.
func plainSample(tb testing.TB) *pipeline.Document {
	tb.Helper()
	b, err := os.ReadFile("../seeds/" + sampleID + ".txt")
	if err != nil {
		tb.Fatal(err)
	}
	d := &pipeline.Document{ID: sampleID, Text: string(b), Date: time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)}
	if err := pipeline.New(nil).Run(d); err != nil {
		tb.Fatal(err)
	}
	return d
}
