package index

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/naba-nlp/naba/pipeline"
)

// storedClaim is what the index stores for a claim besides its text: the
// doc id and sentence number are in the claim id, and the article's title,
// url and date are stored once per document (docInfo). Mentions drop what
// the claim already says (doc, sentence, and their text when it is the
// claim's text at their offsets), and keys are one letter: stored records
// are most of an index's size.
type storedClaim struct {
	Start        int                          `json:"b"`
	End          int                          `json:"e"`
	Mentions     []storedMention              `json:"m,omitempty"`
	Attributions []pipeline.AttributionRecord `json:"a,omitempty"`
}

// storedMention is a MentionRecord without doc and sentence. Text is nil
// when the claim text holds it at [Start, End); Canonical is "" when it
// equals the text, nil when there is none.
type storedMention struct {
	Type      pipeline.Kind   `json:"t"`
	Start     int             `json:"s"`
	End       int             `json:"e"`
	Text      *string         `json:"x,omitempty"`
	ID        string          `json:"i,omitempty"`
	Canonical *string         `json:"c,omitempty"`
	Wikidata  string          `json:"w,omitempty"`
	Value     *pipeline.Value `json:"v,omitempty"`
	Unit      string          `json:"u,omitempty"`
	Mod       string          `json:"o,omitempty"`
	Calendar  string          `json:"l,omitempty"`
	Hijri     string          `json:"h,omitempty"`
	Rule      string          `json:"r,omitempty"`
}

// docInfo is stored once per document (internal key docInfoPrefix+doc).
type docInfo struct {
	Title string `json:"title,omitempty"`
	URL   string `json:"url,omitempty"`
	Date  string `json:"date,omitempty"`
}

// marshalRecord encodes what the index stores of c.
func marshalRecord(c *Claim) ([]byte, error) {
	s := storedClaim{Start: c.Start, End: c.End}
	if len(c.Mentions) > 0 {
		runes := []rune(c.Text)
		s.Mentions = make([]storedMention, len(c.Mentions))
		for i, m := range c.Mentions {
			sm := storedMention{Type: m.Type, Start: m.Start, End: m.End, ID: m.ID, Wikidata: m.Wikidata,
				Value: m.Value, Unit: m.Unit, Mod: m.Mod, Calendar: m.Calendar, Hijri: m.Hijri, Rule: packRule(m.Rule)}
			if sliceRunes(runes, m.Start-c.Start, m.End-c.Start) != m.Text {
				sm.Text = &m.Text
			}
			switch m.Canonical {
			case "":
			case m.Text:
				sm.Canonical = new(string)
			default:
				sm.Canonical = &m.Canonical
			}
			s.Mentions[i] = sm
		}
	}
	if len(c.Attributions) > 0 {
		s.Attributions = make([]pipeline.AttributionRecord, len(c.Attributions))
		for i, a := range c.Attributions {
			a.Doc = ""
			s.Attributions[i] = a
		}
	}
	return json.Marshal(s)
}

func unmarshalRecord(b []byte) (storedClaim, error) {
	var s storedClaim
	err := json.Unmarshal(b, &s)
	return s, err
}

// Most rules name a lexicon file:line under lexicons/data/: the stored
// record writes that prefix as "~" (and a rule that itself starts with "~"
// as "~~").
const rulePrefix = "lexicons/data/"

func packRule(r string) string {
	if rest, ok := strings.CutPrefix(r, rulePrefix); ok && !strings.HasPrefix(rest, "~") {
		return "~" + rest
	}
	if strings.HasPrefix(r, "~") {
		return "~" + r
	}
	return r
}

func unpackRule(r string) string {
	if rest, ok := strings.CutPrefix(r, "~~"); ok {
		return "~" + rest
	}
	if rest, ok := strings.CutPrefix(r, "~"); ok {
		return rulePrefix + rest
	}
	return r
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

// claimReader rebuilds claims from hits, reading each document's info once.
type claimReader struct {
	ix    *Index
	infos map[string]docInfo
}

func (ix *Index) newClaimReader() *claimReader {
	return &claimReader{ix: ix, infos: map[string]docInfo{}}
}

func (r *claimReader) claim(id, text, rec string) (Claim, error) {
	doc, n, ok := splitID(id)
	if !ok {
		return Claim{}, fmt.Errorf("%w: claim id %q", ErrCorrupt, id)
	}
	s, err := unmarshalRecord([]byte(rec))
	if err != nil {
		return Claim{}, fmt.Errorf("claim %s: %w: record: %v", id, ErrCorrupt, err)
	}
	info, ok := r.infos[doc]
	if !ok {
		b, err := r.ix.bi.GetInternal([]byte(docInfoPrefix + doc))
		if err != nil {
			return Claim{}, fmt.Errorf("claim %s: %w", id, err)
		}
		if b != nil {
			if err := json.Unmarshal(b, &info); err != nil {
				return Claim{}, fmt.Errorf("document %s: %w: info: %v", doc, ErrCorrupt, err)
			}
		}
		if len(r.infos) > 1000 {
			clear(r.infos)
		}
		r.infos[doc] = info
	}
	c := Claim{ID: id, Doc: doc, Sentence: n, Start: s.Start, End: s.End, Text: text,
		Title: info.Title, URL: info.URL, Date: info.Date,
		Mentions: make([]pipeline.MentionRecord, len(s.Mentions)), Attributions: s.Attributions}
	runes := []rune(text)
	for i, m := range s.Mentions {
		r := pipeline.MentionRecord{Doc: doc, Sentence: n, Type: m.Type, Start: m.Start, End: m.End,
			ID: m.ID, Wikidata: m.Wikidata, Value: m.Value, Unit: m.Unit, Mod: m.Mod,
			Calendar: m.Calendar, Hijri: m.Hijri, Rule: unpackRule(m.Rule)}
		if m.Text != nil {
			r.Text = *m.Text
		} else {
			r.Text = sliceRunes(runes, m.Start-s.Start, m.End-s.Start)
		}
		if m.Canonical != nil {
			r.Canonical = *m.Canonical
			if r.Canonical == "" {
				r.Canonical = r.Text
			}
		}
		c.Mentions[i] = r
	}
	if c.Attributions == nil {
		c.Attributions = []pipeline.AttributionRecord{}
	}
	for i := range c.Mentions {
		c.Mentions[i].Doc = doc
	}
	for i := range c.Attributions {
		c.Attributions[i].Doc = doc
	}
	return c, nil
}
