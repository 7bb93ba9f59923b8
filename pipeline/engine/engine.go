// Package engine assembles naba's standard pipeline from its stages and runs
// it over a stream of inputs, in parallel, with output in input order.
package engine

import (
	"context"
	"fmt"
	"runtime"

	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/attribution"
	"github.com/naba-nlp/naba/pipeline/entities"
	"github.com/naba-nlp/naba/pipeline/input"
	"github.com/naba-nlp/naba/pipeline/numeric"
	"github.com/naba-nlp/naba/pipeline/segment"
	"github.com/naba-nlp/naba/pipeline/temporal"
)

// Options configure the standard pipeline.
type Options struct {
	// LexiconDir adds or overrides lexicon entries (same layout as
	// lexicons/data). Empty for the embedded lexicons only.
	LexiconDir string
}

// New builds the standard pipeline: normalize, segment, the extractors,
// overlap resolution, then the stages that read settled mentions.
func New(opt Options) (*pipeline.Pipeline, error) {
	set, err := lexicons.WithDir(opt.LexiconDir)
	if err != nil {
		return nil, err
	}
	abbr, err := segment.LoadAbbreviations(set)
	if err != nil {
		return nil, fmt.Errorf("loading abbreviations: %w", err)
	}
	resolve := func(*lexicons.Set) (pipeline.Stage, error) { return pipeline.Resolve{}, nil }
	// The extractors add candidate mentions (numeric after temporal: it
	// leaves out numbers inside the dates found before it); Resolve settles
	// overlaps among all of them; attribution reads the settled mentions.
	var stages []pipeline.Stage
	for _, build := range []func(*lexicons.Set) (pipeline.Stage, error){
		entities.New,
		temporal.NewStage,
		numeric.NewStage,
		resolve,
		attribution.New,
	} {
		st, err := build(set)
		if err != nil {
			return nil, err
		}
		stages = append(stages, st)
	}
	return pipeline.New(abbr, stages...), nil
}

// Result is one processed document, or one input or document that failed.
type Result struct {
	Doc *pipeline.Document
	Err error
}

// Run reads paths with input.Walk, runs p over every document with jobs
// workers (0 for one per CPU) and calls emit for each result in input order,
// so the output does not depend on jobs. At most a few documents per worker
// are in memory at once. An error from emit stops the run and is returned.
func Run(ctx context.Context, p *pipeline.Pipeline, paths []string, opt input.Options, jobs int, emit func(Result) error) error {
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		item input.Item
		done chan Result
	}
	work := make(chan job)
	// order holds each job's result channel in input order; its capacity
	// bounds the documents in flight.
	order := make(chan chan Result, jobs*4)

	for w := 0; w < jobs; w++ {
		go func() {
			for j := range work {
				j.done <- process(p, j.item)
			}
		}()
	}
	walkErr := make(chan error, 1)
	go func() {
		defer close(order)
		defer close(work)
		walkErr <- input.Walk(ctx, paths, opt, func(it input.Item) error {
			done := make(chan Result, 1)
			select {
			case order <- done:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case work <- job{item: it, done: done}:
			case <-ctx.Done():
				done <- Result{Err: ctx.Err()}
				return ctx.Err()
			}
			return nil
		})
	}()
	var emitErr error
	for done := range order {
		r := <-done
		if emitErr == nil {
			if err := emit(r); err != nil {
				emitErr = err
				cancel()
			}
		}
	}
	if emitErr != nil {
		return emitErr
	}
	if err := <-walkErr; err != nil && ctx.Err() == nil {
		return err
	}
	return ctx.Err()
}

func process(p *pipeline.Pipeline, it input.Item) (r Result) {
	if it.Err != nil {
		return Result{Err: it.Err}
	}
	defer func() {
		// A stage bug must not take the batch down: report it against the
		// document and go on.
		if v := recover(); v != nil {
			r = Result{Err: &input.Error{Path: it.Doc.Source, Line: it.Doc.Line,
				Err: fmt.Errorf("document %s: internal error: %v", it.Doc.ID, v)}}
		}
	}()
	if err := p.Run(it.Doc); err != nil {
		return Result{Err: &input.Error{Path: it.Doc.Source, Line: it.Doc.Line, Err: err}}
	}
	return Result{Doc: it.Doc}
}
