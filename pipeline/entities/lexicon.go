// Package entities is naba's named-entity stage: it loads the entity
// lexicons, recognizes people, organizations, places, groups and languages in
// a document, links every mention of a known entity to its id, canonical name
// and Wikidata QID, and links later short forms to the full names mentioned
// earlier in the same document.
//
// Matching is a token n-gram hash lookup over matching keys: for every token,
// each clitic reading from segment.Analyze is tried as the first token of an
// n-gram, and the longest n-gram in the lexicon wins. Unknown people and
// organizations come from rules over triggers (titles, "شركة"), given names
// and name particles, all of them data files in lexicons/data/entities/.
package entities

import (
	"bufio"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/segment"
)

// Flags of Lexicon.grams.
const (
	gramName uint8 = 1 << iota
	gramTrigger
	gramPrefix
)

// Area is the lexicon area this package reads.
const Area = "entities"

// fileKind tells the entity files apart by their header.
type fileKind uint8

const (
	entryFile     fileKind = iota + 1 // id type canonical aliases demonyms note
	givenFile                         // given_name gender origin note
	particleFile                      // particle kind note
	triggerFile                       // trigger type span note
	ambiguousFile                     // ambiguous note
	stopFile                          // stopword kind note
)

// kindHeader is the first header column of a kind of file.
func kindHeader(k fileKind) string {
	switch k {
	case entryFile:
		return "id"
	case givenFile:
		return "given_name"
	case particleFile:
		return "particle"
	case triggerFile:
		return "trigger"
	case ambiguousFile:
		return "ambiguous"
	case stopFile:
		return "stopword"
	}
	return ""
}

// fileKindOf picks the kind from the first header column.
func fileKindOf(first string) (fileKind, []string, bool) {
	switch first {
	case "id":
		return entryFile, []string{"id", "type", "canonical"}, true
	case "given_name":
		return givenFile, []string{"given_name", "gender"}, true
	case "particle":
		return particleFile, []string{"particle", "kind"}, true
	case "trigger":
		return triggerFile, []string{"trigger", "type", "span"}, true
	case "ambiguous":
		return ambiguousFile, []string{"ambiguous"}, true
	case "stopword":
		return stopFile, []string{"stopword", "kind"}, true
	}
	return 0, nil, false
}

// Entry is one entity of the lexicon.
type Entry struct {
	ID        string
	Type      pipeline.Kind
	Canonical string
	Aliases   []string
	Demonyms  []string
	Note      string
	Source    string // file:line

	line     int
	canonKey string
	aliasKey []string // parallel to Aliases
	demKey   []string // parallel to Demonyms
}

// Wikidata returns the entry's QID, or "" for a local id.
func (e *Entry) Wikidata() string {
	if isQID(e.ID) {
		return e.ID
	}
	return ""
}

// isQID reports whether id is a Wikidata item id (Q123).
func isQID(id string) bool {
	if len(id) < 2 || id[0] != 'Q' || id[1] == '0' {
		return false
	}
	for i := 1; i < len(id); i++ {
		if id[i] < '0' || id[i] > '9' {
			return false
		}
	}
	return true
}

// Form says how a lexicon key was derived from its entry.
type Form uint8

// Forms of a key.
const (
	FormCanonical Form = iota + 1
	FormAlias
	FormDemonym  // a demonym, inflected (NORP)
	FormLanguage // a feminine demonym read as a language name (LANGUAGE)
)

func (f Form) String() string {
	switch f {
	case FormCanonical:
		return "canonical"
	case FormAlias:
		return "alias"
	case FormDemonym:
		return "demonym"
	case FormLanguage:
		return "language"
	}
	return "?"
}

// cand is one entry a key can match.
type cand struct {
	entry int32
	form  Form
	// lang is, for FormLanguage, the LANGUAGE entry named "اللغة" + the
	// key (اللغة الروسية), or -1
	lang int32
	// term is the lexicon term the key came from (as written).
	term string
}

// trigger is a word or phrase that introduces a name.
type trigger struct {
	typ  pipeline.Kind
	span string // outside, inside, skip
	src  string
}

// Collision is a key shared by two different ids.
type Collision struct {
	Key     string
	Entries []string // "id (type, form, file:line)"
}

// Lexicon is the loaded entity data. It is read-only once loaded, so one
// Lexicon serves many goroutines.
type Lexicon struct {
	entries []Entry
	byID    map[string]int32

	patterns map[string][]cand // n-gram key (token keys joined by " ") -> entries
	first    map[string]uint8  // first token key -> longest n-gram starting with it

	given      map[string]string // given-name key (one or two tokens) -> gender
	givenFirst map[string]bool   // first words of two-word given names
	// grams flags every key of two words or more: gramName (a key of
	// patterns), gramTrigger (a key of triggers), gramPrefix (the start of
	// a longer key of either)
	grams       map[string]uint8
	filter      filter            // keys of first and trigFirst
	givenFilter filter            // keys of given, givenFirst and particles
	trigFilter  filter            // keys of trigFirst
	stopFilter  filter            // keys of stop
	particles   map[string]string // particle key -> kind
	divine      map[string]bool   // the 99 names, as keys (with article)
	triggers    map[string][]trigger
	trigFirst   map[string]uint8
	ambiguous   map[string]string // word -> the type it needs evidence for ("" for all)
	stop        map[string]string // stop word key -> kind

	// Warnings lists rows that were dropped as harmless repeats (a term
	// written twice in one entry or list once normalized).
	Warnings []error
	// Files lists the files read, with what they held.
	Files []string
}

// Entries returns the number of entity entries.
func (l *Lexicon) Entries() int { return len(l.entries) }

// Entry returns the entry with id, or nil.
func (l *Lexicon) Entry(id string) *Entry {
	if i, ok := l.byID[id]; ok {
		return &l.entries[i]
	}
	return nil
}

// maxErrors bounds the errors one load reports.
const maxErrors = 100

type errList struct {
	errs []error
	more int
}

func (e *errList) add(err error) {
	if len(e.errs) < maxErrors {
		e.errs = append(e.errs, err)
	} else {
		e.more++
	}
}

func (e *errList) err() error {
	if len(e.errs) == 0 {
		return nil
	}
	if e.more > 0 {
		e.errs = append(e.errs, fmt.Errorf("… and %d more errors", e.more))
	}
	return errors.Join(e.errs...)
}

// Load reads every file of the entities area of set. Entity-entry files and
// the helper lists (given names, particles, triggers, ambiguous words, stop
// words) are told apart by their header's first column (see README.md).
//
// Bad rows (empty terms, presentation forms, invisible characters, unknown
// types, duplicate terms or ids) are reported with file:line; the returned
// Lexicon holds every good row even when err is not nil. An id that appears
// again in a file outside the embedded lexicons overrides the earlier entry.
func Load(set *lexicons.Set) (*Lexicon, error) {
	files, err := set.Files(Area)
	if err != nil {
		return nil, err
	}
	embedded := map[string]bool{}
	if def, err := lexicons.Default().Files(Area); err == nil {
		for _, f := range def {
			embedded[f.Name] = true
		}
	}
	l := &Lexicon{
		entries:    make([]Entry, 0, 8192),
		byID:       make(map[string]int32, 8192),
		patterns:   map[string][]cand{},
		first:      map[string]uint8{},
		given:      map[string]string{},
		givenFirst: map[string]bool{},
		particles:  map[string]string{},
		divine:     map[string]bool{},
		triggers:   map[string][]trigger{},
		trigFirst:  map[string]uint8{},
		ambiguous:  map[string]string{},
		stop:       map[string]string{},
	}
	var errs errList
	var abd []string // particles of kind "abd" (عبد)
	kinds := make([]fileKind, len(files))
	parsed := make([]parsedFile, len(files))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for fi, f := range files {
		first, err := headerOf(f)
		if err != nil {
			errs.add(err)
			continue
		}
		kind, _, ok := fileKindOf(first)
		if !ok {
			errs.add(&lexicons.Error{File: f.Name, Err: fmt.Errorf("unknown header starting with %q: want id, given_name, particle, trigger, ambiguous or stopword", first)})
			continue
		}
		kinds[fi] = kind
		if kind == entryFile {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sem <- struct{}{}
				parsed[fi] = parseEntryFile(f)
				<-sem
			}()
		}
	}
	wg.Wait()
	for fi, f := range files {
		kind := kinds[fi]
		if kind == 0 {
			continue
		}
		_, required, _ := fileKindOf(kindHeader(kind))
		l.Files = append(l.Files, f.Name)
		user := !embedded[f.Name]
		if kind == entryFile {
			pf := parsed[fi]
			for _, e := range pf.errs {
				errs.add(e)
			}
			l.Warnings = append(l.Warnings, pf.warns...)
			for _, e := range pf.entries {
				l.insertEntry(e, f.Name, user, &errs)
			}
			continue
		}
		seen := map[string]int{} // key -> line, within this file (helper lists)
		err := lexicons.ReadTSV(f, required, func(r lexicons.Row) error {
			switch kind {
			case givenFile:
				k, ok := rowKey(r, "given_name", seen, &errs, &l.Warnings)
				if ok {
					g := r.Get("gender")
					if g != "m" && g != "f" && g != "u" {
						errs.add(r.Errorf("gender %q: want m, f or u", g))
					}
					l.given[k] = g
				}
			case particleFile:
				k, ok := rowKey(r, "particle", seen, &errs, &l.Warnings)
				if ok {
					pk := r.Get("kind")
					switch pk {
					case "link", "kunya", "family", "abd":
						l.particles[k] = pk
						if pk == "abd" {
							abd = append(abd, k)
						}
					case "divine":
						l.divine[k] = true
					default:
						errs.add(r.Errorf("particle kind %q: want link, kunya, family, abd or divine", pk))
					}
				}
			case triggerFile:
				k, ok := rowKey(r, "trigger", seen, &errs, &l.Warnings)
				if ok {
					t := trigger{span: r.Get("span"), src: fmt.Sprintf("%s:%d", r.File, r.Line)}
					typ, err := pipeline.ParseKind(r.Get("type"))
					if err != nil || !typ.IsEntity() {
						errs.add(r.Errorf("trigger type %q is not an entity type", r.Get("type")))
						return nil
					}
					t.typ = typ
					switch t.span {
					case "outside", "inside", "norp", "skip", "subject":
					default:
						errs.add(r.Errorf("span %q: want outside, inside, norp, skip or subject", t.span))
						return nil
					}
					l.triggers[k] = append(l.triggers[k], t)
					n := uint8(strings.Count(k, " ") + 1)
					fk := firstToken(k)
					if n > l.trigFirst[fk] {
						l.trigFirst[fk] = n
					}
				}
			case ambiguousFile:
				if k, ok := rowKey(r, "ambiguous", seen, &errs, &l.Warnings); ok {
					t := r.Get("type")
					if t != "" {
						if kt, err := pipeline.ParseKind(t); err != nil || !kt.IsEntity() {
							errs.add(r.Errorf("type %q is not an entity type", t))
							return nil
						}
					}
					l.ambiguous[k] = t
				}
			case stopFile:
				if k, ok := rowKey(r, "stopword", seen, &errs, &l.Warnings); ok {
					l.stop[k] = r.Get("kind")
				}
			}
			return nil
		})
		if err != nil {
			errs.add(err)
		}
	}
	// عبد + each of the 99 names is a compound given name, written as two
	// words or glued (عبد الله, عبدالله).
	for _, a := range abd {
		for d := range l.divine {
			if _, ok := l.given[a+" "+d]; !ok {
				l.given[a+" "+d] = "m"
			}
			if _, ok := l.given[a+d]; !ok {
				l.given[a+d] = "m"
			}
		}
	}
	for g := range l.given {
		if f, _, ok := strings.Cut(g, " "); ok {
			l.givenFirst[f] = true
		}
	}
	l.build()
	l.grams = map[string]uint8{}
	addGrams := func(k string, flag uint8) {
		if strings.IndexByte(k, ' ') < 0 {
			return
		}
		l.grams[k] |= flag
		first := true
		for i := 0; i < len(k); i++ {
			if k[i] != ' ' {
				continue
			}
			if !first {
				l.grams[k[:i]] |= gramPrefix
			}
			first = false
		}
	}
	for k := range l.patterns {
		addGrams(k, gramName)
	}
	for k := range l.triggers {
		addGrams(k, gramTrigger)
	}
	l.filter, l.givenFilter, l.stopFilter = newFilter(), newFilter(), newFilter()
	l.trigFilter = newFilter()
	for _, m := range []map[string]uint8{l.first, l.trigFirst} {
		for k := range m {
			l.filter.add(k)
		}
	}
	for k := range l.trigFirst {
		l.trigFilter.add(k)
	}
	for k := range l.given {
		l.givenFilter.add(k)
	}
	for k := range l.givenFirst {
		l.givenFilter.add(k)
	}
	for k := range l.particles {
		l.givenFilter.add(k)
	}
	for k := range l.stop {
		l.stopFilter.add(k)
	}
	return l, errs.err()
}

// rowKey reads the single-term column col of a helper list.
func rowKey(r lexicons.Row, col string, seen map[string]int, errs *errList, warns *[]error) (string, bool) {
	k, err := termKey(r.Get(col))
	if err != nil {
		errs.add(r.Errorf("%s: %v", col, err))
		return "", false
	}
	if line, dup := seen[k]; dup {
		*warns = append(*warns, r.Errorf("duplicate entry %q (same key as line %d)", r.Get(col), line))
		return "", false
	}
	seen[k] = r.Line
	return k, true
}

// termKey validates a term and returns its n-gram key: the matching keys of
// its tokens (as the segmenter splits text) joined by single spaces, so that
// "سيبيريا2" and "سيبيريا 2" share one key, as do "لونا-25" and "لونا - 25".
func termKey(term string) (string, error) {
	k, err := lexicons.Key(term)
	if err != nil {
		return "", err
	}
	if simpleKey(k) {
		return k, nil // letters and single spaces: already in token form
	}
	toks := segment.Tokenize(k)
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(k[t.Start:t.End])
	}
	if b.Len() == 0 {
		return "", fmt.Errorf("%q has no tokens", term)
	}
	return b.String(), nil
}

// simpleKey reports whether k holds only letters and single spaces, so
// that tokenizing it would not change it.
func simpleKey(k string) bool {
	for _, r := range k {
		if r == ' ' || (r >= 'a' && r <= 'z') || segment.IsArabicLetter(r) {
			continue
		}
		return false
	}
	return true
}

func firstToken(k string) string {
	if i := strings.IndexByte(k, ' '); i >= 0 {
		return k[:i]
	}
	return k
}

// headerOf returns the first column of a file's header line.
func headerOf(f lexicons.File) (string, error) {
	rc, err := f.Open()
	if err != nil {
		return "", &lexicons.Error{File: f.Name, Err: err}
	}
	defer rc.Close()
	sc := bufio.NewScanner(rc)
	sc.Buffer(make([]byte, 4<<10), 1<<20)
	for sc.Scan() {
		s := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		first, _, _ := strings.Cut(s, "\t")
		return strings.TrimSpace(first), nil
	}
	if err := sc.Err(); err != nil {
		return "", &lexicons.Error{File: f.Name, Err: err}
	}
	return "", &lexicons.Error{File: f.Name, Err: errors.New("empty lexicon file: no header line")}
}

// parseEntry validates one entity row and computes its keys (patterns are
// built once all files are read, so that overrides take effect).
func parseEntry(r lexicons.Row, pf *parsedFile) (Entry, bool) {
	src := fmt.Sprintf("%s:%d", r.File, r.Line)
	e := Entry{ID: r.Get("id"), Canonical: r.Get("canonical"), Aliases: r.List("aliases"),
		Demonyms: r.List("demonyms"), Note: r.Get("note"), Source: src}
	if e.ID == "" {
		pf.errs = append(pf.errs, r.Errorf("empty id"))
		return e, false
	}
	if strings.HasPrefix(e.ID, "Q") && !isQID(e.ID) {
		pf.errs = append(pf.errs, r.Errorf("id %q is neither a Wikidata QID (Q123) nor a local id (naba:type:slug)", e.ID))
		return e, false
	}
	if !isQID(e.ID) && !strings.HasPrefix(e.ID, "naba:") {
		pf.errs = append(pf.errs, r.Errorf("id %q is neither a Wikidata QID (Q123) nor a local id (naba:type:slug)", e.ID))
		return e, false
	}
	typ, err := pipeline.ParseKind(r.Get("type"))
	if err != nil || !typ.IsEntity() {
		pf.errs = append(pf.errs, r.Errorf("type %q is not an entity type (PERSON, ORG, GPE, LOC, FAC, PRODUCT, EVENT, NORP, LANGUAGE, LAW, WORK_OF_ART)", r.Get("type")))
		return e, false
	}
	e.Type = typ
	// validate every term; duplicates within the entry are errors
	// validate every term; a term repeated within the entry once
	// normalized is dropped with a warning
	var seenBuf [16][2]string // key, term: entries have few terms
	seen := seenBuf[:0]
	check := func(col, term string) (string, bool) {
		k, err := termKey(term)
		if err != nil {
			pf.errs = append(pf.errs, r.Errorf("%s: %v", col, err))
			return "", false
		}
		for _, p := range seen {
			if p[0] == k {
				pf.warns = append(pf.warns, r.Errorf("%s %q duplicates %q once normalized (key %q)", col, term, p[1], k))
				return "", false
			}
		}
		seen = append(seen, [2]string{k, term})
		return k, true
	}
	k, ok := check("canonical", e.Canonical)
	if !ok {
		return e, false
	}
	e.canonKey = k
	aliases := e.Aliases[:0:0]
	for _, a := range e.Aliases {
		if k, ok := check("aliases", a); ok {
			aliases = append(aliases, a)
			e.aliasKey = append(e.aliasKey, k)
		}
	}
	e.Aliases = aliases
	dem := e.Demonyms[:0:0]
	for _, d := range e.Demonyms {
		k, err := termKey(d)
		if err != nil {
			pf.errs = append(pf.errs, r.Errorf("demonyms: %v", err))
			continue
		}
		dup := false
		for _, o := range e.demKey {
			dup = dup || o == k
		}
		if dup {
			pf.warns = append(pf.warns, r.Errorf("demonyms: %q appears twice once normalized", d))
			continue
		}
		dem = append(dem, d)
		e.demKey = append(e.demKey, k)
	}
	e.Demonyms = dem
	e.line = r.Line
	return e, true
}

// insertEntry adds a parsed entry; an id already defined is an error in the
// embedded files and an override from a user file.
func (l *Lexicon) insertEntry(e Entry, file string, user bool, errs *errList) {
	if i, dup := l.byID[e.ID]; dup {
		if !user {
			errs.add(&lexicons.Error{File: file, Line: e.line, Err: fmt.Errorf("id %s already defined at %s", e.ID, l.entries[i].Source)})
			return
		}
		l.entries[i] = e // a user file overrides the entry with the same id
		return
	}
	l.byID[e.ID] = int32(len(l.entries))
	l.entries = append(l.entries, e)
}

// parsedFile is an entity-entry file read and validated, in row order.
type parsedFile struct {
	entries []Entry
	errs    []error
	warns   []error
}

// parseEntryFile reads one entity-entry file. Files are parsed in
// parallel: normalizing every term is most of the loading time.
func parseEntryFile(f lexicons.File) parsedFile {
	var pf parsedFile
	err := lexicons.ReadTSV(f, []string{"id", "type", "canonical"}, func(r lexicons.Row) error {
		if e, ok := parseEntry(r, &pf); ok {
			pf.entries = append(pf.entries, e)
		}
		return nil
	})
	if err != nil {
		pf.errs = append(pf.errs, err)
	}
	return pf
}

// build derives the n-gram patterns of every entry and records collisions.
func (l *Lexicon) build() {
	n := 0
	for i := range l.entries {
		n += 1 + len(l.entries[i].Aliases) + 20*len(l.entries[i].Demonyms)
	}
	l.patterns = make(map[string][]cand, n)
	l.first = make(map[string]uint8, n/2)
	for i := range l.entries {
		e := &l.entries[i]
		l.addPattern(e.canonKey, cand{entry: int32(i), form: FormCanonical, term: e.Canonical})
		for ai, a := range e.Aliases {
			l.addPattern(e.aliasKey[ai], cand{entry: int32(i), form: FormAlias, term: a})
		}
		for di, d := range e.Demonyms {
			for _, form := range inflectDemonym(e.demKey[di]) {
				l.addPattern(form.key, cand{entry: int32(i), form: FormDemonym, term: d})
				if form.fem && form.article {
					l.addPattern(form.key, cand{entry: int32(i), form: FormLanguage, term: d})
				}
			}
		}
		if e.Type == pipeline.NORP {
			// a group entry written as a nisba (شيعي) takes the plurals and
			// the article; other forms must be listed
			for ti, k := range append([]string{e.canonKey}, e.aliasKey...) {
				if !strings.HasSuffix(k, "ي") {
					continue
				}
				term := e.Canonical
				if ti > 0 {
					term = e.Aliases[ti-1]
				}
				for _, form := range inflectDemonym(k) {
					if form.plural || form.bare {
						l.addPattern(form.key, cand{entry: int32(i), form: FormAlias, term: term})
					}
				}
			}
			// a feminine form with the article names a language after a
			// language trigger (بالعربية)
			for ti, k := range append([]string{e.canonKey}, e.aliasKey...) {
				if strings.HasPrefix(k, "ال") && strings.HasSuffix(k, "يه") && strings.IndexByte(k, ' ') < 0 {
					term := e.Canonical
					if ti > 0 {
						term = e.Aliases[ti-1]
					}
					l.addPattern(k, cand{entry: int32(i), form: FormLanguage, term: term})
				}
			}
		}
	}
	// link the language readings to the LANGUAGE entry "اللغة X"
	for k, cs := range l.patterns {
		for ci := range cs {
			if cs[ci].form != FormLanguage {
				continue
			}
			cs[ci].lang = -1
			for _, o := range l.patterns["اللغه "+k] {
				if l.entries[o.entry].Type == pipeline.Language {
					cs[ci].lang = o.entry
					break
				}
			}
		}
	}
}

// FindCollisions lists the keys that lead to more than one id (computed on
// demand: the pipeline does not need them, naba lexicon check prints them).
func (l *Lexicon) FindCollisions() []Collision {
	var out []Collision
	keys := make([]string, 0, len(l.patterns))
	for k := range l.patterns {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		cs := l.patterns[k]
		ids := map[int32]bool{}
		for _, c := range cs {
			if c.form != FormLanguage {
				ids[c.entry] = true
			}
		}
		if len(ids) < 2 {
			continue
		}
		col := Collision{Key: k}
		for _, c := range cs {
			if c.form == FormLanguage {
				continue
			}
			e := &l.entries[c.entry]
			col.Entries = append(col.Entries, fmt.Sprintf("%s %s (%s %q, %s)", e.ID, e.Type, c.form, c.term, e.Source))
		}
		out = append(out, col)
	}
	return out
}

// needsEvidence reports whether word (a key) is ambiguous as a name of
// type t (ambiguous.tsv, whose type column limits a word to one type).
func (l *Lexicon) needsEvidence(word string, t pipeline.Kind) bool {
	v, ok := l.ambiguous[word]
	return ok && (v == "" || v == string(t))
}

// Notes lists entity keys that the stage treats with care, so that their
// authors can check them: one-word names that are stop words (they never
// match without a trigger) or ambiguous words (they need evidence).
func (l *Lexicon) Notes() []string {
	var out []string
	for k, cs := range l.patterns {
		if strings.IndexByte(k, ' ') >= 0 {
			continue
		}
		_, stop := l.stop[k]
		_, amb := l.ambiguous[k]
		if !stop && !amb {
			continue
		}
		for _, c := range cs {
			if c.form == FormLanguage {
				continue
			}
			e := &l.entries[c.entry]
			t := e.Type
			if c.form == FormDemonym {
				t = pipeline.NORP
			}
			if !stop && !l.needsEvidence(k, t) {
				continue
			}
			what := "is an ambiguous word (ambiguous.tsv): it needs a trigger or an earlier mention"
			if stop {
				what = "is a stop word (stopwords.tsv): it never matches without a trigger"
			}
			out = append(out, fmt.Sprintf("%s: %s %q of %s %s %s", e.Source, c.form, c.term, e.ID, k, what))
		}
	}
	sort.Strings(out)
	return out
}

func (l *Lexicon) addPattern(k string, c cand) {
	for _, o := range l.patterns[k] {
		if o.entry == c.entry && o.form == c.form {
			return
		}
		if o.entry == c.entry && c.form == FormDemonym && (o.form == FormCanonical || o.form == FormAlias) {
			// the feminine demonym spelled like the name (السعودية):
			// the name reading is enough
			return
		}
	}
	l.patterns[k] = append(l.patterns[k], c)
	n := uint8(strings.Count(k, " ") + 1)
	fk := firstToken(k)
	if n > l.first[fk] {
		l.first[fk] = n
	}
}

// demonymForm is one inflected form of a demonym.
type demonymForm struct {
	key     string
	fem     bool
	article bool
	plural  bool // a masculine plural (ون ين)
	bare    bool // the demonym as written, with or without the article
}

// inflectDemonym returns the inflected forms of a demonym key (one or more
// tokens, each inflected alike: كوري شمالي → الكورية الشمالية): with and
// without the article; for a nisba ending in ي the feminine (ة), the plurals
// (ون ين ات) and the duals (ان ين تان تين).
func inflectDemonym(k string) []demonymForm {
	toks := strings.Split(k, " ")
	type suffix struct {
		s      string
		fem    bool
		plural bool
	}
	var sufs []suffix
	nisba := true
	for _, t := range toks {
		if !strings.HasSuffix(t, "ي") {
			nisba = false
		}
	}
	if nisba {
		// keys fold ة to ه
		sufs = []suffix{{"", false, false}, {"ه", true, false}, {"ون", false, true}, {"ين", false, true},
			{"ات", true, false}, {"ان", false, false}, {"تان", true, false}, {"تين", true, false}}
	} else {
		fem := strings.HasSuffix(toks[len(toks)-1], "ه")
		sufs = []suffix{{"", fem, false}}
	}
	var out []demonymForm
	for _, s := range sufs {
		for _, art := range []bool{false, true} {
			parts := make([]string, len(toks))
			for i, t := range toks {
				w := t + s.s
				if art {
					w = "ال" + w
				}
				parts[i] = w
			}
			out = append(out, demonymForm{key: strings.Join(parts, " "), fem: s.fem, article: art,
				plural: s.plural, bare: s.s == ""})
		}
	}
	return out
}
