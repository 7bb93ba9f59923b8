package attribution

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/segment"
)

const samplePath = "../../seeds/000_1701d300935b484f.txt"

// harness prepares documents and runs the stage over them.
type harness struct {
	p     *pipeline.Pipeline
	stage *Stage
}

func newHarness(tb testing.TB) *harness {
	tb.Helper()
	set := lexicons.Default()
	abbr, err := segment.LoadAbbreviations(set)
	if err != nil {
		tb.Fatal(err)
	}
	lx, err := LoadLexicon(set)
	if err != nil {
		tb.Fatal(err)
	}
	return &harness{p: pipeline.New(abbr), stage: NewWithLexicon(lx)}
}

// run prepares text, adds the given entity mentions, and runs the stage.
func (h *harness) run(tb testing.TB, text string, ents []pipeline.Mention) *pipeline.Document {
	tb.Helper()
	doc := &pipeline.Document{ID: "t", Text: text}
	h.p.Prepare(doc)
	doc.Mentions = append(doc.Mentions, ents...)
	pipeline.Finish(doc)
	if err := h.stage.Process(doc); err != nil {
		tb.Fatal(err)
	}
	return doc
}

// corpusRow is one expected attribution of testdata/attribution/corpus.tsv.
type corpusRow struct {
	line                             int
	text, kind, cue, source, content string
	implied                          bool
	wikidata, entities, note         string
}

func readCorpus(t *testing.T, path string) []corpusRow {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []corpusRow
	var header map[string]int
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if header == nil {
			header = map[string]int{}
			for i, c := range cols {
				header[c] = i
			}
			continue
		}
		get := func(c string) string {
			i, ok := header[c]
			if !ok || i >= len(cols) {
				return ""
			}
			return strings.TrimSpace(cols[i])
		}
		r := corpusRow{line: n, text: strings.ReplaceAll(get("text"), `\n`, "\n"), kind: get("kind"),
			cue: get("cue"), source: get("source"), content: get("content"), implied: get("implied") == "yes",
			wikidata: get("wikidata"), entities: get("entities"), note: get("note")}
		switch r.kind {
		case Direct, Indirect, AccordingTo, "none":
		default:
			t.Fatalf("%s:%d: kind %q", path, n, r.kind)
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// mentions builds the entity mentions a row injects: every occurrence of
// each text=TYPE:ID item.
func mentions(t *testing.T, r corpusRow) []pipeline.Mention {
	var out []pipeline.Mention
	if r.entities == "" {
		return nil
	}
	for _, item := range strings.Split(r.entities, "|") {
		surf, spec, ok := strings.Cut(item, "=")
		typ, id, ok2 := strings.Cut(spec, ":")
		if !ok || !ok2 {
			t.Fatalf("line %d: entity %q: want text=TYPE:ID", r.line, item)
		}
		k, err := pipeline.ParseKind(typ)
		if err != nil {
			t.Fatalf("line %d: %v", r.line, err)
		}
		for off := 0; ; {
			i := strings.Index(r.text[off:], surf)
			if i < 0 {
				break
			}
			m := pipeline.Mention{Start: off + i, End: off + i + len(surf), Type: k, ID: id, Canonical: surf}
			if strings.HasPrefix(id, "Q") {
				m.Wikidata = id
			}
			out = append(out, m)
			off += i + len(surf)
		}
	}
	return out
}

func describe(doc *pipeline.Document, a pipeline.Attribution) string {
	return fmt.Sprintf("{%s cue=%+q source=%+q implied=%v wd=%s content=%+q}", a.Kind,
		doc.Text[a.Cue.Start:a.Cue.End], doc.Text[a.Source.Start:a.Source.End], a.ImpliedSource,
		a.SourceWikidata, doc.Text[a.Content.Start:a.Content.End])
}

func matches(doc *pipeline.Document, a pipeline.Attribution, r corpusRow) bool {
	return a.Kind == r.kind && doc.Text[a.Cue.Start:a.Cue.End] == r.cue &&
		doc.Text[a.Source.Start:a.Source.End] == r.source && a.ImpliedSource == r.implied &&
		a.SourceWikidata == r.wikidata && doc.Text[a.Content.Start:a.Content.End] == r.content
}

// TestCorpus runs the example corpus: each text must yield exactly its
// expected attributions.
func TestCorpus(t *testing.T) {
	h := newHarness(t)
	rows := readCorpus(t, "../../testdata/attribution/corpus.tsv")
	var order []string
	byText := map[string][]corpusRow{}
	for _, r := range rows {
		if _, ok := byText[r.text]; !ok {
			order = append(order, r.text)
		}
		byText[r.text] = append(byText[r.text], r)
	}
	for _, text := range order {
		group := byText[text]
		name := fmt.Sprintf("line%d", group[0].line)
		t.Run(name, func(t *testing.T) {
			doc := h.run(t, text, mentions(t, group[0]))
			checkSpans(t, doc)
			var want []corpusRow
			for _, r := range group {
				if r.kind != "none" {
					want = append(want, r)
				}
			}
			used := make([]bool, len(doc.Attributions))
			for _, r := range want {
				found := false
				for i, a := range doc.Attributions {
					if !used[i] && matches(doc, a, r) {
						used[i], found = true, true
						break
					}
				}
				if !found {
					t.Errorf("%+q: missing {%s cue=%+q source=%+q implied=%v wd=%s content=%+q} (%s)",
						text, r.kind, r.cue, r.source, r.implied, r.wikidata, r.content, r.note)
				}
			}
			for i, a := range doc.Attributions {
				if !used[i] {
					t.Errorf("%+q: unexpected %s (%s)", text, describe(doc, a), group[0].note)
				}
			}
		})
	}
}

// checkSpans asserts the span invariants every attribution keeps.
func checkSpans(t *testing.T, doc *pipeline.Document) {
	t.Helper()
	for _, a := range doc.Attributions {
		for _, s := range []pipeline.Span{a.Cue, a.Source, a.Content} {
			if s.Start < 0 || s.End > len(doc.Text) || s.Start > s.End {
				t.Fatalf("span %v out of the text (%d bytes)", s, len(doc.Text))
			}
			if !utf8.ValidString(doc.Text[s.Start:s.End]) && utf8.ValidString(doc.Text) {
				t.Fatalf("span %v cuts a character", s)
			}
		}
		if a.Cue.Empty() || a.Content.Empty() {
			t.Fatalf("empty cue or content: %+v", a)
		}
		switch a.Kind {
		case Direct, Indirect, AccordingTo:
		default:
			t.Fatalf("kind %q", a.Kind)
		}
		if a.Sentence < 0 || a.Sentence >= len(doc.Sentences) {
			t.Fatalf("sentence %d of %d", a.Sentence, len(doc.Sentences))
		}
		if a.ImpliedSource && a.Source.Empty() {
			t.Fatalf("implied source without a span: %+v", a)
		}
	}
}

func TestSample(t *testing.T) {
	text, err := os.ReadFile(samplePath)
	if err != nil {
		t.Skip(err)
	}
	h := newHarness(t)
	doc := h.run(t, string(text), nil)
	checkSpans(t, doc)
	// the claims of the sample article, in order (no entity stage here)
	want := []struct{ cue, kind string }{
		{"أشار", Indirect}, {"بحسب", AccordingTo}, {"قائلًا", Direct}, {"ذكر", Indirect},
		{"قال", Direct}, {"يقول", Indirect}, {"وفقًا", AccordingTo}, {"قال", Indirect},
		{"وفقًا", AccordingTo}, {"أضافت", Indirect}, {"اعتبرت", Indirect}, {"يقول", Indirect},
		{"قالت", Indirect}, {"قال", Direct}, {"أشار", Indirect}, {"يقول", AccordingTo},
	}
	var got []string
	for _, a := range doc.Attributions {
		got = append(got, doc.Text[a.Cue.Start:a.Cue.End]+" "+a.Kind)
	}
	if len(got) != len(want) {
		t.Fatalf("%d attributions on the sample article, want %d: %+q", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i] != w.cue+" "+w.kind {
			t.Errorf("attribution %d: %+q, want %+q", i, got[i], w.cue+" "+w.kind)
		}
	}
	// records convert to code points with their text
	for _, r := range doc.AttributionRecords() {
		if r.Cue.Text == "" || r.Content.Text == "" {
			t.Errorf("record without text: %+v", r)
		}
	}
}

func TestLexiconErrors(t *testing.T) {
	tests := []struct {
		name, file, body, want string
	}{
		{"bad role", "cues-x.tsv", "cue\trole\nقال\tshout\n", "cues-x.tsv:2: role \"shout\""},
		{"next on a verb", "cues-x.tsv", "cue\trole\tnext\nقال\tverb\tل-\n", "cues-x.tsv:2: next"},
		{"presentation form", "cues-x.tsv", "cue\trole\n\uFEFBقال\tverb\n", "cues-x.tsv:2: cue"},
		{"missing column", "markers-x.tsv", "word\nإن\n", "header lacks column \"role\""},
		{"two words", "markers-x.tsv", "word\trole\nإن أن\tthat\n", "markers-x.tsv:2: word"},
		{"bad type", "sources-x.tsv", "head\ttype\nخبير\tsomeone\n", "sources-x.tsv:2: type"},
		{"unknown file", "other.tsv", "a\tb\n", "unknown attribution lexicon"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.MkdirAll(filepath.Join(dir, area), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, area, tc.file), []byte(tc.body), 0o644); err != nil {
				t.Fatal(err)
			}
			set, err := lexicons.WithDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			_, err = LoadLexicon(set)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
			var le *lexicons.Error
			if !errors.As(err, &le) {
				t.Fatalf("error %T is no *lexicons.Error", err)
			}
		})
	}
}

// TestUserLexiconRemoves checks that role none in a user file removes a cue.
func TestUserLexiconRemoves(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, area), 0o755); err != nil {
		t.Fatal(err)
	}
	body := "cue\trole\nتوقع\tnone\n"
	if err := os.WriteFile(filepath.Join(dir, area, "cues-user.tsv"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := lexicons.WithDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	st, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t)
	text := "وتوقع البنك الدولي أن ينمو الاقتصاد بنسبة 3%."
	if n := len(h.run(t, text, nil).Attributions); n != 1 {
		t.Fatalf("%+q: %d attributions with the embedded lexicons, want 1", text, n)
	}
	h.stage = st.(*Stage)
	if n := len(h.run(t, text, nil).Attributions); n != 0 {
		t.Fatalf("%+q: %d attributions once توقع is removed, want 0", text, n)
	}
}

// TestUserLexicon checks that a user directory adds cues.
func TestUserLexicon(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, area), 0o755); err != nil {
		t.Fatal(err)
	}
	body := "cue\trole\tlemma\nاستدرك\tverb\tاستدرك\n"
	if err := os.WriteFile(filepath.Join(dir, area, "cues-user.tsv"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := lexicons.WithDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	st, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t)
	h.stage = st.(*Stage)
	text := "واستدرك الوزير أن الأزمة لم تنته بعد."
	doc := h.run(t, text, nil)
	if len(doc.Attributions) != 1 || doc.Text[doc.Attributions[0].Cue.Start:doc.Attributions[0].Cue.End] != "استدرك" {
		t.Fatalf("%+q: got %d attributions, want the user cue استدرك", text, len(doc.Attributions))
	}
}

func BenchmarkStage(b *testing.B) {
	text, err := os.ReadFile(samplePath)
	if err != nil {
		b.Skip(err)
	}
	h := newHarness(b)
	doc := &pipeline.Document{ID: "bench", Text: string(text)}
	h.p.Prepare(doc)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := h.stage.Process(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzAttribution checks that any text yields well-formed attributions.
func FuzzAttribution(f *testing.F) {
	for _, s := range []string{
		"وقال الوزير: «الوضع صعب. لكننا سننتصر».",
		"وفقًا لـ",
		"قال: «",
		"كما قال",
		"بحسب ما",
		"وأضاف إن: «»",
		"قال\n«نعم»",
	} {
		f.Add(s)
	}
	h := newHarness(f)
	f.Fuzz(func(t *testing.T, text string) {
		doc := h.run(t, text, nil)
		checkSpans(t, doc)
		// again with entity mentions over every third word, to run the
		// linking paths
		doc = &pipeline.Document{ID: "f", Text: text}
		h.p.Prepare(doc)
		kinds := [...]pipeline.Kind{pipeline.Person, pipeline.Org, pipeline.GPE, pipeline.NORP}
		for i := 0; i < len(doc.Tokens); i += 3 {
			s, e := doc.TokenSpan(i, i+1)
			doc.Mentions = append(doc.Mentions, pipeline.Mention{Start: s, End: e, Type: kinds[i%len(kinds)], ID: "Q1"})
		}
		pipeline.Finish(doc)
		if err := h.stage.Process(doc); err != nil {
			t.Fatal(err)
		}
		checkSpans(t, doc)
	})
}

// TestConcurrent runs one stage over several documents at once, as the
// engine does, and checks each gets the attributions it gets alone.
func TestConcurrent(t *testing.T) {
	h := newHarness(t)
	texts := []string{
		"وقال الوزير إن المحادثات ستستأنف الأسبوع المقبل.",
		"وبحسب مصادر دبلوماسية، فإن الاتفاق بات وشيكًا.",
		"وأضاف المتحدث باسم الجيش: «لن نسمح بتكرار ما حدث».",
	}
	want := make([]int, len(texts))
	for i, s := range texts {
		want[i] = len(h.run(t, s, nil).Attributions)
	}
	done := make(chan error, 8*len(texts))
	for g := 0; g < 8; g++ {
		for i, s := range texts {
			go func() {
				doc := &pipeline.Document{ID: "c", Text: s}
				h.p.Prepare(doc)
				if err := h.stage.Process(doc); err != nil {
					done <- err
					return
				}
				if len(doc.Attributions) != want[i] {
					done <- fmt.Errorf("%+q: %d attributions, want %d", s, len(doc.Attributions), want[i])
					return
				}
				done <- nil
			}()
		}
	}
	for k := 0; k < 8*len(texts); k++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
