package entities

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/segment"
)

// token tests

func (st *state) light(i int) string { return st.doc.TokenLight(i) }

func (st *state) isComma(i int) bool {
	s := st.light(i)
	return s == "،" || s == ","
}

func (st *state) isOpenQuote(i int) bool {
	switch st.light(i) {
	case "«", "\"", "“", "'", "‘":
		return true
	}
	return false
}

func (st *state) isCloseQuote(i int) bool {
	switch st.light(i) {
	case "»", "\"", "”", "'", "’":
		return true
	}
	return false
}

// hasArticle reports whether token i is a definite word: it starts with ال
// (after an optional و or ف), or it is a ل/ب/ك + ال word (للسياسة، بالروسية).
func (st *state) hasArticle(i int) bool {
	k := st.keys[i]
	if st.doc.Tokens[i].Kind != segment.Word {
		return false
	}
	for _, p := range [...]string{"", "و", "ف"} {
		r := strings.TrimPrefix(k, p)
		if len(r) == len(k) && p != "" {
			continue
		}
		if strings.HasPrefix(r, "ال") && utf8.RuneCountInString(r) > 3 {
			return true
		}
		for _, q := range [...]string{"بال", "كال", "لل"} {
			if strings.HasPrefix(r, q) && utf8.RuneCountInString(r) > 4 {
				return true
			}
		}
	}
	return false
}

// isStop reports whether token i ends a name: a stop word, with or without
// a conjunction (وقال).
func (st *state) isStop(i int) bool {
	k := st.keys[i]
	if st.lex.stopFilter.mayContain(k) {
		if _, ok := st.lex.stop[k]; ok {
			return true
		}
	}
	if st.doc.Tokens[i].Kind != segment.Word {
		return false
	}
	if _, ok := st.lex.given[k]; ok {
		return false
	}
	// with clitics: وقال، أنه، لكنها
	st.sbuf = segment.Analyze(k, st.sbuf)
	for _, a := range st.sbuf[1:] {
		if a.Prep != "" && a.Enc == "" {
			continue // بعد → ب+عد is no stop word
		}
		if _, ok := st.lex.stop[a.Stem]; ok {
			return true
		}
	}
	return false
}

// pronounSuffix reports whether an unknown word ends in a pronoun suffix
// that names do not take (بنياتها، مواقفهم).
func (st *state) pronounSuffix(i int) bool {
	if st.doc.Tokens[i].Kind != segment.Word || st.givenAt(i) > 0 {
		return false
	}
	k := st.keys[i]
	return utf8.RuneCountInString(k) > 4 && (strings.HasSuffix(k, "ها") || strings.HasSuffix(k, "هم") || strings.HasSuffix(k, "هما"))
}

// verbLike reports whether an unknown word looks like a verb: an imperfect
// (يفعل، تفعل، نفعل) or a perfect of the أفعل pattern (أطلق).
func (st *state) verbLike(i int) bool {
	if st.doc.Tokens[i].Kind != segment.Word || st.givenAt(i) > 0 {
		return false
	}
	l := st.light(i)
	n := utf8.RuneCountInString(l)
	switch {
	case n >= 4 && n <= 7 && (strings.HasPrefix(l, "ي") || strings.HasPrefix(l, "ت") || strings.HasPrefix(l, "ن")):
		return true
	case n == 4 && strings.HasPrefix(l, "أ"):
		return true
	}
	return false
}

// givenAt returns the number of tokens (1 or 2) of a given name at token i,
// or 0. The token may carry و or ف.
func (st *state) givenAt(i int) int {
	if g := st.given[i]; g >= 0 {
		return int(g)
	}
	g := st.computeGivenAt(i)
	st.given[i] = int8(g)
	return g
}

func (st *state) computeGivenAt(i int) int {
	if st.doc.Tokens[i].Kind != segment.Word || st.flags[i]&flagGiven == 0 {
		return 0
	}
	k := st.keys[i]
	for _, p := range [...]string{"", "و", "ف"} {
		r, ok := strings.CutPrefix(k, p)
		if !ok || utf8.RuneCountInString(r) < 2 {
			continue
		}
		if p != "" && utf8.RuneCountInString(r) < 4 {
			continue // وجود is not و + جود
		}
		if !st.lex.givenFilter.mayContain(r) {
			continue
		}
		if st.lex.givenFirst[r] && st.sameSentence(i, i+1) {
			st.kbuf = append(append(append(st.kbuf[:0], r...), ' '), st.keys[i+1]...)
			if _, ok := st.lex.given[string(st.kbuf)]; ok {
				return 2
			}
		}
		if _, ok := st.lex.given[r]; ok {
			return 1
		}
	}
	return 0
}

// nameWord reports whether token i may be part of a name at all.
func (st *state) nameWord(i int) bool {
	tk := st.doc.Tokens[i]
	if tk.Kind != segment.Word && tk.Kind != segment.Latin {
		return false
	}
	return !st.isStop(i)
}

// capture reads a person name starting at token k: given names, unknown
// words, particles (بن، أبو، عبد + one of the 99 names, آل), ending at a stop
// word, punctuation, a conjunction, a known non-person name, or a definite
// word (a definite family name is allowed once after a given name: بشار
// الأسد). A known person met on the way ends the name and links it.
// It returns the end token and the lexicon span it contains (or -1).
func (st *state) capture(k int) (int, int32) {
	n := len(st.doc.Tokens)
	j := k
	// afterGiven: the word before j is a given name (one that is not also
	// a common word) or عبد + one of the 99 names, which licenses a definite
	// family name (بشار الأسد، عبد الرحمن الكواكبي)
	afterGiven := false
	linked := int32(-1)
	for j < n && j-k < maxPersonTokens && st.sameSentence(k, j) {
		tk := st.doc.Tokens[j]
		if tk.Kind != segment.Word && tk.Kind != segment.Latin {
			break
		}
		if j > k && tk.Kind != st.doc.Tokens[k].Kind {
			break
		}
		if c := st.cover[j]; c >= 0 {
			sp := &st.spans[c]
			if sp.typ == pipeline.Person && sp.i == j && sp.entry >= 0 && !strings.HasPrefix(st.keys[j], "و") {
				linked = c
				j = sp.j
			}
			break
		}
		if st.trig[j].end > 0 && st.trig[j].t.span != "skip" {
			break
		}
		key := st.keys[j]
		if j > k && strings.HasPrefix(key, "و") && tk.Kind == segment.Word {
			// "X وY": a second name begins
			if _, isGiven := st.lex.given[key[len("و"):]]; isGiven {
				break
			}
			if st.lex.first[key[len("و"):]] > 0 {
				break
			}
		}
		if pk, ok := st.lex.particles[key]; ok {
			if !st.sameSentence(k, j+1) {
				break
			}
			if pk == "abd" {
				if st.lex.divine[st.keys[j+1]] {
					j += 2
					afterGiven = true
					continue
				}
				break
			}
			if pk == "link" && j == k {
				break
			}
			if e, ok := st.ruleName(j + 1); ok {
				j = e // بن + a name a rule found already (عبد الله الرشيد)
				break
			}
			if st.lex.particles[st.keys[j+1]] == "abd" && st.sameSentence(k, j+2) && st.lex.divine[st.keys[j+2]] {
				j += 3 // بن عبد الرحمن
				afterGiven = true
				continue
			}
			nk := st.doc.Tokens[j+1]
			if nk.Kind != segment.Word || st.isStop(j+1) || st.cover[j+1] >= 0 || pk == "link" && st.hasArticle(j+1) {
				break
			}
			j += 2
			afterGiven = false
			continue
		}
		if st.isStop(j) || j > k && st.verbLike(j) && utf8.RuneCountInString(st.keys[j]) <= 5 || st.pronounSuffix(j) {
			break
		}
		if g := st.givenAt(j); g > 0 && !(j > k && strings.HasPrefix(key, "و")) {
			// a given name that is also a common word (أمين) does not
			// license a definite family name after it
			afterGiven = !st.lex.needsEvidence(key, pipeline.Person) || j+g < n && st.sameSentence(k, j+g) && st.nisbaName(j+g)
			j += g
			continue
		}
		if st.hasArticle(j) {
			if j > k && afterGiven && strings.HasPrefix(key, "ال") {
				j++
			}
			break
		}
		j++
		afterGiven = false
	}
	// a name does not end in a particle
	for j > k {
		if _, ok := st.lex.particles[st.keys[j-1]]; !ok || st.cover[j-1] >= 0 {
			break
		}
		j--
	}
	return j, linked
}

// nisbaName reports whether token i looks like a definite nisba family
// name (الحسني، السكاكيني): ال…ي, long enough, no stop word, no known name.
// After a given name that is also a common word it is the evidence the
// given name needs (خليل السكاكيني).
func (st *state) nisbaName(i int) bool {
	nk := st.keys[i]
	return st.cover[i] < 0 && strings.HasPrefix(nk, "ال") && strings.HasSuffix(nk, "ي") &&
		utf8.RuneCountInString(nk) > 5 && !st.isStop(i)
}

// ruleName returns the end of a person a rule found starting at token j.
func (st *state) ruleName(j int) (int, bool) {
	if c := st.cover[j]; c >= 0 {
		if sp := &st.spans[c]; sp.typ == pipeline.Person && sp.i == j && sp.entry < 0 {
			return sp.j, true
		}
	}
	return 0, false
}

// addPerson records a person over tokens [i,j) whose first token starts at
// light offset start; linked is a lexicon person span inside it, or -1.
func (st *state) addPerson(i, j, start int, linked int32, rule string) {
	end := st.doc.Tokens[j-1].End
	s := span{i: i, j: j, start: start, end: end, typ: pipeline.Person, entry: -1, rule: rule, prio: rulePriority}
	if linked >= 0 && !st.sameFirstName(i, st.spans[linked]) {
		linked = -1 // ريناتو تافاريس is not كارلوس تافاريس
	}
	if linked >= 0 {
		l := st.spans[linked]
		s.entry, s.form, s.id, s.canonical, s.wikidata = l.entry, l.form, l.id, l.canonical, l.wikidata
	} else {
		s.canonical = st.doc.Norm.Light[start:end]
		s.id = localID(pipeline.Person, st.doc.Norm.Key[start:end])
	}
	st.add(s)
}

// sameFirstName reports whether a name captured from token i, ending in
// the known person l, agrees with l's canonical name on the words before
// it, up to transliteration (فولودومير ~ فولوديمير، سيرجي ~ سيرغي).
func (st *state) sameFirstName(i int, l span) bool {
	if i >= l.i {
		return true
	}
	if l.entry < 0 {
		return false
	}
	canon := strings.Fields(st.lex.entries[l.entry].canonKey)
	if len(canon) < 2 {
		return false
	}
	got := st.doc.Norm.Key[st.startOf(i):st.doc.Tokens[l.i-1].End]
	want := strings.Join(canon[:len(canon)-1], " ")
	d := editDistance(got, want)
	n := utf8.RuneCountInString(want)
	return d*3 <= n
}

// editDistance is the Levenshtein distance between two strings, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// localID is the document-local id of an entity found by a rule.
func localID(t pipeline.Kind, key string) string {
	return "naba:doc:" + strings.ToLower(string(t)) + ":" + strings.Join(strings.Fields(key), "_")
}

// startOf returns the light offset where a name starting at token i begins:
// after a conjunction or preposition that the token carries.
func (st *state) startOf(i int) int {
	tk := st.doc.Tokens[i]
	if tk.Kind != segment.Word {
		return tk.Start
	}
	k := st.keys[i]
	for _, p := range [...]string{"و", "ف"} {
		if r, ok := strings.CutPrefix(k, p); ok && utf8.RuneCountInString(r) >= 3 {
			if _, isGiven := st.lex.given[r]; isGiven || st.lex.first[r] > 0 {
				return tk.Start + len(p)
			}
		}
	}
	return tk.Start
}

// plausibleSingle reports whether a one-word name is plausible: not a
// feminine noun or adjective (ة), not a prefixed common word (بشكل).
func (st *state) plausibleSingle(i int, strict bool) bool {
	if st.doc.Tokens[i].Kind == segment.Latin {
		return true
	}
	if st.givenAt(i) > 0 {
		return true // also a given name in ة (السيدة خديجة)
	}
	l := st.light(i)
	if strings.HasSuffix(l, "ة") || utf8.RuneCountInString(l) < 3 {
		return false
	}
	if !strict {
		return true
	}
	switch {
	case strings.HasPrefix(l, "ب"), strings.HasPrefix(l, "ل"), strings.HasPrefix(l, "و"), strings.HasPrefix(l, "ف"), strings.HasPrefix(l, "ك"):
		return false
	}
	return true
}

// definiteName reports whether the definite word k, right after a title,
// is the name itself and not an adjective of the title: ال + a given name
// (الإمام الرضا، الملك الحسين; the title is the evidence a given name that
// is also a common word needs), not a feminine, or a definite word
// listed as an ambiguous person name (الرئيس الأسد), with the phrase ending
// after it.
func (st *state) definiteName(k int) bool {
	if st.doc.Tokens[k].Kind != segment.Word || st.cover[k] >= 0 || st.trig[k].end > 0 || st.isStop(k) {
		return false
	}
	key := st.keys[k]
	stem, ok := strings.CutPrefix(key, "ال")
	if !ok || utf8.RuneCountInString(stem) < 3 || strings.HasSuffix(st.light(k), "ة") {
		return false // a feminine is an adjective (النجمة العائدة)
	}
	if st.lex.ambiguous[key] != string(pipeline.Person) {
		if _, given := st.lex.given[stem]; !given {
			return false
		}
	}
	return st.clauseBoundary(k+1, k) || st.isStop(k+1)
}

// prefixedName reports whether a one-word name after a title that begins
// like a proclitic (ب ك ل: بوش، كافو، لارسن) is a name rather than a
// preposition + noun (بكسر في، بسؤال إلى): it must end a clause, with a verb,
// a particle, a conjunction or punctuation after it (الرئيس بوش تجاوز).
func (st *state) prefixedName(i int) bool {
	if !st.plausibleSingle(i, false) || strings.HasPrefix(st.light(i), "و") || st.pronounSuffix(i) {
		return false
	}
	return st.clauseBoundary(i+1, i)
}

// clauseBoundary reports whether token i ends the phrase begun at token
// from: the end of the sentence, punctuation, a verb, a conjunction (إن،
// أن، لكن), a relative pronoun or a particle (قد، لا) — not a preposition,
// a noun or an adjective, which may continue a common noun phrase.
func (st *state) clauseBoundary(i, from int) bool {
	if i >= len(st.doc.Tokens) || !st.sameSentence(from, i) {
		return true
	}
	switch st.doc.Tokens[i].Kind {
	case segment.Word:
	case segment.Punct:
		return true
	default:
		return false
	}
	switch st.stopKind(i) {
	case "conj", "verb", "rel", "part":
		return true
	case "":
		return st.verbLike(i)
	}
	return false
}

// stopKind returns the kind of stop word token i is (with or without
// clitics: وقال، بأنه), or "".
func (st *state) stopKind(i int) string {
	k := st.keys[i]
	if kind, ok := st.lex.stop[k]; ok {
		return kind
	}
	if _, ok := st.lex.given[k]; ok {
		return ""
	}
	st.sbuf = segment.Analyze(k, st.sbuf)
	for _, a := range st.sbuf[1:] {
		if a.Prep != "" && a.Enc == "" {
			continue
		}
		if kind, ok := st.lex.stop[a.Stem]; ok {
			return kind
		}
	}
	return ""
}

// ruleTitles finds people after titles: الرئيس [الأوكراني] [السابق] [،] X Y.
func (st *state) ruleTitles() {
	n := len(st.doc.Tokens)
	for i := 0; i < n; i++ {
		tm := st.trig[i]
		if tm.end == 0 || tm.t.typ != pipeline.Person || tm.t.span != "outside" {
			continue
		}
		if c := st.cover[i]; c >= 0 && st.spans[c].j > i+1 {
			continue // the title is inside a longer name
		}
		k := tm.end
		skipped, commas, weak := 0, 0, 0 // weak: unknown definite words skipped
		definite := false                // k is a definite one-word name (الإمام الرضا)
		for k < n && st.sameSentence(i, k) && skipped < 5 {
			if c := st.cover[k]; c >= 0 {
				sp := st.spans[c]
				if sp.typ == pipeline.NORP || sp.typ == pipeline.GPE || sp.typ == pipeline.Loc || sp.typ == pipeline.Org {
					k = sp.j
					skipped++
					continue
				}
				break
			}
			if t := st.trig[k]; t.end > 0 && (t.t.span == "skip" || t.t.typ == pipeline.Person && t.t.span != "subject") {
				k = t.end
				skipped++
				continue
			}
			if st.isComma(k) && commas == 0 {
				k++
				commas++
				continue
			}
			if weak == 0 && st.definiteName(k) {
				definite = true
				break
			}
			if st.hasArticle(k) && (!st.isStop(k) || st.lex.stop[st.keys[k]] == "noun") && weak < 2 {
				k++
				skipped++
				weak++
				continue
			}
			break
		}
		if definite {
			st.addPerson(k, k+1, st.doc.Tokens[k].Start, -1, RuleTitle)
			i = k
			continue
		}
		if k >= n || !st.sameSentence(i, k) || st.cover[k] >= 0 || !st.nameWord(k) {
			continue
		}
		if st.trig[k].end > 0 {
			continue
		}
		end, linked := st.capture(k)
		if end <= k {
			continue
		}
		if (linked < 0 || st.spans[linked].i != k) && st.givenAt(k) == 0 {
			first, last := st.light(k), st.light(end-1)
			switch {
			case st.verbLike(k), strings.HasSuffix(first, "ة"):
				continue // a verb or a feminine noun (المدرب إمكانية غياب)
			case strings.HasPrefix(first, "و"), strings.HasPrefix(first, "ف"):
				continue // a conjunction: a new clause (الأمير المرتد، وهاجم)
			case strings.HasSuffix(first, "ا") && (end == k+1 || strings.HasSuffix(last, "ا")):
				continue // an accusative (الوزير اتصالا تليفونيا، المصنف سادسا)
			}
		}
		if end == k+1 && linked < 0 && (weak > 0 && st.givenAt(k) == 0 || !st.plausibleSingle(k, true) && !st.prefixedName(k)) {
			continue
		}
		st.addPerson(k, end, st.startOf(k), linked, RuleTitle)
		i = end - 1
	}
}

// ruleSubjects finds people where a name is expected but no title
// announces it: after a speech verb (وقال X Y) and after a nationality
// (البرازيلي X Y). The evidence is weaker than a title's, so the name must
// have two words or begin with a known given name.
func (st *state) ruleSubjects() {
	n := len(st.doc.Tokens)
	for i := 0; i < n; i++ {
		k, speech := -1, false
		if tm := st.trig[i]; tm.end > 0 && tm.t.typ == pipeline.Person && tm.t.span == "subject" && st.cover[i] < 0 {
			k, speech = tm.end, true
		} else if c := st.cover[i]; c >= 0 && st.spans[c].i == i && st.spans[c].typ == pipeline.NORP && st.singularNisba(c) {
			k = st.spans[c].j
		}
		if k < 0 || k >= n || !st.sameSentence(i, k) || st.cover[k] >= 0 || !st.nameWord(k) || st.trig[k].end > 0 {
			continue
		}
		if st.hasArticle(k) || st.verbLike(k) {
			continue
		}
		end, linked := st.capture(k)
		if end <= k {
			continue
		}
		if linked < 0 && st.givenAt(k) == 0 {
			if end-k < 2 && !(speech && st.speechSubject(k)) {
				continue
			}
			weak := false
			for j := k; j < end; j++ {
				if st.doc.Tokens[j].Kind != segment.Word || st.givenAt(j) > 0 {
					continue
				}
				if _, particle := st.lex.particles[st.keys[j]]; particle && j > k {
					continue // فان، دي، بن inside a name
				}
				// a common noun or adjective: definite, feminine,
				// prefixed (بأسعار; after the first word, ك and ل are
				// taken as letters of a name: سادي كارنو), plural (مسؤولون،
				// قرارات), accusative (طالبا); -ين is left alone (فرانكلين)
				l := st.light(j)
				if st.hasArticle(j) || !st.plausibleSingle(j, j == k || !strings.HasPrefix(l, "ك") && !strings.HasPrefix(l, "ل")) || possessive(l) ||
					strings.HasSuffix(l, "ون") || strings.HasSuffix(l, "ات") || strings.HasSuffix(l, "ا") {
					weak = true
				}
			}
			if weak {
				continue
			}
		}
		st.addPerson(k, end, st.startOf(k), linked, RuleSubject)
		i = end - 1
	}
}

// speechSubject reports whether the one unknown word k after a speech
// verb is its subject's name (وقال محفوظ إن، وأضاف عزام الذي): a plausible
// name, not a plural or accusative noun, closed by a conjunction, a
// relative, a verb or punctuation. Common subjects (مصدر، مسؤول، متحدث)
// are stop words.
func (st *state) speechSubject(k int) bool {
	if st.doc.Tokens[k].Kind != segment.Word || !st.plausibleSingle(k, true) || st.pronounSuffix(k) {
		return false
	}
	l := st.light(k)
	for _, suf := range [...]string{"ون", "ين", "ات", "ا", "ى"} {
		if strings.HasSuffix(l, suf) {
			return false
		}
	}
	if possessive(l) {
		return false // كشف هويته، أبلغ احتجاجه
	}
	return st.clauseBoundary(k+1, k)
}

// possessive reports whether an unknown word ends in the pronoun ه "his"
// (هويته، قومه), which names rarely do; -يه is left alone (بارنييه).
func possessive(l string) bool {
	return strings.HasSuffix(l, "ه") && !strings.HasSuffix(l, "يه") && utf8.RuneCountInString(l) > 3
}

// ruleCoordinated finds a person coordinated with the person before it:
// و + a given name (three letters too: وبول) and at least one more name
// word (رونالدو وبول سكولز، أحمد مظهر وتحية كاريوكا). The name stops
// before the next و-word, which may start another person.
func (st *state) ruleCoordinated() {
	n := len(st.doc.Tokens)
	for c := 0; c < len(st.spans); c++ {
		sp := st.spans[c]
		e := sp.j
		if sp.dead || sp.typ != pipeline.Person || e+1 >= n || !st.sameSentence(sp.i, e+1) || st.cover[e] >= 0 || st.cover[e+1] >= 0 {
			continue
		}
		if st.doc.Tokens[e].Kind != segment.Word || !st.nameWord(e+1) || st.hasArticle(e+1) {
			continue
		}
		rest, ok := strings.CutPrefix(st.keys[e], "و")
		if !ok || utf8.RuneCountInString(rest) < 3 || st.lex.needsEvidence(rest, pipeline.Person) {
			continue
		}
		if _, given := st.lex.given[rest]; !given {
			continue
		}
		end, linked := st.capture(e)
		for j := e + 1; j < end; j++ {
			if strings.HasPrefix(st.keys[j], "و") && st.doc.Tokens[j].Kind == segment.Word {
				end, linked = j, -1
				break
			}
		}
		if end < e+2 || st.pronounSuffix(end-1) || possessive(st.light(end-1)) {
			continue
		}
		st.addPerson(e, end, st.doc.Tokens[e].Start+len("و"), linked, RuleCoord)
	}
}

// singularNisba reports whether NORP span c is a singular nationality
// adjective (البرازيلي، الفرنسية), not a plural (الروس، الأمريكيون).
func (st *state) singularNisba(c int32) bool {
	sp := st.spans[c]
	if sp.j != sp.i+1 || sp.form != FormDemonym {
		return false
	}
	k := st.doc.Norm.Key[sp.start:sp.end]
	return strings.HasPrefix(k, "ال") && (strings.HasSuffix(k, "ي") || strings.HasSuffix(k, "يه"))
}

// ruleGivenNames finds people from a known given name followed by more of a
// name: أندريه بيلوسوف، محمد بن سلمان.
func (st *state) ruleGivenNames() {
	n := len(st.doc.Tokens)
	for i := 0; i < n; i++ {
		if st.cover[i] >= 0 {
			continue
		}
		g := st.givenAt(i)
		if g == 0 {
			continue
		}
		k := st.keys[i]
		if g == 1 && (st.lex.needsEvidence(k, pipeline.Person) || st.lex.needsEvidence(strings.TrimPrefix(strings.TrimPrefix(k, "و"), "ف"), pipeline.Person)) {
			// a word that is also a common word is a given name only
			// before another given name (فتحي عبد الوهاب) or a definite
			// nisba family name (خليل السكاكيني)
			if !st.sameSentence(i, i+1) {
				continue
			}
			nk := st.keys[i+1]
			if !st.nisbaName(i+1) && (st.givenAt(i+1) == 0 || st.lex.needsEvidence(nk, pipeline.Person)) {
				continue
			}
		}
		if !st.sameSentence(i, i+g) {
			continue
		}
		end, linked := st.capture(i)
		if end < i+2 {
			continue
		}
		st.addPerson(i, end, st.startOf(i), linked, RuleGiven)
		i = end - 1
	}
}

// ruleParticles finds "X بن Y" and "أبو X" names that no given name
// announced.
func (st *state) ruleParticles() {
	n := len(st.doc.Tokens)
	for i := 1; i+1 < n; i++ {
		if st.cover[i] >= 0 || !st.sameSentence(i, i+1) {
			continue
		}
		if st.flags[i]&flagGiven == 0 {
			continue // neither a given name nor a particle
		}
		pk := st.lex.particles[st.keys[i]]
		switch pk {
		case "link":
			if st.keys[i] != "بن" {
				continue // ابن and بنت are also the nouns "son" and "girl"
			}
			p := i - 1
			if !st.sameSentence(p, i) || st.cover[p] >= 0 || !st.nameWord(p) || st.hasArticle(p) || st.trig[p].end > 0 {
				continue
			}
			if st.cover[i+1] >= 0 || !st.nameWord(i+1) || st.hasArticle(i+1) {
				continue
			}
			start := p
			if start > 0 && st.sameSentence(start-1, start) && st.cover[start-1] < 0 && st.givenAt(start-1) == 1 {
				start--
			}
			end, linked := st.capture(i + 1)
			if end <= i+1 {
				continue
			}
			st.addPerson(start, end, st.startOf(start), linked, RuleParticle)
			i = end - 1
		case "kunya":
			if st.givenAt(i+1) == 0 || st.cover[i+1] >= 0 {
				continue
			}
			end, linked := st.capture(i + 1)
			if end <= i+1 {
				continue
			}
			st.addPerson(i, end, st.startOf(i), linked, RuleParticle)
			i = end - 1
		}
	}
}

// ruleTriggers finds organizations, places and facilities after or with a
// trigger: شركة X (outside), وزارة الخارجية (inside), السفارة الأمريكية
// (norp).
func (st *state) ruleTriggers() {
	n := len(st.doc.Tokens)
	for i := 0; i < n; i++ {
		tm := st.trig[i]
		if tm.end == 0 || tm.t.typ == pipeline.Person || tm.t.typ == pipeline.Language {
			continue
		}
		if c := st.cover[i]; c >= 0 {
			continue
		}
		k := tm.end
		if k >= n || !st.sameSentence(i, k) {
			continue
		}
		switch tm.t.span {
		case "outside":
			if st.isOpenQuote(k) {
				e := k + 1
				for e < n && e <= k+6 && st.sameSentence(k, e) && !st.isCloseQuote(e) && st.cover[e] < 0 {
					e++
				}
				if e > k+1 && e < n && st.isCloseQuote(e) && st.cover[e] < 0 {
					st.addNamed(k+1, e, tm.t.typ, RuleQuoted)
					i = e
				}
				continue
			}
			if c := st.cover[k]; c >= 0 {
				// a place named after an organization trigger is the
				// organization's name (صحيفة الرياض، نادي برشلونة)
				sp := st.spans[c]
				if tm.t.typ == pipeline.Org && sp.i == k && sp.j == k+1 && sp.typ == pipeline.GPE && sp.form != FormDemonym &&
					sp.start == st.doc.Tokens[k].Start { // not بالسعودية "in Saudi Arabia"
					st.addNamed(k, k+1, pipeline.Org, RuleTrigger)
				}
				continue
			}
			e := st.captureName(k)
			if e <= k || (e == k+1 && (!st.plausibleSingle(k, false) || strings.HasSuffix(st.light(k), "ات"))) {
				continue // nothing, or a common noun (شركة سيارات، إذاعة مباريات)
			}
			st.addNamed(k, e, tm.t.typ, RuleTrigger)
			i = e - 1
		case "inside":
			e := st.complement(k)
			if e <= k {
				continue
			}
			st.addNamed(i, e, tm.t.typ, RuleHead)
			i = e - 1
		case "norp":
			c := st.cover[k]
			if c < 0 {
				continue
			}
			sp := st.spans[c]
			if sp.i != k || (sp.typ != pipeline.NORP && sp.typ != pipeline.GPE) {
				continue
			}
			st.addNamed(i, sp.j, tm.t.typ, RuleHead)
			i = sp.j - 1
		}
	}
}

// captureName reads an organization or place name after an outside
// trigger: undefined words (Latin runs too), ending at a stop word,
// punctuation, a definite word, a trigger or a known name.
func (st *state) captureName(k int) int {
	n := len(st.doc.Tokens)
	j := k
	for j < n && j-k < maxNameTokens && st.sameSentence(k, j) {
		tk := st.doc.Tokens[j]
		if tk.Kind != segment.Word && tk.Kind != segment.Latin {
			break
		}
		if j > k && tk.Kind != st.doc.Tokens[k].Kind {
			break
		}
		if st.cover[j] >= 0 || st.isStop(j) || st.hasArticle(j) || (st.trig[j].end > 0 && j > k) || st.verbLike(j) {
			break
		}
		if tk.Kind == segment.Word && j > k && strings.HasPrefix(st.keys[j], "و") {
			break
		}
		if tk.Kind == segment.Word && (strings.HasSuffix(st.light(j), "ة") || st.pronounSuffix(j) || st.trig[j].end > 0) {
			break
		}
		j++
	}
	return j
}

// complement reads the words after the head of a name (وزارة الخارجية
// الروسية، جامعة هارفارد): definite words, known places and nationalities
// (a nationality ends it), or one undefined word right after the head.
func (st *state) complement(k int) int {
	n := len(st.doc.Tokens)
	j := k
	count := 0
	for j < n && count < maxNameTokens && st.sameSentence(k, j) {
		if c := st.cover[j]; c >= 0 {
			sp := st.spans[c]
			if sp.i != j {
				break
			}
			if sp.typ == pipeline.GPE || sp.typ == pipeline.Loc || sp.typ == pipeline.NORP {
				j = sp.j
				count++
				if sp.typ == pipeline.NORP {
					break
				}
				continue
			}
			break
		}
		tk := st.doc.Tokens[j]
		if tk.Kind != segment.Word && tk.Kind != segment.Latin {
			break
		}
		if st.isStop(j) || st.trig[j].end > 0 {
			break
		}
		key := st.keys[j]
		if strings.HasPrefix(key, "ال") && utf8.RuneCountInString(key) > 3 {
			j++
			count++
			continue
		}
		// one undefined word right after an undefined head (جامعة هارفارد;
		// not البنك أسعار), but not an adjective: a feminine (ة), a
		// participle (م…: جيش مجهز) or a nisba (مفاعل نووي)
		if count == 0 && !st.hasArticle(j) && !st.hasArticle(k-1) && utf8.RuneCountInString(key) >= 3 && (tk.Kind == segment.Latin ||
			!strings.HasPrefix(key, "و") && !strings.HasPrefix(key, "م") && !strings.HasSuffix(st.light(j), "ة") &&
				!strings.HasSuffix(key, "ي")) {
			j++
			count++
			continue
		}
		break
	}
	return j
}

// addNamed records an organization, place or facility found by a rule.
func (st *state) addNamed(i, j int, t pipeline.Kind, rule string) {
	start := st.doc.Tokens[i].Start
	if st.doc.Tokens[i].Kind == segment.Word {
		for _, a := range st.analyses(i) {
			if a.Stripped() || a.Article && a.Prep != "" {
				if st.lex.triggers[a.Stem] != nil {
					start = st.doc.Tokens[i].Start + a.SpanStart
					break
				}
			}
		}
	}
	end := st.doc.Tokens[j-1].End
	key := st.doc.Norm.Key[start:end]
	s := span{i: i, j: j, start: start, end: end, typ: t, entry: -1, rule: rule, prio: rulePriority,
		canonical: st.doc.Norm.Light[start:end], id: localID(t, key)}
	// the same name found whole in the lexicon (after a trigger that is
	// part of it) links to its entry
	for _, c := range st.lex.patterns[strings.Join(strings.Fields(key), " ")] {
		if e := &st.lex.entries[c.entry]; e.Type == t && c.form != FormDemonym && c.form != FormLanguage {
			s.entry, s.id, s.canonical, s.wikidata = c.entry, e.ID, e.Canonical, e.Wikidata()
			break
		}
	}
	st.add(s)
}

// corefShortForms links later short forms to names mentioned earlier in the
// document: a family name (زيلينسكي after فولوديمير زيلينسكي), a part of a
// name (كيم after كيم جونغ أون), an acronym given in brackets after an
// organization.
func (st *state) corefShortForms() {
	type source struct {
		span int
		from int // token from which the alias is usable
	}
	aliases := map[string]source{}
	conflict := map[string]bool{}
	addAlias := func(key string, sp, from int) {
		if conflict[key] {
			return
		}
		if o, ok := aliases[key]; ok && st.spans[o.span].id != st.spans[sp].id {
			delete(aliases, key)
			conflict[key] = true
			return
		}
		if _, ok := aliases[key]; !ok {
			aliases[key] = source{span: sp, from: from}
		}
	}
	order := make([]int, 0, len(st.spans))
	for idx, s := range st.spans {
		if !s.dead {
			order = append(order, idx)
		}
	}
	sort.Slice(order, func(a, b int) bool { return st.spans[order[a]].i < st.spans[order[b]].i })
	n := len(st.doc.Tokens)
	for _, idx := range order {
		s := st.spans[idx]
		switch s.typ {
		case pipeline.Person:
			if s.j-s.i < 2 {
				continue
			}
			for k := s.i; k < s.j; k++ {
				key := st.keys[k]
				if k == s.i {
					key = st.doc.Norm.Key[s.start:st.doc.Tokens[k].End]
				}
				if utf8.RuneCountInString(key) < 3 || st.isStop(k) || st.lex.needsEvidence(key, pipeline.Person) ||
					strings.HasSuffix(st.light(k), "ة") || len(st.lex.patterns[key]) > 0 {
					continue // not distinctive: a common noun, a demonym, another name
				}
				if _, ok := st.lex.given[key]; ok {
					continue
				}
				if _, ok := st.lex.particles[key]; ok || st.lex.divine[key] {
					continue
				}
				addAlias(key, idx, s.j)
			}
		case pipeline.Org, pipeline.GPE, pipeline.FAC, pipeline.Product, pipeline.Event:
			// an acronym or short name in brackets right after the name
			b := s.j
			if b+2 < n && st.sameSentence(s.i, b+2) && st.light(b) == "(" {
				e := b + 1
				for e < n && e <= b+3 && st.cover[e] < 0 && st.doc.Tokens[e].Kind != segment.Punct {
					e++
				}
				if e > b+1 && e < n && st.light(e) == ")" {
					st.addCoref(b+1, e, st.doc.Tokens[b+1].Start, idx)
					addAlias(strings.Join(strings.Fields(st.doc.Norm.Key[st.doc.Tokens[b+1].Start:st.doc.Tokens[e-1].End]), " "), idx, e)
				}
			}
		}
	}
	if len(aliases) == 0 {
		return
	}
	hasAlias := func(s string) uint8 {
		if _, ok := aliases[s]; ok {
			return 1
		}
		return 0
	}
	var af smallFilter
	for k := range aliases {
		af.add(k)
	}
	st.noFilter = true
	defer func() { st.noFilter = false }()
	for i := 0; i < n; i++ {
		if st.cover[i] >= 0 {
			continue
		}
		tk := st.doc.Tokens[i]
		if tk.Kind != segment.Word && tk.Kind != segment.Latin {
			continue
		}
		hit := false
		for _, h := range st.vh[i*maxVariants : (i+1)*maxVariants] {
			if h != 0 && af.mayContainHash(h) {
				hit = true
				break
			}
		}
		if !hit {
			continue
		}
		for _, a := range st.analysesIf(i, hasAlias) {
			src, ok := aliases[a.Stem]
			if !ok || i < src.from {
				continue
			}
			st.addCoref(i, i+1, tk.Start+a.SpanStart, src.span)
			break
		}
	}
}

// addCoref records tokens [i,j) as another mention of span src's entity.
func (st *state) addCoref(i, j, start, src int) {
	s := st.spans[src]
	st.add(span{i: i, j: j, start: start, end: st.doc.Tokens[j-1].End, typ: s.typ, entry: s.entry,
		form: s.form, id: s.id, canonical: s.canonical, wikidata: s.wikidata, rule: RuleCoref, prio: rulePriority})
}
