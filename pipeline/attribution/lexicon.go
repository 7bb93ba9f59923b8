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
)

func parseRole(s string) (Role, bool) {
	switch s {
	case "verb":
		return Verb, true
	case "participle":
		return Participle, true
	case "according":
		return According, true
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
	return lx, nil
}

func (lx *Lexicon) addCue(r lexicons.Row) error {
	k, err := lexicons.Key(r.Get("cue"))
	if err != nil {
		return r.Errorf("cue: %v", err)
	}
	role, ok := parseRole(r.Get("role"))
	if !ok {
		return r.Errorf("role %q: want verb, participle or according", r.Get("role"))
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
	// a later entry with the same words replaces an earlier one
	list := lx.cues[words[0]]
	for i, o := range list {
		if strings.Join(o.rest, " ") == strings.Join(c.rest, " ") {
			list[i] = c
			return nil
		}
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
		return r.Errorf("role %q: want that, prep, as, nonclausal, stop, time, filler or then", r.Get("role"))
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
	if strings.HasPrefix(k, "ال") && len(k) > len("ال")+2*2 {
		return k[len("ال"):]
	}
	return k
}
