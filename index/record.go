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
// url and date are stored once per document (docInfo).
type storedClaim struct {
	Start        int                          `json:"b"`
	End          int                          `json:"e"`
	Mentions     []pipeline.MentionRecord     `json:"m,omitempty"`
	Attributions []pipeline.AttributionRecord `json:"a,omitempty"`
}

// docInfo is stored once per document (internal key docInfoPrefix+doc).
type docInfo struct {
	Title string `json:"title,omitempty"`
	URL   string `json:"url,omitempty"`
	Date  string `json:"date,omitempty"`
}

// marshalRecord encodes what the index stores of c. The records' doc ids
// are left out (the claim id has it).
func marshalRecord(c *Claim) ([]byte, error) {
	s := storedClaim{Start: c.Start, End: c.End}
	if len(c.Mentions) > 0 {
		s.Mentions = make([]pipeline.MentionRecord, len(c.Mentions))
		for i, m := range c.Mentions {
			m.Doc = ""
			s.Mentions[i] = m
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
	var s storedClaim
	if err := json.Unmarshal([]byte(rec), &s); err != nil {
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
		Mentions: s.Mentions, Attributions: s.Attributions}
	if c.Mentions == nil {
		c.Mentions = []pipeline.MentionRecord{}
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
