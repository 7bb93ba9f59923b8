// Package temporal is naba's temporal stage: it finds dates (DATE), times
// of day (TIME) and durations (DURATION) in Arabic text and gives each a
// TIMEX3 / ISO 8601 value, resolving relative expressions (أمس، العام
// الماضي، نوفمبر المقبل) against the document's reference date. It never
// reads the clock: without a reference date, relative expressions keep no
// value and years that the text leaves out are written XXXX.
//
// Words are lexicon data (lexicons/data/temporal/*.tsv); the rules in
// rules.go combine them with digits and, where the numeric stage's parser
// is available, number words.
package temporal

import (
	"time"

	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/segment"
)

// Stage is the temporal extractor. It holds read-only lexicons, so one
// Stage serves many goroutines.
type Stage struct {
	lex *lexicon
	num numberParser
}

// New builds the stage from the temporal lexicons of set.
func New(set *lexicons.Set) (*Stage, error) {
	lx, err := loadLexicon(set)
	if err != nil {
		return nil, err
	}
	num, err := newNumberParser(set)
	if err != nil {
		return nil, err
	}
	return &Stage{lex: lx, num: num}, nil
}

// NewStage is New as a pipeline.Stage, for the engine's extractor list.
func NewStage(set *lexicons.Set) (pipeline.Stage, error) { return New(set) }

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "temporal" }

// Process implements pipeline.Stage: it adds DATE, TIME and DURATION
// mentions to doc.
func (s *Stage) Process(doc *pipeline.Document) error {
	p := s.newParser(doc)
	for i := 0; i < len(doc.Tokens); {
		if !p.interesting(i) {
			i++
			continue
		}
		m, ok := p.best(i)
		if !ok {
			i++
			continue
		}
		doc.Mentions = append(doc.Mentions, p.mention(m))
		i = m.end
	}
	return nil
}

// atom is the lexicon phrase found at a token: its entries, the token after
// it, and where a mention starting there begins (after a stripped
// proclitic such as و، ب، ل).
type atom struct {
	ents []entry
	end  int
	off  int    // bytes of the first token left out of a span
	pre  string // the stripped proclitics ("" when none)
}

type parser struct {
	doc    *pipeline.Document
	lex    *lexicon
	num    numberParser
	atoms  []atom
	ref    time.Time
	hasRef bool
	buf    []segment.Analysis
	nums   []num  // number read at each token (val -1: none)
	numOK  []bool // nums[i] is computed
}

func (s *Stage) newParser(doc *pipeline.Document) *parser {
	p := &parser{doc: doc, lex: s.lex, num: s.num, ref: doc.Date, hasRef: doc.HasDate()}
	p.atoms = make([]atom, len(doc.Tokens))
	p.nums = make([]num, len(doc.Tokens))
	p.numOK = make([]bool, len(doc.Tokens))
	for i := range doc.Tokens {
		p.atoms[i] = p.lookup(i)
	}
	return p
}

// lookup finds the longest lexicon phrase starting at token i, trying the
// token as written, then its readings without proclitics.
func (p *parser) lookup(i int) atom {
	tk := p.doc.Tokens[i]
	if tk.Kind != segment.Word && tk.Kind != segment.Latin {
		return atom{}
	}
	key := p.doc.TokenKey(i)
	if a, ok := p.phraseAt(key, i); ok {
		return a
	}
	if len(key) < 4 {
		return atom{}
	}
	switch key[:2] {
	case "و", "ف", "ب", "ل", "ك":
	default:
		return atom{}
	}
	p.buf = segment.Analyze(key, p.buf)
	for _, r := range p.buf[1:] {
		if r.Enc != "" {
			continue
		}
		if a, ok := p.phraseAt(r.Stem, i); ok {
			a.off = r.SpanStart
			a.pre = r.Conj + r.Prep
			return a
		}
	}
	return atom{}
}

func (p *parser) phraseAt(first string, i int) (atom, bool) {
	ps, ok := p.lex.first[first]
	if !ok {
		return atom{}, false
	}
	for _, ph := range ps {
		if i+len(ph.rest) >= len(p.doc.Tokens) && len(ph.rest) > 0 {
			continue
		}
		ok := true
		for k, r := range ph.rest {
			j := i + 1 + k
			if p.doc.Tokens[j].Sentence != p.doc.Tokens[i].Sentence || p.doc.TokenKey(j) != r {
				ok = false
				break
			}
		}
		if ok {
			return atom{ents: ph.ents(), end: i + 1 + len(ph.rest)}, true
		}
	}
	return atom{}, false
}

func (ph phrase) ents() []entry { return ph.entries }

// interesting reports whether a rule can start at token i.
func (p *parser) interesting(i int) bool {
	if p.atoms[i].ents != nil || p.doc.Tokens[i].Kind == segment.Number {
		return true
	}
	_, ok := p.numberAt(i)
	return ok
}

// match is one expression found by a rule.
type match struct {
	start, end int // tokens [start, end)
	kind       pipeline.Kind
	value      string
	mod        string
	cal, hijri string
	rule       string
}

func (p *parser) mention(m match) pipeline.Mention {
	tks := p.doc.Tokens
	ls := tks[m.start].Start + p.atoms[m.start].off
	le := tks[m.end-1].End
	s, e := p.doc.Span(ls, le)
	men := pipeline.Mention{Start: s, End: e, Type: m.kind, Mod: m.mod, Calendar: m.cal,
		Hijri: m.hijri, Rule: "temporal/" + m.rule, Priority: 1}
	if m.value != "" {
		men.Value = pipeline.Str(m.value)
	}
	return men
}
