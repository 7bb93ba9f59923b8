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
	"sync"
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
	// scratch holds parsers whose tables are reused from document to
	// document (one per goroutine at a time)
	scratch sync.Pool
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
	p.doc = nil
	s.scratch.Put(p)
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
	doc      *pipeline.Document
	lex      *lexicon
	num      numberParser
	tables   []int32 // backing array of atomAt, numIdx, dateIdx and next
	atomAt   []int32 // per token: 1 + index in found, 0 for none
	found    []atom
	next     []int32 // see newParser
	none     atom
	ref      time.Time
	hasRef   bool
	buf      []segment.Analysis
	numIdx   []int32 // per token: 0 not read yet, -1 no number, else 1 + index in numList
	numList  []num
	dateIdx  []int32 // per token: like numIdx, for date()
	dateList []dres
}

func (s *Stage) newParser(doc *pipeline.Document) *parser {
	p, _ := s.scratch.Get().(*parser)
	if p == nil {
		p = &parser{}
	}
	tables, found, dates, nums, buf := p.tables, p.found, p.dateList, p.numList, p.buf
	*p = parser{doc: doc, lex: s.lex, num: s.num, ref: doc.Date, hasRef: doc.HasDate(), buf: buf}
	// one allocation for the per-token tables, reused by the next document
	n := len(doc.Tokens)
	if cap(tables) < 4*n+1 {
		tables = make([]int32, 4*n+1)
	} else {
		tables = tables[:4*n+1]
		clear(tables)
	}
	p.tables = tables
	p.atomAt, p.numIdx, p.dateIdx, p.next = tables[:n:n], tables[n:2*n:2*n], tables[2*n:3*n:3*n], tables[3*n:]
	p.found, p.dateList, p.numList = found[:0], dates[:0], nums[:0]
	for i := range doc.Tokens {
		if a := p.lookup(i); a.ents != nil {
			p.found = append(p.found, a)
			p.atomAt[i] = int32(len(p.found))
		}
	}
	// next[i]: the first token at or after i with a temporal word that a
	// number word may lead to
	p.next[len(doc.Tokens)] = int32(len(doc.Tokens)) + 100
	for i := len(doc.Tokens) - 1; i >= 0; i-- {
		p.next[i] = p.next[i+1]
		for _, e := range p.atom(i).ents {
			if e.class != clCue || e.value == cueHour || e.value == cueMonth || e.value == cueFirst || e.value == cueLast ||
				e.value == cueHalf || e.value == cueQuarter || e.value == cueExcept {
				p.next[i] = int32(i)
				break
			}
		}
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
	// a cheap test before the full clitic analysis: does the word without
	// one or two proclitic letters (or with لل read as ال) start a phrase?
	if !p.lex.has(key[2:]) && !(len(key) > 6 && p.lex.has(key[4:])) &&
		!(key[:2] == "ل" && len(key) > 4 && key[2:4] == "ل" && p.lex.has("ا"+key[2:])) &&
		!(len(key) > 6 && key[2:4] == "ل" && key[4:6] == "ل" && p.lex.has("ا"+key[4:])) {
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
	ps, ok := p.lex.phrases(first)
	if !ok {
		return atom{}, false
	}
	for _, ph := range ps {
		ok := true
		j := i + 1
		for _, r := range ph.rest {
			// منتصف-الليل: a hyphen glued on both sides joins the words
			if j+1 < len(p.doc.Tokens) && p.doc.Tokens[j].Kind == segment.Punct && p.doc.TokenLight(j) == "-" &&
				p.doc.Tokens[j].Glued && p.doc.Tokens[j+1].Glued {
				j++
			}
			if j >= len(p.doc.Tokens) || p.doc.Tokens[j].Sentence != p.doc.Tokens[i].Sentence || p.doc.TokenKey(j) != r {
				ok = false
				break
			}
			j++
		}
		if ok {
			return atom{ents: ph.ents(), end: j}, true
		}
	}
	return atom{}, false
}

func (ph phrase) ents() []entry { return ph.entries }

// atom returns the lexicon phrase at token i (no entries when none).
func (p *parser) atom(i int) *atom {
	if i < 0 || i >= len(p.atomAt) || p.atomAt[i] == 0 {
		return &p.none
	}
	return &p.found[p.atomAt[i]-1]
}

// interesting reports whether a rule can start at token i.
func (p *parser) interesting(i int) bool {
	if p.doc.Tokens[i].Kind == segment.Number {
		return true
	}
	if p.doc.Tokens[i].Kind == segment.Punct {
		// (1948)
		return i+1 < len(p.doc.Tokens) && p.doc.Tokens[i+1].Kind == segment.Number && p.doc.TokenLight(i) == "("
	}
	if ents := p.atom(i).ents; ents != nil {
		for _, e := range ents {
			switch e.class {
			case clZone, clMarker, clRelDir:
				continue // these only follow an expression
			}
			if e.class != clCue {
				return true
			}
			switch e.value {
			case cueOf, cueAnd, cueTo, cueFrom, cueBetween, cueWhich, cueOne, cueFull, cueExcept, cueZone:
				// function words start an expression only before one
			default:
				return true
			}
		}
		if e := p.atom(i).end; e < len(p.atomAt) && e > i {
			return p.interesting(e)
		}
		return false
	}
	// a number word starts an expression only with a temporal word soon
	// after it (ثلاثة أيام، خمسة وعشرين عاما، الثالثة فجرا)
	if i+1 >= len(p.next) || p.next[i+1] > int32(i+5) {
		// في السابعة: an hour in words after a preposition
		if _, ok := p.cue(i-1, cueOf); !ok {
			return false
		}
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
	ls := tks[m.start].Start + p.atom(m.start).off
	le := tks[m.end-1].End
	s, e := p.doc.Span(ls, le)
	rule := "temporal/" + m.rule
	// the lexicon line behind it: the first word that is not a function word
	for k := m.start; k < m.end; k++ {
		if src := p.source(k); src != "" {
			rule += " " + src
			break
		}
	}
	men := pipeline.Mention{Start: s, End: e, Type: m.kind, Mod: m.mod, Calendar: m.cal,
		Hijri: m.hijri, Rule: rule, Priority: 1}
	if m.value != "" {
		men.Value = pipeline.Str(m.value)
	}
	return men
}

// source returns the file:line of the first lexicon entry at token i that
// is not a function word, or "".
func (p *parser) source(i int) string {
	for _, e := range p.atom(i).ents {
		if e.class != clCue {
			return e.src
		}
	}
	return ""
}
