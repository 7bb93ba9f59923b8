package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/naba-nlp/naba/index"
	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/export"
	"github.com/naba-nlp/naba/pipeline/input"
)

type exportOptions struct {
	batchOptions
	index       string
	output      string
	format      string
	excel       bool
	types       string
	entity      string
	docs        []string
	from, to    string
	minMentions int
}

func newExportCmd(io_ *stdio, g *globalOptions) *cobra.Command {
	c := &cobra.Command{
		Use:   "export mentions|entities|claims|attributions",
		Short: "Export mentions, entities, claims or attributions as JSONL, CSV or CoNLL",
		Long: `export writes what naba found, reading either a claims index (--index DIR: fast,
no re-extraction) or inputs (PATH...: the formats of extract, streamed).

  mentions      one line per mention, the schema of extract --format jsonl (jsonl, csv, conll)
  entities      one line per distinct entity across the corpus (jsonl, csv)
  claims        one line per claim (sentence) with its mentions and values (jsonl, csv)
  attributions  one line per "who said what" record (jsonl, csv)

CSV has a header row, joins list fields with |, quotes per RFC 4180, and starts
with a UTF-8 byte order mark only with --excel. CoNLL writes one token per line
with its BIO tag, a blank line between sentences and "# doc = …" comments.`,
	}
	for _, kind := range []struct {
		name, short string
		formats     []export.Format
	}{
		{"mentions", "one line per mention (the schema of extract --format jsonl)", []export.Format{export.JSONL, export.CSV, export.CoNLL}},
		{"entities", "one line per distinct entity across the corpus", []export.Format{export.JSONL, export.CSV}},
		{"claims", "one line per claim (sentence) with its mentions and their values", []export.Format{export.JSONL, export.CSV}},
		{"attributions", `one line per "who said what" record`, []export.Format{export.JSONL, export.CSV}},
	} {
		kind := kind
		o := &exportOptions{}
		sub := &cobra.Command{
			Use:   kind.name + " [PATH...]",
			Short: "Export " + kind.short,
			Args:  argsUsage(cobra.ArbitraryArgs),
			RunE: func(cmd *cobra.Command, args []string) error {
				return runExport(cmd.Context(), io_, g, o, kind.name, kind.formats, args)
			},
		}
		o.bind(sub)
		f := sub.Flags()
		f.StringVar(&o.index, "index", "", "read claims from this index instead of running the pipeline over PATHs")
		f.StringVarP(&o.output, "output", "o", "", "write to this file instead of stdout")
		var names []string
		for _, fm := range kind.formats {
			names = append(names, string(fm))
		}
		f.StringVarP(&o.format, "format", "f", "jsonl", "output format: "+strings.Join(names, ", "))
		f.BoolVar(&o.excel, "excel", false, "start CSV with a UTF-8 byte order mark so spreadsheets open Arabic intact")
		f.StringVar(&o.types, "type", "", "only these mention types, comma-separated (PERSON,MONEY)")
		f.StringVar(&o.entity, "entity", "", "only mentions of this entity: a QID, an id or a name")
		f.StringSliceVar(&o.docs, "doc", nil, "only these document ids (repeatable)")
		f.StringVar(&o.from, "from", "", "only articles dated on or after this day (YYYY-MM-DD)")
		f.StringVar(&o.to, "to", "", "only articles dated on or before this day (YYYY-MM-DD)")
		if kind.name == "entities" {
			f.IntVar(&o.minMentions, "min-mentions", 1, "only entities mentioned at least this often")
		}
		c.AddCommand(sub)
	}
	return c
}

func runExport(ctx context.Context, io_ *stdio, g *globalOptions, o *exportOptions, what string, formats []export.Format, args []string) error {
	format, err := export.ParseFormat(o.format, formats...)
	if err != nil {
		return usageError{fmt.Errorf("--format: %w", err)}
	}
	if o.index != "" && len(args) > 0 {
		return usageError{fmt.Errorf("give either --index or input paths, not both")}
	}
	types, err := export.ParseTypes(o.types)
	if err != nil {
		return usageError{fmt.Errorf("--type: %w", err)}
	}
	filter := &export.Filter{Types: types, From: o.from, To: o.to}
	if o.entity != "" {
		// an alias finds its entity: add the ids the pipeline links it to
		if filter.Entities, err = resolveNames(g, []string{o.entity}); err != nil {
			return err
		}
	}
	for _, d := range []struct{ name, v string }{{"--from", o.from}, {"--to", o.to}} {
		if d.v != "" {
			if _, err := input.ParseDate(d.v); err != nil || len(d.v) != len("2006-01-02") {
				return usageError{fmt.Errorf("%s %q: want YYYY-MM-DD", d.name, d.v)}
			}
		}
	}
	if len(o.docs) > 0 {
		filter.Docs = map[string]bool{}
		for _, d := range o.docs {
			filter.Docs[d] = true
		}
	}
	w, closeOut, err := openOutput(io_, o.output)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)

	var src export.Source
	if o.index != "" {
		ix, err := index.Open(o.index, true)
		if err != nil {
			return err
		}
		defer ix.Close()
		var f index.Filter
		if len(o.docs) == 1 {
			f.Doc = o.docs[0]
		}
		src = func(fn func(*index.Claim) error) error {
			return ix.Claims(ctx, f, func(c index.Claim) error { return fn(&c) })
		}
	} else {
		src = func(fn func(*index.Claim) error) error {
			_, err := runBatch(ctx, io_, g, &o.batchOptions, args, "export", func(doc *pipeline.Document) error {
				claims := index.ClaimsOf(doc)
				for i := range claims {
					if err := fn(&claims[i]); err != nil {
						return err
					}
				}
				return nil
			})
			return err
		}
	}
	opt := export.Options{Format: format, Excel: o.excel}
	var runErr error
	switch what {
	case "mentions":
		runErr = export.Mentions(bw, src, filter, opt)
	case "entities":
		runErr = export.Entities(bw, src, filter, opt, o.minMentions)
	case "claims":
		runErr = export.Claims(bw, src, filter, opt)
	case "attributions":
		runErr = export.Attributions(bw, src, filter, opt)
	}
	if err := bw.Flush(); err != nil && runErr == nil {
		runErr = err
	}
	if err := closeOut(); err != nil && runErr == nil {
		runErr = err
	}
	return runErr
}
