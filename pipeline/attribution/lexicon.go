package attribution

import (
	"fmt"
	"strings"

	"github.com/naba-nlp/naba/lexicons"
)

// area is the lexicon directory the stage reads.
const area = "attribution"

// Role says how a cue introduces a claim.
type Role uint8

// Cue roles (the "role" column of attribution/cues*.tsv).
const (
	Verb       Role = iota + 1 // قال، أكد: needs reported content after it
	Participle                 // قائلًا، مضيفًا: the clause's subject speaks
	According                  // وفقًا لـ، بحسب: the source follows

	noRole Role = 0 // "none" in a user file removes a cue
)

func parseRole(s string) (Role, bool) {
	switch s {
	case "verb":
		return Verb, true
	case "participle":
		return Participle, true
	case "according":
		return According, true
	case "none":
		return noRole, true
	}
	return 0, false
}

// cue is one cue lexicon entry, indexed by its first word.
type cue struct {
	rest  []string // the keys of the words after the first
	role  Role
	lemma string
	// next is what the word after the cue must be: a key, or "ل-" for a
	// word carrying the proclitic ل. Empty for no constraint.
	next string
	// via is the preposition after which a verb's source stands when the
	// verb has no subject (نُقل عن الوزير قوله: via عن).
	via  string
	rule string // file:line
}

// Marker roles (the "role" column of attribution/markers*.tsv).
type markerRole uint8

const (
	mThat       markerRole = iota + 1 // إنّ، أنّ
	mPrep                             // إلى، على، عن، من before a complementizer
	mAs                               // كما
	mNonclausal                       // بعد أن، من شأنه أن: subjunctive أنْ
	mStop                             // ends a source phrase
	mTime                             // time word: skipped before a source
	mFiller                           // dropped from a content's end
	mThen                             // فإن، ثم
	mImpersonal                       // يُذكر أنّ: no one's speech
	mQuantity                         // عدد، بعض: a partitive من may follow
	mByline                           // كتب - فلان: opening a text, no claim
	mRelative                         // الذي، التي
	mClause                           // بينما، لكن: a new clause
	mLink                             // باسم: joins a title to its body
	mWhat                             // ما، لما: بحسب ما قال
	mInWhich                          // فيه، فيها after a cue: a relative clause
	mAside                            // …، وهو ما: the writer's comment after a claim
	mIssued                           // صادر عن: a document's author follows
)

func parseMarkerRole(s string) (markerRole, bool) {
	switch s {
	case "that":
		return mThat, true
	case "prep":
		return mPrep, true
	case "as":
		return mAs, true
	case "nonclausal":
		return mNonclausal, true
	case "stop":
		return mStop, true
	case "time":
		return mTime, true
	case "filler":
		return mFiller, true
	case "then":
		return mThen, true
	case "impersonal":
		return mImpersonal, true
	case "quantity":
		return mQuantity, true
	case "byline":
		return mByline, true
	case "relative":
		return mRelative, true
	case "clause":
		return mClause, true
	case "link":
		return mLink, true
	case "what":
		return mWhat, true
	case "inwhich":
		return mInWhich, true
	case "aside":
		return mAside, true
	case "issued":
		return mIssued, true
	}
	return 0, false
}

// Source head types (the "type" column of attribution/sources*.tsv).
type headType uint8

const (
	hPerson headType = iota + 1
	hGroup
	hOrg
	hMedia
	hDocument
)

func parseHeadType(s string) (headType, bool) {
	switch s {
	case "person":
		return hPerson, true
	case "group":
		return hGroup, true
	case "org":
		return hOrg, true
	case "media":
		return hMedia, true
	case "document":
		return hDocument, true
	}
	return 0, false
}

// Lexicon is what the stage knows about words: cues by their first word's
// key, function words by key, and source heads by their bare key.
type Lexicon struct {
	cues    map[string][]cue
	markers map[string]markerRole
	heads   map[string]headType
	words   map[string]*word
}

// LoadLexicon reads attribution/cues*.tsv, markers*.tsv and sources*.tsv
// from set. Later files override the role of a word an earlier file gave.
func LoadLexicon(set *lexicons.Set) (*Lexicon, error) {
	files, err := set.Files(area)
	if err != nil {
		return nil, err
	}
	lx := &Lexicon{cues: map[string][]cue{}, markers: map[string]markerRole{}, heads: map[string]headType{}}
	for _, f := range files {
		base := f.Name[strings.LastIndex(f.Name, "/")+1:]
		switch {
		case strings.HasPrefix(base, "cues"):
			err = lexicons.ReadTSV(f, []string{"cue", "role"}, lx.addCue)
		case strings.HasPrefix(base, "markers"):
			err = lexicons.ReadTSV(f, []string{"word", "role"}, lx.addMarker)
		case strings.HasPrefix(base, "sources"):
			err = lexicons.ReadTSV(f, []string{"head", "type"}, lx.addHead)
		default:
			err = &lexicons.Error{File: f.Name, Err: fmt.Errorf("unknown attribution lexicon: want cues*.tsv, markers*.tsv or sources*.tsv")}
		}
		if err != nil {
			return nil, err
		}
	}
	if len(lx.cues) == 0 {
		return nil, fmt.Errorf("%s lexicons: no cues", area)
	}
	lx.index()
	return lx, nil
}

func (lx *Lexicon) addCue(r lexicons.Row) error {
	k, err := lexicons.Key(r.Get("cue"))
	if err != nil {
		return r.Errorf("cue: %v", err)
	}
	role, ok := parseRole(r.Get("role"))
	if !ok {
		return r.Errorf("role %q: want verb, participle, according or none", r.Get("role"))
	}
	words := strings.Fields(k)
	c := cue{rest: words[1:], role: role, lemma: r.Get("lemma"), rule: fmt.Sprintf("%s:%d", r.File, r.Line)}
	if n := r.Get("next"); n != "" {
		if role != According {
			return r.Errorf("next %q: only according phrases constrain the next word", n)
		}
		if n == "ل-" || n == "لـ" {
			c.next = "ل-"
		} else if c.next, err = lexicons.Key(n); err != nil {
			return r.Errorf("next: %v", err)
		}
	}
	if v := r.Get("via"); v != "" {
		if role != Verb {
			return r.Errorf("via %q: only verbs take a source after a preposition", v)
		}
		if c.via, err = lexicons.Key(v); err != nil {
			return r.Errorf("via: %v", err)
		}
	}
	// a later entry with the same words replaces an earlier one, or with
	// role none removes it
	list := lx.cues[words[0]]
	for i, o := range list {
		if strings.Join(o.rest, " ") == strings.Join(c.rest, " ") {
			if role == noRole {
				list = append(list[:i], list[i+1:]...)
				if len(list) == 0 {
					delete(lx.cues, words[0])
				} else {
					lx.cues[words[0]] = list
				}
				return nil
			}
			list[i] = c
			return nil
		}
	}
	if role == noRole {
		return nil // nothing to remove
	}
	// longer phrases first, so that بحسب ما wins over بحسب
	list = append(list, c)
	for i := len(list) - 1; i > 0 && len(list[i].rest) > len(list[i-1].rest); i-- {
		list[i], list[i-1] = list[i-1], list[i]
	}
	lx.cues[words[0]] = list
	return nil
}

func (lx *Lexicon) addMarker(r lexicons.Row) error {
	k, err := lexicons.Key(r.Get("word"))
	if err != nil {
		return r.Errorf("word: %v", err)
	}
	if strings.Contains(k, " ") {
		return r.Errorf("word %q: one word per line", r.Get("word"))
	}
	role, ok := parseMarkerRole(r.Get("role"))
	if !ok {
		return r.Errorf("role %q: want that, prep, as, nonclausal, stop, time, filler, then, impersonal, quantity, byline, relative, clause, link, what, inwhich, aside or issued", r.Get("role"))
	}
	lx.markers[k] = role
	return nil
}

func (lx *Lexicon) addHead(r lexicons.Row) error {
	k, err := lexicons.Key(r.Get("head"))
	if err != nil {
		return r.Errorf("head: %v", err)
	}
	if strings.Contains(k, " ") {
		return r.Errorf("head %q: one word per line (the head noun)", r.Get("head"))
	}
	t, ok := parseHeadType(r.Get("type"))
	if !ok {
		return r.Errorf("type %q: want person, group, org, media or document", r.Get("type"))
	}
	lx.heads[bare(k)] = t
	return nil
}

// bare strips the article from a key (الخبراء → خبراء), keeping short
// words whole.
func bare(k string) string {
	if strings.HasPrefix(k, article) && len(k) > len(article)+2*2 {
		return k[len(article):]
	}
	return k
}

// word is what the lexicons say about one surface key: every cue, marker
// and head is indexed under each of its clitic forms (وقال، فقال، سيقول،
// بأنه، للخبراء), so that the stage needs one lookup per token.
type word struct {
	cues   []cue // cues whose first word this is (longest first)
	conj   int   // bytes of a conjunction و/ف before the cue's stem
	marker markerRole
	head   headType
	prepL  bool // the head carries the proclitic ل
	prep   bool // the head carries a proclitic ب ل ك
	that   bool // a complementizer إنّ/أنّ, optionally with ب and a pronoun suffix
	bareTh bool // … without a pronoun suffix

	exact uint8 // categories set by an unprefixed entry (bits below)
}

const (
	catCue uint8 = 1 << iota
	catMarker
	catHead
)

// index builds lx.words from the loaded entries.
func (lx *Lexicon) index() {
	lx.words = map[string]*word{}
	get := func(k string) *word {
		w := lx.words[k]
		if w == nil {
			w = &word{}
			lx.words[k] = w
		}
		return w
	}
	derived := map[string]uint8{} // categories set by a clitic form
	mark := func(k string, cat uint8, exact bool) {
		if exact {
			get(k).exact |= cat
		} else {
			derived[k] |= cat
		}
	}
	for first, list := range lx.cues {
		forms := []struct {
			k    string
			conj int
		}{{first, 0}, {conjWa + first, len(conjWa)}, {conjFa + first, len(conjFa)}}
		if list[len(list)-1].role == Verb && len(first) > 2 && strings.ContainsAny(first[:2], imperfect) {
			// the future marker belongs to the verb: سيقول
			forms = append(forms, struct {
				k    string
				conj int
			}{future + first, 0}, struct {
				k    string
				conj int
			}{conjWa + future + first, len(conjWa)}, struct {
				k    string
				conj int
			}{conjFa + future + first, len(conjFa)})
		}
		for i, f := range forms {
			w := get(f.k)
			if w.cues != nil && i > 0 {
				continue // an entry of its own wins over a clitic form
			}
			w.cues, w.conj = list, f.conj
			mark(f.k, catCue, i == 0)
		}
	}
	encl := enclitics()
	for k, role := range lx.markers {
		if role == mThat {
			for _, p := range [...]string{"", prepBa} {
				get(p+k).that, get(p+k).bareTh = true, true
				for _, e := range encl {
					get(p + k + e).that = true
				}
			}
			// وأنّ، وإنه: a second clause, which ends a source phrase
			for _, c := range [...]string{conjWa, conjFa} {
				for _, e := range append([]string{""}, encl[:]...) {
					if f := c + k + e; lx.words[f] == nil || lx.words[f].marker == 0 {
						get(f).marker = mStop
						mark(f, catMarker, false)
					}
				}
			}
			continue
		}
		forms := []string{k, conjWa + k, conjFa + k}
		if role == mStop || role == mPrep || role == mClause {
			// خلاله، إليها، بدورهم
			for _, e := range encl {
				forms = append(forms, k+e, conjWa+k+e)
			}
		}
		for i, f := range forms {
			w := get(f)
			if w.marker != 0 && i > 0 {
				continue
			}
			w.marker = role
			mark(f, catMarker, i == 0)
		}
	}
	for b, t := range lx.heads {
		for _, c := range [...]string{"", conjWa, conjFa} {
			for _, p := range [...]string{"", prepBa, prepLam, prepKaf} {
				for _, art := range [...]string{"", article} {
					f := c + p + art + b
					if p == prepLam && art == article {
						f = c + prepLam + prepLam + b // the contraction
					}
					w := get(f)
					if w.head != 0 && (c != "" || p != "" || art != "") {
						continue
					}
					w.head, w.prepL, w.prep = t, p == prepLam, p != ""
					mark(f, catHead, c == "" && p == "" && art == "")
				}
			}
		}
	}
	// a clitic form never overrides what an entry says of the word itself:
	// ولي (ولي العهد) is a head, not و + the marker لي
	for k, cats := range derived {
		w := lx.words[k]
		if w.exact == 0 {
			continue
		}
		if cats&catCue != 0 && w.exact&catCue == 0 {
			w.cues, w.conj = nil, 0
		}
		if cats&catMarker != 0 && w.exact&catMarker == 0 {
			w.marker = 0
		}
		if cats&catHead != 0 && w.exact&catHead == 0 {
			w.head, w.prepL, w.prep = 0, false, false
		}
	}
}
