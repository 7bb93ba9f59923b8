package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/normalize"
	"github.com/naba-nlp/naba/pipeline/segment"
)

// readTextArg reads FILE, or standard input for "-" or no argument.
func readTextArg(io_ *stdio, args []string) (string, string, error) {
	if len(args) == 0 || args[0] == "-" {
		b, err := io.ReadAll(io_.in)
		if err != nil {
			return "", "", fmt.Errorf("stdin: %w", err)
		}
		return "stdin", string(b), nil
	}
	b, err := os.ReadFile(args[0])
	if err != nil {
		return "", "", err
	}
	return args[0], string(b), nil
}

func newNormalizeCmd(io_ *stdio) *cobra.Command {
	var key bool
	c := &cobra.Command{
		Use:   "normalize [FILE|-]",
		Short: "Print the normalized text (the light form, or with --key the matching key)",
		Args:  argsUsage(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, text, err := readTextArg(io_, args)
			if err != nil {
				return err
			}
			t := normalize.New(text)
			out := t.Light
			if key {
				out = t.Key
			}
			_, err = io.WriteString(io_.out, out)
			return err
		},
	}
	c.Flags().BoolVar(&key, "key", false, "print the matching key (alef, hamza, ya and ta marbuta variants folded)")
	return c
}

// segmentRecord is one line of `naba segment`: a sentence with its tokens.
type segmentRecord struct {
	Sentence int           `json:"sentence"`
	Start    int           `json:"start"`
	End      int           `json:"end"`
	Text     string        `json:"text"`
	Tokens   []tokenRecord `json:"tokens"`
}

type tokenRecord struct {
	Start    int               `json:"start"`
	End      int               `json:"end"`
	Text     string            `json:"text"`
	Kind     segment.TokenKind `json:"kind"`
	Key      string            `json:"key"`
	Analyses []analysisRecord  `json:"analyses,omitempty"`
}

type analysisRecord struct {
	Conj string `json:"conj,omitempty"`
	Prep string `json:"prep,omitempty"`
	Stem string `json:"stem"`
	Enc  string `json:"enc,omitempty"`
}

func newSegmentCmd(io_ *stdio, g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "segment [FILE|-]",
		Short: "Print sentences and tokens as JSONL, with offsets (code points) and clitic analyses",
		Args:  argsUsage(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			name, text, err := readTextArg(io_, args)
			if err != nil {
				return err
			}
			set, err := lexicons.WithDir(g.lexicons)
			if err != nil {
				return err
			}
			abbr, err := segment.LoadAbbreviations(set)
			if err != nil {
				return err
			}
			doc := &pipeline.Document{ID: name, Text: text}
			pipeline.New(abbr).Prepare(doc)
			bw := bufio.NewWriter(io_.out)
			jw := pipeline.NewJSONWriter(bw)
			var buf []segment.Analysis
			for si, s := range doc.Sentences {
				os_, oe := doc.SentenceSpan(si)
				rec := segmentRecord{Sentence: si, Start: doc.Rune(os_), End: doc.Rune(oe), Text: doc.Text[os_:oe]}
				for ti := s.TokStart; ti < s.TokEnd; ti++ {
					ts, te := doc.TokenSpan(ti, ti+1)
					tr := tokenRecord{Start: doc.Rune(ts), End: doc.Rune(te), Text: doc.Text[ts:te],
						Kind: doc.Tokens[ti].Kind, Key: doc.TokenKey(ti)}
					if doc.Tokens[ti].Kind == segment.Word {
						buf = segment.Analyze(doc.TokenKey(ti), buf)
						for _, a := range buf[1:] {
							tr.Analyses = append(tr.Analyses, analysisRecord{Conj: a.Conj, Prep: a.Prep, Stem: a.Stem, Enc: a.Enc})
						}
					}
					rec.Tokens = append(rec.Tokens, tr)
				}
				if err := jw.Write(rec); err != nil {
					return err
				}
			}
			return bw.Flush()
		},
	}
}
