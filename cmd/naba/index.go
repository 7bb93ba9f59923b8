package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/naba-nlp/naba/index"
	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline"
)

// indexDirDefault is the index directory: --index, else $NABA_INDEX, else
// ./naba.index.
func indexDirDefault() string {
	if d := os.Getenv("NABA_INDEX"); d != "" {
		return d
	}
	return "naba.index"
}

type indexOptions struct {
	batchOptions
	index     string
	batchSize int
	compact   bool
}

func newIndexCmd(io *stdio, g *globalOptions) *cobra.Command {
	o := &indexOptions{}
	c := &cobra.Command{
		Use:   "index [PATH...]",
		Short: "Index every sentence of the articles as a searchable claim",
		Long: `index runs the pipeline over the inputs (the formats of extract) and adds
every sentence to the claims index as a claim with its entities, types, dates
and values. Claim ids are <doc>#<sentence>: indexing an article again replaces
its claims. The index is --index DIR, else $NABA_INDEX, else ./naba.index.

  naba index stats    documents, claims, size on disk and date range`,
		Args: argsUsage(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runIndex(cmd, io, g, o, args)
		},
	}
	o.bind(c)
	c.PersistentFlags().StringVar(&o.index, "index", indexDirDefault(), "index directory (default $NABA_INDEX or ./naba.index)")
	c.Flags().IntVar(&o.batchSize, "batch-size", index.DefaultBatchSize, "claims written to the index at once")
	c.Flags().BoolVar(&o.compact, "compact", false, "merge the index into one segment at the end, for faster searches (done anyway after a run of 20,000 claims or more that wrote half the index)")
	c.AddCommand(newIndexStatsCmd(io, o))
	return c
}

func runIndex(cmd *cobra.Command, io *stdio, g *globalOptions, o *indexOptions, args []string) error {
	var opt index.Options
	if _, err := os.Stat(o.index); errors.Is(err, fs.ErrNotExist) {
		// A new index keeps the entity lexicons' names whole, for good.
		set, err := lexicons.WithDir(g.lexicons)
		if err != nil {
			return err
		}
		if opt.Protected, err = index.LexiconNames(set); err != nil {
			return err
		}
	}
	ix, err := index.OpenWith(o.index, opt)
	if err != nil {
		return err
	}
	w, err := ix.Writer(o.batchSize)
	if err != nil {
		ix.Close()
		return err
	}
	st, runErr := runBatch(cmd.Context(), io, g, &o.batchOptions, args, "index", func(doc *pipeline.Document) error {
		return w.Add(doc)
	})
	if err := w.Close(); err != nil && runErr == nil {
		runErr = err
	}
	if runErr == nil && (o.compact || o.autoCompact(ix, w.Claims)) {
		runErr = ix.Compact(cmd.Context())
	}
	if err := ix.Close(); err != nil && runErr == nil {
		runErr = fmt.Errorf("closing index: %w", err)
	}
	el := time.Since(st.start)
	rate := ""
	if s := el.Seconds(); s > 0 {
		rate = fmt.Sprintf(", %.0f claims/s", float64(w.Claims)/s)
	}
	fmt.Fprintf(io.err, "naba: indexed %d articles, %d claims, %d failures in %s%s into %s\n",
		w.Docs, w.Claims, st.failed, el.Round(time.Millisecond), rate, o.index)
	return runErr
}

// autoCompact decides to compact after a large run that wrote at least
// half of the index: the merge costs a fraction of the indexing time and
// makes searches faster.
func (o *indexOptions) autoCompact(ix *index.Index, added int) bool {
	if added < 20000 {
		return false
	}
	n, err := ix.ClaimCount()
	return err == nil && uint64(added)*2 >= n
}

func newIndexStatsCmd(io *stdio, o *indexOptions) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "stats",
		Short: "Print documents, claims, size on disk and the date range of the index",
		Args:  argsUsage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			ix, err := index.Open(o.index, true)
			if err != nil {
				return err
			}
			defer ix.Close()
			st, err := ix.Stats(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON {
				b, err := json.Marshal(st)
				if err != nil {
					return err
				}
				_, err = fmt.Fprintf(io.out, "%s\n", b)
				return err
			}
			dates := "none"
			if st.FirstDate != "" {
				dates = st.FirstDate + " to " + st.LastDate
			}
			_, err = fmt.Fprintf(io.out, "index:     %s\ndocuments: %d\nclaims:    %d\nsize:      %s\ndates:     %s\n",
				o.index, st.Documents, st.Claims, humanBytes(st.SizeBytes), dates)
			return err
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	return c
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
