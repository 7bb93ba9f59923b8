package attribution

// Content spans: quotes, reported clauses, and the clause an according
// phrase attaches to.

import (
	"github.com/naba-nlp/naba/pipeline"
)

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

// quoteLen counts the tokens inside the quote opening at token q.
func (r *run) quoteLen(si, q int, closer string) int {
	n := 0
	for j := q + 1; j < len(r.doc.Tokens) && n < maxQuote; j++ {
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
	for j := q + 1; j < len(d.Tokens) && j-q < maxQuote; j++ {
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
		if !separator(r.toks[end-1].punct) {
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
		if r.toks[j].marker == mAside && (r.toks[j-1].punct == "،" || r.toks[j-1].punct == "," || r.toks[j-1].punct == "؛") {
			end = j // …، وهو تغيير كبير: the writer's comment on the claim
			break
		}
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
	for end > k && (separator(r.toks[end-1].punct) || opener(r.toks[end-1].punct) != "" && !r.closesBefore(end-1, k) ||
		r.toks[end-1].marker == mFiller || r.toks[end-1].marker == mClause || r.isConjOnly(end-1)) {
		end--
	}
	if end <= k || end-k < 2 && r.toks[k].that {
		return pipeline.Span{}, false // a complementizer alone says nothing
	}
	return r.span(k, end), true
}

// before is the clause before token end (exclusive) in sentence si, for a
// claim whose cue follows it: "… كما يقول الخبراء".
func (r *run) before(si, end int) (pipeline.Span, bool) {
	s := r.doc.Sentences[si]
	start := s.TokStart
	for end > start {
		t := r.toks[end-1]
		if separator(t.punct) || opener(t.punct) != "" && !r.closesBefore(end-1, start) || t.marker == mFiller || t.marker == mAs || r.isConjOnly(end-1) {
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
	for start < end && separator(r.toks[start].punct) {
		start++
	}
	if end-start < 2 {
		return pipeline.Span{}, false
	}
	return r.span(start, end), true
}

// after is the clause from token k to the end of sentence si, skipping a
// relative clause on the source and the punctuation that closes the phrase.
func (r *run) after(si, k int) (pipeline.Span, bool) {
	s := r.doc.Sentences[si]
	for k < s.TokEnd && separator(r.toks[k].punct) {
		k++
	}
	if k < s.TokEnd && r.toks[k].marker == mRelative {
		// بحسب المسؤول، الذي تحدث شريطة عدم الكشف عن هويته، فإن …: the
		// relative clause on the source ends at a comma, or there is no claim
		j := k + 1
		for j < s.TokEnd && r.toks[j].punct != "،" && r.toks[j].punct != "," {
			j++
		}
		if j >= s.TokEnd {
			return pipeline.Span{}, false
		}
		k = j + 1
	}
	if k < s.TokEnd && (r.toks[k].marker == mStop || r.toks[k].marker == mPrep) {
		// نقلًا عن مصادر في الشرطة، ذكرت …: a prepositional phrase on the
		// source runs to a comma close by
		for j := k; j < s.TokEnd && j < k+6; j++ {
			if t := r.toks[j]; t.cue != nil || t.that || t.marker == mThen {
				break
			}
			if p := r.toks[j].punct; p == "،" || p == "," {
				k = j + 1
				break
			}
		}
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
	return c, true
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

// endsClause reports whether token j ends a clause: the sentence's end, a
// punctuation mark, or the cue of the next claim.
func (r *run) endsClause(j int) bool {
	if j >= len(r.toks) || r.doc.Tokens[j].Sentence != r.doc.Tokens[j-1].Sentence {
		return true
	}
	// a punctuation mark, or a cue that starts the next claim (…" مضيفًا)
	return separator(r.toks[j].punct) || r.toks[j].cue != nil && (r.toks[j].cue.role == Participle || r.toks[j].conj > 0)
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

// separator reports whether a punctuation token separates clauses or ends a
// sentence (and so is trimmed from the ends of a span), unlike quotes,
// brackets and signs such as %.
func separator(p string) bool {
	switch p {
	case "،", ",", ".", "؛", ";", ":", "!", "?", "؟", "-", "–", "—", "…", "۔":
		return true
	}
	return false
}

// closesBefore reports whether the straight quote at token j closes one
// opened at or after token k (then it is a closer, not a dangling opener).
func (r *run) closesBefore(j, k int) bool {
	p := r.toks[j].punct
	if opener(p) != p {
		return false // « “ always open
	}
	n := 0
	for i := k; i < j; i++ {
		if r.toks[i].punct == p {
			n++
		}
	}
	return n%2 == 1
}
