package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

const seed = "../../seeds/000_1701d300935b484f.txt"

// naba runs the CLI in-process and returns stdout, stderr and the exit code.
func naba(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &stdio{in: strings.NewReader(stdin), out: &out, err: &errb})
	return out.String(), errb.String(), code
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("..", "..", "testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/naba -run Golden -update to create it)", err)
	}
	if string(want) != got {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs at line %d:\n got %s\nwant %s\n(review the change; go test ./cmd/naba -run Golden -update rewrites it)", name, i+1, clip(gl[i]), clip(wl[i]))
			}
		}
		t.Fatalf("%s differs in length: %d lines, want %d (go test ./cmd/naba -run Golden -update rewrites it)", name, len(gl), len(wl))
	}
}

// clip shortens a golden line for a failure message.
func clip(s string) string {
	if r := []rune(s); len(r) > 300 {
		return string(r[:300]) + "…"
	}
	return s
}

func TestGoldenExtract(t *testing.T) {
	for _, format := range []string{"jsonl", "documents"} {
		t.Run(format, func(t *testing.T) {
			out, errs, code := naba(t, "", "extract", "--date", "2024-07-01", "--format", format, seed)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			golden(t, "seed."+format, out)
		})
	}
}

// Every mention's text is exactly the original slice at its code point
// offsets, and it lies inside its sentence.
func TestMentionTextIsTheOriginalSlice(t *testing.T) {
	text, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune(string(text))
	out, errs, code := naba(t, "", "extract", "--date", "2024-07-01", "--format", "documents", seed)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc struct {
		Sentences []struct{ Start, End int }
		Mentions  []struct {
			Start, End, Sentence int
			Text                 string
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	for _, m := range doc.Mentions {
		if m.Start < 0 || m.End > len(runes) || m.Start >= m.End || string(runes[m.Start:m.End]) != m.Text {
			t.Fatalf("mention %+v is not the original slice", m)
		}
		s := doc.Sentences[m.Sentence]
		if m.Start < s.Start || m.End > s.End {
			t.Errorf("mention %+q [%d,%d) outside its sentence [%d,%d)", m.Text, m.Start, m.End, s.Start, s.End)
		}
	}
	for _, s := range doc.Sentences {
		if s.Start < 0 || s.End > len(runes) || s.Start >= s.End {
			t.Fatalf("bad sentence %+v", s)
		}
	}
}

func TestParallelExtractIsDeterministic(t *testing.T) {
	one, _, c1 := naba(t, "", "extract", "--date", "2024-07-01", "-j", "1", seed, seed, seed)
	four, _, c4 := naba(t, "", "extract", "--date", "2024-07-01", "-j", "4", seed, seed, seed)
	if c1 != 0 || c4 != 0 || one != four {
		t.Errorf("-j 4 differs from -j 1 (exit %d, %d)", c1, c4)
	}
}

func TestBatchWithBadInputs(t *testing.T) {
	dir := t.TempDir()
	must := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := must("good.txt", "وصل الوفد الروسي إلى بكين.\n")
	bad := must("bad.txt", "\xff\xfe")
	empty := must("empty.txt", "")
	out, errs, code := naba(t, "", "extract", "--format", "documents", good, bad, empty, filepath.Join(dir, "missing.txt"))
	if code != exitFailure {
		t.Errorf("exit %d, want %d", code, exitFailure)
	}
	if strings.Count(out, "\n") != 1 {
		t.Errorf("the good document should still be written: %q", out)
	}
	for _, want := range []string{"bad.txt:1: invalid UTF-8", "empty.txt: empty file", "missing.txt: no such file", "3 of 4 inputs failed"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"extract", "--format", "xml", seed},
		{"extract", "--date", "yesterday", seed},
		{"extract", "--no-such-flag"},
		{"normalize", "a", "b"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			_, errs, code := naba(t, "", args...)
			if code != exitUsage || !strings.HasPrefix(errs, "naba: ") {
				t.Errorf("exit %d, stderr %q; want %d and a message", code, errs, exitUsage)
			}
		})
	}
}

func TestStdinAndNormalize(t *testing.T) {
	out, _, code := naba(t, "قرارًا إستراتيجيًّا ٢٠٢٤", "normalize", "--key")
	if code != 0 || out != "قرارا استراتيجيا 2024" {
		t.Errorf("normalize --key = %q (exit %d)", out, code)
	}
	out, _, code = naba(t, "قال د. أحمد إن الوضع صعب. ثم غادر.", "segment")
	if code != 0 || strings.Count(out, "\n") != 2 || !strings.Contains(out, `"kind":"word"`) {
		t.Errorf("segment = %q (exit %d)", out, code)
	}
	out, _, code = naba(t, `{"id":"x","text":"وصل الوفد إلى بكين."}`, "extract", "--format", "documents")
	if code != 0 || !strings.HasPrefix(out, `{"doc":"x"`) {
		t.Errorf("extract from stdin = %q (exit %d)", out, code)
	}
}
