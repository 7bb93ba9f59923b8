package numeric

import (
	"sync"
	"testing"

	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline"
)

// TestConcurrentUse runs one stage over documents from several goroutines
// (go test -race checks that the stage and the parser share no mutable
// state).
func TestConcurrentUse(t *testing.T) {
	st, err := NewStage(lexicons.Default())
	if err != nil {
		t.Fatal(err)
	}
	p := pipeline.New(nil, st, pipeline.Resolve{})
	texts := []string{
		"دفع 10 جنيهات في الخرطوم مقابل 3 كيلوغرامات من السكر.",
		"ارتفع التضخم بنسبة 7.5% في القاهرة، وبلغ سعر الجنيه 30 جنيها للدولار.",
		"حضر الجلسة الحادية عشرة أكثر من ألف شخص.",
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 20; k++ {
				for _, text := range texts {
					doc := &pipeline.Document{Text: text}
					if err := p.Run(doc); err != nil {
						t.Error(err)
						return
					}
					if len(doc.Mentions) == 0 {
						t.Errorf("%+q: no mention", text)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}
