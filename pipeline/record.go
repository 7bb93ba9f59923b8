package pipeline

import (
	"bytes"
	"encoding/json"
	"io"
)

// MentionRecord is the exported form of a Mention: the one schema of
// `naba extract --format jsonl` and `naba export mentions`. Start and End
// are Unicode code point offsets of the original text, end exclusive.
type MentionRecord struct {
	Doc       string `json:"doc"`
	Sentence  int    `json:"sentence"`
	Type      Kind   `json:"type"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Text      string `json:"text"`
	ID        string `json:"id,omitempty"`
	Canonical string `json:"canonical,omitempty"`
	Wikidata  string `json:"wikidata,omitempty"`
	Value     *Value `json:"value,omitempty"`
	Unit      string `json:"unit,omitempty"`
	Mod       string `json:"mod,omitempty"`
	Calendar  string `json:"calendar,omitempty"`
	Hijri     string `json:"hijri,omitempty"`
	Rule      string `json:"rule,omitempty"`
}

// SpanRecord is a span in code points with its text.
type SpanRecord struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// SourceRecord is an attribution's source span with the entity it links to.
type SourceRecord struct {
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Text      string `json:"text"`
	ID        string `json:"id,omitempty"`
	Canonical string `json:"canonical,omitempty"`
	Wikidata  string `json:"wikidata,omitempty"`
	Implied   bool   `json:"implied_source,omitempty"`
}

// AttributionRecord is the exported form of an Attribution.
type AttributionRecord struct {
	Doc      string        `json:"doc"`
	Sentence int           `json:"sentence"`
	Kind     string        `json:"kind"`
	Cue      SpanRecord    `json:"cue"`
	Source   *SourceRecord `json:"source"`
	Content  SpanRecord    `json:"content"`
}

// SentenceRecord is a sentence span in code points.
type SentenceRecord struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// DocumentRecord is one line of `naba extract --format documents`.
type DocumentRecord struct {
	Doc          string              `json:"doc"`
	Title        string              `json:"title,omitempty"`
	URL          string              `json:"url,omitempty"`
	Date         string              `json:"date,omitempty"`
	Text         string              `json:"text"`
	Sentences    []SentenceRecord    `json:"sentences"`
	Mentions     []MentionRecord     `json:"mentions"`
	Attributions []AttributionRecord `json:"attributions"`
}

// DateString returns the reference date as YYYY-MM-DD, or "".
func (d *Document) DateString() string {
	if !d.HasDate() {
		return ""
	}
	return d.Date.Format("2006-01-02")
}

// Record converts mention m of d to its exported form.
func (d *Document) Record(m Mention) MentionRecord {
	r := MentionRecord{
		Doc: d.ID, Sentence: d.SentenceAt(m.Start), Type: m.Type,
		Start: d.Rune(m.Start), End: d.Rune(m.End), Text: d.Text[m.Start:m.End],
		ID: m.ID, Canonical: m.Canonical, Wikidata: m.Wikidata,
		Unit: m.Unit, Mod: m.Mod, Calendar: m.Calendar, Hijri: m.Hijri, Rule: m.Rule,
	}
	if r.ID == r.Wikidata {
		r.ID = "" // the QID says it once
	}
	if !m.Value.IsZero() {
		v := m.Value
		r.Value = &v
	}
	return r
}

// MentionRecords converts all mentions of d.
func (d *Document) MentionRecords() []MentionRecord {
	out := make([]MentionRecord, 0, len(d.Mentions))
	for _, m := range d.Mentions {
		out = append(out, d.Record(m))
	}
	return out
}

func (d *Document) spanRecord(s Span) SpanRecord {
	if s.End < s.Start {
		s.End = s.Start
	}
	return SpanRecord{Start: d.Rune(s.Start), End: d.Rune(s.End), Text: d.Text[s.Start:s.End]}
}

// AttributionRecord converts attribution a of d.
func (d *Document) AttributionRecord(a Attribution) AttributionRecord {
	r := AttributionRecord{Doc: d.ID, Sentence: a.Sentence, Kind: a.Kind,
		Cue: d.spanRecord(a.Cue), Content: d.spanRecord(a.Content)}
	if !a.Source.Empty() {
		sr := d.spanRecord(a.Source)
		r.Source = &SourceRecord{Start: sr.Start, End: sr.End, Text: sr.Text,
			ID: a.SourceID, Canonical: a.SourceCanonical, Wikidata: a.SourceWikidata, Implied: a.ImpliedSource}
		if r.Source.ID == r.Source.Wikidata {
			r.Source.ID = ""
		}
	}
	return r
}

// AttributionRecords converts all attributions of d.
func (d *Document) AttributionRecords() []AttributionRecord {
	out := make([]AttributionRecord, 0, len(d.Attributions))
	for _, a := range d.Attributions {
		out = append(out, d.AttributionRecord(a))
	}
	return out
}

// DocumentRecord converts d to its exported form.
func (d *Document) DocumentRecord() DocumentRecord {
	r := DocumentRecord{Doc: d.ID, Title: d.Title, URL: d.URL, Date: d.DateString(), Text: d.Text,
		Sentences: make([]SentenceRecord, 0, len(d.Sentences)),
		Mentions:  d.MentionRecords(), Attributions: d.AttributionRecords()}
	for i := range d.Sentences {
		s, e := d.SentenceSpan(i)
		r.Sentences = append(r.Sentences, SentenceRecord{Start: d.Rune(s), End: d.Rune(e)})
	}
	return r
}

// JSONWriter writes one JSON value per line: UTF-8 as is (no \u escapes, no
// HTML escaping), fields in struct order.
type JSONWriter struct {
	w   io.Writer
	buf bytes.Buffer
	enc *json.Encoder
}

// NewJSONWriter returns a JSONL writer on w.
func NewJSONWriter(w io.Writer) *JSONWriter {
	j := &JSONWriter{w: w}
	j.enc = json.NewEncoder(&j.buf)
	j.enc.SetEscapeHTML(false)
	return j
}

// Write writes v as one line.
func (j *JSONWriter) Write(v any) error {
	j.buf.Reset()
	if err := j.enc.Encode(v); err != nil {
		return err
	}
	_, err := j.w.Write(j.buf.Bytes())
	return err
}
