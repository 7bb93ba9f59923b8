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

// keywordField is a keyword field of a claim with one or more values, each
// a term: what document.TextField does with a keyword analyzer, without
// tokens. Keyword fields filter and facet; they never rank, so their
// options skip frequencies and norms.
type keywordField struct {
	name    string
	values  []string
	options bindex.FieldIndexingOptions
	freqs   bindex.TokenFrequencies
	size    int
}

func (k *keywordField) Name() string                         { return k.name }
func (k *keywordField) ArrayPositions() []uint64             { return nil }
func (k *keywordField) Options() bindex.FieldIndexingOptions { return k.options }
func (k *keywordField) EncodedFieldType() byte               { return 't' }
func (k *keywordField) AnalyzedLength() int                  { return len(k.values) }
func (k *keywordField) Size() int                            { return k.size }
func (k *keywordField) AnalyzedTokenFrequencies() bindex.TokenFrequencies {
	return k.freqs
}

// Value returns the values separated by NUL (keyword fields are not
// stored; Bleve reads this only for statistics).
func (k *keywordField) Value() []byte { return []byte(strings.Join(k.values, "\x00")) }

func (k *keywordField) NumPlainTextBytes() uint64 {
	n := 0
	for _, v := range k.values {
		n += len(v)
	}
	return uint64(n)
}

// Analyze implements document.Field.
func (k *keywordField) Analyze() {
	n := 0
	for _, v := range k.values {
		n += len(v)
	}
	arena := make([]byte, 0, n)
	freqs := make([]bindex.TokenFreq, 0, len(k.values))
	out := make(bindex.TokenFrequencies, len(k.values))
	for _, v := range k.values {
		if _, ok := out[v]; ok {
			continue
		}
		s := len(arena)
		arena = append(arena, v...)
		freqs = append(freqs, bindex.TokenFreq{Term: arena[s:len(arena):len(arena)]})
		tf := &freqs[len(freqs)-1]
		if !k.options.SkipFreqNorm() {
			tf.SetFrequency(1)
		}
		out[v] = tf
	}
	k.freqs = out
	k.size = 64 + len(k.name) + 2*n + 56*len(freqs)
}
