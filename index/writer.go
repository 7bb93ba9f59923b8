package index

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"runtime"
	"time"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/normalize"
)

// DefaultBatchSize is the number of claims a Writer sends to the index at
// once (split among its lanes).
const DefaultBatchSize = 4000

// maxRemembered bounds the documents a Writer remembers the claim counts of
// before it waits for its lanes and forgets them.
const maxRemembered = 100_000

// Writer adds articles to an index in batches. It is not safe for
// concurrent use; one Writer per index.
//
// Documents are spread over lanes by id, one per CPU (at most four): each
// lane builds its batches and a goroutine of its own hands them to Bleve,
// so analysis and segment building run in parallel while the caller goes
// on. All claims of one document go through the same lane, in order.
type Writer struct {
	ix        *Index
	lanes     []*lane
	batchSize int // per lane
	// counts holds the claim counts this writer set, which the index may
	// not show yet.
	counts map[string]int
	// Docs and Claims count what was added.
	Docs, Claims int
}

type lane struct {
	batch *bleve.Batch
	// work takes batches to the lane's goroutine; unbuffered, so a send
	// waits until the previous batch is applied. A job without a batch is
	// a barrier: its ack gets the lane's first error once everything sent
	// before it is applied.
	work chan laneJob
	done chan struct{} // closed when the goroutine ends
}

type laneJob struct {
	batch *bleve.Batch
	ack   chan error
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
	n := min(max(runtime.GOMAXPROCS(0), 1), 4)
	w := &Writer{ix: ix, batchSize: max(batchSize/n, 1), counts: map[string]int{}}
	for range n {
		l := &lane{batch: ix.bi.NewBatch(), work: make(chan laneJob), done: make(chan struct{})}
		go func() {
			defer close(l.done)
			var first error
			for j := range l.work {
				if j.batch != nil && first == nil {
					if err := ix.bi.Batch(j.batch); err != nil {
						first = fmt.Errorf("writing batch: %w", err)
					}
				}
				if j.ack != nil {
					j.ack <- first
				}
			}
		}()
		w.lanes = append(w.lanes, l)
	}
	return w, nil
}

// Add indexes the claims of a processed document, replacing those of an
// earlier version of it.
func (w *Writer) Add(doc *pipeline.Document) error {
	return w.AddClaims(doc.ID, ClaimsOf(doc))
}

func (w *Writer) laneOf(docID string) *lane {
	h := fnv.New32a()
	h.Write([]byte(docID))
	return w.lanes[int(h.Sum32()%uint32(len(w.lanes)))]
}

// AddClaims indexes the claims of document docID (claims[i].Sentence must be
// i), replacing all its earlier claims: sentences beyond the new count are
// deleted.
func (w *Writer) AddClaims(docID string, claims []Claim) error {
	if len(w.counts) >= maxRemembered {
		if err := w.Flush(); err != nil {
			return err
		}
		clear(w.counts)
	}
	before, err := w.sentences(docID)
	if err != nil {
		return err
	}
	l := w.laneOf(docID)
	// An article's claims share its title: analyze it once.
	var title analysis.Analyzer
	if len(claims) > 0 && claims[0].Title != "" {
		title = fixedTokens(positionsOnly(w.ix.text.Analyze([]byte(claims[0].Title))))
	}
	// The article's strings are stored once, with its first claim, after
	// all its claims are encoded.
	tab := newStrtab(w.ix.huff)
	docs := make([]*document.Document, len(claims))
	for i := range claims {
		c := &claims[i]
		if c.Doc != docID || c.Sentence != i || c.ID != ClaimID(docID, i) {
			return fmt.Errorf("document %s: claim %d has id %q, doc %q, sentence %d", docID, i, c.ID, c.Doc, c.Sentence)
		}
		an := title
		if i > 0 && c.Title != claims[0].Title {
			an = nil
		}
		d, err := w.ix.document(c, an, tab)
		if err != nil {
			return fmt.Errorf("claim %s: %w", c.ID, err)
		}
		docs[i] = d
	}
	if len(docs) > 0 {
		docs[0].AddField(document.NewTextFieldWithIndexingOptions(fieldStrings, nil, tab.marshal(), optStored))
	}
	for i, d := range docs {
		if err := l.batch.IndexAdvanced(d); err != nil {
			return fmt.Errorf("claim %s: %w", claims[i].ID, err)
		}
	}
	for i := len(claims); i < before; i++ {
		l.batch.Delete(ClaimID(docID, i))
	}
	if len(claims) > 0 {
		c := &claims[0]
		info, err := json.Marshal(docInfo{Title: c.Title, URL: c.URL, Date: c.Date})
		if err != nil {
			return err
		}
		l.batch.SetInternal([]byte(docInfoPrefix+docID), info)
	} else {
		l.batch.DeleteInternal([]byte(docInfoPrefix + docID))
	}
	var n [binary.MaxVarintLen64]byte
	l.batch.SetInternal([]byte(docCountPrefix+docID), n[:binary.PutUvarint(n[:], uint64(len(claims)))])
	w.counts[docID] = len(claims)
	w.Docs++
	w.Claims += len(claims)
	if l.batch.Size() >= w.batchSize {
		w.send(l)
	}
	return nil
}

// send hands the lane's batch to its goroutine (waiting while the previous
// one is being applied) and starts a new one. Errors come back at the next
// Flush or Close.
func (w *Writer) send(l *lane) {
	if l.batch.Size() == 0 {
		return
	}
	l.work <- laneJob{batch: l.batch}
	l.batch = w.ix.bi.NewBatch()
}

// Flush sends every lane's batch to the index and waits until they are
// applied: the claims added so far are searchable when it returns, and on
// disk once a later Close returns.
func (w *Writer) Flush() error {
	var first error
	for _, l := range w.lanes {
		w.send(l)
	}
	for _, l := range w.lanes {
		ack := make(chan error, 1)
		l.work <- laneJob{ack: ack}
		if err := <-ack; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Close flushes the last batches, stops the lanes and waits until
// everything written is on disk. (Batches are written without waiting for
// the disk: an interrupted run loses its last batches, never the index's
// consistency, and running it again completes it.) The Writer cannot be
// used after Close.
func (w *Writer) Close() error {
	err := w.Flush()
	for _, l := range w.lanes {
		close(l.work)
		<-l.done
	}
	if err != nil || w.ix.dir == "" {
		return err
	}
	// An empty batch after all others carries a callback to the
	// persister, which writes batches in order.
	done := make(chan error, 1)
	b := w.ix.bi.NewBatch()
	b.SetInternal([]byte(formatInternal), []byte(formatVersion))
	b.SetPersistedCallback(func(err error) {
		select {
		case done <- err:
		default:
		}
	})
	if err := w.ix.bi.Batch(b); err != nil {
		return fmt.Errorf("writing batch: %w", err)
	}
	if err := <-done; err != nil {
		return fmt.Errorf("writing index to disk: %w", err)
	}
	return nil
}

// sentences returns how many claims document docID has in the index.
func (w *Writer) sentences(docID string) (int, error) {
	if n, ok := w.counts[docID]; ok {
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

// Field options: the text has term vectors (for phrases; the record
// stores it); facets and sorting use doc values.
const (
	optText    = bindex.IndexField | bindex.IncludeTermVectors
	optIndexed = bindex.IndexField
	// Keyword and numeric fields filter, they do not rank: no frequencies
	// and norms (a norm takes up to five bytes per claim and term).
	optKeyword = bindex.IndexField | bindex.SkipFreqNorm
	optFacet   = bindex.IndexField | bindex.DocValues | bindex.SkipFreqNorm
	optStored  = bindex.StoreField
)

// document builds the Bleve document of a claim, field by field (faster
// than mapping a struct by reflection, and it decides exactly what is
// stored).
func (ix *Index) document(c *Claim, title analysis.Analyzer, tab *strtab) (*document.Document, error) {
	d := document.NewDocument(c.ID)
	if st := stemmerOf(ix.text); st != nil {
		d.AddField(&textField{name: FieldText, value: []byte(c.Text), options: optText, stemmer: st})
	} else {
		d.AddField(document.NewTextFieldCustom(FieldText, nil, []byte(c.Text), optText, indexSide{ix.text}))
	}
	if c.Title != "" {
		if title == nil {
			title = indexSide{ix.text}
		}
		d.AddField(document.NewTextFieldCustom(FieldTitle, nil, []byte(c.Title), optIndexed, title))
	}
	kw := func(name string, v string, opt bindex.FieldIndexingOptions) {
		if v != "" {
			d.AddField(&keywordField{name: name, values: []string{v}, options: opt})
		}
	}
	kw(FieldDoc, c.Doc, optFacet)
	if c.Sentence == 0 {
		kw(fieldHead, "1", optKeyword)
	}
	if c.Date != "" {
		if _, err := time.Parse(time.DateOnly, c.Date); err != nil {
			return nil, fmt.Errorf("date %q: %w", c.Date, err)
		}
		kw(FieldDate, c.Date, optFacet)
		kw(FieldYear, c.Date[:4], optFacet)
	}
	// Many-valued keyword fields go in as one field each.
	fields := multiFields()
	var multi [len(fields)][]string
	once := func(field, v string, _ bindex.FieldIndexingOptions) {
		if v == "" {
			return
		}
		i := multiIndex(field)
		if i < 0 {
			return
		}
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
			once(FieldEntityID, m.ID, optKeyword)
			once(FieldEntityID, m.Wikidata, optKeyword)
			once(FieldEntityID, normalize.Key(name), optKeyword)
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
			once(FieldDateFrom, s.Format(time.DateOnly), optKeyword)
			once(FieldDateTo, e.AddDate(0, 0, -1).Format(time.DateOnly), optKeyword)
		case pipeline.Money, pipeline.Percent, pipeline.Quantity:
			field := map[pipeline.Kind]string{pipeline.Money: FieldMoney, pipeline.Percent: FieldPercent, pipeline.Quantity: FieldQuantity}[m.Type]
			for _, x := range numbers(*m.Value) {
				d.AddField(document.NewNumericFieldWithIndexingOptions(field, nil, x, optKeyword))
			}
		}
	}
	for _, a := range c.Attributions {
		if a.Source == nil {
			continue
		}
		s := a.Source
		once(FieldSaidBy, s.Canonical, optKeyword)
		once(FieldSaidBy, s.ID, optKeyword)
		once(FieldSaidBy, s.Wikidata, optKeyword)
		if s.Canonical != "" {
			once(FieldSaidBy, normalize.Key(s.Canonical), optKeyword)
		}
		once(FieldSaidBy, normalize.Key(s.Text), optKeyword)
	}
	for i, vs := range multi {
		if len(vs) == 0 {
			continue
		}
		opt := optKeyword
		if fields[i].facet {
			opt = optFacet
		}
		d.AddField(&keywordField{name: fields[i].name, values: vs, options: opt})
	}
	d.AddField(document.NewTextFieldWithIndexingOptions(fieldRecord, nil, marshalRecord(c, tab), optStored))
	return d, nil
}

// indexSide is the analyzer of indexed text: term vectors keep positions
// (for phrases) but no offsets, which cost a quarter of their size and which
// nothing reads (highlights analyze the hits again).
type indexSide struct{ a analysis.Analyzer }

func (s indexSide) Analyze(b []byte) analysis.TokenStream { return positionsOnly(s.a.Analyze(b)) }

func positionsOnly(ts analysis.TokenStream) analysis.TokenStream {
	for _, t := range ts {
		t.Start, t.End = 0, 0
	}
	return ts
}

// fixedTokens is an analyzer that returns tokens analyzed earlier (the
// title's, for every claim of an article). Bleve only reads them.
type fixedTokens analysis.TokenStream

func (f fixedTokens) Analyze([]byte) analysis.TokenStream { return analysis.TokenStream(f) }

type multiField struct {
	name  string
	facet bool
}

// multiFields are the keyword fields that hold several values.
func multiFields() [6]multiField {
	return [...]multiField{
		{FieldType, true}, {FieldEntity, true}, {FieldEntityID, false},
		{FieldDateFrom, false}, {FieldDateTo, false}, {FieldSaidBy, false},
	}
}

func multiIndex(field string) int {
	for i, f := range multiFields() {
		if f.name == field {
			return i
		}
	}
	return -1
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
