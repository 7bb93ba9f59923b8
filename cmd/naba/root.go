package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// stdio is the command's standard streams, passed in so tests can run
// commands without touching the process's own.
type stdio struct {
	in  io.Reader
	out io.Writer
	err io.Writer
}

// isTerminal reports whether w is a terminal (progress and colours only go
// to terminals; pipes get clean output).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// globalOptions are the flags every command shares.
type globalOptions struct {
	lexicons string
}

// exit codes, mapped in one place
const (
	exitOK      = 0
	exitFailure = 1 // the command failed, or some inputs of a batch failed
	exitUsage   = 2 // bad flags or arguments
)

// usageError marks errors in the command line itself.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// partialError is a batch that finished with some failed inputs; the
// failures were already reported one by one.
type partialError struct{ failed, total int }

func (e partialError) Error() string {
	return fmt.Sprintf("%d of %d inputs failed", e.failed, e.total)
}

func run(args []string, io *stdio) int {
	cmd := newRootCmd(io)
	cmd.SetArgs(args)
	err := cmd.Execute()
	return exitCode(err, io.err)
}

func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(stderr, "naba:", err)
	var ue usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	return exitFailure
}

func newRootCmd(io *stdio) *cobra.Command {
	g := &globalOptions{}
	root := &cobra.Command{
		Use:   "naba",
		Short: "Arabic information extraction: entities, dates, numbers, quotes, claims search",
		Long: `naba reads Arabic news articles and extracts people, organizations, places,
dates, numbers, money and who said what, with offsets into the original text.
It indexes every sentence as a searchable claim and exports what it found.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(io.in)
	root.SetOut(io.out)
	root.SetErr(io.err)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	root.PersistentFlags().StringVar(&g.lexicons, "lexicons", "", "directory of extra lexicon files that add or override entries (same layout as lexicons/data)")
	root.AddCommand(
		newExtractCmd(io, g),
		newNormalizeCmd(io),
		newSegmentCmd(io, g),
		newExportCmd(io, g),
		newIndexCmd(io, g),
		newSearchCmd(io, g),
		newLexiconCmd(io, g),
		// further commands are added here
	)
	return root
}

// argsUsage wraps cobra's argument validators so they count as usage errors.
func argsUsage(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := v(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}
