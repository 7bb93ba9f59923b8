package pipeline

import (
	"fmt"

	"github.com/naba-nlp/naba/pipeline/normalize"
	"github.com/naba-nlp/naba/pipeline/segment"
)

// Stage is one named step of the pipeline. It reads the document and adds
// annotations; it never changes Text.
type Stage interface {
	Name() string
	Process(doc *Document) error
}

// Pipeline runs its stages in order over documents. It holds no mutable
// state, so one Pipeline serves many goroutines.
type Pipeline struct {
	abbr   segment.Abbreviations
	stages []Stage
}

// New returns a pipeline that normalizes and segments each document (with
// abbr telling abbreviations from sentence ends; nil for single letters
// only), then runs stages in order.
func New(abbr segment.Abbreviations, stages ...Stage) *Pipeline {
	return &Pipeline{abbr: abbr, stages: stages}
}

// StageNames lists the stages, the built-in normalize and segment first.
func (p *Pipeline) StageNames() []string {
	names := []string{"normalize", "segment"}
	for _, s := range p.stages {
		names = append(names, s.Name())
	}
	return names
}

// Prepare normalizes and segments doc (the first two stages).
func (p *Pipeline) Prepare(doc *Document) {
	doc.Norm = normalize.New(doc.Text)
	seg := segment.Segment(doc.Norm, p.abbr)
	doc.Tokens, doc.Sentences = seg.Tokens, seg.Sentences
}

// Run runs every stage over doc. Mentions end up resolved (see
// ResolveOverlaps), sorted and with their Text set from the original.
func (p *Pipeline) Run(doc *Document) error {
	p.Prepare(doc)
	for _, s := range p.stages {
		if err := s.Process(doc); err != nil {
			return fmt.Errorf("%s: stage %s: %w", doc.ID, s.Name(), err)
		}
	}
	Finish(doc)
	return nil
}

// Finish sorts the mentions and sets each one's Text from the original text.
// Run calls it; stages that add mentions after resolution need not.
func Finish(doc *Document) {
	SortMentions(doc.Mentions)
	for i := range doc.Mentions {
		m := &doc.Mentions[i]
		m.Text = doc.Text[m.Start:m.End]
	}
}

// Resolve is the stage that applies ResolveOverlaps to the mentions found
// so far. The engine places it after the extractors and before the stages
// that read settled mentions (attribution).
type Resolve struct{}

// Name implements Stage.
func (Resolve) Name() string { return "resolve" }

// Process implements Stage.
func (Resolve) Process(doc *Document) error {
	doc.Mentions = ResolveOverlaps(doc.Mentions)
	return nil
}
