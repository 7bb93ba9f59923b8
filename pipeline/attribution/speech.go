package attribution

// Speech cues: verbs and participles that report content (قال، أكد،
// قائلًا), their source and their content.

import (
	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/segment"
)

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
		if as && !src.empty() && (r.credibleSpan(src) || r.shortAtEnd(src)) {
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
	if src.empty() && t.cue.role == Verb && t.conj == 0 {
		// (a cue with its conjunction, وقال, starts a clause: the phrase
		// before it belongs to the previous one)
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
		if t.cue != nil && (j > from || t.cue.role == Participle) && t.cue.role != According && !r.masdar(j) {
			// another cue takes over (وتابع قائلًا: the participle reports)
			return "", 0, pipeline.Span{}, false
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

// quoteBefore returns the quote that closes right before the cue at token i,
// with or without a comma between («…»، قال الوزير), opened in the same
// paragraph.
func (r *run) quoteBefore(si, i int) (pipeline.Span, bool) {
	d := r.doc
	j := i - 1
	if j >= 1 && (r.toks[j].punct == "،" || r.toks[j].punct == ",") {
		j-- // «…»، قال (or without the comma: «…» قال)
	}
	if j < 1 {
		return pipeline.Span{}, false
	}
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
			if j-k-1 < minQuote || k > 0 && (r.toks[k-1].marker == mPrep || r.doc.Tokens[k-1].Kind == segment.Word && len(r.doc.TokenKey(k-1)) == len(prepBa)) {
				break // a quoted phrase after a preposition (بـ«…»)
			}
			return r.span(k, j+1), true
		}
		if r.toks[k].punct == r.toks[j].punct && open != r.toks[j].punct {
			break // an earlier quote closes here
		}
	}
	return pipeline.Span{}, false
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

// shortAtEnd reports whether a source phrase of a few words closes its
// clause (… كما يقول التجار.), as a source named in passing does.
func (r *run) shortAtEnd(src source) bool {
	a := r.tokenAfter(pipeline.Span{End: src.span.Start})
	b := r.tokenAfter(src.span)
	return b-a <= 4 && r.endsClause(b)
}
