package attribution

// According phrases: وفقًا لـ، بحسب، نقلًا عن، على حد قول.

import (
	"strings"

	"github.com/naba-nlp/naba/pipeline"
)

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
		// بحسب ما، حسبما، وفق ما: a verb follows, then its subject
		what := r.toks[i+t.cueLen-1].marker == mWhat
		if r.toks[j].marker == mWhat {
			j, what = j+1, true
		}
		if j < sent.TokEnd && (r.verbAt(j) || what && r.toks[j].word && r.toks[j].head == 0 && r.toks[j].marker == 0) {
			if _, ent := r.entityAt(j); !ent {
				j, verb = j+1, true // وفق ما أظهرته بيانات الهيئة
			}
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
	for j < b && (r.toks[j].marker == mQuantity || r.toks[j].marker == mPrep || opener(r.toks[j].punct) != "" ||
		r.doc.TokenKey(j) == prepLam) {
		j++ // (and the quote marks of وفقًا لـ«رويترز»)
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
