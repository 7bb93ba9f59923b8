package export

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/naba-nlp/naba/index"
	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/normalize"
)

// SurfaceForm is one way an entity was written, with its count.
type SurfaceForm struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
}

// Example is a claim that mentions the entity (its first mention).
type Example struct {
	Doc      string `json:"doc"`
	Sentence int    `json:"sentence"`
	Text     string `json:"text"`
}

// Entity is one distinct entity across the corpus.
type Entity struct {
	ID           string        `json:"id"`
	Type         pipeline.Kind `json:"type"`
	Canonical    string        `json:"canonical"`
	Wikidata     string        `json:"wikidata,omitempty"`
	SurfaceForms []SurfaceForm `json:"surface_forms"`
	Mentions     int           `json:"mentions"`
	Documents    int           `json:"documents"`
	FirstSeen    string        `json:"first_seen,omitempty"`
	LastSeen     string        `json:"last_seen,omitempty"`
	Example      Example       `json:"example"`

	forms   map[string]int
	lastDoc string
}

// localPrefix marks the ids the entity stage gives names it found by rule
// (naba:doc:<type>:<name key>). They are built from the name, so the same
// name of the same type gets the same id in every document; the aggregation
// merges them by type and canonical name all the same, so that a lexicon
// change in how a name is keyed cannot split one entity in two.
const localPrefix = "naba:doc:"

// entityKey is the aggregation key and exported id of a mention: its
// Wikidata id, its lexicon id, or, for rule-found and unlinked names, an id
// built from type and canonical name. The key also holds the type, so that
// nationality mentions (الروسي, NORP, carrying Russia's id) make an entity of
// their own instead of swelling the country's counts.
func entityKey(m *pipeline.MentionRecord) (key, id string) {
	switch {
	case m.Wikidata != "":
		id = m.Wikidata
	case m.ID != "" && !strings.HasPrefix(m.ID, localPrefix):
		id = m.ID
	default:
		name := m.Canonical
		if name == "" {
			name = m.Text
		}
		id = localPrefix + strings.ToLower(string(m.Type)) + ":" + strings.Join(strings.Fields(normalize.Key(name)), "_")
	}
	return string(m.Type) + "\x00" + id, id
}

// Aggregator collects entities from claims; it holds one record per
// distinct entity.
type Aggregator struct {
	byKey map[string]*Entity
}

// NewAggregator returns an empty aggregator.
func NewAggregator() *Aggregator { return &Aggregator{byKey: map[string]*Entity{}} }

// Add counts the entity mentions of a claim.
func (a *Aggregator) Add(c *index.Claim, mentions []pipeline.MentionRecord) {
	for i := range mentions {
		m := &mentions[i]
		if !m.Type.IsEntity() {
			continue
		}
		key, id := entityKey(m)
		e := a.byKey[key]
		if e == nil {
			canon := m.Canonical
			if canon == "" {
				canon = m.Text
			}
			e = &Entity{ID: id, Type: m.Type, Canonical: canon, Wikidata: m.Wikidata, forms: map[string]int{},
				Example: Example{Doc: c.Doc, Sentence: c.Sentence, Text: c.Text}}
			a.byKey[key] = e
		}
		e.Mentions++
		e.forms[m.Text]++
		if e.lastDoc != c.Doc {
			// claims arrive grouped by document
			e.Documents++
			e.lastDoc = c.Doc
		}
		if c.Date != "" {
			if e.FirstSeen == "" || c.Date < e.FirstSeen {
				e.FirstSeen = c.Date
			}
			if c.Date > e.LastSeen {
				e.LastSeen = c.Date
			}
		}
	}
}

// Entities returns the entities with at least min mentions, by mentions
// (descending) then id; surface forms by count then text.
func (a *Aggregator) Entities(min int) []*Entity {
	out := make([]*Entity, 0, len(a.byKey))
	for _, e := range a.byKey {
		if e.Mentions < min {
			continue
		}
		e.SurfaceForms = make([]SurfaceForm, 0, len(e.forms))
		for t, n := range e.forms {
			e.SurfaceForms = append(e.SurfaceForms, SurfaceForm{Text: t, Count: n})
		}
		sort.Slice(e.SurfaceForms, func(i, j int) bool {
			x, y := e.SurfaceForms[i], e.SurfaceForms[j]
			if x.Count != y.Count {
				return x.Count > y.Count
			}
			return x.Text < y.Text
		})
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Mentions != out[j].Mentions {
			return out[i].Mentions > out[j].Mentions
		}
		if out[i].ID != out[j].ID {
			return out[i].ID < out[j].ID
		}
		return out[i].Type < out[j].Type
	})
	return out
}

// Entities aggregates the entity mentions of every claim and writes one
// record per distinct entity.
func Entities(w io.Writer, src Source, f *Filter, opt Options, minMentions int) error {
	agg := NewAggregator()
	if err := src(func(c *index.Claim) error {
		if f.ClaimDoc(c) {
			agg.Add(c, f.Mentions(c))
		}
		return nil
	}); err != nil {
		return err
	}
	ents := agg.Entities(minMentions)
	switch opt.Format {
	case JSONL:
		jw := pipeline.NewJSONWriter(w)
		for _, e := range ents {
			if err := jw.Write(e); err != nil {
				return err
			}
		}
		return nil
	case CSV:
		cw, err := newCSV(w, opt, []string{"id", "type", "canonical", "wikidata", "surface_forms", "mentions",
			"documents", "first_seen", "last_seen", "example_doc", "example_sentence", "example_text"})
		if err != nil {
			return err
		}
		for _, e := range ents {
			forms := make([]string, len(e.SurfaceForms))
			for i, sf := range e.SurfaceForms {
				forms[i] = fmt.Sprintf("%s:%d", sf.Text, sf.Count)
			}
			if err := cw.Write([]string{e.ID, string(e.Type), e.Canonical, e.Wikidata, strings.Join(forms, "|"),
				itoa(e.Mentions), itoa(e.Documents), e.FirstSeen, e.LastSeen, e.Example.Doc,
				itoa(e.Example.Sentence), e.Example.Text}); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	}
	return fmt.Errorf("entities cannot be written as %q", opt.Format)
}
