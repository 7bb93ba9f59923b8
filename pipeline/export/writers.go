package export

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/naba-nlp/naba/index"
	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/normalize"
	"github.com/naba-nlp/naba/pipeline/segment"
)

// Options are the writer settings shared by every export.
type Options struct {
	Format Format
	// Excel starts CSV output with a UTF-8 byte order mark, so that
	// spreadsheet programs open Arabic text intact.
	Excel bool
}

// csvWriter is an RFC 4180 writer (CRLF line ends, quotes doubled) with an
// optional BOM.
func newCSV(w io.Writer, opt Options, header []string) (*csv.Writer, error) {
	if opt.Excel {
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return nil, err
		}
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return cw, cw.Write(header)
}

func itoa(i int) string { return strconv.Itoa(i) }

func valueString(v *pipeline.Value) string {
	if v == nil {
		return ""
	}
	if v.Kind == pipeline.StringValue {
		return v.Str
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

// mentionHeader is the CSV header of mentions: the JSONL fields in order.
func mentionHeader() []string {
	return []string{"doc", "sentence", "type", "start", "end", "text", "id", "canonical", "wikidata",
		"value", "unit", "mod", "calendar", "hijri", "rule"}
}

func mentionRow(m *pipeline.MentionRecord) []string {
	return []string{m.Doc, itoa(m.Sentence), string(m.Type), itoa(m.Start), itoa(m.End), m.Text, m.ID,
		m.Canonical, m.Wikidata, valueString(m.Value), m.Unit, m.Mod, m.Calendar, m.Hijri, m.Rule}
}

// emitFunc writes one record: v as a JSON line, or row() as a CSV row.
type emitFunc func(v any, row func() []string) error

// writeRecords writes the records each claim yields, as JSONL or as CSV with
// the given header. It is the one loop behind every JSONL/CSV export.
func writeRecords(w io.Writer, src Source, opt Options, header []string, each func(c *index.Claim, emit emitFunc) error) error {
	switch opt.Format {
	case JSONL:
		jw := pipeline.NewJSONWriter(w)
		emit := func(v any, _ func() []string) error { return jw.Write(v) }
		return src(func(c *index.Claim) error { return each(c, emit) })
	case CSV:
		cw, err := newCSV(w, opt, header)
		if err != nil {
			return err
		}
		emit := func(_ any, row func() []string) error { return cw.Write(row()) }
		err = src(func(c *index.Claim) error { return each(c, emit) })
		cw.Flush()
		if err == nil {
			err = cw.Error()
		}
		return err
	}
	return fmt.Errorf("format %q is not for this export", opt.Format)
}

// Mentions writes one record per mention, with the schema of `naba extract
// --format jsonl` (jsonl, csv) or as CoNLL BIO tags (conll).
func Mentions(w io.Writer, src Source, f *Filter, opt Options) error {
	if opt.Format == CoNLL {
		return conll(w, src, f)
	}
	return writeRecords(w, src, opt, mentionHeader(), func(c *index.Claim, emit emitFunc) error {
		if !f.ClaimDoc(c) {
			return nil
		}
		for _, m := range f.Mentions(c) {
			if err := emit(m, func() []string { return mentionRow(&m) }); err != nil {
				return err
			}
		}
		return nil
	})
}

// ConllToken is one token of a claim with its BIO tag.
type ConllToken struct {
	Text       string
	Start, End int // code points of the article
	Tag        string
}

// ConllTokens tokenizes a claim with naba's tokenizer and tags each token
// from the claim's mentions: a mention covering any part of a token (a
// clitic) tags the whole token; B- starts a mention, I- continues it.
func ConllTokens(c *index.Claim, mentions []pipeline.MentionRecord) []ConllToken {
	n := normalize.New(c.Text)
	toks := segment.Tokenize(n.Light)
	cp := pipeline.RuneOffsets(c.Text)
	out := make([]ConllToken, 0, len(toks))
	mi := 0
	var prev *pipeline.MentionRecord
	for _, t := range toks {
		s, e := n.OrigSpan(t.Start, t.End)
		tok := ConllToken{Text: c.Text[s:e], Start: c.Start + int(cp[s]), End: c.Start + int(cp[e]), Tag: "O"}
		for mi < len(mentions) && mentions[mi].End <= tok.Start {
			mi++
		}
		if mi < len(mentions) && mentions[mi].Start < tok.End {
			m := &mentions[mi]
			if prev == m {
				tok.Tag = "I-" + string(m.Type)
			} else {
				tok.Tag = "B-" + string(m.Type)
			}
			prev = m
		} else {
			prev = nil
		}
		out = append(out, tok)
	}
	return out
}

func conll(w io.Writer, src Source, f *Filter) error {
	lastDoc := ""
	return src(func(c *index.Claim) error {
		if !f.ClaimDoc(c) {
			return nil
		}
		var b strings.Builder
		if c.Doc != lastDoc {
			fmt.Fprintf(&b, "# doc = %s\n", c.Doc)
			lastDoc = c.Doc
		}
		fmt.Fprintf(&b, "# sent_id = %s\n", c.ID)
		fmt.Fprintf(&b, "# text = %s\n", strings.Join(strings.Fields(c.Text), " "))
		for _, t := range ConllTokens(c, f.Mentions(c)) {
			b.WriteString(t.Text)
			b.WriteByte('\t')
			b.WriteString(t.Tag)
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
		_, err := io.WriteString(w, b.String())
		return err
	})
}

// Claims writes one record per claim: id, doc, sentence, text, article
// date, and its mentions with their values (what another search engine
// ingests).
func Claims(w io.Writer, src Source, f *Filter, opt Options) error {
	header := []string{"id", "doc", "sentence", "start", "end", "text", "title", "url", "date",
		"types", "entities", "wikidata", "values", "sources"}
	return writeRecords(w, src, opt, header, func(c *index.Claim, emit emitFunc) error {
		if !f.Claim(c) {
			return nil
		}
		out := *c
		out.Mentions = f.Mentions(c)
		return emit(out, func() []string { return claimRow(&out) })
	})
}

// claimRow is a claim as a CSV row: its lists joined with |.
func claimRow(c *index.Claim) []string {
	var types, ents, qids, vals, srcs []string
	seen := map[string]bool{}
	for _, m := range c.Mentions {
		if !seen["t"+string(m.Type)] {
			seen["t"+string(m.Type)] = true
			types = append(types, string(m.Type))
		}
		if m.Type.IsEntity() && m.Canonical != "" && !seen["e"+m.Canonical] {
			seen["e"+m.Canonical] = true
			ents = append(ents, m.Canonical)
			if m.Wikidata != "" {
				qids = append(qids, m.Wikidata)
			}
		}
		if m.Value != nil {
			v := string(m.Type) + ":" + valueString(m.Value)
			if m.Unit != "" {
				v += " " + m.Unit
			}
			vals = append(vals, v)
		}
	}
	for _, a := range c.Attributions {
		if a.Source != nil {
			srcs = append(srcs, a.Source.Text)
		}
	}
	return []string{c.ID, c.Doc, itoa(c.Sentence), itoa(c.Start), itoa(c.End), c.Text, c.Title, c.URL, c.Date,
		strings.Join(types, "|"), strings.Join(ents, "|"), strings.Join(qids, "|"), strings.Join(vals, "|"), strings.Join(srcs, "|")}
}

// Attributions writes one record per attribution ("who said what").
func Attributions(w io.Writer, src Source, f *Filter, opt Options) error {
	keep := func(a *pipeline.AttributionRecord) bool {
		if len(f.Entities) == 0 {
			return true
		}
		return a.Source != nil && f.entity(a.Source.Wikidata, a.Source.ID, a.Source.Canonical, a.Source.Text)
	}
	header := []string{"doc", "sentence", "kind", "cue_start", "cue_end", "cue",
		"source_start", "source_end", "source", "source_canonical", "source_wikidata", "implied_source",
		"content_start", "content_end", "content"}
	return writeRecords(w, src, opt, header, func(c *index.Claim, emit emitFunc) error {
		if !f.ClaimDoc(c) {
			return nil
		}
		for i := range c.Attributions {
			a := &c.Attributions[i]
			if !keep(a) {
				continue
			}
			if err := emit(a, func() []string { return attributionRow(a) }); err != nil {
				return err
			}
		}
		return nil
	})
}

func attributionRow(a *pipeline.AttributionRecord) []string {
	row := []string{a.Doc, itoa(a.Sentence), a.Kind, itoa(a.Cue.Start), itoa(a.Cue.End), a.Cue.Text,
		"", "", "", "", "", "", itoa(a.Content.Start), itoa(a.Content.End), a.Content.Text}
	if s := a.Source; s != nil {
		row[6], row[7], row[8], row[9], row[10] = itoa(s.Start), itoa(s.End), s.Text, s.Canonical, s.Wikidata
		row[11] = strconv.FormatBool(s.Implied)
	}
	return row
}
