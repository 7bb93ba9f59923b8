package index

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"github.com/blevesearch/bleve/v2/analysis"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/normalize"
)

// DefaultBatchSize is the number of claims a Writer sends to the index at
// once.
const DefaultBatchSize = 4000

// Writer adds articles to an index in batches. It is not safe for
// concurrent use; one Writer per index.
type Writer struct {
	ix        *Index
	batch     *bleve.Batch
	batchSize int
	// pending holds the sentence counts set in the current batch, which
	// the index does not show yet.
	pending map[string]int
	// Docs and Claims count what was added.
	Docs, Claims int
}

// Writer returns a writer that sends batches of batchSize claims (0 for
// DefaultBatchSize).
func (ix *Index) Writer(batchSize int) (*Writer, error) {
	if ix.readOnly {
		return nil, fmt.Errorf("index %s is open read-only", ix.dir)
	}
	if batchSize <= 0 {
		batchSize = DefaultBatchSize
	}
	return &Writer{ix: ix, batch: ix.bi.NewBatch(), batchSize: batchSize, pending: map[string]int{}}, nil
}

// Add indexes the claims of a processed document, replacing those of an
// earlier version of it.
func (w *Writer) Add(doc *pipeline.Document) error {
	return w.AddClaims(doc.ID, ClaimsOf(doc))
}

// AddClaims indexes the claims of document docID (claims[i].Sentence must be
// i), replacing all its earlier claims: sentences beyond the new count are
// deleted.
func (w *Writer) AddClaims(docID string, claims []Claim) error {
	before, err := w.sentences(docID)
	if err != nil {
		return err
	}
	for i := range claims {
		c := &claims[i]
		if c.Doc != docID || c.Sentence != i || c.ID != ClaimID(docID, i) {
			return fmt.Errorf("document %s: claim %d has id %q, doc %q, sentence %d", docID, i, c.ID, c.Doc, c.Sentence)
		}
		d, err := w.ix.document(c)
		if err != nil {
			return fmt.Errorf("claim %s: %w", c.ID, err)
		}
		if err := w.batch.IndexAdvanced(d); err != nil {
			return fmt.Errorf("claim %s: %w", c.ID, err)
		}
	}
	for i := len(claims); i < before; i++ {
		w.batch.Delete(ClaimID(docID, i))
	}
	if len(claims) > 0 {
		c := &claims[0]
		info, err := json.Marshal(docInfo{Title: c.Title, URL: c.URL, Date: c.Date})
		if err != nil {
			return err
		}
		w.batch.SetInternal([]byte(docInfoPrefix+docID), info)
	} else {
		w.batch.DeleteInternal([]byte(docInfoPrefix + docID))
	}
	var n [binary.MaxVarintLen64]byte
	w.batch.SetInternal([]byte(docCountPrefix+docID), n[:binary.PutUvarint(n[:], uint64(len(claims)))])
	w.pending[docID] = len(claims)
	w.Docs++
	w.Claims += len(claims)
	if w.batch.Size() >= w.batchSize {
		return w.Flush()
	}
	return nil
}

// sentences returns how many claims document docID has in the index.
func (w *Writer) sentences(docID string) (int, error) {
	if n, ok := w.pending[docID]; ok {
		return n, nil
	}
	v, err := w.ix.bi.GetInternal([]byte(docCountPrefix + docID))
	if err != nil {
		return 0, fmt.Errorf("document %s: reading its claim count: %w", docID, err)
	}
	if v == nil {
		return 0, nil
	}
	n, k := binary.Uvarint(v)
	if k <= 0 {
		return 0, fmt.Errorf("document %s: %w: bad claim count", docID, ErrCorrupt)
	}
	return int(n), nil
}

// Flush sends the current batch to the index. The claims are searchable
// when it returns; they are on disk once a later Close returns.
func (w *Writer) Flush() error {
	return w.flush(nil)
}

func (w *Writer) flush(persisted func(error)) error {
	if w.batch.Size() == 0 && persisted == nil {
		return nil
	}
	if persisted != nil {
		w.batch.SetPersistedCallback(persisted)
	}
	if err := w.ix.bi.Batch(w.batch); err != nil {
		return fmt.Errorf("writing batch: %w", err)
	}
	w.batch.Reset()
	clear(w.pending)
	return nil
}

// Close flushes the last batch and waits until everything written is on
// disk. (Batches are written without waiting for the disk: an interrupted
// run loses its last batches, never the index's consistency, and running
// it again completes it.)
func (w *Writer) Close() error {
	if w.ix.dir == "" {
		return w.Flush()
	}
	done := make(chan error, 1)
	// an empty batch still carries the callback to the persister
	w.batch.SetInternal([]byte(formatInternal), []byte(formatVersion))
	if err := w.flush(func(err error) {
		select {
		case done <- err:
		default:
		}
	}); err != nil {
		return err
	}
	if err := <-done; err != nil {
		return fmt.Errorf("writing index to disk: %w", err)
	}
	return nil
}

// Field options: only the text is stored (with term vectors for
// highlights); facets and sorting use doc values.
const (
	optText    = bindex.IndexField | bindex.StoreField | bindex.IncludeTermVectors
	optIndexed = bindex.IndexField
	optFacet   = bindex.IndexField | bindex.DocValues
	optStored  = bindex.StoreField
)

// document builds the Bleve document of a claim, field by field (faster
// than mapping a struct by reflection, and it decides exactly what is
// stored).
func (ix *Index) document(c *Claim) (*document.Document, error) {
	d := document.NewDocument(c.ID)
	d.AddField(document.NewTextFieldCustom(FieldText, nil, []byte(c.Text), optText, ix.text))
	if c.Title != "" {
		d.AddField(document.NewTextFieldCustom(FieldTitle, nil, []byte(c.Title), optIndexed, ix.text))
	}
	kw := func(name string, v string, opt bindex.FieldIndexingOptions) {
		if v != "" {
			d.AddField(document.NewTextFieldCustom(name, nil, []byte(v), opt, ix.keyword))
		}
	}
	kw(FieldDoc, c.Doc, optFacet)
	if c.Sentence == 0 {
		kw(fieldHead, "1", optIndexed)
	}
	if c.Date != "" {
		if _, err := time.Parse(time.DateOnly, c.Date); err != nil {
			return nil, fmt.Errorf("date %q: %w", c.Date, err)
		}
		kw(FieldDate, c.Date, optFacet)
		kw(FieldYear, c.Date[:4], optFacet)
	}
	// Many-valued keyword fields go in as one field each, their values
	// separated by NUL (see multiToken): one analysis instead of one per
	// value.
	var multi [len(multiFields)][]string
	once := func(field, v string, _ bindex.FieldIndexingOptions) {
		if v == "" {
			return
		}
		i := multiIndex(field)
		for _, x := range multi[i] {
			if x == v {
				return
			}
		}
		multi[i] = append(multi[i], v)
	}
	for _, m := range c.Mentions {
		once(FieldType, string(m.Type), optFacet)
		if m.Canonical != "" || m.ID != "" || m.Wikidata != "" {
			name := m.Canonical
			if name == "" {
				name = m.Text
			}
			once(FieldEntity, name, optFacet)
			once(FieldEntityID, m.ID, optIndexed)
			once(FieldEntityID, m.Wikidata, optIndexed)
			once(FieldEntityID, normalize.Key(name), optIndexed)
		}
		if m.Value == nil {
			continue
		}
		switch m.Type {
		case pipeline.Date:
			if m.Value.Kind != pipeline.StringValue {
				continue
			}
			s, e, ok := timexRange(m.Value.Str)
			if !ok || s.Year() < 0 || s.Year() > 9999 || e.Year() > 9999 {
				continue
			}
			once(FieldDateFrom, s.Format(time.DateOnly), optIndexed)
			once(FieldDateTo, e.AddDate(0, 0, -1).Format(time.DateOnly), optIndexed)
		case pipeline.Money, pipeline.Percent, pipeline.Quantity:
			field := map[pipeline.Kind]string{pipeline.Money: FieldMoney, pipeline.Percent: FieldPercent, pipeline.Quantity: FieldQuantity}[m.Type]
			for _, x := range numbers(*m.Value) {
				d.AddField(document.NewNumericFieldWithIndexingOptions(field, nil, x, optIndexed))
			}
		}
	}
	for _, a := range c.Attributions {
		if a.Source == nil {
			continue
		}
		s := a.Source
		once(FieldSaidBy, s.Canonical, optIndexed)
		once(FieldSaidBy, s.ID, optIndexed)
		once(FieldSaidBy, s.Wikidata, optIndexed)
		if s.Canonical != "" {
			once(FieldSaidBy, normalize.Key(s.Canonical), optIndexed)
		}
		once(FieldSaidBy, normalize.Key(s.Text), optIndexed)
	}
	for i, vs := range multi {
		if len(vs) == 0 {
			continue
		}
		opt := optIndexed
		if multiFields[i].facet {
			opt = optFacet
		}
		d.AddField(document.NewTextFieldCustom(multiFields[i].name, nil, []byte(strings.Join(vs, "\x00")), opt, ix.multi))
	}
	rec, err := marshalRecord(c)
	if err != nil {
		return nil, err
	}
	d.AddField(document.NewTextFieldWithIndexingOptions(fieldRecord, nil, rec, optStored))
	return d, nil
}

// multiFields are the keyword fields that hold several values.
var multiFields = [...]struct {
	name  string
	facet bool
}{
	{FieldType, true}, {FieldEntity, true}, {FieldEntityID, false},
	{FieldDateFrom, false}, {FieldDateTo, false}, {FieldSaidBy, false},
}

func multiIndex(field string) int {
	for i, f := range multiFields {
		if f.name == field {
			return i
		}
	}
	return -1 // a programming error: the index panics in tests
}

// multiToken splits a keyword field's NUL-separated values into terms.
type multiToken struct{}

func (multiToken) Tokenize(input []byte) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, 4)
	start, pos := 0, 0
	for i := 0; i <= len(input); i++ {
		if i == len(input) || input[i] == 0 {
			if i > start {
				pos++
				out = append(out, &analysis.Token{Term: input[start:i], Start: start, End: i, Position: pos, Type: analysis.AlphaNumeric})
			}
			start = i + 1
		}
	}
	return out
}

// numbers returns the numbers a value holds (both ends of a range).
func numbers(v pipeline.Value) []float64 {
	switch v.Kind {
	case pipeline.NumberValue:
		return []float64{v.Num}
	case pipeline.RangeValue:
		var out []float64
		if v.From != nil {
			out = append(out, *v.From)
		}
		if v.To != nil {
			out = append(out, *v.To)
		}
		return out
	}
	return nil
}
