package temporal

import (
	"github.com/naba-nlp/naba/pipeline"
	"testing"
)

func TestDbg(t *testing.T) {
	st := newTestStage(t)
	for _, s := range []string{"دعنا نلتقي بعد الظهر", "سأعود في السابعة", "انها الثامنة والنصف", "سأعود الحادية عشر"} {
		doc := &pipeline.Document{Text: s}
		pipeline.New(nil).Prepare(doc)
		p := st.newParser(doc)
		for i := range doc.Tokens {
			n, ok := p.numberAt(i)
			t.Logf("%s: atom=%v num=%v %v interesting=%v", doc.TokenKey(i), p.atom(i).ents, n, ok, p.interesting(i))
		}
		for _, m := range run(t, st, "2016-11-07", s) {
			t.Logf("  -> %s %s %s", m.Type, m.Text, m.Value.Str)
		}
	}
}
