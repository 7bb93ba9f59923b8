package index

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	bindex "github.com/blevesearch/bleve_index_api"
	"github.com/kljensen/snowball/english"

	"github.com/naba-nlp/naba/pipeline/normalize"
	"github.com/naba-nlp/naba/pipeline/segment"
)

// eachTerm calls fn with every index term of text and its position, as
// the index side of the analyzer (Tokenizer then Stemmer) produces them, in
// the same order; without building tokens or their offsets.
func (f *Stemmer) eachTerm(text string, fn func(term string, pos int)) {
	t := normalize.New(text)
	key := t.Key
	var buf []segment.Analysis
	var terms []string
	pos := 0
	for _, tok := range segment.Tokenize(t.Light) {
		switch tok.Kind {
		case segment.Punct:
			continue
		case segment.Number:
			pos++
			fn(key[tok.Start:tok.End], pos)
		case segment.Latin:
			pos++
			fn(english.Stem(strings.ToLower(key[tok.Start:tok.End]), true), pos)
		default:
			pos++
			terms, buf = f.Terms(key[tok.Start:tok.End], terms[:0], buf)
			for _, term := range terms {
				fn(term, pos)
			}
		}
	}
}

// textField is the claim text as Bleve indexes it: what document.TextField
// does with naba's index-side analyzer and analysis.TokenFrequency, in a
// few allocations per claim instead of several per word. Term vectors keep
// positions only: nothing reads offsets (highlights analyze hits again),
// and they would cost a quarter of the vectors' size.
type textField struct {
	name    string
	value   []byte
	options bindex.FieldIndexingOptions
	stemmer *Stemmer
	length  int
	size    int
	freqs   bindex.TokenFrequencies
}

// stemmerOf returns the Stemmer of an analyzer built by NewAnalyzer.
func stemmerOf(a analysis.Analyzer) *Stemmer {
	if d, ok := a.(*analysis.DefaultAnalyzer); ok && len(d.TokenFilters) == 1 {
		if s, ok := d.TokenFilters[0].(*Stemmer); ok {
			return s
		}
	}
	return nil
}

func (t *textField) Name() string                         { return t.name }
func (t *textField) ArrayPositions() []uint64             { return nil }
func (t *textField) Options() bindex.FieldIndexingOptions { return t.options }
func (t *textField) Value() []byte                        { return t.value }
func (t *textField) NumPlainTextBytes() uint64            { return uint64(len(t.value)) }
func (t *textField) EncodedFieldType() byte               { return 't' }
func (t *textField) AnalyzedLength() int                  { return t.length }
func (t *textField) AnalyzedTokenFrequencies() bindex.TokenFrequencies {
	return t.freqs
}

// Size is an estimate (Bleve only counts it in its statistics), computed
// once: walking the frequencies for it cost 4% of indexing.
func (t *textField) Size() int { return t.size }

// Analyze implements document.Field.
func (t *textField) Analyze() {
	type occ struct {
		term string
		pos  int
		tf   *bindex.TokenFreq
	}
	occs := make([]occ, 0, len(t.value)/4)
	t.stemmer.eachTerm(string(t.value), func(term string, pos int) {
		occs = append(occs, occ{term: term, pos: pos})
	})
	t.length = len(occs)
	// unique terms, in order of first use, with their occurrences counted
	out := make(bindex.TokenFrequencies, len(occs)*3/4)
	freqs := make([]bindex.TokenFreq, 0, len(occs)) // never reallocated
	arena := make([]byte, 0, len(t.value))          // terms are never longer than their words
	for i := range occs {
		o := &occs[i]
		tf, ok := out[o.term]
		if !ok {
			n := len(arena)
			arena = append(arena, o.term...)
			freqs = append(freqs, bindex.TokenFreq{Term: arena[n:len(arena):len(arena)]})
			tf = &freqs[len(freqs)-1]
			out[o.term] = tf
		}
		o.tf = tf
		tf.SetFrequency(tf.Frequency() + 1)
	}
	t.size = 64 + len(t.name) + len(t.value) + 56*len(freqs) + len(arena)
	if t.options.IncludeTermVectors() {
		locs := make([]bindex.TokenLocation, len(occs))
		ptrs := make([]*bindex.TokenLocation, len(occs))
		// each term's locations are a run of ptrs
		next := 0
		for i := range freqs {
			c := freqs[i].Frequency()
			freqs[i].Locations = ptrs[next : next : next+c]
			next += c
		}
		for i := range occs {
			locs[i] = bindex.TokenLocation{Position: occs[i].pos}
			occs[i].tf.Locations = append(occs[i].tf.Locations, &locs[i])
		}
		t.size += 64 * len(occs)
	}
	if t.options.SkipFreqNorm() {
		for i := range freqs {
			freqs[i].SetFrequency(0)
		}
	}
	t.freqs = out
}
