package index

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline"
)

// testCorpus indexes testdata/index/articles.jsonl and the sample article
// (as doc "seed") into an index on disk, as users get it: with the entity
// lexicons' names protected (fuzzy matching, besides, finds nothing in
// Bleve's memory-only indexes).
func testCorpus(t *testing.T, protect bool) (*Index, []*pipeline.Document) {
	t.Helper()
	f, err := os.Open("../testdata/index/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var docs []*pipeline.Document
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var a struct{ ID, Title, URL, Date, Text string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		d := process(t, a.ID, a.Text, a.Date)
		d.Title, d.URL = a.Title, a.URL
		docs = append(docs, d)
	}
	b, err := os.ReadFile("../seeds/" + sampleID + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	docs = append(docs, process(t, "seed", string(b), "2024-07-01"))
	var names []string
	if protect {
		if names, err = LexiconNames(lexicons.Default()); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := OpenWith(filepath.Join(t.TempDir(), "ix"), Options{Protected: names})
	if err != nil {
		t.Fatal(err)
	}
	w, err := ix.Writer(0)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if err := w.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return ix, docs
}

// parseFilters reads the filters column of queries.tsv.
func parseFilters(t *testing.T, s string) Filter {
	t.Helper()
	var f Filter
	for _, kv := range strings.Fields(s) {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "doc":
			f.Doc = v
		case "type":
			for _, x := range strings.Split(v, ",") {
				kind, err := pipeline.ParseKind(x)
				if err != nil {
					t.Fatal(err)
				}
				f.Types = append(f.Types, kind)
			}
		case "entity":
			f.Entities = append(f.Entities, v)
		case "said_by":
			f.SaidBy = append(f.SaidBy, v)
		case "from":
			s, _, err := ParseDateRange(v)
			if err != nil {
				t.Fatal(err)
			}
			f.From = s
		case "to":
			_, e, err := ParseDateRange(v)
			if err != nil {
				t.Fatal(err)
			}
			f.To = e.AddDate(0, 0, -1)
		case "mentioned":
			f.Mentioned = true
		default:
			t.Fatalf("unknown filter %q", kv)
		}
	}
	return f
}

// produced reports whether the pipeline produced a mention of type or QID
// need anywhere in docs.
func produced(docs []*pipeline.Document, need string) bool {
	for _, d := range docs {
		for _, m := range d.Mentions {
			if string(m.Type) == need || m.Wikidata == need || m.ID == need {
				return true
			}
		}
	}
	return false
}

// TestRetrieval runs testdata/index/queries.tsv: every expected claim must
// be found (recall 1.0) and no forbidden one, with the lexicons' names
// protected (as naba index makes indexes) and without.
func TestRetrieval(t *testing.T) {
	t.Run("protected", func(t *testing.T) { retrieval(t, true) })
	t.Run("unprotected", func(t *testing.T) { retrieval(t, false) })
}

func retrieval(t *testing.T, protect bool) {
	ix, docs := testCorpus(t, protect)
	defer ix.Close()
	f, err := os.Open("../testdata/index/queries.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	line, rows := 0, 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") || strings.HasPrefix(text, "name\t") {
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) != 6 {
			t.Fatalf("queries.tsv:%d: %d columns, want 6", line, len(cols))
		}
		rows++
		name, q, filters, expect, forbid, need := cols[0], cols[1], cols[2], cols[3], cols[4], cols[5]
		t.Run(name, func(t *testing.T) {
			if need != "" && !produced(docs, need) {
				t.Skipf("queries.tsv:%d needs %s mentions, which the standard pipeline does not produce yet (its stage is not registered in pipeline/engine)", line, need)
			}
			res, err := ix.Search(context.Background(), Query{Text: q, Filter: parseFilters(t, filters), Limit: 1000})
			if err != nil {
				t.Fatalf("queries.tsv:%d: %v", line, err)
			}
			got := map[string]bool{}
			for _, h := range res.Hits {
				got[h.Claim.ID] = true
			}
			ids := func(s string) []string {
				if s == "" {
					return nil
				}
				return strings.Split(s, "|")
			}
			missed := 0
			for _, id := range ids(expect) {
				if !got[id] {
					missed++
					t.Errorf("queries.tsv:%d: query %+q %s missed %s", line, q, filters, id)
				}
			}
			for _, id := range ids(forbid) {
				if got[id] {
					t.Errorf("queries.tsv:%d: query %+q %s found %s, which it must not", line, q, filters, id)
				}
			}
			if n := len(ids(expect)); n > 0 {
				t.Logf("recall %d/%d, %d hits", n-missed, n, len(res.Hits))
			}
		})
	}
	if rows < 20 {
		t.Fatalf("queries.tsv has %d rows", rows)
	}
}
