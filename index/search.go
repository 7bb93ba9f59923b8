package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/normalize"
)

// Filter selects claims. Zero fields select everything; values within one
// field are alternatives (any matches), fields combine (all must match).
type Filter struct {
	Doc string
	// Entities are names, aliases' canonical names, ids or QIDs; a claim
	// matches when it mentions any of them. (Resolving an alias to its id
	// through the lexicons is the caller's job; see cmd/naba search.)
	Entities []string
	Types    []pipeline.Kind
	// From and To bound the article date (inclusive days); zero is open.
	// With Mentioned they bound the dates the claim mentions instead: a
	// claim matches when one of its dates overlaps [From, To].
	From, To  time.Time
	Mentioned bool
	// SaidBy are attribution sources (names, ids or QIDs).
	SaidBy []string
}

// Query is a search: a Bleve query string over the claim text plus filters.
type Query struct {
	// Text uses Bleve's query-string syntax: words, +must, -not,
	// "phrases", field:value (see the Field constants). Empty matches all.
	Text string
	Filter
	Limit, Offset int
	Facets        bool
}

// Highlight is a matched word of a claim's text, in code points of the
// claim text, end exclusive. Highlights cover whole words.
type Highlight struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Hit is one claim found.
type Hit struct {
	Claim      Claim
	Score      float64
	Highlights []Highlight
}

// FacetCount is one facet value and the number of claims that have it.
type FacetCount struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// Facets counts the matching claims by entity, type and article year.
type Facets struct {
	Entities []FacetCount `json:"entity"`
	Types    []FacetCount `json:"type"`
	Years    []FacetCount `json:"year"`
}

// Result is a page of hits.
type Result struct {
	Total  uint64
	Hits   []Hit
	Facets *Facets
	Took   time.Duration
}

// Search runs q.
func (ix *Index) Search(ctx context.Context, q Query) (*Result, error) {
	bq, err := ix.query(q.Text, q.Filter)
	if err != nil {
		return nil, err
	}
	hl := ix.highlightTerms(q.Text)
	limit := q.Limit
	if limit <= 0 {
		limit = 10
	}
	req := bleve.NewSearchRequestOptions(bq, limit, max(q.Offset, 0), false)
	req.Fields = []string{fieldRecord, fieldStrings}
	if q.Facets {
		req.AddFacet(FieldEntity, bleve.NewFacetRequest(FieldEntity, 20))
		req.AddFacet(FieldType, bleve.NewFacetRequest(FieldType, 20))
		req.AddFacet(FieldYear, bleve.NewFacetRequest(FieldYear, 50))
	}
	sr, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	res := &Result{Total: sr.Total, Took: sr.Took, Hits: make([]Hit, 0, len(sr.Hits))}
	cr := ix.newClaimReader()
	for _, h := range sr.Hits {
		c, err := cr.claimOf(h)
		if err != nil {
			return nil, err
		}
		res.Hits = append(res.Hits, Hit{Claim: c, Score: h.Score, Highlights: ix.highlights(c.Text, hl)})
	}
	if q.Facets {
		res.Facets = &Facets{Entities: facet(sr.Facets[FieldEntity]), Types: facet(sr.Facets[FieldType]),
			Years: facet(sr.Facets[FieldYear])}
		sort.Slice(res.Facets.Years, func(i, j int) bool { return res.Facets.Years[i].Term < res.Facets.Years[j].Term })
	}
	return res, nil
}

func facet(f *search.FacetResult) []FacetCount {
	out := []FacetCount{}
	if f == nil || f.Terms == nil {
		return out
	}
	for _, t := range f.Terms.Terms() {
		out = append(out, FacetCount{Term: t.Term, Count: t.Count})
	}
	return out
}

func (r *claimReader) claimOf(h *search.DocumentMatch) (Claim, error) {
	rec, _ := h.Fields[fieldRecord].(string)
	if rec == "" {
		return Claim{}, fmt.Errorf("claim %s: %w: no stored record", h.ID, ErrCorrupt)
	}
	var strs []byte
	if s, ok := h.Fields[fieldStrings].(string); ok {
		strs = []byte(s)
	}
	return r.claim(h.ID, []byte(rec), strs)
}

// highlightTerms returns the terms of the text field that the query
// string asks for (not those it excludes): the words of its match and
// phrase queries as the query analyzer sees them. Highlights are found by
// analyzing each hit's text again, which costs far less than collecting the
// term locations of every matching claim during the search.
func (ix *Index) highlightTerms(text string) map[string]bool {
	terms := map[string]bool{}
	text = strings.TrimSpace(text)
	if text == "" || text == "*" {
		return terms
	}
	q, err := query.NewQueryStringQuery(text).Parse()
	if err != nil {
		return terms
	}
	an := ix.bi.Mapping().AnalyzerNamed(QueryAnalyzer)
	if an == nil {
		return terms
	}
	add := func(field, s string) {
		if field == "" || field == FieldText {
			for _, t := range an.Analyze([]byte(s)) {
				terms[string(t.Term)] = true
			}
		}
	}
	// excluded words (-word) are not highlighted
	eachMatch(q, false, func(m *query.MatchQuery) { add(m.FieldVal, m.Match) },
		func(m *query.MatchPhraseQuery) { add(m.FieldVal, m.MatchPhrase) })
	return terms
}

// highlights returns the words of text (code point spans) one of whose
// index terms the query asked for.
func (ix *Index) highlights(text string, terms map[string]bool) []Highlight {
	out := []Highlight{}
	if len(terms) == 0 {
		return out
	}
	var spans []Highlight
	for _, t := range ix.text.Analyze([]byte(text)) {
		if terms[string(t.Term)] {
			if n := len(spans); n > 0 && spans[n-1].Start == t.Start {
				continue // another reading of the same word
			}
			spans = append(spans, Highlight{t.Start, t.End})
		}
	}
	for _, s := range spans {
		if n := len(out); n > 0 && s.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, s.End)
			continue
		}
		out = append(out, s)
	}
	// bytes to code points
	for i := range out {
		out[i].End = utf8.RuneCountInString(text[:out[i].End])
		out[i].Start = utf8.RuneCountInString(text[:out[i].Start])
	}
	return out
}

// query builds the Bleve query of a query string and filters.
func (ix *Index) query(text string, f Filter) (query.Query, error) {
	var parts []query.Query
	text = strings.TrimSpace(text)
	if text != "" && text != "*" {
		q, err := query.NewQueryStringQuery(text).Parse()
		if err != nil {
			return nil, fmt.Errorf("query %q: %w", text, err)
		}
		useQueryAnalyzer(q)
		parts = append(parts, q)
	}
	terms := func(fields []string, values []string, key bool) query.Query {
		var ds []query.Query
		seen := map[string]bool{}
		for _, v := range values {
			vs := []string{strings.TrimSpace(v)}
			if key {
				vs = append(vs, normalize.Key(vs[0]))
			}
			for _, x := range vs {
				for _, fl := range fields {
					if x == "" || seen[fl+"\x00"+x] {
						continue
					}
					seen[fl+"\x00"+x] = true
					t := query.NewTermQuery(x)
					t.SetField(fl)
					ds = append(ds, t)
				}
			}
		}
		if len(ds) == 0 {
			return query.NewMatchNoneQuery()
		}
		return query.NewDisjunctionQuery(ds)
	}
	if f.Doc != "" {
		parts = append(parts, terms([]string{FieldDoc}, []string{f.Doc}, false))
	}
	if len(f.Entities) > 0 {
		parts = append(parts, terms([]string{FieldEntity, FieldEntityID}, f.Entities, true))
	}
	if len(f.SaidBy) > 0 {
		parts = append(parts, terms([]string{FieldSaidBy}, f.SaidBy, true))
	}
	if len(f.Types) > 0 {
		ts := make([]string, len(f.Types))
		for i, t := range f.Types {
			ts[i] = string(t)
		}
		parts = append(parts, terms([]string{FieldType}, ts, false))
	}
	if !f.From.IsZero() || !f.To.IsZero() {
		var from, to string // inclusive days; "" is open
		if !f.From.IsZero() {
			from = f.From.Format(time.DateOnly)
		}
		if !f.To.IsZero() {
			to = f.To.Format(time.DateOnly)
		}
		if !f.Mentioned {
			parts = append(parts, dayRange(FieldDate, from, to))
		} else {
			// A date mentioned [s, e] overlaps [from, to] when it starts or
			// ends inside it, or starts before and ends after it. (A claim
			// holds several dates and Bleve cannot tie a start to its end, so
			// the last case may pair the start of one date with the end of
			// another.)
			ors := []query.Query{dayRange(FieldDateFrom, from, to), dayRange(FieldDateTo, from, to)}
			if from != "" && to != "" {
				ors = append(ors, query.NewConjunctionQuery([]query.Query{
					dayRange(FieldDateFrom, "", from), dayRange(FieldDateTo, to, "")}))
			}
			parts = append(parts, query.NewDisjunctionQuery(ors))
		}
	}
	switch len(parts) {
	case 0:
		return query.NewMatchAllQuery(), nil
	case 1:
		return parts[0], nil
	}
	return query.NewConjunctionQuery(parts), nil
}

// dayRange matches days (YYYY-MM-DD terms) in [from, to]; "" ends are open.
func dayRange(field string, from, to string) query.Query {
	t := true
	q := query.NewTermRangeInclusiveQuery(from, to, &t, &t)
	q.SetField(field)
	return q
}

// useQueryAnalyzer makes the words of a parsed query string go through the
// query side of naba's analyzer when they search the text or the title.
func useQueryAnalyzer(q query.Query) {
	ours := func(field string) bool { return field == "" || field == FieldText || field == FieldTitle }
	eachMatch(q, true, func(m *query.MatchQuery) {
		if ours(m.FieldVal) {
			m.Analyzer = QueryAnalyzer
		}
	}, func(m *query.MatchPhraseQuery) {
		if ours(m.FieldVal) {
			m.Analyzer = QueryAnalyzer
		}
	})
}

// eachMatch calls match and phrase for every match and phrase query in the
// tree of a parsed query string; mustNot says whether excluded clauses count.
func eachMatch(q query.Query, mustNot bool, match func(*query.MatchQuery), phrase func(*query.MatchPhraseQuery)) {
	switch q := q.(type) {
	case *query.BooleanQuery:
		kids := []query.Query{q.Must, q.Should, q.Filter}
		if mustNot {
			kids = append(kids, q.MustNot)
		}
		for _, c := range kids {
			if c != nil {
				eachMatch(c, mustNot, match, phrase)
			}
		}
	case *query.ConjunctionQuery:
		for _, c := range q.Conjuncts {
			eachMatch(c, mustNot, match, phrase)
		}
	case *query.DisjunctionQuery:
		for _, c := range q.Disjuncts {
			eachMatch(c, mustNot, match, phrase)
		}
	case *query.MatchQuery:
		match(q)
	case *query.MatchPhraseQuery:
		phrase(q)
	}
}

// Claims calls fn for every claim that f selects, ordered by document and
// sentence, streaming through the index page by page. The records come from
// the index as stored: no extraction runs. An error from fn stops the walk
// and is returned.
func (ix *Index) Claims(ctx context.Context, f Filter, fn func(Claim) error) error {
	bq, err := ix.query("", f)
	if err != nil {
		return err
	}
	const page = 1000
	cr := ix.newClaimReader()
	// Hits come sorted by document, then id (doc#10 before doc#2): the
	// claims of one document are gathered and emitted in sentence order.
	var cur []Claim
	flush := func() error {
		sort.Slice(cur, func(i, j int) bool { return cur[i].Sentence < cur[j].Sentence })
		for _, c := range cur {
			if err := fn(c); err != nil {
				return err
			}
		}
		cur = cur[:0]
		return nil
	}
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(bq, page, 0, false)
		req.Fields = []string{fieldRecord, fieldStrings}
		req.SortBy([]string{FieldDoc, "_id"})
		req.SearchAfter = after
		req.Score = "none"
		sr, err := ix.bi.SearchInContext(ctx, req)
		if err != nil {
			return fmt.Errorf("reading claims: %w", err)
		}
		for _, h := range sr.Hits {
			c, err := cr.claimOf(h)
			if err != nil {
				return err
			}
			if len(cur) > 0 && cur[0].Doc != c.Doc {
				if err := flush(); err != nil {
					return err
				}
			}
			cur = append(cur, c)
		}
		if len(sr.Hits) < page {
			return flush()
		}
		after = sr.Hits[len(sr.Hits)-1].Sort
	}
}

// Claim returns the claim with the given id; ok is false when there is none.
func (ix *Index) Claim(ctx context.Context, id string) (c Claim, ok bool, err error) {
	req := bleve.NewSearchRequest(query.NewDocIDQuery([]string{id}))
	req.Fields = []string{fieldRecord, fieldStrings}
	sr, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return c, false, fmt.Errorf("claim %s: %w", id, err)
	}
	if len(sr.Hits) == 0 {
		return c, false, nil
	}
	c, err = ix.newClaimReader().claimOf(sr.Hits[0])
	return c, err == nil, err
}

// Stats summarizes an index.
type Stats struct {
	Documents uint64 `json:"documents"`
	Claims    uint64 `json:"claims"`
	SizeBytes int64  `json:"size_bytes"`
	// FirstDate and LastDate bound the article dates (YYYY-MM-DD), empty
	// when no article has one.
	FirstDate string `json:"first_date,omitempty"`
	LastDate  string `json:"last_date,omitempty"`
}

// Stats counts documents and claims, sizes the directory and finds the date
// range.
func (ix *Index) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	n, err := ix.bi.DocCount()
	if err != nil {
		return st, fmt.Errorf("counting claims: %w", err)
	}
	st.Claims = n
	// every document with sentences has a claim 0
	hq := query.NewTermQuery("1")
	hq.SetField(fieldHead)
	req := bleve.NewSearchRequestOptions(hq, 0, 0, false)
	sr, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return st, fmt.Errorf("counting documents: %w", err)
	}
	st.Documents = sr.Total
	for _, desc := range []bool{false, true} {
		req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), 1, 0, false)
		req.SortByCustom(search.SortOrder{&search.SortField{Field: FieldDate, Desc: desc, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast}})
		req.Score = "none"
		sr, err := ix.bi.SearchInContext(ctx, req)
		if err != nil {
			return st, fmt.Errorf("finding the date range: %w", err)
		}
		if len(sr.Hits) == 1 && len(sr.Hits[0].Sort) == 1 {
			if d := sr.Hits[0].Sort[0]; len(d) == len(time.DateOnly) {
				if desc {
					st.LastDate = d
				} else {
					st.FirstDate = d
				}
			}
		}
	}
	if ix.dir != "" {
		err := filepath.WalkDir(ix.dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil // files come and go while the index merges
				}
				return err
			}
			if !d.IsDir() {
				if info, err := d.Info(); err == nil {
					st.SizeBytes += info.Size()
				}
			}
			return nil
		})
		if err != nil {
			return st, fmt.Errorf("sizing %s: %w", ix.dir, err)
		}
	}
	return st, nil
}
