// Package attribution finds who said what: for each claim in a document, the
// cue that reports it (قال، أكد، وفقًا لـ), its source (the speaker, linked
// to the entity mention it overlaps) and its content (the quote, or the
// reported clause).
//
// The stage runs after overlap resolution and reads the settled entity
// mentions when there are any; without them it still works from the tokens
// and the attribution lexicons (cue verbs, function words, source heads).
// All spans are byte offsets of the original text.
package attribution

import (
	"sort"
	"strings"
	"sync"

	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/segment"
)

// Clitics, as matching keys: the conjunctions, the prepositions glued to a
// word, the article and the object pronouns a reporting verb takes.
const (
	conjWa  = "و"
	conjFa  = "ف"
	prepLam = "ل"
	prepBa  = "ب"
	prepKaf = "ك"
	article = "ال"
	encHu   = "ه"
	encHa   = "ها"
	future  = "س"
	// imperfect verbs start with one of these letters (يقول، تقول، نقول)
	imperfect = "يتن"
)

// enclitics are the pronoun suffixes a complementizer or a preposition
// takes (إنه، بأنها، خلالهم).
func enclitics() [9]string {
	return [...]string{"ه", "ها", "هم", "هما", "هن", "نا", "ي", "ك", "كم"}
}

// Kinds of attribution.
const (
	Direct      = "direct"       // a quote in «…» or "…"
	Indirect    = "indirect"     // reported speech after إنّ / أنّ / ":"
	AccordingTo = "according_to" // وفقًا لـ، بحسب، كما قال
)

const (
	window    = 22  // tokens searched after a cue for its content
	maxPhrase = 14  // tokens of a source phrase
	minQuote  = 3   // tokens a quote needs to be content without a colon
	maxQuote  = 400 // tokens searched for a quote's closing mark
)

// Stage is the attribution stage.
type Stage struct {
	lx *Lexicon
	// bufs recycles per-document buffers between documents (safe for
	// concurrent use; it holds no state that outlives a Process call)
	bufs sync.Pool
}

// New loads the attribution lexicons from set and returns the stage.
func New(set *lexicons.Set) (pipeline.Stage, error) {
	lx, err := LoadLexicon(set)
	if err != nil {
		return nil, err
	}
	return &Stage{lx: lx}, nil
}

// NewWithLexicon returns a stage over an already loaded lexicon.
func NewWithLexicon(lx *Lexicon) *Stage { return &Stage{lx: lx} }

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "attribution" }

// Process implements pipeline.Stage: it replaces doc.Attributions.
func (s *Stage) Process(doc *pipeline.Document) error {
	var toks []tok
	var ents []pipeline.Mention
	if b, ok := s.bufs.Get().(*buffers); ok {
		toks, ents = b.toks, b.ents
	}
	r := newRun(s.lx, doc, toks, ents)
	doc.Attributions = r.find()
	clear(r.ents) // drop references to the document's mentions
	s.bufs.Put(&buffers{toks: r.toks[:0], ents: r.ents[:0]})
	return nil
}

// buffers are the slices one document's run needs.
type buffers struct {
	toks []tok
	ents []pipeline.Mention
}

// tok is what the stage knows about one token.
type tok struct {
	conj   int // bytes of a conjunction و/ف before the stem (cue span excludes it)
	cue    *cue
	cueLen int // tokens the cue phrase covers
	marker markerRole
	head   headType
	that   bool // a complementizer (إنّ، أنّ، بأنّ، إنه …)
	bareTh bool // … without a pronoun suffix
	prepL  bool // carries the proclitic ل
	prep   bool // carries a preposition proclitic ب ل ك
	punct  string
	word   bool // an Arabic or Latin word
}

// source is a resolved source: a span with its entity link.
type source struct {
	span          pipeline.Span
	id, canon, wd string
}

func (s source) empty() bool { return s.span.Empty() }

type run struct {
	lex  *Lexicon
	doc  *pipeline.Document
	toks []tok
	ents []pipeline.Mention // entity mentions that can be sources, sorted
}

func newRun(lx *Lexicon, doc *pipeline.Document, toks []tok, ents []pipeline.Mention) *run {
	if cap(toks) < len(doc.Tokens) {
		toks = make([]tok, len(doc.Tokens))
	} else {
		toks = toks[:len(doc.Tokens)]
		clear(toks)
	}
	r := &run{lex: lx, doc: doc, toks: toks, ents: ents[:0]}
	for _, m := range doc.Mentions {
		switch m.Type {
		case pipeline.Person, pipeline.Org, pipeline.GPE, pipeline.NORP:
			r.ents = append(r.ents, m)
		}
	}
	sort.SliceStable(r.ents, func(a, b int) bool { return r.ents[a].Start < r.ents[b].Start })
	for i := range doc.Tokens {
		r.classify(i)
	}
	return r
}

func hasPrefix(s, p string) bool { return strings.HasPrefix(s, p) && len(s) > len(p) }

func (r *run) classify(i int) {
	d := r.doc
	t := &r.toks[i]
	switch d.Tokens[i].Kind {
	case segment.Punct:
		t.punct = d.TokenKey(i)
		return
	case segment.Number:
		return
	}
	t.word = true
	w := r.lex.words[d.TokenKey(i)]
	if w == nil {
		return
	}
	t.marker, t.head, t.prepL, t.prep, t.that, t.bareTh = w.marker, w.head, w.prepL, w.prep, w.that, w.bareTh
	if w.cues != nil {
		if c, n := r.matchCue(w.cues, i); c != nil {
			t.cue, t.cueLen, t.conj = c, n, w.conj
		}
	}
}

// tanween reports whether token j is written with tanween fath (an
// accusative, which is no part of a subject phrase).
func (r *run) tanween(j int) bool {
	s, e := r.doc.TokenSpan(j, j+1)
	return strings.ContainsRune(r.doc.Text[s:e], '\u064B')
}

// matchCue returns the longest cue whose first word is stem and whose other
// words follow token i, and how many tokens it covers.
func (r *run) matchCue(list []cue, i int) (*cue, int) {
	for ci := range list {
		c := &list[ci]
		if i+1+len(c.rest) > len(r.doc.Tokens) {
			continue
		}
		ok := true
		for w, word := range c.rest {
			j := i + 1 + w
			if r.doc.Tokens[j].Sentence != r.doc.Tokens[i].Sentence || r.doc.TokenKey(j) != word {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		n := 1 + len(c.rest)
		if c.next != "" {
			j := i + n
			if j >= len(r.doc.Tokens) || r.doc.Tokens[j].Sentence != r.doc.Tokens[i].Sentence {
				continue
			}
			nk := r.doc.TokenKey(j)
			if c.next == "ل-" {
				if !(nk == prepLam || hasPrefix(nk, prepLam)) {
					continue
				}
			} else if nk != c.next {
				continue
			}
		}
		return c, n
	}
	return nil, 0
}

// candidate is a speaker a later unnamed source may refer to.
type candidate struct {
	sentence int
	at       int // original byte offset of the cue
	src      source
}

func (r *run) find() []pipeline.Attribution {
	d := r.doc
	var out []pipeline.Attribution
	var cands []candidate // speakers seen in the current paragraph
	para := -1
	covered := 0 // original byte offset up to which a quote already claims the text
	for si, sent := range d.Sentences {
		if sent.Paragraph != para {
			para, cands = sent.Paragraph, cands[:0]
		}
		lo, hi := sent.TokStart, sent.TokEnd
		quoteEnd := -1 // the closing mark of a quote open at token i in this sentence
		for i := lo; i < hi; i++ {
			t := &r.toks[i]
			if i > quoteEnd && opener(t.punct) != "" && opener(t.punct) != t.punct {
				// directional quotes only: a straight " is too often stray
				if c := r.closerIn(i, hi); c > 0 {
					quoteEnd = c
				}
				continue
			}
			if t.cue == nil || i < quoteEnd {
				// a cue inside quotes is quoted (a title: «قالت لي السمراء»)
				continue
			}
			os, _ := d.TokenSpan(i, i+1)
			if os < covered || r.masdar(i) {
				continue
			}
			var a pipeline.Attribution
			var ok bool
			var cand source
			// a cue inside the reported content of a claim of the same
			// sentence (قال إن الموفدين أكدوا له أنّ) is not said by its
			// speaker: no subject is borrowed from the sentence for it
			nested := len(out) > 0 && out[len(out)-1].Sentence == si && out[len(out)-1].Content.Start <= os && os < out[len(out)-1].Content.End
			switch t.cue.role {
			case Verb, Participle:
				a, cand, ok = r.speech(si, i, cands, nested)
			case According:
				a, ok = r.according(si, i)
			}
			if !cand.empty() && (ok || r.credibleSpan(cand)) {
				// a cue that reports nothing names a speaker for later
				// clauses only when its subject is an entity or a known head
				cands = append(cands, candidate{sentence: si, at: os, src: cand})
			}
			if ok {
				if !a.Source.Empty() && !a.ImpliedSource && t.cue.role != According {
					// (the source of an according phrase is no subject)
					cands = append(cands, candidate{sentence: si, at: os, src: source{span: a.Source,
						id: a.SourceID, canon: a.SourceCanonical, wd: a.SourceWikidata}})
				}
				out = append(out, a)
				if a.Kind == Direct && a.Content.End > covered {
					covered = a.Content.End
				}
			}
			if t.cueLen > 1 {
				i += t.cueLen - 1
			}
		}
	}
	return out
}

// cueSpan is the original span of the cue at token i, without a conjunction.
func (r *run) cueSpan(i int) pipeline.Span {
	d := r.doc
	t := r.toks[i]
	start := d.Tokens[i].Start + t.conj
	end := d.Tokens[i+t.cueLen-1].End
	s, e := d.Span(start, end)
	return pipeline.Span{Start: s, End: e}
}

func (r *run) span(i, j int) pipeline.Span {
	if j <= i {
		return pipeline.Span{}
	}
	s, e := r.doc.TokenSpan(i, j)
	return pipeline.Span{Start: s, End: e}
}

func (r *run) record(si, i int, kind string, src source, content pipeline.Span, implied bool) pipeline.Attribution {
	return pipeline.Attribution{Sentence: si, Kind: kind, Cue: r.cueSpan(i), Source: src.span,
		SourceID: src.id, SourceCanonical: src.canon, SourceWikidata: src.wd,
		ImpliedSource: implied && !src.empty(), Content: content}
}

func (r *run) isConjOnly(i int) bool {
	k := r.doc.TokenKey(i)
	return k == conjWa || k == conjFa
}

func (r *run) tokStart(j int) int {
	s, _ := r.doc.TokenSpan(j, j+1)
	return s
}

// tokenAfter is the index of the first token starting at or after the end
// of span s.
func (r *run) tokenAfter(s pipeline.Span) int {
	i := sort.Search(len(r.doc.Tokens), func(i int) bool { return r.tokStart(i) >= s.End })
	return i
}

// masdar reports whether the cue word at token i is a verbal noun, as after
// عدم or ضرورة (طالبًا عدم كشف هويته).
func (r *run) masdar(i int) bool {
	return i > 0 && r.toks[i-1].marker == mNonclausal && r.doc.Tokens[i-1].Sentence == r.doc.Tokens[i].Sentence
}
