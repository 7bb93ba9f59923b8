package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/naba-nlp/naba/index"
)

func TestIndexAndSearch(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	_, errOut, code := naba(t, "", "index", "--index", dir, "--date", "2024-07-01", seed)
	if code != 0 {
		t.Fatalf("index: exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "indexed 1 articles") || !strings.Contains(errOut, "0 failures") {
		t.Errorf("summary %q", errOut)
	}
	// the same command again replaces, never duplicates (and compacts)
	if _, errOut, code := naba(t, "", "index", "--index", dir, "--compact", "--date", "2024-07-01", seed); code != 0 {
		t.Fatalf("index again: exit %d: %s", code, errOut)
	}
	out, errOut, code := naba(t, "", "index", "stats", "--index", dir, "--json")
	if code != 0 {
		t.Fatalf("stats: exit %d: %s", code, errOut)
	}
	var st index.Stats
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("stats %q: %v", out, err)
	}
	if st.Documents != 1 || st.Claims < 100 || st.FirstDate != "2024-07-01" || st.SizeBytes == 0 {
		t.Errorf("stats %+v", st)
	}

	out, errOut, code = naba(t, "", "search", "--index", dir, "--json", "-n", "50", "لروسيا")
	if code != 0 {
		t.Fatalf("search: exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 10 {
		t.Fatalf("%d hits", len(lines))
	}
	for _, l := range lines {
		var h searchHit
		if err := json.Unmarshal([]byte(l), &h); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		if h.ID != index.ClaimID(h.Doc, h.Sentence) || h.Text == "" || h.Mentions == nil || h.Attributions == nil {
			t.Errorf("hit %+v", h)
		}
		rs := []rune(h.Text)
		for _, hl := range h.Highlights {
			if hl.Start < 0 || hl.End > len(rs) || hl.Start >= hl.End {
				t.Errorf("%s: highlight %+v outside the text", h.ID, hl)
			}
		}
		for _, k := range []string{`"doc"`, `"sentence"`, `"id"`, `"score"`, `"text"`, `"highlights"`, `"mentions"`} {
			if !strings.Contains(l, k) {
				t.Errorf("line without %s: %s", k, l)
			}
		}
	}

	// piped, the text output carries no escape codes
	out, _, code = naba(t, "", "search", "--index", dir, "--facets", "خط أنابيب")
	if code != 0 || strings.Contains(out, "\x1b") || !strings.Contains(out, "years: 2024") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}

	// filters and usage errors
	if _, errOut, code := naba(t, "", "search", "--index", dir, "--type", "NOPE", "x"); code != exitUsage {
		t.Errorf("bad --type: exit %d %s", code, errOut)
	}
	if _, errOut, code := naba(t, "", "search", "--index", dir, "--mentioned", "x"); code != exitUsage {
		t.Errorf("--mentioned alone: exit %d %s", code, errOut)
	}
	out, _, code = naba(t, "", "search", "--index", dir, "--from", "2025", "روسيا")
	if code != 0 || !strings.HasPrefix(out, "0 claims") {
		t.Errorf("--from 2025: exit %d %q", code, out)
	}
	if _, errOut, code := naba(t, "", "search", "--index", filepath.Join(dir, "missing"), "x"); code != exitFailure || !strings.Contains(errOut, "no index") {
		t.Errorf("missing index: exit %d %q", code, errOut)
	}
}

func TestSecondIndexerIsTold(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	ix, err := index.Open(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	_, errOut, code := naba(t, "", "index", "--index", dir, seed)
	if code != exitFailure || !strings.Contains(errOut, "index is locked by another naba process") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	_, errOut, code = naba(t, "", "search", "--index", dir, "روسيا")
	if code != exitFailure || !strings.Contains(errOut, "being written") {
		t.Errorf("search while writing: exit %d, stderr %q", code, errOut)
	}
}

func TestHighlightWholeWords(t *testing.T) {
	text := "وصل الوفد لروسيا، أمس."
	// a highlight inside a word grows to the whole word
	got := highlightWords(text, []index.Highlight{{Start: 11, End: 16}})
	want := "وصل الوفد " + styleMatch + "لروسيا،" + styleReset + " أمس."
	if got != want {
		t.Errorf("got %+q, want %+q", got, want)
	}
	if !utf8.ValidString(got) {
		t.Error("invalid UTF-8")
	}
}

// What export reads back from an index is what extract writes: mentions
// and attributions are rebuilt byte for byte from the stored records.
func TestExportFromIndexRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	if _, errOut, code := naba(t, "", "index", "--index", dir, "--date", "2024-07-01", seed); code != 0 {
		t.Fatalf("index: exit %d: %s", code, errOut)
	}
	ext, _, code := naba(t, "", "extract", "--date", "2024-07-01", seed)
	if code != 0 || ext == "" {
		t.Fatalf("extract: exit %d", code)
	}
	for _, what := range []string{"mentions", "claims", "attributions"} {
		t.Run(what, func(t *testing.T) {
			fromInput, _, c1 := naba(t, "", "export", what, "--date", "2024-07-01", seed)
			fromIndex, errOut, c2 := naba(t, "", "export", what, "--index", dir)
			if c1 != 0 || c2 != 0 {
				t.Fatalf("exit %d, %d: %s", c1, c2, errOut)
			}
			if fromIndex != fromInput {
				t.Errorf("export %s from the index differs from export of the input (%d and %d bytes)", what, len(fromIndex), len(fromInput))
			}
			if what == "mentions" && fromIndex != ext {
				t.Errorf("export mentions from the index differs from extract (%d and %d bytes)", len(fromIndex), len(ext))
			}
		})
	}
}
