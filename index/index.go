package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/mapping"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Field names of a claim in the index. Query strings may use them
// (entity:Q7747, type:MONEY, money:>1000000).
const (
	FieldText       = "text"           // the sentence as written (analyzed, term vectors; stored in the record)
	FieldTitle      = "title"          // the article title (analyzed)
	FieldDoc        = "doc"            // document id (keyword)
	FieldDate       = "date"           // article date, YYYY-MM-DD (keyword: ranges compare as text)
	FieldYear       = "year"           // article year (keyword, for facets)
	FieldEntity     = "entity"         // canonical names of the entities mentioned (keyword)
	FieldEntityID   = "entity_id"      // their ids, Wikidata QIDs and name keys (keyword)
	FieldType       = "type"           // mention types (keyword)
	FieldDateFrom   = "mentioned_from" // first day of each date mentioned, YYYY-MM-DD (keyword)
	FieldDateTo     = "mentioned_to"   // last day of each date mentioned, YYYY-MM-DD (keyword)
	FieldMoney      = "money"          // MONEY amounts (numeric)
	FieldPercent    = "percent"        // PERCENT values (numeric)
	FieldQuantity   = "quantity"       // QUANTITY amounts (numeric)
	FieldSaidBy     = "said_by"        // attribution sources: names, ids, keys (keyword)
	fieldRecord     = "record"         // the stored claim record (binary, not indexed; see record.go)
	fieldStrings    = "strings"        // the article's string table, stored with its first claim
	fieldHead       = "head"           // "1" in the first claim of each document (counts documents)
	formatInternal  = "naba:format"    // internal key marking a naba index
	formatVersion   = "3"
	docCountPrefix  = "naba:doc:"  // internal key prefix: sentences indexed per document
	docInfoPrefix   = "naba:info:" // internal key prefix: a document's title, url and date
	defaultLockWait = time.Second
)

// Errors callers can test for with errors.Is.
var (
	ErrLocked     = errors.New("index is locked by another naba process")
	ErrNotExist   = errors.New("no index here")
	ErrNotAnIndex = errors.New("not a naba index")
	ErrCorrupt    = errors.New("index is damaged")
)

// Options tune Open.
type Options struct {
	ReadOnly bool
	// LockWait is how long Open waits for another process's lock
	// (default one second).
	LockWait time.Duration
	// Protected lists names the analyzer keeps whole; it is fixed when the
	// index is created (index and queries must see the same terms).
	Protected []string
}

// Index is an open claims index.
type Index struct {
	bi       bleve.Index
	dir      string
	readOnly bool
	text     analysis.Analyzer // the index-side analyzer, from the mapping
	huff     *huffman          // the code of stored claim texts
}

// Open opens the index in dir, creating it when it does not exist and
// readOnly is false.
func Open(dir string, readOnly bool) (*Index, error) {
	return OpenWith(dir, Options{ReadOnly: readOnly})
}

// NewMemOnly returns an index kept in memory (for tests and one-off runs).
func NewMemOnly(opt Options) (*Index, error) {
	if err := registerAnalysis(); err != nil {
		return nil, err
	}
	bi, err := bleve.NewMemOnly(newMapping(opt.Protected))
	if err != nil {
		return nil, fmt.Errorf("creating index: %w", err)
	}
	return wrap(bi, "", false, true)
}

// OpenWith opens or creates the index in dir.
func OpenWith(dir string, opt Options) (ix *Index, err error) {
	if err := registerAnalysis(); err != nil {
		return nil, err
	}
	defer func() {
		// Bleve and its storage may panic on damaged files: report, never crash.
		if v := recover(); v != nil {
			ix, err = nil, fmt.Errorf("%s: %w (%v)", dir, ErrCorrupt, v)
		}
	}()
	wait := opt.LockWait
	if wait <= 0 {
		wait = defaultLockWait
	}
	st, statErr := os.Stat(dir)
	switch {
	case errors.Is(statErr, fs.ErrNotExist):
		if opt.ReadOnly {
			return nil, fmt.Errorf("%s: %w (create one with naba index)", dir, ErrNotExist)
		}
		bi, err := bleve.NewUsing(dir, newMapping(opt.Protected), scorch.Name, scorch.Name,
			map[string]any{"bolt_timeout": wait.String(), "unsafe_batch": true})
		if err != nil {
			return nil, fmt.Errorf("creating index %s: %w", dir, mapOpenError(err))
		}
		return wrap(bi, dir, false, true)
	case statErr != nil:
		return nil, fmt.Errorf("opening index: %w", statErr)
	case !st.IsDir():
		return nil, fmt.Errorf("%s: %w: it is a file", dir, ErrNotAnIndex)
	}
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err != nil {
		entries, _ := os.ReadDir(dir)
		if len(entries) == 0 && !opt.ReadOnly {
			if err := os.Remove(dir); err == nil {
				return OpenWith(dir, opt)
			}
		}
		return nil, fmt.Errorf("%s: %w: the directory holds no index (index_meta.json is missing)", dir, ErrNotAnIndex)
	}
	bi, err := bleve.OpenUsing(dir, map[string]any{"read_only": opt.ReadOnly, "bolt_timeout": wait.String(),
		"unsafe_batch": true})
	if err != nil {
		err = mapOpenError(err)
		if opt.ReadOnly && errors.Is(err, ErrLocked) {
			return nil, fmt.Errorf("opening index %s: %w: it is being written; search again when indexing finishes", dir, err)
		}
		return nil, fmt.Errorf("opening index %s: %w", dir, err)
	}
	return wrap(bi, dir, opt.ReadOnly, false)
}

// mapOpenError turns storage errors into naba's.
func mapOpenError(err error) error {
	detail, _, _ := strings.Cut(err.Error(), "\n") // Bleve may append whole files
	const fix = "; delete the directory and run naba index again"
	switch {
	case errors.Is(err, bolterrors.ErrTimeout), strings.Contains(err.Error(), "timeout"):
		return ErrLocked
	case errors.Is(err, bleve.ErrorIndexMetaCorrupt), errors.Is(err, bolterrors.ErrInvalid),
		errors.Is(err, bolterrors.ErrVersionMismatch), errors.Is(err, bolterrors.ErrChecksum):
		return fmt.Errorf("%w: %s%s", ErrCorrupt, detail, fix)
	case errors.Is(err, bleve.ErrorUnknownIndexType):
		return fmt.Errorf("%w: %s", ErrNotAnIndex, detail)
	}
	return fmt.Errorf("%w: %s%s", ErrCorrupt, detail, fix)
}

func wrap(bi bleve.Index, dir string, readOnly, created bool) (*Index, error) {
	ix := &Index{bi: bi, dir: dir, readOnly: readOnly, huff: newHuffman()}
	fail := func(err error) (*Index, error) {
		bi.Close()
		return nil, err
	}
	if created {
		// The mark is on disk before anything else is written, so that an
		// interrupted first run leaves an index naba recognizes.
		b := bi.NewBatch()
		b.SetInternal([]byte(formatInternal), []byte(formatVersion))
		done := make(chan error, 1)
		if dir != "" {
			b.SetPersistedCallback(func(err error) {
				select {
				case done <- err:
				default:
				}
			})
		} else {
			done <- nil
		}
		if err := bi.Batch(b); err != nil {
			return fail(fmt.Errorf("marking index: %w", err))
		}
		if err := <-done; err != nil {
			return fail(fmt.Errorf("marking index: %w", err))
		}
	} else {
		v, err := bi.GetInternal([]byte(formatInternal))
		if err != nil {
			return fail(fmt.Errorf("%s: %w: %v", dir, ErrCorrupt, err))
		}
		if v == nil {
			return fail(fmt.Errorf("%s: %w: a Bleve index made by another program", dir, ErrNotAnIndex))
		}
		if string(v) != formatVersion {
			return fail(fmt.Errorf("%s: %w: format %s, this naba reads format %s (re-create it with naba index)", dir, ErrNotAnIndex, v, formatVersion))
		}
	}
	ix.text = bi.Mapping().AnalyzerNamed(IndexAnalyzer)
	if ix.text == nil {
		return fail(fmt.Errorf("%s: %w: the mapping has no %s analyzer", dir, ErrNotAnIndex, IndexAnalyzer))
	}
	return ix, nil
}

// Close closes the index.
func (ix *Index) Close() error { return ix.bi.Close() }

// Dir returns the index directory ("" for an in-memory index).
func (ix *Index) Dir() string { return ix.dir }

// newMapping describes a claim's fields. Claims are indexed as documents
// built field by field (see document), so the mapping serves queries: the
// analyzer of each field that query strings name, and the Arabic analyzers
// with their configuration.
func newMapping(protected []string) *mapping.IndexMappingImpl {
	im := bleve.NewIndexMapping()
	// The analyzers are stored with the index: index and queries see the
	// same configuration forever, whatever lexicons are loaded later.
	_ = im.AddCustomAnalyzer(IndexAnalyzer, analyzerConfig(false, protected))
	_ = im.AddCustomAnalyzer(QueryAnalyzer, analyzerConfig(true, protected))
	im.DefaultAnalyzer = keyword.Name
	im.DefaultField = FieldText
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false

	dm := bleve.NewDocumentStaticMapping()
	text := func(name string, store, vectors bool) {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = IndexAnalyzer
		f.Store = store
		f.IncludeTermVectors = vectors
		f.IncludeInAll = false
		f.DocValues = false
		dm.AddFieldMappingsAt(name, f)
	}
	kw := func(name string, docValues bool) {
		f := bleve.NewKeywordFieldMapping()
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = docValues
		dm.AddFieldMappingsAt(name, f)
	}
	num := func(name string, docValues bool) {
		f := bleve.NewNumericFieldMapping()
		f.Store = false
		f.IncludeInAll = false
		f.DocValues = docValues
		dm.AddFieldMappingsAt(name, f)
	}
	text(FieldText, false, true)
	text(FieldTitle, false, false)
	kw(FieldDoc, true)
	kw(FieldDate, true)
	kw(FieldYear, true)
	kw(FieldEntity, true)
	kw(FieldEntityID, false)
	kw(FieldType, true)
	kw(FieldDateFrom, false)
	kw(FieldDateTo, false)
	kw(fieldHead, false)
	num(FieldMoney, false)
	num(FieldPercent, false)
	num(FieldQuantity, false)
	kw(FieldSaidBy, false)
	rec := bleve.NewTextFieldMapping()
	rec.Index = false
	rec.Store = true
	rec.IncludeInAll = false
	rec.DocValues = false
	dm.AddFieldMappingsAt(fieldRecord, rec)
	dm.AddFieldMappingsAt(fieldStrings, rec)
	im.DefaultMapping = dm
	return im
}

// ClaimCount returns the number of claims in the index.
func (ix *Index) ClaimCount() (uint64, error) { return ix.bi.DocCount() }

// Compact merges the index's segments into one: searches get faster and
// deleted claims stop taking space. It rewrites the whole index, so it
// suits the end of a large indexing run.
func (ix *Index) Compact(ctx context.Context) error {
	if ix.readOnly {
		return fmt.Errorf("index %s is open read-only", ix.dir)
	}
	adv, err := ix.bi.Advanced()
	if err != nil {
		return err
	}
	m, ok := adv.(interface {
		ForceMerge(context.Context, *mergeplan.MergePlanOptions) error
	})
	if !ok {
		return nil // an in-memory index has nothing to merge
	}
	if err := m.ForceMerge(ctx, nil); err != nil {
		return fmt.Errorf("compacting index: %w", err)
	}
	// The merged segment replaces the old ones once they are no longer in
	// use; give the storage a moment to delete them before returning.
	for i := 0; i < 50; i++ {
		segs, _ := filepath.Glob(filepath.Join(ix.dir, "store", "*.zap"))
		if len(segs) <= 1 {
			break
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return nil
}
