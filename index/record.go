package index

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/naba-nlp/naba/pipeline"
)

// What the index stores of a claim is one binary record (field "record"):
// the sentence text, its span, and its mentions and attributions without
// what the claim already says (doc, sentence, and the text of a span when
// it is the claim's text at the span's offsets). Every other string (types,
// canonical names, ids, rules, values ...) is an index into the table of
// the article, stored once with its first claim (field "strings"), and so
// is everything about a mention but its span (its "kind": type, ids, value,
// rule ...): articles repeat them, and records are most of an index's size.
// Strings are packed (pack.go). Integers are varints; offsets are code
// points, relative to the claim's start (a mention's, to the previous one's).
//
//	record:  text, start, end−start, mentions, attributions
//	text:    packed length, coded length, the packed text in the Huffman
//	         code of huffman.go
//	mention: start, end−start, text, kind
//	kind:    type, id, canonical, wikidata, value, unit, mod, calendar,
//	         hijri, rule (its file), rule line + 1 | 0
//	value:   0 | 1 number | 2 flags [from] [to] | 3 string | 4 kind
//	attribution: kind, span cue, source?, span content
//	source:  0 none | 1 | 2 (implied), span, id, canonical, wikidata
//	span:    start, end−start, text
//	table:   strings (count, then each), kinds (count, then each with
//	         its length)
//
// A string is its table index; index 0 is "" (not stored). A span's text
// is 0 when it is the claim's text at its offsets, else index + 1.

// docInfo is stored once per document (internal key docInfoPrefix+doc).
type docInfo struct {
	Title string `json:"title,omitempty"`
	URL   string `json:"url,omitempty"`
	Date  string `json:"date,omitempty"`
}

// strtab is an article's table while its claims are encoded.
type strtab struct {
	huff  *huffman
	idx   map[string]uint64
	list  []string // list[0] is ""
	kinds map[string]uint64
	klist []string // encoded kinds
	buf   recWriter
	// buffers for a claim text
	packed, coded []byte
}

func newStrtab(h *huffman) *strtab {
	return &strtab{huff: h, idx: map[string]uint64{"": 0}, list: []string{""}, kinds: map[string]uint64{}}
}

func (t *strtab) id(s string) uint64 {
	if i, ok := t.idx[s]; ok {
		return i
	}
	i := uint64(len(t.list))
	t.idx[s] = i
	t.list = append(t.list, s)
	return i
}

// kind returns the index of what m says besides its span.
func (t *strtab) kind(m *pipeline.MentionRecord) uint64 {
	w := &t.buf
	w.b = w.b[:0]
	w.uint(t.id(string(m.Type)))
	w.uint(t.id(m.ID))
	w.uint(t.id(m.Canonical))
	w.uint(t.id(m.Wikidata))
	switch v := m.Value; {
	case v == nil:
		w.b = append(w.b, 0)
	case v.Kind == pipeline.NumberValue:
		w.b = append(w.b, 1)
		w.float(v.Num)
	case v.Kind == pipeline.RangeValue:
		var flags byte
		if v.From != nil {
			flags |= 1
		}
		if v.To != nil {
			flags |= 2
		}
		w.b = append(w.b, 2, flags)
		if v.From != nil {
			w.float(*v.From)
		}
		if v.To != nil {
			w.float(*v.To)
		}
	case v.Kind == pipeline.StringValue:
		w.b = append(w.b, 3)
		w.uint(t.id(v.Str))
	default: // NoValue and kinds this version does not know
		w.b = append(w.b, 4, byte(v.Kind))
	}
	w.uint(t.id(m.Unit))
	w.uint(t.id(m.Mod))
	w.uint(t.id(m.Calendar))
	w.uint(t.id(m.Hijri))
	rule, line := splitRule(m.Rule)
	w.uint(t.id(rule))
	w.uint(line)
	if i, ok := t.kinds[string(w.b)]; ok {
		return i
	}
	i := uint64(len(t.klist))
	k := string(w.b)
	t.kinds[k] = i
	t.klist = append(t.klist, k)
	return i
}

// marshal encodes the table (field "strings" of an article's first claim).
func (t *strtab) marshal() []byte {
	w := recWriter{}
	w.uint(uint64(len(t.list) - 1))
	for _, s := range t.list[1:] {
		w.str(s)
	}
	w.uint(uint64(len(t.klist)))
	for _, k := range t.klist {
		w.uint(uint64(len(k)))
		w.b = append(w.b, k...)
	}
	return w.b
}

// table is an article's table as read back. Its entries are decoded when
// first used: a search reads a few claims of many articles.
type table struct {
	huff     *huffman
	strRaw   [][]byte // packed; strRaw[0] is ""
	strs     []string
	strDone  []bool
	kindRaw  [][]byte
	kinds    []mentionKind
	kindDone []bool
}

// mentionKind is what a mention says besides its span.
type mentionKind struct {
	Type                             pipeline.Kind
	ID, Canonical, Wikidata          string
	Value                            *pipeline.Value
	Unit, Mod, Calendar, Hijri, Rule string
}

func unmarshalTable(b []byte, h *huffman) (table, error) {
	t := table{huff: h}
	r := recReader{b: b}
	entries := func() [][]byte {
		n := r.uint()
		if r.err != nil || n > uint64(len(r.b)) {
			r.fail()
			return nil
		}
		out := make([][]byte, 0, n+1)
		for i := uint64(0); i < n && r.err == nil; i++ {
			l := r.uint()
			if r.err != nil || l > uint64(len(r.b)) {
				r.fail()
				break
			}
			out = append(out, r.b[:l])
			r.b = r.b[l:]
		}
		return out
	}
	t.strRaw = append([][]byte{nil}, entries()...)
	t.strs = make([]string, len(t.strRaw))
	t.strDone = make([]bool, len(t.strRaw))
	t.strDone[0] = true
	t.kindRaw = entries()
	t.kinds = make([]mentionKind, len(t.kindRaw))
	t.kindDone = make([]bool, len(t.kindRaw))
	if r.err == nil && len(r.b) != 0 {
		r.fail()
	}
	return t, r.err
}

// string returns entry i of the strings.
func (t *table) string(i uint64) (string, error) {
	if i >= uint64(len(t.strRaw)) {
		return "", errPacked
	}
	if !t.strDone[i] {
		s, err := appendUnpacked(make([]byte, 0, 2*len(t.strRaw[i])), t.strRaw[i])
		if err != nil {
			return "", err
		}
		t.strs[i], t.strDone[i] = string(s), true
	}
	return t.strs[i], nil
}

func (t *table) str(r *recReader) string {
	s, err := t.string(r.uint())
	if err != nil {
		r.fail()
	}
	return s
}

// kind returns entry i of the mention kinds.
func (t *table) kind(i uint64) (*mentionKind, error) {
	if i >= uint64(len(t.kindRaw)) {
		return nil, errPacked
	}
	if !t.kindDone[i] {
		k, err := t.readKind(t.kindRaw[i])
		if err != nil {
			return nil, err
		}
		t.kinds[i], t.kindDone[i] = k, true
	}
	return &t.kinds[i], nil
}

func (t *table) readKind(b []byte) (mentionKind, error) {
	r := &recReader{b: b}
	var k mentionKind
	k.Type = pipeline.Kind(t.str(r))
	k.ID, k.Canonical, k.Wikidata = t.str(r), t.str(r), t.str(r)
	switch r.byte() {
	case 0:
	case 1:
		v := pipeline.Num(r.float())
		k.Value = &v
	case 2:
		flags := r.byte()
		var from, to *float64
		if flags&1 != 0 {
			x := r.float()
			from = &x
		}
		if flags&2 != 0 {
			x := r.float()
			to = &x
		}
		v := pipeline.Range(from, to)
		k.Value = &v
	case 3:
		v := pipeline.Str(t.str(r))
		k.Value = &v
	case 4:
		k.Value = &pipeline.Value{Kind: pipeline.ValueKind(r.byte())}
	default:
		r.fail()
	}
	k.Unit, k.Mod, k.Calendar, k.Hijri, k.Rule = t.str(r), t.str(r), t.str(r), t.str(r), t.str(r)
	if line := r.uint(); line > 0 {
		k.Rule += ":" + strconv.FormatUint(line-1, 10)
	}
	if r.err == nil && len(r.b) != 0 {
		r.fail()
	}
	return k, r.err
}

// marshalRecord encodes what the index stores of c, adding to t.
func marshalRecord(c *Claim, t *strtab) []byte {
	w := recWriter{b: make([]byte, 0, len(c.Text)/2+16+6*len(c.Mentions))}
	t.packed = appendPacked(t.packed[:0], c.Text)
	t.coded = t.huff.appendEncoded(t.coded[:0], t.packed)
	w.uint(uint64(len(t.packed)))
	w.uint(uint64(len(t.coded)))
	w.b = append(w.b, t.coded...)
	w.int(c.Start)
	w.int(c.End - c.Start)
	var runes []rune
	span := func(base, start, end int, text string) {
		w.int(start - base)
		w.int(end - start)
		if runes == nil {
			runes = []rune(c.Text)
		}
		if text == sliceRunes(runes, start-c.Start, end-c.Start) {
			w.uint(0)
		} else {
			w.uint(t.id(text) + 1)
		}
	}
	w.uint(uint64(len(c.Mentions)))
	prev := c.Start
	for i := range c.Mentions {
		m := &c.Mentions[i]
		span(prev, m.Start, m.End, m.Text)
		prev = m.Start
		w.uint(t.kind(m))
	}
	w.uint(uint64(len(c.Attributions)))
	for i := range c.Attributions {
		a := &c.Attributions[i]
		w.uint(t.id(a.Kind))
		span(c.Start, a.Cue.Start, a.Cue.End, a.Cue.Text)
		switch {
		case a.Source == nil:
			w.b = append(w.b, 0)
		default:
			if a.Source.Implied {
				w.b = append(w.b, 2)
			} else {
				w.b = append(w.b, 1)
			}
			s := a.Source
			span(c.Start, s.Start, s.End, s.Text)
			w.uint(t.id(s.ID))
			w.uint(t.id(s.Canonical))
			w.uint(t.id(s.Wikidata))
		}
		span(c.Start, a.Content.Start, a.Content.End, a.Content.Text)
	}
	return w.b
}

// unmarshalRecord decodes a record of claim sentence n of doc, with the
// article's table.
func unmarshalRecord(b []byte, tab *table, doc string, n int) (Claim, error) {
	r := recReader{b: b}
	c := Claim{Doc: doc, Sentence: n}
	c.Text = r.text(tab.huff)
	c.Start = r.int()
	c.End = c.Start + r.int()
	var runes []rune
	span := func(base int) (start, end int, text string) {
		start = base + r.int()
		end = start + r.int()
		i := r.uint()
		if i == 0 {
			if runes == nil {
				runes = []rune(c.Text)
			}
			return start, end, sliceRunes(runes, start-c.Start, end-c.Start)
		}
		s, err := tab.string(i - 1)
		if err != nil {
			r.fail()
		}
		return start, end, s
	}
	nm := r.uint()
	if nm > uint64(len(b)) {
		return c, errPacked
	}
	c.Mentions = make([]pipeline.MentionRecord, nm)
	prev := c.Start
	for i := range c.Mentions {
		m := &c.Mentions[i]
		m.Doc, m.Sentence = doc, n
		m.Start, m.End, m.Text = span(prev)
		prev = m.Start
		k := r.uint()
		kind, err := tab.kind(k)
		if err != nil {
			r.fail()
			break
		}
		m.Type, m.ID, m.Canonical, m.Wikidata = kind.Type, kind.ID, kind.Canonical, kind.Wikidata
		if kind.Value != nil {
			v := *kind.Value
			m.Value = &v
		}
		m.Unit, m.Mod, m.Calendar, m.Hijri, m.Rule = kind.Unit, kind.Mod, kind.Calendar, kind.Hijri, kind.Rule
	}
	na := r.uint()
	if na > uint64(len(b)) {
		return c, errPacked
	}
	c.Attributions = make([]pipeline.AttributionRecord, na)
	for i := range c.Attributions {
		a := &c.Attributions[i]
		a.Doc, a.Sentence = doc, n
		a.Kind = tab.str(&r)
		a.Cue.Start, a.Cue.End, a.Cue.Text = span(c.Start)
		switch src := r.byte(); src {
		case 0:
		case 1, 2:
			s := &pipeline.SourceRecord{Implied: src == 2}
			s.Start, s.End, s.Text = span(c.Start)
			s.ID, s.Canonical, s.Wikidata = tab.str(&r), tab.str(&r), tab.str(&r)
			a.Source = s
		default:
			r.fail()
		}
		a.Content.Start, a.Content.End, a.Content.Text = span(c.Start)
	}
	if r.err == nil && len(r.b) != 0 {
		r.fail()
	}
	return c, r.err
}

// splitRule splits a rule that names a lexicon line ("…/people.tsv:119")
// into its file, which articles share, and line + 1 (0 when there is none).
func splitRule(r string) (string, uint64) {
	i := strings.LastIndexByte(r, ':')
	if i < 0 {
		return r, 0
	}
	n, err := strconv.ParseUint(r[i+1:], 10, 32)
	if err != nil || strconv.FormatUint(n, 10) != r[i+1:] {
		return r, 0
	}
	return r[:i], n + 1
}

// sliceRunes returns runes[s:e] as a string, or "" when out of range.
func sliceRunes(runes []rune, s, e int) string {
	if s < 0 || e > len(runes) || s > e {
		return ""
	}
	return string(runes[s:e])
}

// splitID returns the document and sentence of a claim id.
func splitID(id string) (string, int, bool) {
	i := strings.LastIndexByte(id, '#')
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(id[i+1:])
	if err != nil || n < 0 {
		return "", 0, false
	}
	return id[:i], n, true
}

// claimReader rebuilds claims from hits, reading each document's info and
// string table once.
type claimReader struct {
	ix    *Index
	infos map[string]docMeta
}

type docMeta struct {
	info docInfo
	tab  *table
}

func (ix *Index) newClaimReader() *claimReader {
	return &claimReader{ix: ix, infos: map[string]docMeta{}}
}

// claim rebuilds claim id from its record; strs is the article's string
// table when the hit carries it (the article's first claim), else nil.
func (r *claimReader) claim(id string, rec, strs []byte) (Claim, error) {
	doc, n, ok := splitID(id)
	if !ok {
		return Claim{}, fmt.Errorf("%w: claim id %q", ErrCorrupt, id)
	}
	meta, ok := r.infos[doc]
	if !ok || (strs != nil && meta.tab == nil) {
		var err error
		if meta, err = r.meta(doc, n, strs); err != nil {
			return Claim{}, fmt.Errorf("claim %s: %w", id, err)
		}
		if len(r.infos) > 1000 {
			clear(r.infos)
		}
		r.infos[doc] = meta
	}
	c, err := unmarshalRecord(rec, meta.tab, doc, n)
	if err != nil {
		return Claim{}, fmt.Errorf("claim %s: %w: record: %v", id, ErrCorrupt, err)
	}
	c.ID = id
	c.Title, c.URL, c.Date = meta.info.Title, meta.info.URL, meta.info.Date
	return c, nil
}

// meta reads a document's info and string table (from strs when given).
func (r *claimReader) meta(doc string, n int, strs []byte) (docMeta, error) {
	var meta docMeta
	b, err := r.ix.bi.GetInternal([]byte(docInfoPrefix + doc))
	if err != nil {
		return meta, err
	}
	if b != nil {
		if err := json.Unmarshal(b, &meta.info); err != nil {
			return meta, fmt.Errorf("document %s: %w: info: %v", doc, ErrCorrupt, err)
		}
	}
	if strs == nil {
		d, err := r.ix.bi.Document(ClaimID(doc, 0))
		if err != nil {
			return meta, err
		}
		if d != nil {
			d.VisitFields(func(f bindex.Field) {
				if f.Name() == fieldStrings {
					strs = f.Value()
				}
			})
		}
		if strs == nil {
			return meta, fmt.Errorf("document %s: %w: its first claim holds no string table", doc, ErrCorrupt)
		}
	}
	tab, err := unmarshalTable(strs, r.ix.huff)
	if err != nil {
		return meta, fmt.Errorf("document %s: %w: string table: %v", doc, ErrCorrupt, err)
	}
	meta.tab = &tab
	return meta, nil
}
