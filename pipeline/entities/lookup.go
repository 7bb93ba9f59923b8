package entities

import (
	"fmt"
	"strings"

	"github.com/naba-nlp/naba/pipeline/normalize"
	"github.com/naba-nlp/naba/pipeline/segment"
)

// Reading is one way a word (or phrase) can match the lexicons: which clitic
// analysis, which key, and what it matched.
type Reading struct {
	Analysis string // e.g. "و+ ب+ stem" or "bare"
	Key      string // the n-gram key looked up
	What     string // entry, given-name, particle, trigger, ambiguous, stopword
	ID       string
	Type     string
	Form     string
	Detail   string // canonical name, gender, kind, …
	Source   string // file:line, when known
}

// Lookup returns every reading of text (one word with its clitics, or a
// phrase whose first word may carry clitics) in the lexicon.
func (l *Lexicon) Lookup(text string) []Reading {
	nt := normalize.New(text)
	toks := segment.Tokenize(nt.Light)
	if len(toks) == 0 {
		return nil
	}
	rest := make([]string, 0, len(toks)-1)
	for _, t := range toks[1:] {
		rest = append(rest, nt.Key[t.Start:t.End])
	}
	first := nt.Key[toks[0].Start:toks[0].End]
	var out []Reading
	var buf []segment.Analysis
	if toks[0].Kind == segment.Word {
		buf = segment.Analyze(first, buf)
	} else {
		buf = append(buf, segment.Analysis{Stem: first, SpanEnd: len(first)})
	}
	seen := map[string]bool{}
	for _, a := range buf {
		key := strings.Join(append([]string{a.Stem}, rest...), " ")
		desc := describe(a)
		if seen[key] {
			continue
		}
		seen[key] = true
		for _, c := range l.patterns[key] {
			e := &l.entries[c.entry]
			r := Reading{Analysis: desc, Key: key, What: "entry", ID: e.ID, Type: string(e.Type), Form: c.form.String(),
				Detail: e.Canonical, Source: e.Source}
			switch c.form {
			case FormDemonym:
				r.Type = "NORP"
				r.Detail = fmt.Sprintf("%s (demonym %q of %s)", e.Demonyms[0], c.term, e.Canonical)
			case FormLanguage:
				r.Type = "LANGUAGE"
				r.Detail = fmt.Sprintf("ال%s (after a language trigger; demonym of %s)", femDemonym(e), e.Canonical)
			}
			out = append(out, r)
		}
		if g, ok := l.given[key]; ok {
			out = append(out, Reading{Analysis: desc, Key: key, What: "given-name", Detail: "gender " + g})
		}
		if p, ok := l.particles[key]; ok {
			out = append(out, Reading{Analysis: desc, Key: key, What: "particle", Detail: p})
		}
		if l.divine[key] {
			out = append(out, Reading{Analysis: desc, Key: key, What: "particle", Detail: "divine name (after عبد)"})
		}
		for _, t := range l.triggers[key] {
			out = append(out, Reading{Analysis: desc, Key: key, What: "trigger", Type: string(t.typ), Detail: "span " + t.span, Source: t.src})
		}
		if t, ok := l.ambiguous[key]; ok {
			if t == "" {
				t = "any type"
			}
			out = append(out, Reading{Analysis: desc, Key: key, What: "ambiguous", Detail: "needs evidence as " + t + " (a trigger or an earlier mention)"})
		}
		if k, ok := l.stop[key]; ok {
			out = append(out, Reading{Analysis: desc, Key: key, What: "stopword", Detail: k})
		}
	}
	return out
}

func describe(a segment.Analysis) string {
	var parts []string
	if a.Conj != "" {
		parts = append(parts, a.Conj+"+")
	}
	if a.Prep != "" {
		parts = append(parts, a.Prep+"+")
	}
	parts = append(parts, a.Stem)
	if a.Enc != "" {
		parts = append(parts, "+"+a.Enc)
	}
	if len(parts) == 1 {
		return "bare"
	}
	return strings.Join(parts, " ")
}
