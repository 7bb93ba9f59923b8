package entities

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/segment"
)

// corpusRow is one example of testdata/entities/corpus.tsv.
type corpusRow struct {
	line                       int
	text, span, typ, id, canon string
}

func readCorpus(t testing.TB) []corpusRow {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", "entities", "corpus.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []corpusRow
	sc := bufio.NewScanner(f)
	header := true
	for n := 1; sc.Scan(); n++ {
		s := sc.Text()
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		c := strings.Split(s, "\t")
		for len(c) < 5 {
			c = append(c, "")
		}
		rows = append(rows, corpusRow{line: n, text: c[0], span: c[1], typ: c[2], id: c[3], canon: c[4]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// testPipeline loads the embedded lexicons once for all tests.
type testPipeline struct {
	once sync.Once
	p    *pipeline.Pipeline
	lex  *Lexicon
	err  error
}

var shared testPipeline //nolint:gochecknoglobals // test fixture, loaded once

func newTestPipeline(t testing.TB) (*pipeline.Pipeline, *Lexicon) {
	t.Helper()
	shared.once.Do(func() {
		set := lexicons.Default()
		shared.lex, shared.err = Load(set)
		if shared.err != nil {
			return
		}
		abbr, err := segment.LoadAbbreviations(set)
		if err != nil {
			shared.err = err
			return
		}
		shared.p = pipeline.New(abbr, NewRecognizer(shared.lex), pipeline.Resolve{})
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.p, shared.lex
}

func run(t testing.TB, text string) *pipeline.Document {
	t.Helper()
	p, _ := newTestPipeline(t)
	doc := &pipeline.Document{ID: "test", Text: text}
	if err := p.Run(doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestCorpus(t *testing.T) {
	for _, r := range readCorpus(t) {
		t.Run(r.span+"/"+r.typ, func(t *testing.T) {
			doc := run(t, r.text)
			for _, m := range doc.Mentions {
				if doc.Text[m.Start:m.End] != m.Text {
					t.Fatalf("line %d: mention text %+q is not the original slice", r.line, m.Text)
				}
			}
			switch {
			case r.typ == "-":
				for _, m := range doc.Mentions {
					if m.Type.IsEntity() && strings.Contains(m.Text, r.span) {
						t.Errorf("line %d: %+q must not be a name, got %s %+q (%s)", r.line, r.span, m.Type, m.Text, m.Rule)
					}
				}
			case strings.HasPrefix(r.typ, "-"):
				for _, m := range doc.Mentions {
					if string(m.Type) == r.typ[1:] {
						t.Errorf("line %d: want no %s in %+q, got %+q (%s)", r.line, r.typ[1:], r.text, m.Text, m.Rule)
					}
				}
			default:
				var found *pipeline.Mention
				for i, m := range doc.Mentions {
					if m.Text == r.span && string(m.Type) == r.typ {
						found = &doc.Mentions[i]
						break
					}
				}
				if found == nil {
					var got []string
					for _, m := range doc.Mentions {
						got = append(got, string(m.Type)+" "+m.Text)
					}
					t.Fatalf("line %d: want %s %+q in %+q, got %+q", r.line, r.typ, r.span, r.text, got)
				}
				switch {
				case r.id == "local":
					if !strings.HasPrefix(found.ID, "naba:doc:") {
						t.Errorf("line %d: %+q: want a document-local id, got %q", r.line, r.span, found.ID)
					}
				case r.id != "" && found.ID != r.id:
					t.Errorf("line %d: %+q: id %q, want %q", r.line, r.span, found.ID, r.id)
				}
				if r.id != "" && isQID(r.id) && found.Wikidata != r.id {
					t.Errorf("line %d: %+q: wikidata %q, want %q", r.line, r.span, found.Wikidata, r.id)
				}
				if r.canon != "" && found.Canonical != r.canon {
					t.Errorf("line %d: %+q: canonical %+q, want %+q", r.line, r.span, found.Canonical, r.canon)
				}
			}
		})
	}
}
