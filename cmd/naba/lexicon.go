package main

import (
	"bufio"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline/entities"
)

// newLexiconCmd is `naba lexicon`: check and lookup.
func newLexiconCmd(io *stdio, g *globalOptions) *cobra.Command {
	c := &cobra.Command{
		Use:   "lexicon",
		Short: "Validate the lexicons and look words up in them",
	}
	c.AddCommand(newLexiconCheckCmd(io, g), newLexiconLookupCmd(io, g))
	return c
}

type lexiconCheckOptions struct {
	quiet bool
}

func newLexiconCheckCmd(io *stdio, g *globalOptions) *cobra.Command {
	o := &lexiconCheckOptions{}
	c := &cobra.Command{
		Use:   "check [DIR]",
		Short: "Validate the embedded entity lexicons plus DIR; list errors (file:line) and collisions (two ids on one key)",
		Long: `check loads the embedded entity lexicons, extended by DIR (or --lexicons),
and prints every error with its file and line, then every collision: a
matching key that leads to more than one id, so that it can be resolved on
purpose, and notes: one-word names that are stop words or ambiguous words,
which the stage only accepts with evidence. It exits with status 1 when there
are errors (collisions and notes alone are not errors).`,
		Args: argsUsage(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := g.lexicons
			if len(args) == 1 {
				dir = args[0]
			}
			return runLexiconCheck(io, o, dir)
		},
	}
	c.Flags().BoolVarP(&o.quiet, "quiet", "q", false, "print errors and the summary only, not the collisions")
	return c
}

func runLexiconCheck(io *stdio, o *lexiconCheckOptions, dir string) error {
	set, err := lexicons.WithDir(dir)
	if err != nil {
		return usageError{err}
	}
	lex, loadErr := entities.Load(set)
	if lex == nil {
		return loadErr
	}
	w := bufio.NewWriter(io.out)
	nerr := 0
	for _, wn := range lex.Warnings {
		fmt.Fprintln(w, "error (dropped):", wn)
		nerr++
	}
	if loadErr != nil {
		for _, line := range strings.Split(loadErr.Error(), "\n") {
			fmt.Fprintln(w, "error:", line)
			nerr++
		}
	}
	cols := lex.FindCollisions()
	if !o.quiet {
		for _, c := range cols {
			fmt.Fprintf(w, "collision: %s\n", c.Key)
			for _, e := range c.Entries {
				fmt.Fprintf(w, "\t%s\n", e)
			}
		}
	}
	notes := lex.Notes()
	if !o.quiet {
		for _, n := range notes {
			fmt.Fprintln(w, "note:", n)
		}
	}
	fmt.Fprintf(w, "%d files, %d entries, %d errors, %d collisions, %d notes\n", len(lex.Files), lex.Entries(), nerr, len(cols), len(notes))
	if err := w.Flush(); err != nil {
		return err
	}
	if nerr > 0 {
		return errors.New("the lexicons have errors")
	}
	return nil
}

func newLexiconLookupCmd(io *stdio, g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "lookup WORD...",
		Short: "Show every lexicon entry a word (with its clitics) or phrase can match, and why",
		Long: `lookup normalizes WORD (several arguments form one phrase), tries every clitic
reading of its first word (و ف ب ك ل, the article, the ل+ال contraction) and
prints each match: the reading, the key looked up, the entry (id, type, form:
canonical, alias, demonym or language) and the file:line it comes from, plus
the given names, particles, triggers, ambiguous words and stop words it is.`,
		Args: argsUsage(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLexiconLookup(io, g, strings.Join(args, " "))
		},
	}
}

func runLexiconLookup(io *stdio, g *globalOptions, text string) error {
	set, err := lexicons.WithDir(g.lexicons)
	if err != nil {
		return usageError{err}
	}
	lex, err := entities.Load(set)
	if lex == nil {
		return err
	}
	if err != nil {
		fmt.Fprintln(io.err, "naba: warning: the lexicons have errors (run naba lexicon check)")
	}
	w := bufio.NewWriter(io.out)
	rs := lex.Lookup(text)
	if len(rs) == 0 {
		fmt.Fprintf(w, "%s: no match\n", text)
	}
	for _, r := range rs {
		fmt.Fprintf(w, "%s\t[%s]\tkey %q\t%s", text, r.Analysis, r.Key, r.What)
		if r.ID != "" {
			fmt.Fprintf(w, "\t%s", r.ID)
		}
		if r.Type != "" {
			fmt.Fprintf(w, "\t%s", r.Type)
		}
		if r.Form != "" {
			fmt.Fprintf(w, "\t%s", r.Form)
		}
		if r.Detail != "" {
			fmt.Fprintf(w, "\t%s", r.Detail)
		}
		if r.Source != "" {
			fmt.Fprintf(w, "\t%s", r.Source)
		}
		fmt.Fprintln(w)
	}
	return w.Flush()
}
