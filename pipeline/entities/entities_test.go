package entities

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/segment"
)

func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, "entities", name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

const header = "id\ttype\tcanonical\taliases\tdemonyms\tnote\n"

func TestLoadEmbedded(t *testing.T) {
	_, lex := newTestPipeline(t)
	if lex.Entries() == 0 {
		t.Fatal("no entries in the embedded lexicons")
	}
	for _, w := range lex.Warnings {
		t.Logf("warning: %v", w)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, file, content, want string
	}{
		{"empty canonical", "bad.tsv", header + "naba:gpe:x\tGPE\t\t\t\t\n", "bad.tsv:2: canonical: empty entry"},
		{"presentation form", "bad.tsv", header + "naba:gpe:x\tGPE\t\uFEE3\uFEAE\t\t\t\n", "bad.tsv:2: canonical"},
		{"invisible", "bad.tsv", header + "naba:gpe:x\tGPE\tمصر\tمص\u200Cر\t\t\n", "bad.tsv:2: aliases"},
		{"unknown type", "bad.tsv", header + "naba:gpe:x\tCITY\tمصر\t\t\t\n", "bad.tsv:2: type \"CITY\""},
		{"bad id", "bad.tsv", header + "Q12x\tGPE\tمصر\t\t\t\n", "bad.tsv:2: id \"Q12x\""},
		{"unknown header", "bad.tsv", "name\tnote\nمصر\t\n", "bad.tsv: unknown header"},
		{"bad trigger span", "bad.tsv", "trigger\ttype\tspan\tnote\nشركة\tORG\tbefore\t\n", "bad.tsv:2: span \"before\""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, tc.file, tc.content)
			set, err := lexicons.WithDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			lex, err := Load(set)
			if err == nil {
				t.Fatalf("want an error containing %q", tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to contain %q", err, tc.want)
			}
			var le *lexicons.Error
			if !errors.As(err, &le) || le.File == "" {
				t.Errorf("error %v carries no file", err)
			}
			if lex == nil || lex.Entries() == 0 {
				t.Error("the good entries must still load")
			}
		})
	}
}

func TestLoadDuplicatesAndCollisions(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "zz.tsv", header+
		"naba:gpe:test-a\tGPE\tزيتونة\tزيتونه|الزيتونة الكبرى\t\t\n"+ // alias folds onto the canonical
		"naba:org:test-b\tORG\tالزيتونة الكبرى\t\t\t\n") // collides with test-a's alias
	set, err := lexicons.WithDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	lex, err := Load(set)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, w := range lex.Warnings {
		if strings.Contains(w.Error(), "zz.tsv:2") && strings.Contains(w.Error(), "duplicates") {
			found = true
		}
	}
	if !found {
		t.Errorf("want a duplicate warning at zz.tsv:2, got %v", lex.Warnings)
	}
	var col *Collision
	cols := lex.FindCollisions()
	for i := range cols {
		if cols[i].Key == "الزيتونه الكبري" {
			col = &cols[i]
		}
	}
	if col == nil || len(col.Entries) != 2 {
		t.Fatalf("want a collision of two ids on الزيتونه الكبري, got %+v", col)
	}
}

func TestUserOverride(t *testing.T) {
	dir := t.TempDir()
	// Q159 is Russia in the embedded lexicons: the user file renames it,
	// and adds a new place.
	writeFile(t, dir, "mine.tsv", header+
		"Q159\tGPE\tروسيا\tبلاد الروس الكبرى\tروسي|روسية|روس\t\n"+
		"naba:gpe:test-town\tGPE\tزمردة الصغرى\t\t\t\n")
	set, err := lexicons.WithDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	lex, err := Load(set)
	if err != nil {
		t.Fatal(err)
	}
	if e := lex.Entry("Q159"); e == nil || !strings.HasSuffix(e.Source, "mine.tsv:2") {
		t.Fatalf("Q159 not overridden by the user file: %+v", e)
	}
	p := pipeline.New(nil, NewRecognizer(lex), pipeline.Resolve{})
	doc := &pipeline.Document{Text: "زار الوفد بلاد الروس الكبرى ثم زمردة الصغرى."}
	if err := p.Run(doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range doc.Mentions {
		got = append(got, m.Text+"="+m.ID)
	}
	want := []string{"بلاد الروس الكبرى=Q159", "زمردة الصغرى=naba:gpe:test-town"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("got %+q, want %+q", got, want)
	}
}

func TestInflectDemonym(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"روسي", []string{"روسي", "الروسي", "روسيه", "الروسيه", "روسيون", "الروسيين", "روسيات", "روسيتان"}},
		{"كوري شمالي", []string{"كوري شمالي", "الكوري الشمالي", "الكوريه الشماليه"}},
		{"روس", []string{"روس", "الروس"}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got := map[string]bool{}
			for _, f := range inflectDemonym(tc.in) {
				got[f.key] = true
			}
			for _, w := range tc.want {
				if !got[w] {
					t.Errorf("%+q: missing form %+q", tc.in, w)
				}
			}
		})
	}
}

func TestLookup(t *testing.T) {
	_, lex := newTestPipeline(t)
	tests := []struct {
		word, what, id string
	}{
		{"للولايات المتحدة", "entry", "Q30"},
		{"والناتو", "entry", "Q7184"},
		{"بالروسية", "entry", "Q159"},
		{"الرئيس", "trigger", ""},
		{"بن", "particle", ""},
	}
	for _, tc := range tests {
		t.Run(tc.word, func(t *testing.T) {
			for _, r := range lex.Lookup(tc.word) {
				if r.What == tc.what && (tc.id == "" || r.ID == tc.id) {
					return
				}
			}
			t.Errorf("%+q: no %s reading with id %q in %+v", tc.word, tc.what, tc.id, lex.Lookup(tc.word))
		})
	}
}

func TestCoreferenceSharesLocalID(t *testing.T) {
	doc := run(t, "قال الخبير الاقتصادي بوغدان تشيرنوف إن الأسعار سترتفع. ويرى تشيرنوف أن الطلب سيبقى قويا.")
	var ids []string
	for _, m := range doc.Mentions {
		if m.Type == pipeline.Person {
			ids = append(ids, m.ID)
		}
	}
	if len(ids) != 2 || ids[0] != ids[1] || !strings.HasPrefix(ids[0], "naba:doc:person:") {
		t.Errorf("want two PERSON mentions sharing one local id, got %q", ids)
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"فولودومير", "فولوديمير", 1}, {"abc", "", 3}, {"kitten", "sitting", 3}} {
		if got := editDistance(tc.a, tc.b); got != tc.d {
			t.Errorf("editDistance(%+q, %+q) = %d, want %d", tc.a, tc.b, got, tc.d)
		}
	}
}

func readSeed(b testing.TB) string {
	data, err := os.ReadFile(filepath.Join("..", "..", "seeds", "000_1701d300935b484f.txt"))
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

// BenchmarkRecognize measures the entity stage alone on the sample article
// (normalization and segmentation are done once, outside the loop).
func BenchmarkRecognize(b *testing.B) {
	p, lex := newTestPipeline(b)
	text := readSeed(b)
	doc := &pipeline.Document{Text: text}
	p.Prepare(doc)
	r := NewRecognizer(lex)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		r.Recognize(doc)
	}
	// On a shared machine wall time overstates the cost: report the
	// throughput per second of CPU used by the process too.
	if d := (cpuTime() - cpu0).Seconds(); d > 0 {
		b.ReportMetric(float64(len(text))*float64(b.N)/d/1e6, "cpuMB/s")
	}
}

// cpuTime is the user and system CPU time used by the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkLoad measures loading every embedded entity lexicon.
func BenchmarkLoad(b *testing.B) {
	set := lexicons.Default()
	b.ReportAllocs()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := Load(set); err != nil {
			b.Fatal(err)
		}
	}
	if d := cpuTime() - cpu0; d > 0 {
		b.ReportMetric(float64(d.Milliseconds())/float64(b.N), "cpu-ms/op")
	}
}

// FuzzRecognize checks that any text yields mentions whose offsets are
// valid original spans on rune boundaries, and never panics.
func FuzzRecognize(f *testing.F) {
	f.Add("قال الرئيس الروسي فلاديمير بوتين إن روسيا والصين للولايات المتحدة.")
	f.Add("شركة AvtoVAZ «روسكوزموس» سيبيريا2 لونا-25 بن أبو عبد الله")
	f.Add("\u200fالرئيس\u064e \uFEFB د. ")
	p, _ := newTestPipeline(f)
	f.Fuzz(func(t *testing.T, text string) {
		doc := &pipeline.Document{Text: text}
		if err := p.Run(doc); err != nil {
			t.Fatal(err)
		}
		for _, m := range doc.Mentions {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
				t.Fatalf("bad span [%d,%d) in %+q", m.Start, m.End, text)
			}
			if utf8.ValidString(text) && (!utf8.RuneStart(text[m.Start]) || (m.End < len(text) && !utf8.RuneStart(text[m.End]))) {
				t.Fatalf("span [%d,%d) not on rune boundaries in %+q", m.Start, m.End, text)
			}
		}
	})
}

// BenchmarkPrepare measures normalization and segmentation of the sample
// article, as a yardstick for BenchmarkRecognize on the same machine.
func BenchmarkPrepare(b *testing.B) {
	p, _ := newTestPipeline(b)
	text := readSeed(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		p.Prepare(&pipeline.Document{Text: text})
	}
}

// TestVariantHashes checks that the one-pass hashes of a token's readings
// equal the hashes of the readings themselves.
func TestVariantHashes(t *testing.T) {
	p, lex := newTestPipeline(t)
	doc := &pipeline.Document{Text: "للصين والولايات وبالصين لل كتب فالكتاب روسيا AvtoVAZ"}
	p.Prepare(doc)
	st := &state{}
	st.reset(lex, doc, len(doc.Tokens))
	for i := range doc.Tokens {
		st.keys[i] = doc.TokenKey(i)
	}
	for i := range doc.Tokens {
		k := st.keys[i]
		var want []uint32
		want = append(want, hashKey(k))
		off := 0
		for n := 0; n < 2 && doc.Tokens[i].Kind == segment.Word; n++ {
			pl := proclitic(k[off:])
			if pl == 0 || len(k)-off-pl < 4 {
				break
			}
			if k[off:off+pl] == "ل" && strings.HasPrefix(k[off+pl:], "ل") {
				want = append(want, hashKey("ال"+k[off+2*pl:]))
			}
			off += pl
			want = append(want, hashKey(k[off:]))
		}
		got := st.variantHashes(i, nil)
		if len(got) != len(want) {
			t.Fatalf("%+q: %d hashes, want %d", k, len(got), len(want))
		}
		for j := range got {
			if got[j] != want[j] {
				t.Errorf("%+q: hash %d differs", k, j)
			}
		}
	}
}
