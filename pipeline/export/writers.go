package export

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

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

// Mentions writes one record per mention, with the schema of `naba extract
// --format jsonl` (jsonl, csv) or as CoNLL BIO tags (conll).
func Mentions(w io.Writer, src Source, f *Filter, opt Options) error {
	switch opt.Format {
	case JSONL:
		jw := pipeline.NewJSONWriter(w)
		return src(func(c *index.Claim) error {
			if !f.ClaimDoc(c) {
				return nil
			}
			for _, m := range f.Mentions(c) {
				if err := jw.Write(m); err != nil {
					return err
				}
			}
			return nil
		})
	case CSV:
		cw, err := newCSV(w, opt, mentionHeader())
		if err != nil {
			return err
		}
		err = src(func(c *index.Claim) error {
			if !f.ClaimDoc(c) {
				return nil
			}
			for _, m := range f.Mentions(c) {
				if err := cw.Write(mentionRow(&m)); err != nil {
					return err
				}
			}
			return nil
		})
		cw.Flush()
		if err == nil {
			err = cw.Error()
		}
		return err
	case CoNLL:
		return conll(w, src, f)
	}
	return fmt.Errorf("mentions cannot be written as %q", opt.Format)
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
	// byte offsets of the claim text -> code points
	cp := make([]int, len(c.Text)+1)
	k := 0
	for i := 0; i < len(c.Text); {
		_, size := utf8.DecodeRuneInString(c.Text[i:])
		for j := 0; j < size; j++ {
			cp[i+j] = k
		}
		i += size
		k++
	}
	cp[len(c.Text)] = k
	out := make([]ConllToken, 0, len(toks))
	mi := 0
	var prev *pipeline.MentionRecord
	for _, t := range toks {
		s, e := n.OrigSpan(t.Start, t.End)
		tok := ConllToken{Text: c.Text[s:e], Start: c.Start + cp[s], End: c.Start + cp[e], Tag: "O"}
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
	switch opt.Format {
	case JSONL:
		jw := pipeline.NewJSONWriter(w)
		return src(func(c *index.Claim) error {
			if !f.Claim(c) {
				return nil
			}
			out := *c
			out.Mentions = f.Mentions(c)
			return jw.Write(out)
		})
	case CSV:
		cw, err := newCSV(w, opt, []string{"id", "doc", "sentence", "start", "end", "text", "title", "url", "date",
			"types", "entities", "wikidata", "values", "sources"})
		if err != nil {
			return err
		}
		err = src(func(c *index.Claim) error {
			if !f.Claim(c) {
				return nil
			}
			var types, ents, qids, vals, srcs []string
			seen := map[string]bool{}
			for _, m := range f.Mentions(c) {
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
			row := []string{c.ID, c.Doc, itoa(c.Sentence), itoa(c.Start), itoa(c.End), c.Text, c.Title, c.URL, c.Date,
				strings.Join(types, "|"), strings.Join(ents, "|"), strings.Join(qids, "|"), strings.Join(vals, "|"), strings.Join(srcs, "|")}
			return cw.Write(row)
		})
		cw.Flush()
		if err == nil {
			err = cw.Error()
		}
		return err
	}
	return fmt.Errorf("claims cannot be written as %q", opt.Format)
}

// Attributions writes one record per attribution ("who said what").
func Attributions(w io.Writer, src Source, f *Filter, opt Options) error {
	keep := func(a *pipeline.AttributionRecord) bool {
		if f.Entity == "" {
			return true
		}
		if a.Source == nil {
			return false
		}
		e := strings.TrimSpace(f.Entity)
		k := f.entityKey()
		return a.Source.Wikidata == e || a.Source.ID == e || normalize.Key(a.Source.Canonical) == k || normalize.Key(a.Source.Text) == k
	}
	switch opt.Format {
	case JSONL:
		jw := pipeline.NewJSONWriter(w)
		return src(func(c *index.Claim) error {
			if !f.ClaimDoc(c) {
				return nil
			}
			for i := range c.Attributions {
				if keep(&c.Attributions[i]) {
					if err := jw.Write(c.Attributions[i]); err != nil {
						return err
					}
				}
			}
			return nil
		})
	case CSV:
		cw, err := newCSV(w, opt, []string{"doc", "sentence", "kind", "cue_start", "cue_end", "cue",
			"source_start", "source_end", "source", "source_canonical", "source_wikidata", "implied_source",
			"content_start", "content_end", "content"})
		if err != nil {
			return err
		}
		err = src(func(c *index.Claim) error {
			if !f.ClaimDoc(c) {
				return nil
			}
			for i := range c.Attributions {
				a := &c.Attributions[i]
				if !keep(a) {
					continue
				}
				row := []string{a.Doc, itoa(a.Sentence), a.Kind, itoa(a.Cue.Start), itoa(a.Cue.End), a.Cue.Text,
					"", "", "", "", "", "", itoa(a.Content.Start), itoa(a.Content.End), a.Content.Text}
				if s := a.Source; s != nil {
					row[6], row[7], row[8], row[9], row[10] = itoa(s.Start), itoa(s.End), s.Text, s.Canonical, s.Wikidata
					row[11] = strconv.FormatBool(s.Implied)
				}
				if err := cw.Write(row); err != nil {
					return err
				}
			}
			return nil
		})
		cw.Flush()
		if err == nil {
			err = cw.Error()
		}
		return err
	}
	return fmt.Errorf("attributions cannot be written as %q", opt.Format)
}
