// Package lexicons holds naba's lexicons: plain TSV data files embedded in the
// binary, extended or overridden by a user directory with the same layout.
// See README.md in this directory for the formats.
//
// This package reads files and reports errors with file:line; each stage
// interprets its own columns. Every entry is normalized with
// normalize.Key when it is loaded, so lexicons and text share one normal form.
package lexicons

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/naba-nlp/naba/pipeline/normalize"
)

//go:embed data
var embedded embed.FS

// Set is the lexicon data naba runs with: the embedded files, then the files
// of an optional user directory, area by area.
type Set struct {
	layers []layer
}

type layer struct {
	name string // shown in errors: "lexicons" (embedded) or the user directory
	fsys fs.FS
	root string // directory of the areas inside fsys
}

// Default returns the embedded lexicons only.
func Default() *Set {
	return &Set{layers: []layer{{name: "lexicons", fsys: embedded, root: "data"}}}
}

// WithDir returns the embedded lexicons extended by the user directory dir,
// which has the same layout (dir/entities/*.tsv, dir/numeric/*.tsv, …).
func WithDir(dir string) (*Set, error) {
	s := Default()
	if dir == "" {
		return s, nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("lexicon directory: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("lexicon directory %s: not a directory", dir)
	}
	s.layers = append(s.layers, layer{name: dir, fsys: os.DirFS(dir), root: "."})
	return s, nil
}

// File is one lexicon file of an area.
type File struct {
	Name string // path shown in errors, e.g. lexicons/data/entities/people.tsv
	fsys fs.FS
	path string
}

// Open opens the file.
func (f File) Open() (fs.File, error) { return f.fsys.Open(f.path) }

// Files lists the .tsv files of an area ("entities", "numeric", …), embedded
// ones first, then the user's, each layer sorted by name. A user file with
// the same name as an embedded one comes after it, so its entries override.
func (s *Set) Files(area string) ([]File, error) {
	var out []File
	for _, l := range s.layers {
		ents, err := fs.ReadDir(l.fsys, path.Join(l.root, area))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s/%s: %w", l.name, area, err)
		}
		var names []string
		for _, e := range ents {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".tsv") {
				names = append(names, e.Name())
			}
		}
		sort.Strings(names)
		for _, n := range names {
			out = append(out, File{Name: path.Join(l.name, l.root, area, n), fsys: l.fsys, path: path.Join(l.root, area, n)})
		}
	}
	return out, nil
}

// Error is a lexicon error at a file and line.
type Error struct {
	File string
	Line int
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Row is one data line of a TSV file, with its columns by header name.
type Row struct {
	File   string
	Line   int
	header map[string]int
	fields []string
}

// Get returns the column named col, trimmed, or "" when the row has none.
func (r Row) Get(col string) string {
	i, ok := r.header[col]
	if !ok || i >= len(r.fields) {
		return ""
	}
	return strings.TrimSpace(r.fields[i])
}

// List returns a |-separated column as a list, empty items dropped.
func (r Row) List(col string) []string {
	v := r.Get(col)
	if v == "" {
		return nil
	}
	parts := strings.Split(v, "|")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Errorf returns an error located at this row.
func (r Row) Errorf(format string, args ...any) error {
	return &Error{File: r.File, Line: r.Line, Err: fmt.Errorf(format, args...)}
}

// ReadTSV reads a TSV file: '#' lines and blank lines are comments, the first
// other line is the header naming the columns, which must include required.
// fn is called for each data row; an error from fn stops the read.
func ReadTSV(f File, required []string, fn func(Row) error) error {
	rc, err := f.Open()
	if err != nil {
		return &Error{File: f.Name, Err: err}
	}
	defer rc.Close()
	return readTSV(rc, f.Name, required, fn)
}

func readTSV(r io.Reader, name string, required []string, fn func(Row) error) error {
	br := bufio.NewReader(r)
	var header map[string]int
	line := 0
	for {
		s, err := br.ReadString('\n')
		if len(s) == 0 && err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return &Error{File: name, Line: line + 1, Err: err}
		}
		line++
		s = strings.TrimRight(s, "\r\n")
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			if err != nil {
				break
			}
			continue
		}
		if !utf8.ValidString(s) {
			return &Error{File: name, Line: line, Err: errors.New("invalid UTF-8")}
		}
		fields := strings.Split(s, "\t")
		if header == nil {
			header = map[string]int{}
			for i, h := range fields {
				header[strings.TrimSpace(h)] = i
			}
			for _, c := range required {
				if _, ok := header[c]; !ok {
					return &Error{File: name, Line: line, Err: fmt.Errorf("header lacks column %q", c)}
				}
			}
		} else {
			row := Row{File: name, Line: line, header: header, fields: fields}
			if err := fn(row); err != nil {
				return err
			}
		}
		if err != nil {
			break
		}
	}
	if header == nil {
		return &Error{File: name, Err: errors.New("empty lexicon file: no header line")}
	}
	return nil
}

// CheckTerm validates one lexicon term as written in a file: it must be
// non-empty and free of presentation forms and invisible characters (write
// the plain letters; naba folds the rest itself).
func CheckTerm(term string) error {
	if strings.TrimSpace(term) == "" {
		return errors.New("empty entry")
	}
	for _, r := range term {
		switch {
		case (r >= '\uFB50' && r <= '\uFDFF') || (r >= '\uFE70' && r <= '\uFEFF'):
			return fmt.Errorf("%q contains the presentation form %U: write the plain letters", term, r)
		case normalize.Invisible(r):
			return fmt.Errorf("%q contains the invisible character %U", term, r)
		case r == utf8.RuneError:
			return fmt.Errorf("%q contains U+FFFD", term)
		}
	}
	return nil
}

// Key validates term and returns its matching key.
func Key(term string) (string, error) {
	if err := CheckTerm(term); err != nil {
		return "", err
	}
	k := strings.Join(strings.Fields(normalize.Key(term)), " ")
	if k == "" {
		return "", fmt.Errorf("%q is empty once normalized", term)
	}
	return k, nil
}
