// Package input reads articles for the pipeline: .txt files, JSONL/NDJSON
// files of articles, HTML pages, directories of those (recursively) and
// standard input. It streams: a JSONL file is read one line at a time, so a
// large corpus never has to fit in memory.
//
// Bad input never stops a batch. Each problem becomes an Item with an *Error
// naming the file (and line, for JSONL), and reading goes on with the rest.
package input

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/naba-nlp/naba/pipeline"
)

// DefaultMaxBytes is the default limit on one document (one JSONL line, one
// text or HTML file).
const DefaultMaxBytes = 64 << 20

// Options control reading.
type Options struct {
	// Date is the reference date of documents that carry none.
	Date time.Time
	// MaxBytes limits one document; 0 means DefaultMaxBytes.
	MaxBytes int
	// Stdin is read for the path "-" (and when no path is given).
	Stdin io.Reader
}

func (o Options) max() int {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// Error is a problem with one input, at a file and (for JSONL) a line.
type Error struct {
	Path string
	Line int
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Item is one document read, or one input that failed.
type Item struct {
	Doc *pipeline.Document
	Err error
}

// Walk reads every path in order and calls fn for each document or error.
// Directories are walked recursively in name order, following symbolic
// links but reporting loops. An error returned by fn stops the walk and is
// returned; so does the context's.
func Walk(ctx context.Context, paths []string, opt Options, fn func(Item) error) error {
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	w := walker{ctx: ctx, opt: opt, fn: fn}
	for _, p := range paths {
		if err := w.path(p, nil); err != nil {
			return err
		}
	}
	return nil
}

type walker struct {
	ctx context.Context
	opt Options
	fn  func(Item) error
}

func (w *walker) fail(path string, line int, err error) error {
	return w.fn(Item{Err: &Error{Path: path, Line: line, Err: err}})
}

// readable extensions when walking a directory
func known(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".jsonl", ".ndjson", ".html", ".htm":
		return true
	}
	return false
}

func (w *walker) path(p string, ancestors []os.FileInfo) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	if p == "-" {
		if w.opt.Stdin == nil {
			return w.fail("-", 0, errors.New("no standard input"))
		}
		return w.stream("-", w.opt.Stdin, "stdin")
	}
	st, err := os.Stat(p)
	if err != nil {
		return w.fail(p, 0, unwrapPath(err))
	}
	if !st.IsDir() {
		return w.file(p)
	}
	for _, a := range ancestors {
		if os.SameFile(a, st) {
			return w.fail(p, 0, errors.New("directory symlink loop: already being read higher up; skipped"))
		}
	}
	ents, err := os.ReadDir(p)
	if err != nil {
		return w.fail(p, 0, unwrapPath(err))
	}
	names := make([]string, 0, len(ents))
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		names = append(names, e.Name())
	}
	sort.Strings(names)
	anc := append(ancestors[:len(ancestors):len(ancestors)], st)
	for _, n := range names {
		child := filepath.Join(p, n)
		cst, err := os.Stat(child)
		if err != nil {
			if err := w.fail(child, 0, unwrapPath(err)); err != nil {
				return err
			}
			continue
		}
		if !cst.IsDir() && !known(n) {
			continue
		}
		if err := w.path(child, anc); err != nil {
			return err
		}
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func docID(p string) string {
	base := filepath.Base(p)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

func (w *walker) file(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return w.fail(p, 0, unwrapPath(err))
	}
	defer f.Close()
	switch strings.ToLower(filepath.Ext(p)) {
	case ".jsonl", ".ndjson":
		return w.jsonl(p, f)
	case ".html", ".htm":
		return w.html(p, f)
	}
	return w.text(p, f, docID(p))
}

// stream reads standard input: JSONL when its first non-space byte is '{',
// else one text document.
func (w *walker) stream(name string, r io.Reader, id string) error {
	br := bufio.NewReaderSize(r, 64<<10)
	for {
		b, err := br.Peek(1)
		if err != nil {
			return w.text(name, br, id)
		}
		if b[0] == ' ' || b[0] == '\n' || b[0] == '\r' || b[0] == '\t' {
			if _, err := br.ReadByte(); err != nil {
				return err
			}
			continue
		}
		if b[0] == '{' {
			return w.jsonl(name, br)
		}
		return w.text(name, br, id)
	}
}

// readAll reads at most max bytes; ok is false when r holds more.
func readAll(r io.Reader, max int) ([]byte, bool, error) {
	b, err := io.ReadAll(io.LimitReader(r, int64(max)+1))
	if err != nil {
		return nil, false, err
	}
	return b, len(b) <= max, nil
}

func (w *walker) text(p string, r io.Reader, id string) error {
	b, ok, err := readAll(r, w.opt.max())
	if err != nil {
		return w.fail(p, 0, unwrapPath(err))
	}
	if !ok {
		return w.fail(p, 0, fmt.Errorf("larger than the %s limit on one document (see --max-doc-size)", size(w.opt.max())))
	}
	if err := checkText(b); err != nil {
		return w.fail(p, err.line, err)
	}
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	if len(bytes.TrimSpace(b)) == 0 {
		return w.fail(p, 0, errors.New("empty file"))
	}
	return w.emit(&pipeline.Document{ID: id, Text: string(b), Source: p, Date: w.opt.Date})
}

func (w *walker) emit(doc *pipeline.Document) error {
	return w.fn(Item{Doc: doc})
}

func size(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

type textError struct {
	line int
	msg  string
}

func (e *textError) Error() string { return e.msg }

// checkText rejects invalid UTF-8 and NUL bytes, giving the line.
func checkText(b []byte) *textError {
	line := 1
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '\n':
			line++
			i++
		case c == 0:
			return &textError{line, fmt.Sprintf("NUL byte at byte offset %d: binary file?", i)}
		case c < utf8.RuneSelf:
			i++
		default:
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n == 1 {
				return &textError{line, fmt.Sprintf("invalid UTF-8 at byte offset %d (convert the file to UTF-8)", i)}
			}
			i += n
		}
	}
	return nil
}

// Article is one JSONL input line.
type Article struct {
	ID    string  `json:"id"`
	Text  *string `json:"text"`
	Title string  `json:"title"`
	Date  string  `json:"date"`
	URL   string  `json:"url"`
}

// ParseDate reads a reference date: YYYY-MM-DD, or an RFC 3339 time.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q: want YYYY-MM-DD or an RFC 3339 time", s)
}

func (w *walker) jsonl(p string, r io.Reader) error {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	max := w.opt.max()
	n := 0
	var line []byte
	for {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		line = line[:0]
		tooLong := false
		var rerr error
		for {
			chunk, err := br.ReadSlice('\n')
			if len(line)+len(chunk) > max {
				tooLong = true
			} else {
				line = append(line, chunk...)
			}
			if errors.Is(err, bufio.ErrBufferFull) {
				continue
			}
			rerr = err
			break
		}
		if rerr != nil && !errors.Is(rerr, io.EOF) {
			return w.fail(p, n+1, rerr)
		}
		if len(line) == 0 && !tooLong && rerr != nil {
			if n == 0 {
				return w.fail(p, 0, errors.New("empty file"))
			}
			return nil
		}
		n++
		if err := w.jsonLine(p, n, line, tooLong, max); err != nil {
			return err
		}
		if rerr != nil {
			return nil
		}
	}
}

func (w *walker) jsonLine(p string, n int, line []byte, tooLong bool, max int) error {
	if tooLong {
		return w.fail(p, n, fmt.Errorf("line longer than the %s limit on one document (see --max-doc-size); skipped", size(max)))
	}
	line = bytes.TrimSpace(line)
	if n == 1 {
		line = bytes.TrimPrefix(line, []byte("\uFEFF"))
	}
	if len(line) == 0 {
		return nil
	}
	if err := checkText(line); err != nil {
		return w.fail(p, n, err)
	}
	var a Article
	if err := json.Unmarshal(line, &a); err != nil {
		return w.fail(p, n, fmt.Errorf("not a JSON article: %v", err))
	}
	if a.Text == nil {
		return w.fail(p, n, errors.New(`article has no "text" field`))
	}
	if strings.ContainsRune(*a.Text, 0) {
		return w.fail(p, n, errors.New("text contains a NUL character"))
	}
	doc := &pipeline.Document{ID: a.ID, Text: *a.Text, Title: a.Title, URL: a.URL, Source: p, Line: n, Date: w.opt.Date}
	if doc.ID == "" {
		doc.ID = fmt.Sprintf("%s-%d", docID(p), n)
	}
	if a.Date != "" {
		d, err := ParseDate(a.Date)
		if err != nil {
			return w.fail(p, n, err)
		}
		doc.Date = d
	}
	return w.emit(doc)
}
