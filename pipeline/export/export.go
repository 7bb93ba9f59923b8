// Package export writes what naba found — mentions, entities, claims and
// attributions — as JSONL, CSV and CoNLL, for pandas, spreadsheets,
// databases, other search engines and NER training tools.
//
// Every exporter reads a stream of claims (index.Claim: one sentence with its
// mention and attribution records), which comes either from a claims index
// (no re-extraction) or from documents run through the pipeline
// (index.ClaimsOf). Writers stream: only the entity aggregation holds memory,
// one record per distinct entity.
package export

import (
	"fmt"
	"strings"

	"github.com/naba-nlp/naba/index"
	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/normalize"
)

// Format is an output format.
type Format string

// Formats.
const (
	JSONL Format = "jsonl"
	CSV   Format = "csv"
	CoNLL Format = "conll"
)

// ParseFormat checks a --format value against the formats a command allows.
func ParseFormat(s string, allowed ...Format) (Format, error) {
	for _, f := range allowed {
		if string(f) == s {
			return f, nil
		}
	}
	names := make([]string, len(allowed))
	for i, f := range allowed {
		names[i] = string(f)
	}
	return "", fmt.Errorf("format %q: want one of %s", s, strings.Join(names, ", "))
}

// Filter selects what is exported. The zero Filter selects everything.
type Filter struct {
	// Types keeps only mentions of these types (and, for claims, claims
	// that mention one of them).
	Types map[pipeline.Kind]bool
	// Entities keeps mentions of one entity, given as alternatives: QIDs,
	// ids, or names (compared with a mention's canonical name and text on
	// matching keys). The CLI adds the ids the pipeline links a name to, so
	// an alias finds every mention of its entity.
	Entities []string
	// Docs keeps only these documents.
	Docs map[string]bool
	// From and To (YYYY-MM-DD, inclusive) keep documents whose article date
	// falls in the range; documents without a date are dropped when either
	// is set.
	From, To string
}

// ParseTypes reads a comma-separated list of mention types.
func ParseTypes(s string) (map[pipeline.Kind]bool, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	out := map[pipeline.Kind]bool{}
	for _, t := range strings.Split(s, ",") {
		k, err := pipeline.ParseKind(strings.ToUpper(strings.TrimSpace(t)))
		if err != nil {
			return nil, err
		}
		out[k] = true
	}
	return out, nil
}

// entity reports whether an entity with these ids and names is one the
// filter asks for.
func (f *Filter) entity(wikidata, id string, names ...string) bool {
	for _, e := range f.Entities {
		e = strings.TrimSpace(e)
		if e == "" {
			continue
		}
		if e == wikidata || e == id {
			return true
		}
		k := normalize.Key(e)
		for _, n := range names {
			if n != "" && normalize.Key(n) == k {
				return true
			}
		}
	}
	return false
}

// ClaimDoc reports whether the claim's document passes the doc and date
// filters.
func (f *Filter) ClaimDoc(c *index.Claim) bool {
	if len(f.Docs) > 0 && !f.Docs[c.Doc] {
		return false
	}
	if f.From != "" || f.To != "" {
		if c.Date == "" {
			return false
		}
		if f.From != "" && c.Date < f.From {
			return false
		}
		if f.To != "" && c.Date > f.To {
			return false
		}
	}
	return true
}

// Mention reports whether a mention passes the type and entity filters.
func (f *Filter) Mention(m *pipeline.MentionRecord) bool {
	if len(f.Types) > 0 && !f.Types[m.Type] {
		return false
	}
	if len(f.Entities) > 0 {
		return f.entity(m.Wikidata, m.ID, m.Canonical, m.Text)
	}
	return true
}

// Mentions returns the claim's mentions that pass the filter.
func (f *Filter) Mentions(c *index.Claim) []pipeline.MentionRecord {
	if len(f.Types) == 0 && len(f.Entities) == 0 {
		return c.Mentions
	}
	out := make([]pipeline.MentionRecord, 0, len(c.Mentions))
	for i := range c.Mentions {
		if f.Mention(&c.Mentions[i]) {
			out = append(out, c.Mentions[i])
		}
	}
	return out
}

// Claim reports whether a whole claim passes: its document passes and, when
// a type or entity filter is set, it holds at least one matching mention.
func (f *Filter) Claim(c *index.Claim) bool {
	if !f.ClaimDoc(c) {
		return false
	}
	if len(f.Types) == 0 && len(f.Entities) == 0 {
		return true
	}
	for i := range c.Mentions {
		if f.Mention(&c.Mentions[i]) {
			return true
		}
	}
	return false
}

// Source streams claims in order, calling fn for each; an error from fn
// stops the stream and is returned.
type Source func(fn func(*index.Claim) error) error
