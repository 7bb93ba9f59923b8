package entities

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/segment"
)

func TestDebugRun(t *testing.T) {
	in, out := os.Getenv("ENT_IN"), os.Getenv("ENT_OUT")
	if in == "" {
		t.Skip()
	}
	set := lexicons.Default()
	t0 := time.Now()
	lex, err := Load(set)
	t.Logf("load %v", time.Since(t0))
	if err != nil {
		t.Logf("load errors: %v", err)
	}
	abbr, _ := segment.LoadAbbreviations(set)
	p := pipeline.New(abbr, NewRecognizer(lex), pipeline.Resolve{})
	f, _ := os.Create(out)
	defer f.Close()
	bw := bufio.NewWriter(f)
	defer bw.Flush()
	jw := pipeline.NewJSONWriter(bw)
	var docs []*pipeline.Document
	if strings.HasSuffix(in, ".jsonl") {
		data, _ := os.ReadFile(in)
		for _, line := range strings.Split(string(data), "\n") {
			if line == "" {
				continue
			}
			var d struct{ ID, Text string }
			json.Unmarshal([]byte(line), &d)
			docs = append(docs, &pipeline.Document{ID: d.ID, Text: d.Text})
		}
	} else {
		data, _ := os.ReadFile(in)
		id := strings.TrimSuffix(in[strings.LastIndex(in, "/")+1:], ".txt")
		docs = append(docs, &pipeline.Document{ID: id, Text: string(data)})
	}
	for _, d := range docs {
		p.Run(d)
		for _, m := range d.Mentions {
			jw.Write(d.Record(m))
		}
	}
}
