package main

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/naba-nlp/naba/index"
	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/engine"
)

type searchOptions struct {
	index         string
	entities      []string
	types         string
	from, to      string
	mentioned     bool
	saidBy        []string
	doc           string
	limit, offset int
	json          bool
	facets        bool
}

func newSearchCmd(io *stdio, g *globalOptions) *cobra.Command {
	o := &searchOptions{}
	c := &cobra.Command{
		Use:   "search QUERY",
		Short: "Search the claims index (Bleve query syntax, Arabic-aware) with entity, type and date filters",
		Long: `search finds claims (sentences) in the index made by naba index.

QUERY uses Bleve's query-string syntax: words (any may match, all rank
higher), +word (must), -word (must not), "a phrase", field:value (fields:
text, title, doc, entity, entity_id, type, year, said_by, money:>1000000,
percent, quantity). Arabic words match their forms with proclitics, the
article, common suffixes, hamza, alef, ya and ta marbuta variants, and with
or without diacritics and tatweel. An empty QUERY ("") matches every claim.

On a terminal each hit shows doc#sentence, score, the claim with the matched
words highlighted, and the entities it mentions. --json prints one hit per line:
{"doc","sentence","id","score","text","highlights":[{"start","end"}],"mentions":[...],"attributions":[...]}
with highlight offsets in code points of "text" and mention offsets in code
points of the article, as extract writes them.`,
		Args: argsUsage(cobra.RangeArgs(0, 1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSearch(cmd, io, g, o, args)
		},
	}
	f := c.Flags()
	f.StringVar(&o.index, "index", indexDirDefault(), "index directory (default $NABA_INDEX or ./naba.index)")
	f.StringSliceVar(&o.entities, "entity", nil, "only claims mentioning this entity: a name, any alias, or its id (Q7747); repeat or comma-separate for any of several")
	f.StringVar(&o.types, "type", "", "only claims mentioning one of these types (PERSON,ORG,GPE,DATE,MONEY,...)")
	f.StringVar(&o.from, "from", "", "only articles dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)")
	f.StringVar(&o.to, "to", "", "only articles dated on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)")
	f.BoolVar(&o.mentioned, "mentioned", false, "apply --from/--to to the dates the claims mention instead of the article date")
	f.StringSliceVar(&o.saidBy, "said-by", nil, "only claims attributed to this source (name or id)")
	f.StringVar(&o.doc, "doc", "", "only claims of this document")
	f.IntVarP(&o.limit, "limit", "n", 10, "hits to print")
	f.IntVar(&o.offset, "offset", 0, "hits to skip (for paging)")
	f.BoolVar(&o.json, "json", false, "one JSON hit per line")
	f.BoolVar(&o.facets, "facets", false, "also print counts by entity, type and year")
	return c
}

// searchHit is one line of search --json.
type searchHit struct {
	Doc          string                       `json:"doc"`
	Sentence     int                          `json:"sentence"`
	ID           string                       `json:"id"`
	Score        float64                      `json:"score"`
	Text         string                       `json:"text"`
	Highlights   []index.Highlight            `json:"highlights"`
	Title        string                       `json:"title,omitempty"`
	URL          string                       `json:"url,omitempty"`
	Date         string                       `json:"date,omitempty"`
	Mentions     []pipeline.MentionRecord     `json:"mentions"`
	Attributions []pipeline.AttributionRecord `json:"attributions"`
}

// searchFacets is the last line of search --json --facets.
type searchFacets struct {
	Total  uint64        `json:"total"`
	Facets *index.Facets `json:"facets"`
}

func runSearch(cmd *cobra.Command, io *stdio, g *globalOptions, o *searchOptions, args []string) error {
	q := index.Query{Limit: o.limit, Offset: o.offset, Facets: o.facets}
	if len(args) == 1 {
		q.Text = args[0]
	}
	if o.limit <= 0 || o.offset < 0 {
		return usageError{fmt.Errorf("--limit must be positive and --offset not negative")}
	}
	q.Doc = o.doc
	if o.types != "" {
		for _, t := range strings.Split(o.types, ",") {
			k, err := pipeline.ParseKind(strings.ToUpper(strings.TrimSpace(t)))
			if err != nil {
				return usageError{fmt.Errorf("--type: %w", err)}
			}
			q.Types = append(q.Types, k)
		}
	}
	if o.from != "" {
		s, _, err := index.ParseDateRange(o.from)
		if err != nil {
			return usageError{fmt.Errorf("--from: %w", err)}
		}
		q.From = s
	}
	if o.to != "" {
		_, e, err := index.ParseDateRange(o.to)
		if err != nil {
			return usageError{fmt.Errorf("--to: %w", err)}
		}
		q.To = e.AddDate(0, 0, -1)
	}
	if o.mentioned && o.from == "" && o.to == "" {
		return usageError{fmt.Errorf("--mentioned needs --from or --to")}
	}
	q.Mentioned = o.mentioned
	var err error
	if q.Entities, err = resolveNames(g, o.entities); err != nil {
		return err
	}
	if q.SaidBy, err = resolveNames(g, o.saidBy); err != nil {
		return err
	}

	ix, err := index.Open(o.index, true)
	if err != nil {
		return err
	}
	defer ix.Close()
	res, err := ix.Search(cmd.Context(), q)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(io.out)
	if o.json {
		jw := pipeline.NewJSONWriter(bw)
		for _, h := range res.Hits {
			c := h.Claim
			if err := jw.Write(searchHit{Doc: c.Doc, Sentence: c.Sentence, ID: c.ID, Score: h.Score, Text: c.Text,
				Highlights: h.Highlights, Title: c.Title, URL: c.URL, Date: c.Date,
				Mentions: c.Mentions, Attributions: c.Attributions}); err != nil {
				return err
			}
		}
		if res.Facets != nil {
			if err := jw.Write(searchFacets{Total: res.Total, Facets: res.Facets}); err != nil {
				return err
			}
		}
		return bw.Flush()
	}
	printHits(bw, res, o.offset, isTerminal(io.out))
	return bw.Flush()
}

// resolveNames adds, for every name, the ids the pipeline's entity linking
// gives it (so an alias finds the entity's claims), keeping the name itself
// for claims that carry it as canonical name or id.
func resolveNames(g *globalOptions, names []string) ([]string, error) {
	if len(names) == 0 {
		return nil, nil
	}
	qid := regexp.MustCompile(`^Q[0-9]+$`)
	out := append([]string(nil), names...)
	var p *pipeline.Pipeline
	for _, n := range names {
		if qid.MatchString(n) {
			continue
		}
		if p == nil {
			var err error
			if p, err = engine.New(engine.Options{LexiconDir: g.lexicons}); err != nil {
				return nil, err
			}
		}
		doc := &pipeline.Document{ID: "query", Text: n}
		if err := p.Run(doc); err != nil {
			return nil, err
		}
		for _, m := range doc.Mentions {
			if !m.Type.IsEntity() {
				continue
			}
			for _, v := range []string{m.Wikidata, m.ID, m.Canonical} {
				if v != "" {
					out = append(out, v)
				}
			}
		}
	}
	return out, nil
}

// ANSI styles for a terminal.
const (
	styleMatch = "\x1b[1;33m"
	styleDim   = "\x1b[2m"
	styleReset = "\x1b[0m"
)

func printHits(w io.Writer, res *index.Result, offset int, tty bool) {
	style := func(s, code string) string {
		if !tty {
			return s
		}
		return code + s + styleReset
	}
	fmt.Fprintf(w, "%d claims (%s)\n", res.Total, res.Took.Round(time.Microsecond))
	for i, h := range res.Hits {
		c := h.Claim
		head := fmt.Sprintf("%d. %s#%d  score %.3f", offset+i+1, c.Doc, c.Sentence, h.Score)
		if c.Date != "" {
			head += "  " + c.Date
		}
		fmt.Fprintln(w, style(head, styleDim))
		text := c.Text
		if tty {
			text = highlightWords(c.Text, h.Highlights)
		}
		fmt.Fprintln(w, "  "+strings.ReplaceAll(text, "\n", " "))
		if ents := entityList(c.Mentions); ents != "" {
			fmt.Fprintln(w, style("  "+ents, styleDim))
		}
	}
	if res.Facets != nil {
		for _, f := range []struct {
			name   string
			counts []index.FacetCount
		}{{"entities", res.Facets.Entities}, {"types", res.Facets.Types}, {"years", res.Facets.Years}} {
			parts := make([]string, 0, len(f.counts))
			for _, c := range f.counts {
				parts = append(parts, fmt.Sprintf("%s %d", c.Term, c.Count))
			}
			fmt.Fprintf(w, "%s: %s\n", f.name, strings.Join(parts, ", "))
		}
	}
}

// highlightWords marks the matched spans, widened to whole
// whitespace-delimited words, so that no escape code splits a word (which
// would break Arabic letter shaping).
func highlightWords(text string, hs []index.Highlight) string {
	rs := []rune(text)
	mark := make([]bool, len(rs))
	for _, h := range hs {
		s, e := h.Start, h.End
		if s < 0 || e > len(rs) || s >= e {
			continue
		}
		for s > 0 && !unicode.IsSpace(rs[s-1]) {
			s--
		}
		for e < len(rs) && !unicode.IsSpace(rs[e]) {
			e++
		}
		for k := s; k < e; k++ {
			mark[k] = true
		}
	}
	var b strings.Builder
	on := false
	for i, r := range rs {
		if mark[i] != on {
			if mark[i] {
				b.WriteString(styleMatch)
			} else {
				b.WriteString(styleReset)
			}
			on = mark[i]
		}
		b.WriteRune(r)
	}
	if on {
		b.WriteString(styleReset)
	}
	return b.String()
}

// entityList names the entities a claim mentions, once each.
func entityList(ms []pipeline.MentionRecord) string {
	seen := map[string]bool{}
	var parts []string
	for _, m := range ms {
		if !m.Type.IsEntity() {
			continue
		}
		name := m.Canonical
		if name == "" {
			name = m.Text
		}
		id := m.Wikidata
		if id == "" {
			id = m.ID
		}
		k := name + "\x00" + id
		if seen[k] {
			continue
		}
		seen[k] = true
		s := name + " (" + string(m.Type)
		if id != "" {
			s += " " + id
		}
		parts = append(parts, s+")")
	}
	if len(parts) == 0 {
		return ""
	}
	return "entities: " + strings.Join(parts, ", ")
}
