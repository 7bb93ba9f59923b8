package index

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/kljensen/snowball/english"

	"github.com/naba-nlp/naba/pipeline/normalize"
	"github.com/naba-nlp/naba/pipeline/segment"
)

// Names under which naba's analysis is known to Bleve.
const (
	// AnalyzerType is the analyzer constructor naba registers with Bleve.
	AnalyzerType = "naba_arabic"
	// IndexAnalyzer is the analyzer of the text and title fields at
	// indexing time: every clitic reading of a word is indexed at the
	// word's position.
	IndexAnalyzer = "naba"
	// QueryAnalyzer analyzes the words of a query (see Stemmer).
	QueryAnalyzer = "naba_query"
)

// registerAnalysis makes naba's analyzer type known to Bleve.
//
// Bleve resolves the analyzers named in an index mapping through a
// process-wide registry (Bleve's own global state, filled by its init
// functions). Opening an index validates its mapping against that registry,
// so the type must be there first. This is the one place naba touches it;
// the Once only guards Bleve's map from concurrent first use. Everything an
// analyzer needs (mode, protected names) comes from the mapping's config.
var registerAnalysis = sync.OnceValue(func() error {
	return registry.RegisterAnalyzer(AnalyzerType, analyzerFromConfig)
})

func analyzerFromConfig(config map[string]any, _ *registry.Cache) (analysis.Analyzer, error) {
	mode, _ := config["mode"].(string)
	if mode != "index" && mode != "query" {
		return nil, fmt.Errorf("%s analyzer: mode %q, want index or query", AnalyzerType, mode)
	}
	var protected []string
	switch p := config["protected"].(type) {
	case nil:
	case []string:
		protected = p
	case []any:
		for _, v := range p {
			s, ok := v.(string)
			if !ok {
				return nil, fmt.Errorf("%s analyzer: protected entry %v is not a string", AnalyzerType, v)
			}
			protected = append(protected, s)
		}
	default:
		return nil, fmt.Errorf("%s analyzer: protected must be a list of strings", AnalyzerType)
	}
	return NewAnalyzer(mode == "query", protected), nil
}

// analyzerConfig is the mapping entry of an analyzer.
func analyzerConfig(query bool, protected []string) map[string]any {
	mode := "index"
	if query {
		mode = "query"
	}
	p := make([]any, len(protected))
	for i, s := range protected {
		p[i] = s
	}
	return map[string]any{"type": AnalyzerType, "mode": mode, "protected": p}
}

// NewAnalyzer returns naba's Arabic analyzer: the Tokenizer followed by the
// Stemmer. The index side (query false) emits every clitic reading of a word
// at its position; the query side emits the word's own term first and a few
// unambiguous alternatives (see Stemmer). protected lists
// names (matching keys of single words) that are never stemmed.
func NewAnalyzer(query bool, protected []string) analysis.Analyzer {
	return &analysis.DefaultAnalyzer{
		Tokenizer:    Tokenizer{},
		TokenFilters: []analysis.TokenFilter{NewStemmer(query, protected)},
	}
}

// Tokenizer splits text with naba's own normalization and segmentation, so
// that search sees the tokens extraction sees. Terms are matching keys
// (normalize.Key: diacritics and tatweel removed, alef, hamza, ya and ta
// marbuta variants folded, digits in ASCII, Latin lowercased); Start and End
// are byte offsets of the whole word in the ORIGINAL input, so highlights
// cover what was written. Punctuation is dropped.
type Tokenizer struct{}

// Tokenize implements analysis.Tokenizer.
func (Tokenizer) Tokenize(input []byte) analysis.TokenStream {
	t := normalize.New(string(input))
	toks := segment.Tokenize(t.Light)
	key := []byte(t.Key) // terms are slices of it
	out := make(analysis.TokenStream, 0, len(toks))
	pos := 0
	for _, tok := range toks {
		typ := analysis.AlphaNumeric
		switch tok.Kind {
		case segment.Punct:
			continue
		case segment.Number:
			typ = analysis.Numeric
		case segment.Latin:
			typ = analysis.Ideographic // marks Latin-script words for the Stemmer
		}
		pos++
		s, e := t.OrigSpan(tok.Start, tok.End)
		out = append(out, &analysis.Token{Term: key[tok.Start:tok.End:tok.End],
			Start: s, End: e, Position: pos, Type: typ})
	}
	return out
}

// Stemmer is naba's light stemmer as a Bleve token filter.
//
// Arabic words: segment.Analyze gives the clitic readings of a word (و ف,
// ب ك ل, the article and its contractions, pronoun suffixes). At indexing
// time every reading is emitted at the word's position. At query time the
// word itself comes first, or, when it carries the article after
// proclitics (والغاز، للغاز، بالاتفاق), the unambiguous reading without them;
// then, as alternatives at the same position, its readings without
// proclitics that keep at least four letters. So روسيا finds لروسيا and
// وروسيا (and لروسيا finds روسيا, ranked below لروسيا itself, which matches
// both), while the ب of بوتين never makes it match a shorter word that
// other names could share. Each reading then
// loses its article and one common suffix (ات ون ين ية ة ان ...) when enough
// of the word remains. Names in the protected set are kept whole.
//
// Latin-script words are stemmed with the Snowball English stemmer.
// Numbers are kept as they are.
type Stemmer struct {
	query     bool
	protected map[string]bool
}

// NewStemmer returns the stemmer for the index side (query false) or the
// query side.
func NewStemmer(query bool, protected []string) *Stemmer {
	p := make(map[string]bool, len(protected))
	for _, s := range protected {
		p[normalize.Key(s)] = true
	}
	return &Stemmer{query: query, protected: p}
}

// Filter implements analysis.TokenFilter.
func (f *Stemmer) Filter(in analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(in)+len(in)/2)
	var buf []segment.Analysis
	var terms []string
	for _, tok := range in {
		switch tok.Type {
		case analysis.Numeric:
			out = append(out, tok)
		case analysis.Ideographic:
			tok.Term = []byte(english.Stem(strings.ToLower(string(tok.Term)), true))
			tok.Type = analysis.AlphaNumeric
			out = append(out, tok)
		default:
			terms, buf = f.Terms(string(tok.Term), terms[:0], buf)
			for i, t := range terms {
				nt := tok
				if i > 0 {
					c := *tok
					nt = &c
				}
				if t != string(nt.Term) {
					nt.Term = []byte(t)
				}
				out = append(out, nt)
			}
		}
	}
	return out
}

// Terms appends the terms of one Arabic word (given as its matching key) to
// dst, without duplicates, and returns them with the reused analysis buffer.
func (f *Stemmer) Terms(key string, dst []string, buf []segment.Analysis) ([]string, []segment.Analysis) {
	buf = segment.Analyze(key, buf)
	if f.query {
		// A word that is, or holds, a protected name is that name.
		for _, a := range buf {
			if f.protected[a.Stem] || f.protected[a.Bare()] {
				return append(dst, f.stem(a)), buf
			}
		}
		pick := buf[0]
		for _, a := range buf[1:] {
			if a.Article && a.Enc == "" && utf8.RuneCountInString(a.Bare()) >= 3 {
				pick = a
				break
			}
		}
		dst = append(dst, f.stem(pick))
		if pick.Stripped() {
			return dst, buf
		}
		// Also the readings without proclitics that leave a long enough
		// word (لروسيا → روسيا): hits with the word as written score
		// higher, since they match both.
		for _, a := range buf[1:] {
			if a.Enc != "" || utf8.RuneCountInString(a.Bare()) < 4 {
				continue
			}
			if t := f.stem(a); !contains(dst, t) {
				dst = append(dst, t)
			}
		}
		return dst, buf
	}
	// A word that carries the article after proclitics (والغاز، للغاز،
	// بالاتفاقية) is searched by its reading without them (غاز، اتفاق),
	// never as written: the readings that keep the proclitics' letters
	// (والغاز، بالاتفاقي) are left out. No query word reaches them: any
	// word starting so has that same reading, which queries pick.
	skip := false
	for _, a := range buf {
		if f.protected[a.Stem] || f.protected[a.Bare()] {
			skip = false
			break
		}
		if a.Article && a.Enc == "" && a.Stripped() && utf8.RuneCountInString(a.Bare()) >= 3 {
			skip = true
		}
	}
	for _, a := range buf {
		if skip && a.Conj == "" && a.Prep == "" {
			continue
		}
		if t := f.stem(a); !contains(dst, t) {
			dst = append(dst, t)
		}
	}
	return dst, buf
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// stem returns the term of one reading: the stem without its article, and
// without one common suffix unless it is a protected name.
func (f *Stemmer) stem(a segment.Analysis) string {
	bare := a.Bare()
	if f.protected[a.Stem] || f.protected[bare] {
		return bare
	}
	return stripSuffix(bare)
}

// suffixes are the light stemmer's noun suffixes in matching-key form (ة is
// ه in the key), longest first, each with the letters that must remain.
func suffixes() [9]struct {
	s   string
	min int
} {
	return [...]struct {
		s   string
		min int
	}{
		{"يات", 4}, // اتفاقيات → اتفاق (but الولايات keeps ولاي, not ولا)
		{"يين", 3}, // الروسيين
		{"يون", 3},
		{"ات", 3}, // سيارات
		{"ون", 4}, // مستثمرون; names like بوتين keep their ين
		{"ين", 4},
		{"يه", 4}, // الاتفاقية → اتفاق
		{"ان", 4}, // مسؤولان; لبنان, إيران keep theirs
		{"ه", 3},  // ta marbuta: حكومة → حكوم
	}
}

func stripSuffix(w string) string {
	n := utf8.RuneCountInString(w)
	for _, x := range suffixes() {
		if strings.HasSuffix(w, x.s) && n-utf8.RuneCountInString(x.s) >= x.min {
			return w[:len(w)-len(x.s)]
		}
	}
	return w
}
