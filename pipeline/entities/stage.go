package entities

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/segment"
)

// Rule names: what produced a mention (lexicon mentions carry file:line).
const (
	RuleTitle     = "entities/title"       // a person after a title (الرئيس X)
	RuleGiven     = "entities/given-name"  // a known given name and the words after it
	RuleParticle  = "entities/particle"    // X بن Y, أبو X
	RuleSubject   = "entities/subject"     // a name after a speech verb or a nationality
	RuleCoord     = "entities/coordinated" // و + a given name and a family name after a person (رونالدو وبول سكولز)
	RuleTrigger   = "entities/trigger"     // an organization or place after a trigger (شركة X)
	RuleHead      = "entities/head"        // a name with its head (وزارة الخارجية، السفارة الأمريكية)
	RuleLanguage  = "entities/language"    // a language after a language trigger
	RuleCoref     = "entities/coref"       // a short form of a name mentioned earlier
	RuleQuoted    = "entities/quoted"      // a name in quotes after a trigger
	lexPriority   = 2
	rulePriority  = 1
	maxNameTokens = 4
	// maxPersonTokens bounds a person's name found by a rule: Arabic names
	// chain particles (خالد بن عبد الرحمن آل ثاني)
	maxPersonTokens = 7
)

// Recognizer is the entity stage. It holds only the read-only lexicon.
type Recognizer struct {
	lex *Lexicon
	// states recycles the per-document working buffers between documents
	// (and goroutines): it holds no document data once Recognize returns.
	states sync.Pool
}

// New loads the entity lexicons of set and returns the stage. It is the
// constructor the engine calls, once per pipeline.
func New(set *lexicons.Set) (pipeline.Stage, error) {
	lex, err := Load(set)
	if err != nil {
		return nil, fmt.Errorf("entity lexicons: %w", err)
	}
	return NewRecognizer(lex), nil
}

// NewRecognizer returns the stage for a loaded lexicon.
func NewRecognizer(lex *Lexicon) *Recognizer { return &Recognizer{lex: lex} }

// Name implements pipeline.Stage.
func (*Recognizer) Name() string { return "entities" }

// Process implements pipeline.Stage: it adds the entity mentions of doc.
func (r *Recognizer) Process(doc *pipeline.Document) error {
	doc.Mentions = append(doc.Mentions, r.Recognize(doc)...)
	return nil
}

// span is a mention under construction, over tokens [i,j).
type span struct {
	i, j       int
	start, end int // light-form byte offsets
	typ        pipeline.Kind
	entry      int32 // lexicon entry, or -1
	form       Form
	id         string
	canonical  string
	wikidata   string
	rule       string
	prio       int
	dead       bool
}

// trigMatch is a trigger found at a token.
type trigMatch struct {
	end int      // token after the trigger
	t   *trigger // into the lexicon
}

// state is the per-document working state.
type state struct {
	lex   *Lexicon
	doc   *pipeline.Document
	keys  []string
	cover []int32 // token -> span index, or -1
	spans []span
	trig  []trigMatch // per token: a trigger starting there (end == 0: none)
	given []int8      // per token: givenAt, or -1 when not computed yet
	// noFilter: look up keys that are not lexicon keys (document aliases)
	noFilter bool
	// bareN is what the has function of the last mayHave returned for the
	// bare word (0: no match, or not looked up)
	bareN  uint8
	flags  []uint8  // per token: flagHead, flagGiven
	vh     []uint32 // per token: hashes of its first three readings (see variantHashes)
	abuf   []segment.Analysis
	sbuf   []segment.Analysis
	kbuf   []byte
	seen   map[int32]bool // entries mentioned unambiguously so far
	locals map[string]int // doc-local id -> span that defined it
}

// Recognize returns the entity mentions of a prepared (normalized and
// segmented) document.
func (r *Recognizer) Recognize(doc *pipeline.Document) []pipeline.Mention {
	n := len(doc.Tokens)
	st, _ := r.states.Get().(*state)
	if st == nil {
		st = &state{abuf: make([]segment.Analysis, 0, 16), kbuf: make([]byte, 0, 128), seen: make(map[int32]bool, 64)}
	}
	defer r.states.Put(st)
	st.reset(r.lex, doc, n)
	for i, tk := range doc.Tokens {
		st.keys[i] = doc.TokenKey(i)
		st.cover[i] = -1
		st.given[i] = -1
		if tk.Kind == segment.Word || tk.Kind == segment.Latin {
			st.hashVariants(i)
		}
	}
	st.findTriggers()
	st.matchLexicon()
	st.ruleTitles()
	st.ruleTriggers()
	st.ruleGivenNames()
	st.ruleParticles()
	st.ruleSubjects()
	st.ruleCoordinated()
	st.corefShortForms()
	out := make([]pipeline.Mention, 0, len(st.spans))
	for _, s := range st.spans {
		if s.dead {
			continue
		}
		os, oe := doc.Span(s.start, s.end)
		if oe <= os {
			continue
		}
		out = append(out, pipeline.Mention{Start: os, End: oe, Type: s.typ, ID: s.id,
			Canonical: s.canonical, Wikidata: s.wikidata, Rule: s.rule, Priority: s.prio})
	}
	st.doc = nil
	clear(st.keys) // no references to the document stay in the pool
	return out
}

// reset prepares st for a document of n tokens, reusing its buffers.
func (st *state) reset(lex *Lexicon, doc *pipeline.Document, n int) {
	st.lex, st.doc, st.noFilter = lex, doc, false
	st.keys = grow(st.keys, n)
	st.cover = grow(st.cover, n)
	st.trig = grow(st.trig, n)
	st.given = grow(st.given, n)
	st.flags = grow(st.flags, n)
	st.vh = grow(st.vh, maxVariants*n)
	clear(st.trig)
	clear(st.flags)
	clear(st.vh)
	if cap(st.spans) < n/8+16 {
		st.spans = make([]span, 0, n/8+16)
	}
	clear(st.spans[:cap(st.spans)]) // drop the strings of the last document
	st.spans = st.spans[:0]
	clear(st.seen)
}

// grow returns s with length n, reusing its array when it is large enough.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// sameSentence reports whether token j exists and is in the sentence of i.
func (st *state) sameSentence(i, j int) bool {
	return j < len(st.doc.Tokens) && st.doc.Tokens[j].Sentence == st.doc.Tokens[i].Sentence
}

// analyses returns the clitic readings of token i usable for names: the
// bare token, then proclitic readings whose stem keeps three letters. Names
// take no pronoun suffix, so readings with one are left out.
func (st *state) analyses(i int) []segment.Analysis {
	return st.analysesIf(i, nil)
}

// proclitic reports whether the first letter of k (a key) may be a
// proclitic (و ف ب ك ل س), returning its byte length.
func proclitic(k string) int {
	if len(k) < 2 || k[0] != 0xD9 && k[0] != 0xD8 {
		return 0
	}
	switch k[:2] {
	case "و", "ف", "ب", "ك", "ل", "س":
		return 2
	}
	return 0
}

// mayHave reports whether some proclitic reading of key k could have a
// stem that has(stem) accepts: it tries k, k without one or two leading
// proclitic letters, and the ل+ال contraction, without running the full
// analysis. It lets most tokens skip segment.Analyze.
func (st *state) mayHave(i int, k string, has func(string) uint8) (bare, stripped bool) {
	useF := !st.noFilter
	if useF && st.flags[i]&flagHead == 0 {
		return false, false
	}
	f := st.lex.filter
	vh := st.vh[i*maxVariants : (i+1)*maxVariants]
	pass := func(idx int) bool { return !useF || f.mayContainHash(vh[idx]) }
	st.bareN = 0
	if pass(0) {
		st.bareN = has(k)
	}
	bare = st.bareN > 0
	if st.doc.Tokens[i].Kind != segment.Word {
		return bare, false
	}
	// the readings in the order variantHashes hashed them
	idx, off := 1, 0
	for n := 0; n < 2; n++ {
		p := proclitic(k[off:])
		if p == 0 || len(k)-off-p < 4 {
			break
		}
		if k[off:off+p] == "ل" && strings.HasPrefix(k[off+p:], "ل") {
			if pass(idx) {
				st.kbuf = append(append(st.kbuf[:0], "ال"...), k[off+2*p:]...)
				if has(string(st.kbuf)) > 0 {
					return bare, true
				}
			}
			idx++
		}
		off += p
		if pass(idx) && has(k[off:]) > 0 {
			return bare, true
		}
		idx++
	}
	return bare, false
}

// Token flags, from the hashes of the token's proclitic readings.
const (
	flagHead  uint8 = 1 << iota // a reading may start a name or a trigger
	flagGiven                   // a reading may be a given name
	flagTrig                    // a reading may start a trigger
)

// maxVariants bounds the proclitic readings hashed per token.
const maxVariants = 5

// hashVariants hashes the proclitic readings of token i (the token, the
// token without one or two proclitic letters, the ل+ال contraction) and sets
// the token's flags from the lexicon filters.
func (st *state) hashVariants(i int) {
	var arr [maxVariants]uint32
	hs := st.variantHashes(i, arr[:0])
	copy(st.vh[i*maxVariants:(i+1)*maxVariants], hs)
	var fl uint8
	for _, h := range hs {
		if st.lex.filter.mayContainHash(h) {
			fl |= flagHead
		}
		if st.lex.givenFilter.mayContainHash(h) {
			fl |= flagGiven
		}
		if st.lex.trigFilter.mayContainHash(h) {
			fl |= flagTrig
		}
	}
	st.flags[i] = fl
}

// variantHashes appends the hashes of token i's proclitic readings to hs.
func (st *state) variantHashes(i int, hs []uint32) []uint32 {
	k := st.keys[i]
	if st.doc.Tokens[i].Kind != segment.Word {
		return append(hs, hashKey(k))
	}
	// one backward pass; at[o] is the running hash of k[o:] for the
	// offsets where a reading may start (proclitic letters are 2 bytes)
	var at [7]uint32
	h := hashSeed
	for j := len(k) - 1; j >= 0; j-- {
		h = hashStep(h, k[j])
		if j < len(at) {
			at[j] = h
		}
	}
	hs = append(hs, hashFinish(h))
	off := 0
	for n := 0; n < 2; n++ {
		p := proclitic(k[off:])
		if p == 0 || len(k)-off-p < 4 {
			break
		}
		if k[off:off+p] == "ل" && strings.HasPrefix(k[off+p:], "ل") {
			// "ال" + k[off+4:]: extend the hash of the rest by ا ل
			h := at[off+2*p]
			for _, c := range [...]byte{0x84, 0xD9, 0xA7, 0xD8} { // "ال" backwards
				h = hashStep(h, c)
			}
			hs = append(hs, hashFinish(h))
		}
		off += p
		hs = append(hs, hashFinish(at[off]))
	}
	return hs
}

// analysesIf is analyses, skipping the analysis (and returning nil) when
// no reading can satisfy has; nil has accepts every token.
func (st *state) analysesIf(i int, has func(string) uint8) []segment.Analysis {
	tk := st.doc.Tokens[i]
	k := st.keys[i]
	stripped := true
	if has != nil {
		var bare bool
		bare, stripped = st.mayHave(i, k, has)
		if !bare && !stripped {
			return nil
		}
	}
	if tk.Kind != segment.Word || !stripped {
		// only the unstripped reading can match: it is the first reading
		// segment.Analyze returns, built here without the rest
		st.abuf = append(st.abuf[:0], segment.Analysis{Stem: k, SpanEnd: len(k),
			Article: tk.Kind == segment.Word && strings.HasPrefix(k, "ال") && utf8.RuneCountInString(k) > 3})
		return st.abuf
	}
	all := segment.Analyze(k, st.abuf)
	out := all[:0]
	for ai, a := range all {
		if a.Enc != "" {
			continue
		}
		if ai > 0 && runeCount(a.Stem) < 3 {
			continue
		}
		out = append(out, a)
	}
	st.abuf = all
	return out
}

func runeCount(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}

// walkGrams extends the n-gram that starts at token i, its first word read
// as stem, one token at a time up to maxN tokens within the sentence, for as
// long as the lexicon has it as an entry of kind want or as the start of a
// longer one; visit gets every length n whose n-gram (key, in st.kbuf) is an
// entry of kind want. The one-word gram is taken as an entry: callers only
// walk from stems the lexicon lists as first words.
func (st *state) walkGrams(i int, stem string, maxN int, want uint8, visit func(n int, key []byte)) {
	st.kbuf = append(st.kbuf[:0], stem...)
	for n := 1; n <= maxN; n++ {
		g := want
		if n > 1 {
			j := i + n - 1
			if !st.sameSentence(i, j) {
				return
			}
			st.kbuf = append(st.kbuf, ' ')
			st.kbuf = append(st.kbuf, st.keys[j]...)
			if g = st.lex.grams[string(st.kbuf)]; g&(want|gramPrefix) == 0 {
				return // neither an entry nor the start of one
			}
		}
		if g&want != 0 {
			visit(n, st.kbuf)
		}
		if n > 1 && g&gramPrefix == 0 {
			return
		}
	}
}

// findTriggers records, for every token, the longest trigger starting there
// (on any clitic reading: لشركة، وزير with و).
func (st *state) findTriggers() {
	lex := st.lex
	has := func(s string) uint8 { return lex.trigFirst[s] }
	for i, tk := range st.doc.Tokens {
		if tk.Kind != segment.Word || st.flags[i]&flagTrig == 0 {
			continue
		}
		for _, a := range st.analysesIf(i, has) {
			maxN := int(lex.trigFirst[a.Stem])
			if maxN == 0 {
				continue
			}
			st.walkGrams(i, a.Stem, maxN, gramTrigger, func(n int, key []byte) {
				if ts, ok := lex.triggers[string(key)]; ok && i+n > st.trig[i].end {
					st.trig[i] = trigMatch{end: i + n, t: &ts[0]}
				}
			})
		}
	}
}

// triggerBefore returns the trigger that ends right before token i, or
// before a nationality right before it (العاصمة الأردنية عمان).
func (st *state) triggerBefore(i int) (trigger, bool) {
	if t, ok := st.triggerEndingAt(i); ok {
		return t, true
	}
	if i > 0 {
		if c := st.cover[i-1]; c >= 0 && st.spans[c].typ == pipeline.NORP && st.spans[c].j == i {
			return st.triggerEndingAt(st.spans[c].i)
		}
	}
	return trigger{}, false
}

func (st *state) triggerEndingAt(i int) (trigger, bool) {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if st.trig[k].end == i {
			return *st.trig[k].t, true
		}
	}
	return trigger{}, false
}

// add records a span and covers its tokens.
func (st *state) add(s span) int {
	idx := len(st.spans)
	st.spans = append(st.spans, s)
	for k := s.i; k < s.j; k++ {
		if c := st.cover[k]; c >= 0 && c != int32(idx) {
			st.spans[c].dead = true
			// uncover the rest of the replaced span
			for m := st.spans[c].i; m < st.spans[c].j; m++ {
				if st.cover[m] == c {
					st.cover[m] = -1
				}
			}
		}
		st.cover[k] = int32(idx)
	}
	return idx
}

// matchLexicon finds the known names: at each token, the longest n-gram
// over the token's clitic readings, left to right.
func (st *state) matchLexicon() {
	lex := st.lex
	toks := st.doc.Tokens
	has := func(s string) uint8 { return lex.first[s] }
	for i := 0; i < len(toks); {
		tk := toks[i]
		if tk.Kind == segment.Punct {
			i++
			continue
		}
		bestN, bestA := 0, segment.Analysis{}
		var bestC []cand
		st.bareN = 0
		for ai, a := range st.analysesIf(i, has) {
			var maxN int
			if ai == 0 && st.bareN > 0 && a.Stem == st.keys[i] {
				maxN = int(st.bareN) // looked up by mayHave
			} else {
				maxN = int(lex.first[a.Stem])
			}
			if maxN == 0 {
				continue
			}
			st.walkGrams(i, a.Stem, maxN, gramName, func(n int, key []byte) {
				if n > bestN {
					if cs, ok := lex.patterns[string(key)]; ok {
						bestN, bestA, bestC = n, a, cs
					}
				}
			})
		}
		if bestN == 0 {
			i++
			continue
		}
		c, ok := st.choose(i, bestN, bestA, bestC)
		if !ok {
			i++
			continue
		}
		from := st.trimTrigger(i, bestN, bestA, c)
		a := bestA
		if from > i {
			a = segment.Analysis{SpanEnd: len(st.keys[from])}
		}
		st.addLexicon(from, i+bestN, a, c)
		i += bestN
	}
}

// trimTrigger returns where a name matched over tokens [i,i+n) starts once
// an outside trigger at its head is left out (شركة غازبروم → غازبروم, إقليم
// دونباس → دونباس), as the trigger rules would find it. The trigger is
// only left out when the rest is itself a name of the same entry.
func (st *state) trimTrigger(i, n int, a segment.Analysis, c cand) int {
	tm := st.trig[i]
	if tm.end <= i || tm.end >= i+n || tm.t.span != "outside" {
		return i
	}
	st.kbuf = st.kbuf[:0]
	for k := tm.end; k < i+n; k++ {
		if k > tm.end {
			st.kbuf = append(st.kbuf, ' ')
		}
		st.kbuf = append(st.kbuf, st.keys[k]...)
	}
	for _, o := range st.lex.patterns[string(st.kbuf)] {
		if o.entry == c.entry {
			return tm.end
		}
	}
	return i
}

// choose picks the candidate a match stands for, or none when a word that
// is also a common word has no evidence.
func (st *state) choose(i, n int, a segment.Analysis, cs []cand) (cand, bool) {
	lex := st.lex
	trig, hasTrig := st.triggerBefore(i)
	// a language after a language trigger (الناطقة بالروسية), or a
	// feminine nisba made a noun by ب (يتحدث السكان بالروسية "in Russian")
	langCtx := hasTrig && trig.typ == pipeline.Language ||
		n == 1 && a.Prep == "ب" && a.Article && strings.HasSuffix(a.Stem, "يه") && !st.namesPlace(cs) ||
		// and one coordinated with it (بالعربية والكردية)
		a.Conj == "و" && i > 0 && st.cover[i-1] >= 0 && st.spans[st.cover[i-1]].typ == pipeline.Language
	score := func(c cand) int {
		e := &lex.entries[c.entry]
		s := 0
		switch c.form {
		case FormLanguage:
			if !langCtx {
				return -1
			}
			s = 100
		case FormCanonical:
			s = 30
		case FormAlias:
			s = 20
		case FormDemonym:
			s = 10
		}
		if hasTrig && compatible(trig.typ, e.Type) {
			s += 50
		}
		if st.seen[c.entry] {
			s += 5
		}
		return s
	}
	// the best-scoring candidate that needs no evidence or has it
	var tried uint64
	for range cs {
		best, bestScore := -1, -1
		for k, c := range cs {
			if k < 64 && tried&(1<<k) != 0 {
				continue
			}
			if s := score(c); s > bestScore {
				best, bestScore = k, s
			}
		}
		if best < 0 {
			return cand{}, false
		}
		tried |= 1 << (best & 63)
		c := cs[best]
		if n == 1 && c.form != FormLanguage {
			e := &lex.entries[c.entry]
			evidence := hasTrig && compatible(trig.typ, e.Type)
			if _, stop := lex.stop[a.Stem]; stop && !evidence {
				continue // a function word (كيف "how", not Kyiv)
			}
			if st.doc.Tokens[i].Kind == segment.Latin && lowerOnly(st.light(i)) && !lowerOnly(c.term) {
				continue // shell is not Shell, apple not Apple
			}
			t := e.Type
			if c.form == FormDemonym {
				t = pipeline.NORP
			}
			if (lex.needsEvidence(a.Stem, t) || lex.needsEvidence(a.Bare(), t)) && !evidence && !st.seen[c.entry] {
				continue
			}
		}
		return c, true
	}
	return cand{}, false
}

// namesPlace reports whether some candidate is a name (not a demonym) of
// a place, organization or person: بالسعودية is "in Saudi Arabia", not
// "in Saudi".
func (st *state) namesPlace(cs []cand) bool {
	for _, c := range cs {
		if (c.form == FormCanonical || c.form == FormAlias) && st.lex.entries[c.entry].Type != pipeline.NORP {
			return true
		}
	}
	return false
}

// lowerOnly reports whether s has no upper-case letter.
func lowerOnly(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// compatible reports whether a trigger for type t is evidence for an entry
// of type e.
func compatible(t, e pipeline.Kind) bool {
	if t == e {
		return true
	}
	place := func(k pipeline.Kind) bool { return k == pipeline.GPE || k == pipeline.Loc || k == pipeline.FAC }
	return place(t) && place(e)
}

func (st *state) addLexicon(i, j int, a segment.Analysis, c cand) {
	e := &st.lex.entries[c.entry]
	tk := st.doc.Tokens
	s := span{i: i, j: j, start: tk[i].Start + a.SpanStart, end: tk[j-1].End, entry: c.entry,
		form: c.form, id: e.ID, rule: e.Source, prio: lexPriority}
	if j == i+1 {
		s.end = tk[i].Start + a.SpanEnd
	}
	switch c.form {
	case FormDemonym:
		s.typ = pipeline.NORP
		s.canonical = masculine(c.term, e)
	case FormLanguage:
		s.typ = pipeline.Language
		s.rule = RuleLanguage + " " + e.Source
		if c.lang >= 0 {
			le := &st.lex.entries[c.lang]
			s.id, s.canonical, s.wikidata = le.ID, le.Canonical, le.Wikidata()
			s.rule = RuleLanguage + " " + le.Source
		} else {
			s.canonical = "ال" + femDemonym(e)
			s.id = "naba:language:" + e.ID
			if e.Type == pipeline.NORP {
				s.canonical = c.term
			}
		}
	default:
		s.typ = e.Type
		s.canonical = e.Canonical
		s.wikidata = e.Wikidata()
		if e.Type == pipeline.NORP {
			s.wikidata = ""
		}
	}
	if st.seen == nil {
		st.seen = map[int32]bool{}
	}
	st.seen[c.entry] = true
	st.add(s)
}

// masculine returns the masculine singular of the demonym term a NORP
// mention was matched through, in its own spelling (أميركي for أميركيون), or
// the entry's first demonym when the term is a broken plural (روس).
func masculine(term string, e *Entry) string {
	words := strings.Fields(term)
	for i, w := range words {
		switch {
		case strings.HasSuffix(w, "ي"):
		case strings.HasSuffix(w, "ية"):
			words[i] = strings.TrimSuffix(w, "ة")
		case strings.HasSuffix(w, "يون"), strings.HasSuffix(w, "يين"):
			words[i] = w[:len(w)-len("ون")]
		default:
			if len(e.Demonyms) > 0 {
				return e.Demonyms[0]
			}
			return e.Canonical
		}
	}
	return strings.Join(words, " ")
}

// femDemonym returns the entry's feminine demonym (the second one, or the
// first with ة added).
func femDemonym(e *Entry) string {
	if len(e.Demonyms) > 1 && (strings.HasSuffix(e.Demonyms[1], "ة") || strings.HasSuffix(e.Demonyms[1], "ه")) {
		return e.Demonyms[1]
	}
	if len(e.Demonyms) > 0 {
		return e.Demonyms[0] + "ة"
	}
	return e.Canonical
}
