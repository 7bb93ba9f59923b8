package main

import (
	"bufio"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/naba-nlp/naba/pipeline"
)

type extractOptions struct {
	batchOptions
	format string
	output string
}

func newExtractCmd(io *stdio, g *globalOptions) *cobra.Command {
	o := &extractOptions{}
	c := &cobra.Command{
		Use:   "extract [PATH...]",
		Short: "Extract mentions from articles (.txt, .jsonl/.ndjson, .html, directories, - for stdin)",
		Long: `extract runs the pipeline over the inputs and writes what it found.

Inputs: .txt files (document id = file name without extension), .jsonl/.ndjson
files of articles {"id","text"} with optional "title","date","url", .html/.htm
pages (their visible text), directories (recursively), and - or nothing for
standard input.

Formats:
  jsonl      one mention per line: {"doc","sentence","type","start","end","text",...}
  documents  one document per line: {"doc","text","date","sentences","mentions","attributions"}

Offsets are Unicode code points of the original text, end exclusive.`,
		Args: argsUsage(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExtract(cmd, io, g, o, args)
		},
	}
	o.bind(c)
	c.Flags().StringVarP(&o.format, "format", "f", "jsonl", "output format: jsonl or documents")
	c.Flags().StringVarP(&o.output, "output", "o", "", "write to this file instead of stdout")
	return c
}

func runExtract(cmd *cobra.Command, io *stdio, g *globalOptions, o *extractOptions, args []string) error {
	if o.format != "jsonl" && o.format != "documents" {
		return usageError{fmt.Errorf("--format %q: want jsonl or documents", o.format)}
	}
	w, closeOut, err := openOutput(io, o.output)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	jw := pipeline.NewJSONWriter(bw)
	_, runErr := runBatch(cmd.Context(), io, g, &o.batchOptions, args, "extract", func(doc *pipeline.Document) error {
		if o.format == "documents" {
			return jw.Write(doc.DocumentRecord())
		}
		for _, m := range doc.Mentions {
			if err := jw.Write(doc.Record(m)); err != nil {
				return err
			}
		}
		return nil
	})
	if err := bw.Flush(); err != nil && runErr == nil {
		runErr = err
	}
	if err := closeOut(); err != nil && runErr == nil {
		runErr = err
	}
	return runErr
}
