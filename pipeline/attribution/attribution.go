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
	window    = 22 // tokens searched after a cue for its content
	maxPhrase = 14 // tokens of a source phrase
	minQuote  = 3  // tokens a quote needs to be content without a colon
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

// speech handles a verb or participle cue at token i of sentence si. It
// returns the attribution when the cue reports content, and the speaker it
// names in any case (for later unnamed sources).
func (r *run) speech(si, i int, cands []candidate, nested bool) (pipeline.Attribution, source, bool) {
	d := r.doc
	t := r.toks[i]
	sent := d.Sentences[si]
	after := i + t.cueLen
	as := i > sent.TokStart && r.toks[i-1].marker == mAs

	kind, gapEnd, content, ok := r.content(si, after)
	if ok && gapEnd == after && t.marker == mImpersonal {
		return pipeline.Attribution{}, source{}, false // يُذكر أنّ: no one speaks
	}
	if ok && t.marker == mByline && t.conj == 0 && kind != Direct && r.colonBefore(content) &&
		(i == sent.TokStart || after < sent.TokEnd && isDash(r.toks[after].punct)) {
		return pipeline.Attribution{}, source{}, false // كتب - فلان: a byline
	}
	if ok && nested && kind == Direct && !r.colonBefore(content) {
		// a quote after a cue inside reported speech (أضاف أن التوغل يعتبر
		// اعتداء "…") needs a colon to be that cue's
		return pipeline.Attribution{}, source{}, false
	}
	var src source
	if t.cue.role == Verb {
		end := gapEnd
		if !ok {
			end = sent.TokEnd
		}
		if a, b := r.phrase(after, end, ok); b > a {
			src = r.source(a, b)
		}
	}
	cand := src
	if !ok && t.cue.role == Verb && !src.empty() {
		// «…»، قال الوزير: the quote stands before the cue
		if c, qok := r.quoteBefore(si, i); qok {
			return r.record(si, i, Direct, src, c, false), cand, true
		}
	}
	if !ok {
		if as && !src.empty() {
			// كما قال الخبراء: "as the experts said" – the clause before
			// is the claim
			c, cok := r.around(si, i-1, r.tokenAfter(src.span))
			if !cok {
				return pipeline.Attribution{}, cand, false
			}
			return r.record(si, i, AccordingTo, src, c, false), cand, true
		}
		return pipeline.Attribution{}, cand, false
	}
	implied := false
	if src.empty() && t.cue.via != "" && after < gapEnd && r.doc.TokenKey(after) == t.cue.via {
		// نُقل عن الوزير قوله: the source follows the preposition
		if a, b := r.phrase(after+1, gapEnd, true); b > a {
			src = r.source(a, b)
		}
	}
	if src.empty() && t.cue.role == Verb {
		src = r.sourceBefore(si, i)
	}
	if nested {
		return r.record(si, i, kind, src, content, false), cand, true
	}
	if src.empty() {
		// the subject of an earlier clause of the sentence
		for k := len(cands) - 1; k >= 0; k-- {
			if cands[k].sentence == si {
				src = cands[k].src
				break
			}
		}
	}
	if src.empty() {
		// the first person or organization named earlier in the sentence
		// (هاجم ألونسو … وقال إن)
		src = r.firstActor(si, i)
	}
	if src.empty() {
		// the subject right after the verb that opens the sentence
		// (ودعا وزير الخارجية … معتبرًا أنّ)
		src = r.firstHead(si, i)
	}
	if src.empty() {
		// an earlier sentence of the paragraph: only a linked entity is
		// clear enough to name
		for k := len(cands) - 1; k >= 0; k-- {
			if cands[k].sentence < si {
				if cands[k].src.id != "" {
					src, implied = cands[k].src, true
				}
				break
			}
		}
	}
	return r.record(si, i, kind, src, content, implied), cand, true
}

func (r *run) record(si, i int, kind string, src source, content pipeline.Span, implied bool) pipeline.Attribution {
	return pipeline.Attribution{Sentence: si, Kind: kind, Cue: r.cueSpan(i), Source: src.span,
		SourceID: src.id, SourceCanonical: src.canon, SourceWikidata: src.wd,
		ImpliedSource: implied && !src.empty(), Content: content}
}

func opener(p string) string {
	switch p {
	case "«":
		return "»"
	case "“":
		return "”"
	case "\"":
		return "\""
	case "„":
		return "“"
	}
	return ""
}

// content looks for reported content in the window after token from: a
// colon, a quote, or a complementizer. It returns the kind, the token where
// the gap before the content ends (the source lies in the gap) and the
// content span.
func (r *run) content(si, from int) (kind string, gapEnd int, content pipeline.Span, ok bool) {
	d := r.doc
	sent := d.Sentences[si]
	lim := from + window
	if lim > sent.TokEnd {
		lim = sent.TokEnd
	}
	for j := from; j < lim; j++ {
		t := r.toks[j]
		if t.cue != nil && j > from && t.cue.role != According && !r.masdar(j) {
			return "", 0, pipeline.Span{}, false // another cue takes over
		}
		switch {
		case t.punct == ":":
			k := j + 1
			if k >= sent.TokEnd {
				return "", 0, pipeline.Span{}, false
			}
			if cl := opener(r.toks[k].punct); cl != "" {
				if c, ok := r.quote(si, k, cl); ok {
					return Direct, r.trimGap(from, j), c, true
				}
			}
			if r.toks[k].that && r.toks[k].bareTh {
				k++
			}
			if c, ok := r.rest(si, k); ok {
				return Indirect, r.trimGap(from, j), c, true
			}
			return "", 0, pipeline.Span{}, false
		case opener(t.punct) != "":
			if j > from && (r.toks[j-1].marker == mPrep || r.doc.Tokens[j-1].Kind == segment.Word && len(r.doc.TokenKey(j-1)) == 2) {
				// أعرب عن "ثقته …", بـ"…": a quoted phrase, not speech
				j += r.quoteLen(si, j, opener(t.punct)) + 1
				continue
			}
			cl := opener(t.punct)
			c, ok := r.quote(si, j, cl)
			if !ok {
				continue
			}
			if n := r.quoteLen(si, j, cl); n < minQuote || j > from && !r.endsClause(j+n+2) {
				// a quoted name: «روسكوزموس»، صحيفة «وول ستريت جورنال» أن
				j += n + 1
				continue
			}
			return Direct, r.trimGap(from, j), c, true
		case t.that:
			if r.subjunctive(from, j) {
				continue
			}
			if c, ok := r.colonAhead(si, j, lim); ok {
				j = c - 1 // قال … لشبكة إن بي سي: إنه …
				continue
			}
			k := j
			if t.bareTh {
				k++
			}
			if c, ok := r.rest(si, k); ok {
				return Indirect, r.trimGap(from, j), c, true
			}
			return "", 0, pipeline.Span{}, false
		case t.punct != "" && (t.punct == "." || t.punct == "؟" || t.punct == "?" || t.punct == "!" || t.punct == "؛" || t.punct == ";"):
			return "", 0, pipeline.Span{}, false
		}
	}
	return "", 0, pipeline.Span{}, false
}

// subjunctive reports whether the complementizer at j is the subjunctive
// أنْ after a word like بعد، قبل، ضرورة (or على الرغم من أنّ), which
// reports nothing.
func (r *run) subjunctive(from, j int) bool {
	k := j - 1
	if k >= from && r.toks[k].marker == mPrep {
		k--
	}
	return k >= from && r.toks[k].marker == mNonclausal
}

// colonAhead returns the colon that, before lim, opens a quote or a
// complementizer: a stronger signal than an إن found before it.
func (r *run) colonAhead(si, j, lim int) (int, bool) {
	for k := j + 1; k+1 < lim; k++ {
		t := r.toks[k]
		if t.cue != nil || t.that && k > j+1 {
			return 0, false
		}
		if t.punct == ":" {
			n := r.toks[k+1]
			return k, n.that || opener(n.punct) != ""
		}
		if t.punct != "" && t.punct != "،" && t.punct != "," && opener(t.punct) == "" {
			return 0, false
		}
	}
	return 0, false
}

// trimGap drops prepositions and punctuation from the end of the gap
// [from, end) between a cue and its content.
func (r *run) trimGap(from, end int) int {
	for end > from {
		t := r.toks[end-1]
		if t.marker == mPrep || (t.punct != "" && opener(t.punct) == "" && closerOf(t.punct) == "" && t.punct != ")") {
			end--
			continue
		}
		break
	}
	return end
}

// quoteLen counts the tokens inside the quote opening at token q.
func (r *run) quoteLen(si, q int, closer string) int {
	n := 0
	for j := q + 1; j < len(r.doc.Tokens); j++ {
		if r.toks[j].punct == closer {
			return n
		}
		n++
	}
	return n
}

// quote returns the span of the quote opening at token q, through its closer,
// which may lie in a later sentence of the same paragraph.
func (r *run) quote(si, q int, closer string) (pipeline.Span, bool) {
	d := r.doc
	open := r.toks[q].punct
	para := d.Sentences[si].Paragraph
	depth := 0
	for j := q + 1; j < len(d.Tokens); j++ {
		if d.Sentences[d.Tokens[j].Sentence].Paragraph != para {
			break
		}
		p := r.toks[j].punct
		if p == closer {
			if depth == 0 {
				if j == q+1 {
					return pipeline.Span{}, false
				}
				return r.span(q, j+1), true
			}
			depth--
		} else if p == open && open != closer {
			depth++
		}
	}
	// no closer: the quote runs to the end of the sentence
	if end := r.sentenceEnd(si); end > q+1 {
		return r.span(q, end), true
	}
	return pipeline.Span{}, false
}

// sentenceEnd is the sentence's token end without final punctuation.
func (r *run) sentenceEnd(si int) int {
	s := r.doc.Sentences[si]
	end := s.TokEnd
	for end > s.TokStart {
		p := r.toks[end-1].punct
		if p == "" || opener(p) != "" || p == "»" || p == "”" || p == ")" {
			break
		}
		end--
	}
	return end
}

// rest is the content from token k to the end of the sentence, or to the
// next cue that reports content of its own.
func (r *run) rest(si, k int) (pipeline.Span, bool) {
	end := r.sentenceEnd(si)
	for j := k + 1; j < end; j++ {
		c := r.toks[j].cue
		if c == nil || c.role == According {
			continue
		}
		// a participle, or a coordinated cue (…، وقال) starts a claim of
		// its own; a cue inside the content (قال إن الحكومة أعلنت أن) does not
		if c.role == Participle || r.toks[j].conj > 0 || r.toks[j-1].punct == "،" || r.toks[j-1].punct == "؛" || r.toks[j-1].marker == mClause {
			end = j
			// the clause words before the cue go with it (في حين، بينما)
			for end > k+1 && r.toks[end-1].word && (r.toks[end-1].marker == mClause ||
				r.toks[end-1].marker == mStop && end-1 < j && r.toks[end].marker == mClause) {
				end--
			}
			break
		}
	}
	for end > k && (r.toks[end-1].punct != "" && opener(r.toks[end-1].punct) == "" && r.toks[end-1].punct != "»" && r.toks[end-1].punct != "”" ||
		r.toks[end-1].marker == mFiller || r.toks[end-1].marker == mClause || r.isConjOnly(end-1)) {
		end--
	}
	if end <= k || end-k < 2 && r.toks[k].that {
		return pipeline.Span{}, false // a complementizer alone says nothing
	}
	return r.span(k, end), true
}

// prepArticle reports whether token i is a preposition glued to the article
// (للفيفا، بالحكومة), which no source starts with.
func (r *run) prepArticle(i int) bool {
	k := r.doc.TokenKey(i)
	for _, p := range [...]string{prepLam + prepLam, prepBa + article, prepKaf + article, conjWa + prepLam + prepLam, conjWa + prepBa + article} {
		if strings.HasPrefix(k, p) && len(k)-len(p) >= 2*2 {
			return true
		}
	}
	return false
}

func (r *run) isConjOnly(i int) bool {
	k := r.doc.TokenKey(i)
	return k == conjWa || k == conjFa
}

// isStop reports whether token j ends a source phrase.
func (r *run) isStop(j, start int) bool {
	t := r.toks[j]
	if t.cue != nil || t.that {
		return true
	}
	switch t.marker {
	case mStop, mPrep, mTime, mThen, mFiller, mNonclausal, mAs, mRelative, mClause, mInWhich:
		return true
	}
	if t.head == hMedia && t.prepL && j > start {
		return true // قال لشبكة …: the addressee
	}
	if j == start && t.head == hMedia && t.prepL {
		return true // an addressee, not a source
	}
	if j > start && r.tanween(j) {
		return true
	}
	return false
}

// phrase returns the token range of the source phrase starting at token i,
// within [i, limit). In a gap (the tokens between a cue and its content) a
// comma does not end the phrase: an apposition follows.
func (r *run) phrase(i, limit int, gap bool) (int, int) {
	for i < limit && r.toks[i].marker == mTime {
		i++
	}
	if i < limit && opener(r.toks[i].punct) != "" {
		// أشارت "نيويورك تايمز" إلى أن: a quoted name as source
		if n := r.quoteLen(r.doc.Tokens[i].Sentence, i, opener(r.toks[i].punct)); n >= 1 && n <= 4 && i+n+1 < limit {
			return i, i + n + 2
		}
	}
	if i >= limit || !r.toks[i].word || r.isStop(i, i) || r.prepArticle(i) {
		return i, i
	}
	return r.phraseFrom(i, limit, gap)
}

// phraseFrom is phrase without the checks on its first token (after وفقًا
// the ل of لوكالة belongs to the cue, not to an addressee).
func (r *run) phraseFrom(i, limit int, gap bool) (int, int) {
	end := i
	for j := i; j < limit && j-i < maxPhrase; j++ {
		t := r.toks[j]
		if r.doc.Tokens[j].Kind == segment.Number && !gap {
			break // إحصائية عام 2004 …: a date, not a name
		}
		if t.word || r.doc.Tokens[j].Kind == segment.Number {
			if j > i && r.toks[j-1].marker == mQuantity && r.toks[j].marker == mPrep {
				continue // عدد من الشهود، أحد المسؤولين
			}
			if j > i && r.isStop(j, i) {
				break
			}
			end = j + 1
			if m, ok := r.entityAt(j); ok && m.Type == pipeline.Person && !r.genitive(m) {
				// a person's name ends the phrase
				for end < limit && r.tokStart(end) < m.End {
					end++
				}
				break
			}
			continue
		}
		switch t.punct {
		case "»", "”", ")":
			end = j + 1
			continue
		case "«", "\"", "“":
			if n := r.quoteLen(r.doc.Tokens[j].Sentence, j, opener(t.punct)); n <= 4 && j+n+1 < limit {
				continue // a quoted name: وكالة «روسكوزموس»
			}
		case "(", "-", "–":
			continue
		case "،", ",":
			if gap {
				continue
			}
			if j+1 < limit {
				if m, ok := r.entityAt(j + 1); ok && m.Type == pipeline.Person {
					continue
				}
			}
		}
		break
	}
	// drop trailing punctuation, keeping balanced quotes
	for end > i && r.toks[end-1].punct != "" && r.toks[end-1].punct != "»" && r.toks[end-1].punct != "”" && r.toks[end-1].punct != ")" {
		end--
	}
	return i, end
}

func (r *run) tokStart(j int) int {
	s, _ := r.doc.TokenSpan(j, j+1)
	return s
}

// entityAt returns the source-type entity mention that starts within token j.
func (r *run) entityAt(j int) (pipeline.Mention, bool) {
	s, e := r.doc.TokenSpan(j, j+1)
	k := sort.Search(len(r.ents), func(k int) bool { return r.ents[k].Start >= s })
	if k < len(r.ents) && r.ents[k].Start < e {
		return r.ents[k], true
	}
	return pipeline.Mention{}, false
}

// entityEndingAt returns the entity mention that covers the end of token j.
func (r *run) entityEndingAt(j int) (pipeline.Mention, bool) {
	_, e := r.doc.TokenSpan(j, j+1)
	for k := len(r.ents) - 1; k >= 0; k-- {
		m := r.ents[k]
		if m.Start < e && m.End >= e {
			if m.Type == pipeline.NORP {
				break // الرئيس الأمريكي قال: an adjective, not the source
			}
			return m, true
		}
		if m.End < e {
			break
		}
	}
	return pipeline.Mention{}, false
}

// source builds the source for tokens [a,b) and links it to an entity.
func (r *run) source(a, b int) source {
	sp := r.span(a, b)
	src := source{span: sp}
	// the document heads pass the source on to their author:
	// البيانات التي نشرها البنك المركزي
	if r.toks[a].head == hDocument {
		for j := a + 1; j < a+4 && j+1 < len(r.toks); j++ {
			t := r.toks[j]
			if t.marker == mRelative {
				if x, y := r.phrase(j+2, r.doc.Sentences[r.doc.Tokens[a].Sentence].TokEnd, false); y > x {
					return r.source(x, y)
				}
				break
			}
			if t.marker == mPrep && j > a+1 { // تقرير صادر عن …
				if x, y := r.phrase(j+1, r.doc.Sentences[r.doc.Tokens[a].Sentence].TokEnd, false); y > x {
					return r.source(x, y)
				}
				break
			}
			if !t.word {
				break
			}
		}
	}
	var person, other *pipeline.Mention
	k := sort.Search(len(r.ents), func(k int) bool { return r.ents[k].End > sp.Start })
	for ; k < len(r.ents) && r.ents[k].Start < sp.End; k++ {
		m := &r.ents[k]
		switch {
		case m.Type == pipeline.Person && r.genitive(*m):
			// مستشار بوتين: the advisor speaks, not Putin
		case m.Type == pipeline.Person:
			person = m
		case m.Type == pipeline.NORP && (m.Start > sp.Start || m.End < sp.End):
			// مسؤولون أمريكيون: a nationality qualifies the source, it is
			// not the source
		case other == nil && r.headsBefore(a, b, m.Start):
			other = m
		}
	}
	if person == nil {
		person = other
	}
	if person != nil {
		src.id, src.canon, src.wd = person.ID, person.Canonical, person.Wikidata
	}
	return src
}

// headsBefore reports whether the tokens of [a,b) before offset o are all
// source heads (صحيفة، المتحدث باسم), so that the entity at o is the source.
func (r *run) headsBefore(a, b, o int) bool {
	for j := a; j < b; j++ {
		s, e := r.doc.TokenSpan(j, j+1)
		if e > o {
			return s <= o // the entity starts in this token
		}
		if r.toks[j].head == 0 && r.toks[j].marker != mLink {
			return false
		}
	}
	return true
}

// sourceBefore finds a source phrase standing right before the cue at i
// (بوتين قال، الخبراء يقولون).
func (r *run) sourceBefore(si, i int) source {
	d := r.doc
	lo := d.Sentences[si].TokStart
	if i-1 < lo {
		return source{}
	}
	if n := i + r.toks[i].cueLen; n < d.Sentences[si].TokEnd && r.toks[n].marker == mInWhich {
		// رسالة بعث بها إلى ميركل أشار فيها: a relative clause on the noun
		// before the cue, whose pronoun follows it
		return source{}
	}
	if p := r.toks[i-1].punct; p == "،" || p == "," {
		// وزير الخارجية، الذي وصل أمس، أكد: the phrase before a relative
		// clause set off by commas
		for j := i - 2; j > lo && j >= i-window; j-- {
			if r.toks[j].cue != nil || r.toks[j].that {
				break
			}
			if r.toks[j].marker == mRelative {
				if q := r.toks[j-1].punct; (q == "،" || q == ",") && j-1 > lo {
					return r.before1(si, j-1)
				}
				break
			}
		}
		return source{}
	}
	return r.before1(si, i)
}

// before1 finds a source phrase ending right before token i.
func (r *run) before1(si, i int) source {
	d := r.doc
	lo := d.Sentences[si].TokStart
	if r.toks[i-1].marker == mRelative && i-2 >= lo {
		// رايس التي قالت إنّ: the phrase before the relative pronoun
		if m, ok := r.entityEndingAt(i - 2); ok && !r.inPP(m) {
			return source{span: pipeline.Span{Start: m.Start, End: m.End}, id: m.ID, canon: m.Canonical, wd: m.Wikidata}
		}
		return source{}
	}
	if m, ok := r.entityEndingAt(i - 1); ok && !r.inPP(m) {
		_, e := d.TokenSpan(i-1, i)
		if m.End <= e {
			s := source{span: pipeline.Span{Start: m.Start, End: m.End}, id: m.ID, canon: m.Canonical, wd: m.Wikidata}
			return s
		}
	}
	start := -1
	for j := i - 1; j >= lo && j >= i-5; j-- {
		t := r.toks[j]
		if !t.word || t.marker != 0 || t.that || t.cue != nil || t.prep {
			break
		}
		if t.head != 0 {
			start = j
		}
	}
	if start < 0 {
		return source{}
	}
	return r.source(start, i)
}

// before is the clause before token end (exclusive) in sentence si, for a
// claim whose cue follows it: "… كما يقول الخبراء".
func (r *run) before(si, end int) (pipeline.Span, bool) {
	s := r.doc.Sentences[si]
	start := s.TokStart
	for end > start {
		t := r.toks[end-1]
		if (t.punct != "" && t.punct != "»" && t.punct != "”" && t.punct != ")") || t.marker == mFiller || t.marker == mAs || r.isConjOnly(end-1) {
			end--
			continue
		}
		break
	}
	// the claim starts after the last complementizer, colon or semicolon:
	// قالت المراسلة إن [الأسير يعاني …] بحسب شهادة محاميه
	for j := end - 1; j > start; j-- {
		if t := r.toks[j]; (t.that && t.bareTh) || t.punct == ":" || t.punct == "؛" {
			if end-(j+1) >= 2 {
				start = j + 1
			}
			break
		}
	}
	for start < end && r.toks[start].punct != "" && opener(r.toks[start].punct) == "" {
		start++
	}
	if end-start < 2 {
		return pipeline.Span{}, false
	}
	return r.span(start, end), true
}

// according handles وفقًا لـ، بحسب … at token i.
func (r *run) according(si, i int) (pipeline.Attribution, bool) {
	d := r.doc
	t := r.toks[i]
	sent := d.Sentences[si]
	j := i + t.cueLen
	if n := t.cue.next; n != "" && n != "ل-" {
		j++ // نقلًا عن، استنادًا إلى: the required word belongs to the cue
	}
	// بحسب ما ذكرت الوكالة: the verb after ما
	verb := false
	if j < sent.TokEnd {
		if r.toks[j].marker == mWhat {
			j++
		}
		if j < sent.TokEnd && r.verbAt(j) {
			j, verb = j+1, true
		}
	}
	if j >= sent.TokEnd {
		return pipeline.Attribution{}, false
	}
	if !r.toks[j].word {
		return pipeline.Attribution{}, false
	}
	var a, b int
	if verb {
		a, b = r.phrase(j, sent.TokEnd, false) // حسب ما أعلن اليوم النادي
	} else {
		a, b = r.phraseFrom(j, sent.TokEnd, false)
	}
	if b <= a {
		return pipeline.Attribution{}, false
	}
	// the proclitic ل of وفقًا لـX is no part of the source
	src := r.source(a, b)
	if first := r.span(a, a+1); src.span.Start > first.Start {
		// a document's author: وفقًا لتقرير صادر عن منظمة الصحة
		if e := r.tokenAfter(src.span); e > b {
			b = e
		}
	} else if r.toks[i].cue.next == "ل-" && a == i+t.cueLen {
		key := d.TokenKey(a)
		if key == prepLam {
			a++
			if b <= a {
				return pipeline.Attribution{}, false
			}
			src = r.source(a, b)
		} else if hasPrefix(key, prepLam+prepLam) {
			// للبيانات: the ل of the contraction stays (as for mentions)
		} else {
			ls, le := d.Span(d.Tokens[a].Start+len(prepLam), d.Tokens[b-1].End)
			src.span = pipeline.Span{Start: ls, End: le}
			if src.id == "" {
				if s2 := r.source(a, b); s2.id != "" {
					src.id, src.canon, src.wd = s2.id, s2.canon, s2.wd
				}
			}
		}
	}
	if !verb && !r.credible(a, b, src) {
		return pipeline.Attribution{}, false
	}
	content, ok := r.around(si, i, b)
	if !ok {
		return pipeline.Attribution{}, false
	}
	return r.record(si, i, AccordingTo, src, content, false), true
}

// around is the claim an according phrase from token i to token b
// (exclusive) attaches to: the clause after it when the phrase opens the
// sentence or stands between dashes or brackets, else the clause before.
func (r *run) around(si, i, b int) (pipeline.Span, bool) {
	pre, preOK := r.before(si, i)
	post, postOK := r.after(si, b)
	switch {
	case !preOK && !postOK:
		return pipeline.Span{}, false
	case !preOK:
		return post, true
	case !postOK:
		return pre, true
	case r.parenthetical(i, b) || r.opensSentence(si, i) || r.quoteAt(post.Start):
		return post, true
	}
	return pre, true
}

// verbAt reports whether token j is a speech verb, possibly with an object
// pronoun (ذكرته، أوردتها).
func (r *run) verbAt(j int) bool {
	if c := r.toks[j].cue; c != nil && c.role == Verb {
		return true
	}
	k := r.doc.TokenKey(j)
	for _, e := range [...]string{encHu, encHa} {
		if hasPrefix(k, e) {
			continue
		}
		if strings.HasSuffix(k, e) {
			if cs := r.lex.cues[k[:len(k)-len(e)]]; len(cs) > 0 && cs[len(cs)-1].role == Verb {
				return true
			}
		}
	}
	return false
}

// credible reports whether the phrase [a,b) can be a source of an according
// phrase: an entity, or a source head (بحسب المصادر، وفقًا للبيانات), not a
// plan or a law (وفقًا للخطة).
func (r *run) credible(a, b int, src source) bool {
	if src.id != "" {
		return true
	}
	// the head of the phrase, after a quantity word (أحد المسؤولين، عدد من
	// الشهود): بحسب خطة الحكومة is a plan, not a source
	j := a
	for j < b && (r.toks[j].marker == mQuantity || r.toks[j].marker == mPrep) {
		j++
	}
	if j >= b {
		return false
	}
	if r.toks[j].head != 0 {
		return true
	}
	_, ok := r.entityAt(j)
	return ok
}

// tokenAfter is the index of the first token starting at or after the end
// of span s.
func (r *run) tokenAfter(s pipeline.Span) int {
	i := sort.Search(len(r.doc.Tokens), func(i int) bool { return r.tokStart(i) >= s.End })
	return i
}

// after is the clause from token k to the end of sentence si, skipping a
// relative clause on the source and the punctuation that closes the phrase.
func (r *run) after(si, k int) (pipeline.Span, bool) {
	s := r.doc.Sentences[si]
	for k < s.TokEnd && r.toks[k].punct != "" && opener(r.toks[k].punct) == "" {
		k++
	}
	for k < s.TokEnd && (r.toks[k].marker == mThen) {
		k++
	}
	if k >= s.TokEnd {
		return pipeline.Span{}, false
	}
	c, ok := r.rest(si, k)
	if !ok || r.sentenceEnd(si)-k < 2 {
		return pipeline.Span{}, false
	}
	if r.toks[k].marker == mRelative {
		return pipeline.Span{}, false
	}
	return c, true
}

// parenthetical reports whether the phrase [i,b) stands between dashes or
// brackets.
func (r *run) parenthetical(i, b int) bool {
	if i == 0 || b >= len(r.toks) {
		return false
	}
	p := r.toks[i-1].punct
	switch p {
	case "-", "–", "—", "(":
		return true
	}
	return false
}

// opensSentence reports whether only a conjunction or punctuation precedes
// token i in its sentence.
func (r *run) opensSentence(si, i int) bool {
	for j := r.doc.Sentences[si].TokStart; j < i; j++ {
		if r.toks[j].word && !r.isConjOnly(j) {
			return false
		}
	}
	return true
}

// firstActor is the first person or organization mention of the clause
// of sentence si that holds token i, not inside a prepositional phrase.
func (r *run) firstActor(si, i int) source {
	lo := r.clauseStart(si, i)
	s := r.tokStart(lo)
	e := r.tokStart(i)
	k := sort.Search(len(r.ents), func(k int) bool { return r.ents[k].Start >= s })
	for ; k < len(r.ents) && r.ents[k].End <= e; k++ {
		m := r.ents[k]
		if (m.Type == pipeline.Person || m.Type == pipeline.Org) && !r.inPP(m) {
			return source{span: pipeline.Span{Start: m.Start, End: m.End}, id: m.ID, canon: m.Canonical, wd: m.Wikidata}
		}
	}
	return source{}
}

// clauseStart is the first token of the clause of sentence si that holds
// token i: after the last semicolon, complementizer or clause word before it.
func (r *run) clauseStart(si, i int) int {
	lo := r.doc.Sentences[si].TokStart
	for j := i - 1; j > lo; j-- {
		t := r.toks[j]
		if t.punct == "؛" || t.punct == ";" || t.punct == ":" || t.that || t.marker == mClause {
			return j + 1
		}
	}
	return lo
}

// inPP reports whether mention m stands in a prepositional phrase: after a
// preposition, or with a proclitic ب ل ك glued to it.
func (r *run) inPP(m pipeline.Mention) bool {
	j := r.tokenAfter(pipeline.Span{End: m.Start})
	if j > 0 && j < len(r.toks) && r.tokStart(j) > m.Start {
		j-- // the mention starts inside a token: a proclitic precedes it
	}
	if j < len(r.toks) && r.tokStart(j) < m.Start {
		k := r.doc.TokenKey(j)
		if strings.HasPrefix(k, prepBa) || strings.HasPrefix(k, prepLam) || strings.HasPrefix(k, prepKaf) ||
			strings.HasPrefix(k, conjWa+prepBa) || strings.HasPrefix(k, conjWa+prepLam) {
			return true
		}
	}
	if j > 0 {
		p := r.toks[j-1]
		if p.marker == mPrep || p.marker == mStop && p.word {
			return true
		}
	}
	return false
}

// masdar reports whether the cue word at token i is a verbal noun, as after
// عدم or ضرورة (طالبًا عدم كشف هويته).
func (r *run) masdar(i int) bool {
	return i > 0 && r.toks[i-1].marker == mNonclausal && r.doc.Tokens[i-1].Sentence == r.doc.Tokens[i].Sentence
}

// firstHead is the source phrase whose head is among the first words of
// sentence si (after its opening verb), before token i.
func (r *run) firstHead(si, i int) source {
	s := r.doc.Sentences[si]
	for j := s.TokStart + 1; j < i && j <= s.TokStart+2; j++ {
		t := r.toks[j]
		if !t.word || t.prep || t.marker != 0 {
			return source{}
		}
		if t.head != 0 && t.head != hDocument {
			if a, b := r.phrase(j, i, false); b > a {
				return r.source(a, b)
			}
			return source{}
		}
	}
	return source{}
}

func closerOf(p string) string {
	switch p {
	case "»":
		return "«"
	case "”":
		return "“"
	case "\"":
		return "\""
	}
	return ""
}

// quoteBefore returns the quote that closes right before the cue at token i,
// with a comma between («…»، قال الوزير), opened in the same paragraph.
func (r *run) quoteBefore(si, i int) (pipeline.Span, bool) {
	d := r.doc
	j := i - 1
	if j < 1 || (r.toks[j].punct != "،" && r.toks[j].punct != ",") {
		return pipeline.Span{}, false
	}
	j--
	open := closerOf(r.toks[j].punct)
	if open == "" {
		return pipeline.Span{}, false
	}
	para := d.Sentences[si].Paragraph
	for k := j - 1; k >= 0; k-- {
		if d.Sentences[d.Tokens[k].Sentence].Paragraph != para {
			break
		}
		if r.toks[k].punct == open {
			if j-k-1 < minQuote {
				break
			}
			return r.span(k, j+1), true
		}
		if r.toks[k].punct == r.toks[j].punct && open != r.toks[j].punct {
			break // an earlier quote closes here
		}
	}
	return pipeline.Span{}, false
}

// endsClause reports whether token j ends a clause: the sentence's end, or a
// punctuation mark.
func (r *run) endsClause(j int) bool {
	if j >= len(r.toks) || r.doc.Tokens[j].Sentence != r.doc.Tokens[j-1].Sentence {
		return true
	}
	return r.toks[j].punct != "" && opener(r.toks[j].punct) == ""
}

// credibleSpan reports whether a speaker found by a cue that reported
// nothing starts with an entity or a source head.
func (r *run) credibleSpan(src source) bool {
	if src.id != "" {
		return true
	}
	a := r.tokenAfter(pipeline.Span{End: src.span.Start})
	if a >= len(r.toks) {
		return false
	}
	if _, ok := r.entityAt(a); ok {
		return true
	}
	return r.toks[a].head != 0 && r.toks[a].head != hDocument
}

// colonBefore reports whether a colon stands right before the content span.
func (r *run) colonBefore(c pipeline.Span) bool {
	k := r.tokenAfter(pipeline.Span{End: c.Start})
	return k > 0 && r.toks[k-1].punct == ":"
}

// quoteAt reports whether a quote opens at original offset o.
func (r *run) quoteAt(o int) bool {
	k := r.tokenAfter(pipeline.Span{End: o})
	return k < len(r.toks) && r.tokStart(k) == o && opener(r.toks[k].punct) != ""
}

func isDash(p string) bool { return p == "-" || p == "–" || p == "—" }

// closerIn returns the token that closes the quote opening at token q,
// before token hi, or -1.
func (r *run) closerIn(q, hi int) int {
	cl := opener(r.toks[q].punct)
	for j := q + 1; j < hi; j++ {
		if r.toks[j].punct == cl {
			return j
		}
	}
	return -1
}

// genitive reports whether mention m is the genitive of a bare head noun
// right before it (مستشار بوتين، نائب بايدن): the phrase names someone
// else.
func (r *run) genitive(m pipeline.Mention) bool {
	j := r.tokenAfter(pipeline.Span{End: m.Start})
	if j == 0 || j >= len(r.toks) || r.tokStart(j) != m.Start {
		return false
	}
	p := r.toks[j-1]
	return p.word && p.head != 0 && p.head != hMedia && !strings.HasPrefix(r.doc.TokenKey(j-1), article)
}
