// Package pipeline is naba's document model and stage runner.
//
// One Document flows through named stages. The original text is never
// modified: normalization produces a light form and a matching key with an
// alignment back to the original, segmentation produces tokens and sentences
// over the light form, and extractors add Mentions whose spans are byte
// offsets of the original text. Exported records convert those offsets to
// Unicode code points (see Record).
package pipeline

import (
	"sort"
	"time"
	"unicode/utf8"

	"github.com/naba-nlp/naba/pipeline/normalize"
	"github.com/naba-nlp/naba/pipeline/segment"
)

// Document is one article on its way through the pipeline.
type Document struct {
	ID    string
	Text  string // the original text, never modified
	Title string
	URL   string
	// Date is the reference date that relative expressions resolve
	// against; the zero time when unknown.
	Date time.Time

	// Source and Line say where the document came from (for messages).
	Source string
	Line   int

	Norm      *normalize.Text
	Tokens    []segment.Token
	Sentences []segment.Sentence
	Mentions  []Mention
	// Attributions: who said what, filled by the attribution stage.
	Attributions []Attribution

	runeIndex []int32 // byte offset -> code point offset, built on demand
}

// HasDate reports whether the document has a reference date.
func (d *Document) HasDate() bool { return !d.Date.IsZero() }

// TokenKey returns the matching key of token i.
func (d *Document) TokenKey(i int) string {
	t := d.Tokens[i]
	return d.Norm.Key[t.Start:t.End]
}

// TokenLight returns the light form of token i.
func (d *Document) TokenLight(i int) string {
	t := d.Tokens[i]
	return d.Norm.Light[t.Start:t.End]
}

// Span maps a light-form span to original byte offsets.
func (d *Document) Span(lightStart, lightEnd int) (int, int) {
	return d.Norm.OrigSpan(lightStart, lightEnd)
}

// TokenSpan maps the token range [i,j) to original byte offsets.
func (d *Document) TokenSpan(i, j int) (int, int) {
	return d.Norm.OrigSpan(d.Tokens[i].Start, d.Tokens[j-1].End)
}

// SentenceSpan returns the original byte span of sentence i.
func (d *Document) SentenceSpan(i int) (int, int) {
	s := d.Sentences[i]
	return d.Norm.OrigSpan(s.Start, s.End)
}

// SentenceText returns the original text of sentence i.
func (d *Document) SentenceText(i int) string {
	s, e := d.SentenceSpan(i)
	return d.Text[s:e]
}

// SentenceAt returns the index of the sentence holding original byte offset
// o (the last sentence starting at or before it), or -1 when there is none.
func (d *Document) SentenceAt(o int) int {
	i := sort.Search(len(d.Sentences), func(i int) bool {
		s, _ := d.SentenceSpan(i)
		return s > o
	})
	return i - 1
}

// Rune converts an original byte offset to a code point offset.
func (d *Document) Rune(b int) int {
	if d.runeIndex == nil {
		d.runeIndex = RuneOffsets(d.Text)
	}
	if b < 0 {
		return 0
	}
	if b >= len(d.runeIndex) {
		return int(d.runeIndex[len(d.runeIndex)-1])
	}
	return int(d.runeIndex[b])
}

// RuneOffsets maps every byte offset of s (and len(s)) to the code point
// offset of the character it belongs to: what exported records give.
func RuneOffsets(s string) []int32 {
	idx := make([]int32, len(s)+1)
	n := int32(0)
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		for k := 0; k < size; k++ {
			idx[i+k] = n
		}
		i += size
		n++
	}
	idx[len(s)] = n
	return idx
}

// Span is a byte span of the original text.
type Span struct {
	Start, End int
}

// Empty reports whether the span covers nothing.
func (s Span) Empty() bool { return s.End <= s.Start }

// Attribution is one "who said what" record. Spans are original byte
// offsets; Source may be empty when the speaker is not named.
type Attribution struct {
	Sentence int
	Kind     string // direct, indirect, according_to
	Cue      Span
	Source   Span
	// SourceEntity is the entity the source links to, when recognized.
	SourceID        string
	SourceCanonical string
	SourceWikidata  string
	// ImpliedSource is true when the source was resolved from an earlier
	// sentence (a pronoun or a verb's person marking).
	ImpliedSource bool
	Content       Span
}
