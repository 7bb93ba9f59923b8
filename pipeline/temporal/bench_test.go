package temporal

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/naba-nlp/naba/pipeline"
)

// BenchmarkTemporal measures the stage alone (normalization and
// segmentation done once, outside the loop) on the sample article.
func BenchmarkTemporal(b *testing.B) {
	text, err := os.ReadFile(filepath.Join("..", "..", "seeds", "000_1701d300935b484f.txt"))
	if err != nil {
		b.Fatal(err)
	}
	st := newTestStage(b)
	doc := &pipeline.Document{ID: "bench", Text: string(text), Date: time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)}
	pipeline.New(nil).Prepare(doc)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		doc.Mentions = doc.Mentions[:0]
		if err := st.Process(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzTemporal checks that any text yields mentions inside the text, on
// rune boundaries, with no panic, with and without a reference date.
func FuzzTemporal(f *testing.F) {
	for _, s := range []string{"في 31 أغسطس عام 2021م", "من 16 إلى 17 مايو الماضي", "الساعة 10:30 صباحًا بتوقيت مكة",
		"أكثر من عامين ونصف العام", "1 رمضان 1445هـ", "31/8/2021", "القرن الـ21", "بين 18 و19 يونيو"} {
		f.Add(s, true)
	}
	st := newTestStage(f)
	f.Fuzz(func(t *testing.T, text string, withDate bool) {
		doc := &pipeline.Document{ID: "fuzz", Text: text}
		if withDate {
			doc.Date = time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)
		}
		pipeline.New(nil).Prepare(doc)
		if err := st.Process(doc); err != nil {
			t.Fatal(err)
		}
		for _, m := range doc.Mentions {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
				t.Fatalf("bad span %d-%d in %+q", m.Start, m.End, text)
			}
		}
	})
}
