package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/naba-nlp/naba/pipeline"
)

// html reads the visible text of an HTML page: the text of the body (or the
// whole page), with script, style and other invisible elements left out and
// a line break after each block element, so that headings and paragraphs
// become sentences of their own. Offsets of mentions refer to this text.
func (w *walker) html(p string, r io.Reader) error {
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
	title, text := VisibleText(b)
	if strings.TrimSpace(text) == "" {
		return w.fail(p, 0, errors.New("no visible text in the HTML page"))
	}
	return w.emit(&pipeline.Document{ID: docID(p), Text: text, Title: title, Source: p, Date: w.opt.Date})
}

// VisibleText returns the title and the visible text of an HTML page.
func VisibleText(page []byte) (title, text string) {
	z := html.NewTokenizer(bytes.NewReader(page))
	var out strings.Builder
	skip := 0 // depth inside invisible elements
	inTitle := false
	var tb strings.Builder
	nl := func() {
		s := out.String()
		if len(s) > 0 && !strings.HasSuffix(s, "\n") {
			out.WriteByte('\n')
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return strings.TrimSpace(tb.String()), strings.TrimSpace(out.String()) + "\n"
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch a {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Iframe, atom.Head:
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case atom.Title:
				inTitle = tt == html.StartTagToken
			case atom.Br:
				nl()
			}
			if block(a) {
				nl()
			}
		case html.TextToken:
			t := string(z.Text())
			if inTitle {
				tb.WriteString(t)
				continue
			}
			if skip > 0 {
				continue
			}
			t = strings.Join(strings.Fields(t), " ")
			if t == "" {
				continue
			}
			s := out.String()
			if len(s) > 0 && !strings.HasSuffix(s, "\n") && !strings.HasSuffix(s, " ") {
				out.WriteByte(' ')
			}
			out.WriteString(t)
		}
	}
}

func block(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Ul, atom.Ol,
		atom.Table, atom.Tr, atom.Td, atom.Th, atom.Blockquote, atom.Section, atom.Article, atom.Header,
		atom.Footer, atom.Figcaption, atom.Pre, atom.Hr, atom.Dd, atom.Dt, atom.Aside, atom.Nav, atom.Main:
		return true
	}
	return false
}
