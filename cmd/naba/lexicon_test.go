package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLexiconCheck(t *testing.T) {
	t.Run("embedded", func(t *testing.T) {
		out, errOut, code := naba(t, "", "lexicon", "check", "-q")
		if code != exitOK {
			t.Fatalf("exit %d: %s%s", code, out, errOut)
		}
		if !strings.Contains(out, "0 errors") {
			t.Errorf("summary %q: want 0 errors", out)
		}
	})
	t.Run("errors and collisions", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.MkdirAll(filepath.Join(dir, "entities"), 0o755); err != nil {
			t.Fatal(err)
		}
		data := "id\ttype\tcanonical\taliases\tdemonyms\tnote\n" +
			"naba:gpe:test-a\tGPE\tزيتونة الكبرى\t\t\t\n" +
			"naba:org:test-b\tORG\tزيتونه الكبري\t\t\t\n" + // collides with test-a once normalized
			"naba:gpe:test-c\tCITY\tمكان\t\t\t\n" // unknown type
		if err := os.WriteFile(filepath.Join(dir, "entities", "mine.tsv"), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		out, _, code := naba(t, "", "lexicon", "check", dir)
		if code != exitFailure {
			t.Errorf("exit %d, want %d", code, exitFailure)
		}
		for _, want := range []string{"mine.tsv:4:", "collision: زيتونه الكبري", "naba:gpe:test-a", "naba:org:test-b"} {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %+q:\n%s", want, out)
			}
		}
	})
}

func TestLexiconLookup(t *testing.T) {
	tests := []struct{ word, want string }{
		{"للصين", "Q148"},
		{"والناتو", "Q7184"},
		{"بالروسية", "LANGUAGE"},
		{"الرئيس", "trigger"},
	}
	for _, tc := range tests {
		t.Run(tc.word, func(t *testing.T) {
			out, errOut, code := naba(t, "", "lexicon", "lookup", tc.word)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if !strings.Contains(out, tc.want) {
				t.Errorf("lookup %+q: want %q in\n%s", tc.word, tc.want, out)
			}
		})
	}
}
