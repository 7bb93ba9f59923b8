package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/engine"
	"github.com/naba-nlp/naba/pipeline/input"
)

// batchOptions are the flags of every command that reads articles.
type batchOptions struct {
	date        string
	jobs        int
	maxDocBytes string
}

func (b *batchOptions) bind(c *cobra.Command) {
	c.Flags().StringVar(&b.date, "date", "", "reference date (YYYY-MM-DD) for documents that carry none")
	c.Flags().IntVarP(&b.jobs, "jobs", "j", 0, "documents processed in parallel (0: one per CPU); the output is the same for any value")
	c.Flags().StringVar(&b.maxDocBytes, "max-doc-size", "64MiB", "largest document (a text file or one JSONL line) accepted; larger ones are reported and skipped")
}

func (b *batchOptions) inputOptions(stdin io.Reader) (input.Options, error) {
	opt := input.Options{Stdin: stdin}
	if b.date != "" {
		d, err := input.ParseDate(b.date)
		if err != nil {
			return opt, usageError{fmt.Errorf("--date: %w", err)}
		}
		opt.Date = d
	}
	n, err := parseSize(b.maxDocBytes)
	if err != nil {
		return opt, usageError{fmt.Errorf("--max-doc-size: %w", err)}
	}
	opt.MaxBytes = n
	return opt, nil
}

func parseSize(s string) (int, error) {
	s = strings.TrimSpace(s)
	mult := 1
	for _, u := range []struct {
		suffix string
		mult   int
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a size such as 64MiB", s)
	}
	return n * mult, nil
}

// batchStats counts a batch for its summary line.
type batchStats struct {
	docs, failed int
	start        time.Time
}

// runBatch runs the standard pipeline over paths and calls fn for every
// document in input order. Failed inputs are reported on stderr one per line
// and the batch goes on; the result is a partialError when any failed. On a
// terminal, a progress counter runs on stderr.
func runBatch(ctx context.Context, io *stdio, g *globalOptions, b *batchOptions, paths []string, label string, fn func(*pipeline.Document) error) (batchStats, error) {
	st := batchStats{start: time.Now()}
	opt, err := b.inputOptions(io.in)
	if err != nil {
		return st, err
	}
	p, err := engine.New(engine.Options{LexiconDir: g.lexicons})
	if err != nil {
		return st, err
	}
	prog := newProgress(io.err, label)
	err = engine.Run(ctx, p, paths, opt, b.jobs, func(r engine.Result) error {
		prog.increment()
		if r.Err != nil {
			st.failed++
			prog.println(io.err, "naba: "+r.Err.Error())
			return nil
		}
		st.docs++
		return fn(r.Doc)
	})
	prog.done()
	if err != nil {
		return st, err
	}
	if st.failed > 0 {
		return st, partialError{failed: st.failed, total: st.failed + st.docs}
	}
	return st, nil
}

// progress is a document counter on stderr, shown only on a terminal.
type progress struct {
	p   *mpb.Progress
	bar *mpb.Bar
}

func newProgress(w io.Writer, label string) *progress {
	if !isTerminal(w) {
		return &progress{}
	}
	p := mpb.New(mpb.WithOutput(w), mpb.WithWidth(40), mpb.WithRefreshRate(150*time.Millisecond))
	bar := p.New(0, mpb.NopStyle(),
		mpb.PrependDecorators(decor.Name(label+" "), decor.CurrentNoUnit("%d documents")),
		mpb.AppendDecorators(decor.Elapsed(decor.ET_STYLE_GO)),
	)
	return &progress{p: p, bar: bar}
}

func (p *progress) increment() {
	if p.bar != nil {
		p.bar.SetTotal(p.bar.Current()+2, false)
		p.bar.Increment()
	}
}

// println writes a message line without tearing the progress display.
func (p *progress) println(w io.Writer, s string) {
	if p.p != nil {
		fmt.Fprintln(p.p, s)
		return
	}
	fmt.Fprintln(w, s)
}

func (p *progress) done() {
	if p.bar != nil {
		p.bar.SetTotal(-1, true)
		p.p.Wait()
	}
}

// openOutput returns stdout, or the file named by -o.
func openOutput(io *stdio, path string) (io.Writer, func() error, error) {
	if path == "" || path == "-" {
		return io.out, func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	return f, f.Close, nil
}
