package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/input"
)

func sample(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("../../seeds/000_1701d300935b484f.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// corpus writes n articles (pieces of the sample) and one bad line into a
// JSONL file.
func corpus(t *testing.T, n int) string {
	t.Helper()
	text := []rune(sample(t))
	var b bytes.Buffer
	w := pipeline.NewJSONWriter(&b)
	for i := 0; i < n; i++ {
		if i == n/2 {
			b.WriteString("{broken\n")
		}
		from := (i * 997) % (len(text) - 3000)
		if err := w.Write(map[string]string{"id": fmt.Sprintf("d%03d", i), "text": string(text[from : from+500+i*37%2000]), "date": "2024-07-01"}); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(t.TempDir(), "corpus.jsonl")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func runAll(t *testing.T, p *pipeline.Pipeline, path string, jobs int) (string, int) {
	t.Helper()
	var out bytes.Buffer
	w := pipeline.NewJSONWriter(&out)
	failed := 0
	err := Run(context.Background(), p, []string{path}, input.Options{}, jobs, func(r Result) error {
		if r.Err != nil {
			failed++
			return nil
		}
		return w.Write(r.Doc.DocumentRecord())
	})
	if err != nil {
		t.Fatal(err)
	}
	return out.String(), failed
}

func TestParallelOutputEqualsSequential(t *testing.T) {
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := corpus(t, 40)
	one, f1 := runAll(t, p, path, 1)
	four, f4 := runAll(t, p, path, 4)
	if one != four {
		t.Error("-j 4 output differs from -j 1")
	}
	if f1 != 1 || f4 != 1 {
		t.Errorf("failures: %d and %d, want the one broken line", f1, f4)
	}
	if n := bytes.Count([]byte(one), []byte("\n")); n != 40 {
		t.Errorf("%d documents out, want 40", n)
	}
}

func TestEmitErrorStops(t *testing.T) {
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := corpus(t, 30)
	stop := errors.New("disk full")
	n := 0
	err = Run(context.Background(), p, []string{path}, input.Options{}, 3, func(r Result) error {
		n++
		if n == 5 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 5 {
		t.Errorf("err = %v after %d results", err, n)
	}
}

type panicky struct{}

func (panicky) Name() string { return "panicky" }
func (panicky) Process(doc *pipeline.Document) error {
	if doc.ID == "d001" {
		var m map[string]int
		m["x"]++ // a stage bug
	}
	return nil
}

func TestStageFailureIsReportedAndTheBatchGoesOn(t *testing.T) {
	p := pipeline.New(nil, panicky{})
	path := corpus(t, 4)
	var ids, errs []string
	err := Run(context.Background(), p, []string{path}, input.Options{}, 2, func(r Result) error {
		if r.Err != nil {
			errs = append(errs, r.Err.Error())
			return nil
		}
		ids = append(ids, r.Doc.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 3 || len(errs) != 2 {
		t.Errorf("ids %v errs %q", ids, errs)
	}
}

func BenchmarkPipeline(b *testing.B) {
	p, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	text := sample(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		doc := &pipeline.Document{ID: "seed", Text: text}
		if err := p.Run(doc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
