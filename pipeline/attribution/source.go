package attribution

// Source phrases and their entity links: after the cue, before it, or
// borrowed from the sentence.

import (
	"sort"
	"strings"

	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/segment"
)

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

// isStop reports whether token j ends a source phrase.
func (r *run) isStop(j, start int) bool {
	t := r.toks[j]
	if t.cue != nil || t.that {
		return true
	}
	switch t.marker {
	case mStop, mPrep, mTime, mThen, mFiller, mNonclausal, mAs, mRelative, mClause, mInWhich, mAside:
		return true
	}
	if t.head == hMedia && t.prepL {
		return true // قال لشبكة …: the addressee, not a source
	}
	// an accusative (tanween fath) after the first word is an object or an
	// adverb: كتب بوتين تعليقًا
	return j > start && r.tanween(j)
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
	definite := false // a word with the article has been seen
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
			if !gap && definite && r.indefinite(j) {
				// أعلنت الشرطة اعتقال رجل: a bare noun after a definite one
				// starts the object, unless it is a name or a title
				break
			}
			if r.hasArticle(j) {
				definite = true
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
	for k := sort.Search(len(r.ents), func(k int) bool { return r.ents[k].Start >= e }) - 1; k >= 0; k-- {
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
			if t.marker == mPrep && j > a+1 && r.toks[j-1].marker == mIssued { // تقرير صادر عن …
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
	if j < len(r.toks) && r.tokStart(j) == m.Start && r.prepArticle(j) {
		return true // للأمم المتحدة: the mention holds its preposition
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

// hasArticle reports whether token j carries the article (الشرطة، للشرطة).
func (r *run) hasArticle(j int) bool {
	k := r.doc.TokenKey(j)
	for _, p := range [...]string{article, conjWa + article, prepBa + article, prepLam + prepLam, prepKaf + article} {
		if strings.HasPrefix(k, p) && len(k)-len(p) >= 2*2 {
			return true
		}
	}
	return false
}

// indefinite reports whether token j is a bare Arabic word that is neither
// a known head, a function word, nor part of an entity mention (a name).
func (r *run) indefinite(j int) bool {
	t := r.toks[j]
	if r.doc.Tokens[j].Kind != segment.Word || t.head != 0 || t.marker != 0 || r.hasArticle(j) {
		return false
	}
	s, e := r.doc.TokenSpan(j, j+1)
	k := sort.Search(len(r.ents), func(k int) bool { return r.ents[k].End > s })
	if k < len(r.ents) && r.ents[k].Start < e {
		return false // inside a name
	}
	return true
}
