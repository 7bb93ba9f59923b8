package input

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

type collected struct {
	ids  []string
	errs []string
}

func walk(t *testing.T, opt Options, paths ...string) collected {
	t.Helper()
	var c collected
	err := Walk(context.Background(), paths, opt, func(it Item) error {
		if it.Err != nil {
			c.errs = append(c.errs, it.Err.Error())
			return nil
		}
		c.ids = append(c.ids, it.Doc.ID)
		return nil
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return c
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	good := write(t, dir, "good.txt", "روسيا والصين.\n")
	tests := []struct {
		name    string
		file    string
		content string
		wantErr string // substring of the error, which must also name the file
		line    string // ":N:" expected in the message, or ""
	}{
		{"invalid UTF-8", "latin1.txt", "سطر\n\xe9t\xe9\n", "invalid UTF-8", ":2:"},
		{"NUL byte", "nul.txt", "أ\nب\x00ج", "NUL byte", ":2:"},
		{"empty file", "empty.txt", "", "empty file", ""},
		{"blank file", "blank.txt", "  \n\n", "empty file", ""},
		{"broken JSONL line", "broken.jsonl", "{\"id\":\"a\",\"text\":\"نص\"}\n{\"id\":\"b\",\"text\":\n", "not a JSON article", ":2:"},
		{"missing text field", "notext.jsonl", "{\"id\":\"a\",\"title\":\"عنوان\"}\n", `no "text" field`, ":1:"},
		{"bad date", "baddate.jsonl", "{\"id\":\"a\",\"text\":\"نص\",\"date\":\"yesterday\"}\n", "date", ":1:"},
		{"NUL in JSON text", "nuljson.jsonl", "{\"id\":\"a\",\"text\":\"a\\u0000b\"}\n", "NUL", ":1:"},
		{"invalid UTF-8 in JSONL", "bad.jsonl", "{\"id\":\"a\",\"text\":\"\xff\"}\n", "invalid UTF-8", ":1:"},
		{"empty JSONL", "empty.jsonl", "", "empty file", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(t, dir, tt.file, tt.content)
			c := walk(t, Options{}, good, p, good)
			if len(c.ids) < 2 || c.ids[0] != "good" || c.ids[len(c.ids)-1] != "good" {
				t.Errorf("the good inputs around the bad one were not all read: %v", c.ids)
			}
			if len(c.errs) != 1 {
				t.Fatalf("want one error, got %q", c.errs)
			}
			e := c.errs[0]
			if !strings.Contains(e, tt.wantErr) || !strings.Contains(e, tt.file) || (tt.line != "" && !strings.Contains(e, tt.line)) {
				t.Errorf("error %q should name %s%s and say %q", e, tt.file, tt.line, tt.wantErr)
			}
		})
	}
}

func TestJSONLGoesOnAfterABadLine(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "a.jsonl", "{\"id\":\"1\",\"text\":\"أ\"}\nnot json\n\n{\"id\":\"3\",\"text\":\"ب\",\"date\":\"2024-07-01\",\"title\":\"ت\",\"url\":\"u\"}\n{\"text\":\"ج\"}")
	var docs []string
	var errs []string
	err := Walk(context.Background(), []string{p}, Options{}, func(it Item) error {
		if it.Err != nil {
			errs = append(errs, it.Err.Error())
			return nil
		}
		docs = append(docs, it.Doc.ID+"@"+it.Doc.DateString())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"1@", "3@2024-07-01", "a-5@"}
	if strings.Join(docs, ",") != strings.Join(want, ",") {
		t.Errorf("docs = %v, want %v", docs, want)
	}
	if len(errs) != 1 || !strings.Contains(errs[0], "a.jsonl:2:") {
		t.Errorf("errs = %q, want one at line 2", errs)
	}
}

func TestLongLines(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("كلمة ", 40000) // ~400 KB, far beyond bufio.Scanner's 64 KB
	p := write(t, dir, "long.jsonl", "{\"id\":\"long\",\"text\":\""+long+"\"}\n{\"id\":\"next\",\"text\":\"نص\"}\n")
	c := walk(t, Options{}, p)
	if len(c.errs) != 0 || len(c.ids) != 2 {
		t.Fatalf("long line: ids %v errs %q", c.ids, c.errs)
	}
	// over the limit: reported with file and line, and the next line is read
	c = walk(t, Options{MaxBytes: 100 << 10}, p)
	if len(c.ids) != 1 || c.ids[0] != "next" || len(c.errs) != 1 || !strings.Contains(c.errs[0], "long.jsonl:1:") || !strings.Contains(c.errs[0], "limit") {
		t.Errorf("over the limit: ids %v errs %q", c.ids, c.errs)
	}
	big := write(t, dir, "big.txt", long)
	c = walk(t, Options{MaxBytes: 100 << 10}, big)
	if len(c.errs) != 1 || !strings.Contains(c.errs[0], "big.txt") {
		t.Errorf("big text file: errs %q", c.errs)
	}
}

func TestUnreadableAndMissing(t *testing.T) {
	dir := t.TempDir()
	c := walk(t, Options{}, filepath.Join(dir, "nope.txt"))
	if len(c.errs) != 1 || !strings.Contains(c.errs[0], "nope.txt") {
		t.Errorf("missing file: %q", c.errs)
	}
	if os.Geteuid() == 0 {
		return // root reads everything; permission bits cannot be tested
	}
	p := write(t, dir, "secret.txt", "نص")
	if err := os.Chmod(p, 0); err != nil {
		t.Fatal(err)
	}
	c = walk(t, Options{}, p)
	if len(c.errs) != 1 || !strings.Contains(c.errs[0], "permission denied") {
		t.Errorf("unreadable file: %q", c.errs)
	}
}

func TestUnreadableDirectoryEntry(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", "نص")
	if err := os.Symlink(filepath.Join(dir, "missing"), filepath.Join(dir, "b.txt")); err != nil {
		t.Skip("no symlinks here")
	}
	c := walk(t, Options{}, dir)
	if len(c.ids) != 1 || len(c.errs) != 1 || !strings.Contains(c.errs[0], "b.txt") {
		t.Errorf("dangling link: ids %v errs %q", c.ids, c.errs)
	}
}

func TestDirectoryWalkAndSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "b/2.txt", "ب")
	write(t, dir, "a/1.txt", "أ")
	write(t, dir, "a/skip.bin", "x")
	write(t, dir, "c/3.html", "<html><head><title>عنوان</title><script>x()</script></head><body><h1>روسيا</h1><p>نص <b>المقال</b></p></body></html>")
	if err := os.Symlink(dir, filepath.Join(dir, "a", "loop")); err != nil {
		t.Skip("no symlinks here")
	}
	c := walk(t, Options{}, dir)
	if strings.Join(c.ids, ",") != "1,2,3" {
		t.Errorf("ids = %v, want 1,2,3 in name order", c.ids)
	}
	if len(c.errs) != 1 || !strings.Contains(c.errs[0], "symlink loop") {
		t.Errorf("errs = %q, want one symlink loop", c.errs)
	}
}

func TestHTMLVisibleText(t *testing.T) {
	title, text := VisibleText([]byte("<html><head><title>عنوان الخبر</title><style>p{}</style></head><body><h1>روسيا والصين</h1><script>var a;</script><p>قال <b>بوتين</b> إن…</p></body></html>"))
	if title != "عنوان الخبر" {
		t.Errorf("title = %+q", title)
	}
	if text != "روسيا والصين\nقال بوتين إن…\n" {
		t.Errorf("text = %+q", text)
	}
}

func TestStdinAndDate(t *testing.T) {
	ref := time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)
	c := walk(t, Options{Stdin: strings.NewReader("  {\"id\":\"x\",\"text\":\"نص\"}\n{\"id\":\"y\",\"text\":\"نص\"}\n"), Date: ref}, "-")
	if strings.Join(c.ids, ",") != "x,y" {
		t.Errorf("stdin JSONL: %v %q", c.ids, c.errs)
	}
	c = walk(t, Options{Stdin: strings.NewReader("روسيا والصين")})
	if strings.Join(c.ids, ",") != "stdin" {
		t.Errorf("stdin text: %v %q", c.ids, c.errs)
	}
}

func TestStopsWhenTheCallbackFails(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", "أ")
	write(t, dir, "b.txt", "ب")
	stop := errors.New("stop")
	n := 0
	err := Walk(context.Background(), []string{dir}, Options{}, func(Item) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("err %v after %d items", err, n)
	}
}

func FuzzJSONL(f *testing.F) {
	f.Add("{\"id\":\"a\",\"text\":\"نص\"}\n{\"id\":\"b\"}\nbroken\n")
	f.Add("{\"text\":\"\\u0000\",\"date\":\"2024-07-01\"}")
	f.Fuzz(func(t *testing.T, s string) {
		w := walker{ctx: context.Background(), opt: Options{MaxBytes: 1 << 12}, fn: func(it Item) error {
			if it.Err == nil && it.Doc == nil {
				t.Fatal("item with neither document nor error")
			}
			if it.Err != nil && !strings.Contains(it.Err.Error(), "fuzz.jsonl") {
				t.Fatalf("error does not name the file: %v", it.Err)
			}
			return nil
		}}
		if err := w.jsonl("fuzz.jsonl", strings.NewReader(s)); err != nil {
			t.Fatal(err)
		}
	})
}
