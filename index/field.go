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

func (t *textField) Size() int {
	n := 64 + len(t.name) + len(t.value)
	if t.freqs != nil {
		n += t.freqs.Size()
	}
	return n
}

// Analyze implements document.Field.
func (t *textField) Analyze() {
	type occ struct {
		term string
		pos  int
		uniq int32
	}
	occs := make([]occ, 0, len(t.value)/4)
	t.stemmer.eachTerm(string(t.value), func(term string, pos int) {
		occs = append(occs, occ{term: term, pos: pos})
	})
	t.length = len(occs)
	// unique terms, their occurrences counted
	index := make(map[string]int32, len(occs))
	var counts []int32
	arena := 0
	for i := range occs {
		u, ok := index[occs[i].term]
		if !ok {
			u = int32(len(counts))
			index[occs[i].term] = u
			counts = append(counts, 0)
			arena += len(occs[i].term)
		}
		occs[i].uniq = u
		counts[u]++
	}
	freqs := make([]bindex.TokenFreq, len(counts))
	terms := make([]byte, 0, arena)
	vectors := t.options.IncludeTermVectors()
	var locs []bindex.TokenLocation
	var ptrs []*bindex.TokenLocation
	if vectors {
		locs = make([]bindex.TokenLocation, len(occs))
		ptrs = make([]*bindex.TokenLocation, len(occs))
		// each term's locations are a run of ptrs, in order of first use
		next := 0
		for u, c := range counts {
			freqs[u].Locations = ptrs[next : next : next+int(c)]
			next += int(c)
		}
	}
	out := make(bindex.TokenFrequencies, len(counts))
	for i := range occs {
		o := &occs[i]
		tf := &freqs[o.uniq]
		if tf.Term == nil {
			n := len(terms)
			terms = append(terms, o.term...)
			tf.Term = terms[n:len(terms):len(terms)]
			out[o.term] = tf
		}
		if !t.options.SkipFreqNorm() {
			tf.SetFrequency(tf.Frequency() + 1)
		}
		if vectors {
			locs[i] = bindex.TokenLocation{Position: o.pos}
			tf.Locations = append(tf.Locations, &locs[i])
		}
	}
	t.freqs = out
}
