package numeric_test

import (
	"fmt"

	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/numeric"
)

func ExampleParser_ParseAt() {
	p, err := numeric.NewParser(lexicons.Default())
	if err != nil {
		fmt.Println(err)
		return
	}
	doc := &pipeline.Document{Text: "وصل ثلاثة آلاف وخمسمائة لاجئ"}
	pipeline.New(nil).Prepare(doc)
	n, ok := p.ParseAt(doc, 1)
	s, e := p.Span(doc, n)
	fmt.Println(ok, n.Value, n.Words, doc.Text[s:e])
	// Output: true 3500 true ثلاثة آلاف وخمسمائة
}

func ExampleNewStage() {
	set := lexicons.Default()
	st, err := numeric.NewStage(set)
	if err != nil {
		fmt.Println(err)
		return
	}
	doc := &pipeline.Document{Text: "صدّرت روسيا 230 مليار متر مكعب سنويا بسعر 10 دولارات لكل مليون وحدة حرارية."}
	if err := pipeline.New(nil, st, pipeline.Resolve{}).Run(doc); err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range doc.Mentions {
		v, _ := m.Value.MarshalJSON()
		fmt.Println(m.Type, m.Text, string(v), m.Unit)
	}
	// Output:
	// QUANTITY 230 مليار متر مكعب سنويا 230000000000 m3/yr
	// MONEY 10 دولارات لكل مليون وحدة حرارية 10 USD/MMBtu
}
