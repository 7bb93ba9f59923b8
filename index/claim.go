// Package index keeps naba's claims in an embedded Bleve index and searches
// them.
//
// A claim is one sentence of an article with what the pipeline found in it.
// Its id is "<doc>#<sentence>" (sentence numbers are 0-based, as in the
// pipeline's records), so indexing an article again replaces its claims.
// The index stores each claim's record (Claim) in full, so export and search
// rebuild claims without running the pipeline again.
//
// Use Open to open or create an index directory, Writer to add articles in
// batches, Search for ranked, highlighted and filtered results, Claims to
// stream every claim that matches a Filter, and Stats for a summary.
package index

import (
	"strconv"

	"github.com/naba-nlp/naba/pipeline"
)

// Claim is one sentence of an article as the index keeps it.
//
// Mentions and Attributions are the pipeline's export records, exactly as
// `naba extract` writes them: their offsets are Unicode code points of the
// whole article, not of Text. Start and End give the sentence's own span in
// the article (code points), so Text == []rune(article)[Start:End].
type Claim struct {
	ID           string                       `json:"id"`
	Doc          string                       `json:"doc"`
	Sentence     int                          `json:"sentence"`
	Start        int                          `json:"start"`
	End          int                          `json:"end"`
	Text         string                       `json:"text"`
	Title        string                       `json:"title,omitempty"`
	URL          string                       `json:"url,omitempty"`
	Date         string                       `json:"date,omitempty"` // article date, YYYY-MM-DD
	Mentions     []pipeline.MentionRecord     `json:"mentions"`
	Attributions []pipeline.AttributionRecord `json:"attributions"`
}

// ClaimID returns the id of sentence i of document doc.
func ClaimID(doc string, sentence int) string {
	return doc + "#" + strconv.Itoa(sentence)
}

// ClaimsOf returns the claims of a processed document, one per sentence, in
// order. Mentions and attributions go to the sentence they start in.
func ClaimsOf(doc *pipeline.Document) []Claim {
	out := make([]Claim, len(doc.Sentences))
	date := doc.DateString()
	for i := range doc.Sentences {
		s, e := doc.SentenceSpan(i)
		out[i] = Claim{ID: ClaimID(doc.ID, i), Doc: doc.ID, Sentence: i,
			Start: doc.Rune(s), End: doc.Rune(e), Text: doc.Text[s:e],
			Title: doc.Title, URL: doc.URL, Date: date,
			Mentions: []pipeline.MentionRecord{}, Attributions: []pipeline.AttributionRecord{}}
	}
	for _, m := range doc.Mentions {
		r := doc.Record(m)
		if r.Sentence >= 0 && r.Sentence < len(out) {
			out[r.Sentence].Mentions = append(out[r.Sentence].Mentions, r)
		}
	}
	for _, a := range doc.Attributions {
		r := doc.AttributionRecord(a)
		if r.Sentence >= 0 && r.Sentence < len(out) {
			out[r.Sentence].Attributions = append(out[r.Sentence].Attributions, r)
		}
	}
	return out
}
