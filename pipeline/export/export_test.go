package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/naba-nlp/naba/index"
	"github.com/naba-nlp/naba/pipeline"
)

// doc builds a processed document with the given mentions, found by their
// text (the n-th occurrence is not needed in these tests).
func doc(t *testing.T, id, date, text string, ms ...pipeline.Mention) *pipeline.Document {
	t.Helper()
	d := &pipeline.Document{ID: id, Text: text}
	if date != "" {
		d.Date = mustDate(t, date)
	}
	pipeline.New(nil).Prepare(d)
	for _, m := range ms {
		i := strings.Index(text, m.Text)
		if i < 0 {
			t.Fatalf("%+q not in %+q", m.Text, text)
		}
		m.Start, m.End = i, i+len(m.Text)
		d.Mentions = append(d.Mentions, m)
	}
	pipeline.Finish(d)
	return d
}

func source(docs ...*pipeline.Document) Source {
	return func(fn func(*index.Claim) error) error {
		for _, d := range docs {
			cs := index.ClaimsOf(d)
			for i := range cs {
				if err := fn(&cs[i]); err != nil {
					return err
				}
			}
		}
		return nil
	}
}

var putin = pipeline.Mention{Type: pipeline.Person, ID: "Q7747", Wikidata: "Q7747", Canonical: "فلاديمير بوتين"}

func with(m pipeline.Mention, text string) pipeline.Mention { m.Text = text; return m }

func TestCSVQuotingWithArabic(t *testing.T) {
	text := "قال \"الخبراء\"، وهم كثر: إن الأسعار, كما يبدو، سترتفع.\nوأضاف بوتين: «لا».\n"
	d := doc(t, "a,b", "2024-07-01", text, with(putin, "بوتين"))
	var b bytes.Buffer
	if err := Claims(&b, source(d), &Filter{}, Options{Format: CSV}); err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(b.String(), "\uFEFF") {
		t.Error("BOM written without --excel")
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatalf("output is not valid CSV: %v", err)
	}
	if len(rows) != 3 || rows[0][0] != "id" {
		t.Fatalf("rows = %q", rows)
	}
	if rows[1][5] != "قال \"الخبراء\"، وهم كثر: إن الأسعار, كما يبدو، سترتفع." || rows[1][1] != "a,b" {
		t.Errorf("text or doc not round-tripped: %q", rows[1])
	}
	if rows[2][10] != "فلاديمير بوتين" || rows[2][11] != "Q7747" || rows[2][9] != "PERSON" {
		t.Errorf("entity columns: %q", rows[2])
	}
	b.Reset()
	if err := Mentions(&b, source(d), &Filter{}, Options{Format: CSV, Excel: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "\uFEFFdoc,sentence,type") || !strings.Contains(b.String(), "\r\n") {
		t.Errorf("--excel CSV should start with a BOM and use CRLF: %q", b.String()[:40])
	}
}

func TestCoNLLReconstructsMentions(t *testing.T) {
	text := "قال الرئيس الروسي فلاديمير بوتين إن لروسيا مصالح في الصين.\nوزار بوتين بكين."
	d := doc(t, "d", "", text,
		with(putin, "فلاديمير بوتين"),
		pipeline.Mention{Type: pipeline.GPE, Text: "روسيا مصالح"[:len("روسيا")], Wikidata: "Q159"},
		pipeline.Mention{Type: pipeline.GPE, Text: "الصين", Wikidata: "Q148"},
	)
	var b bytes.Buffer
	if err := Mentions(&b, source(d), &Filter{}, Options{Format: CoNLL}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"# doc = d\n", "فلاديمير\tB-PERSON\nبوتين\tI-PERSON\n", "لروسيا\tB-GPE\n", "الصين\tB-GPE\n", "بكين\tO\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("CoNLL lacks %+q:\n%s", want, out)
		}
	}
	if strings.Count(out, "\n\n") != 2 {
		t.Errorf("want a blank line after each of the 2 sentences:\n%s", out)
	}
	// Reading the tags back gives one span per mention, at token level.
	var spans []string
	for _, c := range index.ClaimsOf(d) {
		var cur []string
		for _, tok := range ConllTokens(&c, c.Mentions) {
			switch {
			case strings.HasPrefix(tok.Tag, "B-"):
				if cur != nil {
					spans = append(spans, strings.Join(cur, " "))
				}
				cur = []string{tok.Text}
			case strings.HasPrefix(tok.Tag, "I-"):
				cur = append(cur, tok.Text)
			default:
				if cur != nil {
					spans = append(spans, strings.Join(cur, " "))
				}
				cur = nil
			}
		}
		if cur != nil {
			spans = append(spans, strings.Join(cur, " "))
		}
	}
	if strings.Join(spans, ",") != "فلاديمير بوتين,لروسيا,الصين" {
		t.Errorf("spans read back from the tags: %+q", spans)
	}
}

func TestEntitiesAggregation(t *testing.T) {
	local := pipeline.Mention{Type: pipeline.Person, ID: "naba:doc:person:x", Canonical: "يوري أوشاكوف"}
	d1 := doc(t, "d1", "2024-05-16", "قال فلاديمير بوتين إن بوتين مستعد. وقال يوري أوشاكوف ذلك.",
		with(putin, "فلاديمير بوتين"), with(putin, "بوتين مستعد"[:len("بوتين")]), with(local, "يوري أوشاكوف"))
	d2 := doc(t, "d2", "2024-07-01", "وصل بوتين. وأكد أوشاكوف.", with(putin, "بوتين"), with(local, "أوشاكوف"))
	var b bytes.Buffer
	if err := Entities(&b, source(d1, d2), &Filter{}, Options{Format: JSONL}, 1); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 entities:\n%s", b.String())
	}
	var e Entity
	if err := json.Unmarshal([]byte(lines[0]), &e); err != nil {
		t.Fatal(err)
	}
	if e.ID != "Q7747" || e.Mentions != 3 || e.Documents != 2 || e.FirstSeen != "2024-05-16" || e.LastSeen != "2024-07-01" ||
		len(e.SurfaceForms) != 2 || e.SurfaceForms[0].Text != "بوتين" || e.SurfaceForms[0].Count != 2 || e.Example.Doc != "d1" {
		t.Errorf("Putin = %+v", e)
	}
	if err := json.Unmarshal([]byte(lines[1]), &e); err != nil {
		t.Fatal(err)
	}
	if e.ID != "naba:doc:person:يوري_اوشاكوف" || e.Documents != 2 || e.Mentions != 2 {
		t.Errorf("document-local ids must merge by canonical name and type: %+v", e)
	}
	if !strings.HasPrefix(lines[0], `{"id":"Q7747","type":"PERSON","canonical":"فلاديمير بوتين","wikidata":"Q7747","surface_forms":[`) {
		t.Errorf("field order: %s", lines[0])
	}
	b.Reset()
	if err := Entities(&b, source(d1, d2), &Filter{}, Options{Format: JSONL}, 3); err != nil {
		t.Fatal(err)
	}
	if strings.Count(b.String(), "\n") != 1 {
		t.Errorf("--min-mentions 3 should keep only Putin:\n%s", b.String())
	}
}

func TestNationalitiesAreNotTheirCountry(t *testing.T) {
	d := doc(t, "d", "", "قال الوزير الروسي إن روسيا قوية.",
		pipeline.Mention{Type: pipeline.NORP, Text: "الروسي", ID: "Q159", Canonical: "روسي"},
		pipeline.Mention{Type: pipeline.GPE, Text: "روسيا", ID: "Q159", Wikidata: "Q159", Canonical: "روسيا"})
	var b bytes.Buffer
	if err := Entities(&b, source(d), &Filter{}, Options{Format: JSONL}, 1); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), "\n"); n != 2 || !strings.Contains(b.String(), `"type":"NORP","canonical":"روسي"`) {
		t.Errorf("want Russia and the NORP روسي apart:\n%s", b.String())
	}
}

func TestFilters(t *testing.T) {
	d1 := doc(t, "d1", "2024-05-16", "قال فلاديمير بوتين إن روسيا قوية.", with(putin, "فلاديمير بوتين"),
		pipeline.Mention{Type: pipeline.GPE, Text: "روسيا", Wikidata: "Q159", Canonical: "روسيا"})
	d2 := doc(t, "d2", "", "وصل بوتين.", with(putin, "بوتين"))
	count := func(f *Filter) int {
		var b bytes.Buffer
		if err := Mentions(&b, source(d1, d2), f, Options{Format: JSONL}); err != nil {
			t.Fatal(err)
		}
		return strings.Count(b.String(), "\n")
	}
	types, _ := ParseTypes("gpe")
	for _, tt := range []struct {
		name string
		f    Filter
		want int
	}{
		{"all", Filter{}, 3},
		{"type", Filter{Types: types}, 1},
		{"entity by QID", Filter{Entities: []string{"Q7747"}}, 2},
		{"entity by name, hamza and diacritics folded", Filter{Entities: []string{"رُوسيا"}}, 1},
		{"doc", Filter{Docs: map[string]bool{"d2": true}}, 1},
		{"date drops undated documents", Filter{From: "2024-01-01"}, 2},
		{"date range excludes", Filter{To: "2024-05-15"}, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := count(&tt.f); got != tt.want {
				t.Errorf("%d mentions, want %d", got, tt.want)
			}
		})
	}
}

func TestJSONLHasNoNulls(t *testing.T) {
	d := doc(t, "d", "", "جملة بلا كيانات.")
	var b bytes.Buffer
	if err := Claims(&b, source(d), &Filter{}, Options{Format: JSONL}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "null") || !strings.Contains(b.String(), `"mentions":[]`) {
		t.Errorf("claims JSONL: %s", b.String())
	}
}
