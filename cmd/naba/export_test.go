package main

import (
	"strings"
	"testing"
)

// Golden files for each export command and format on the sample article.
func TestGoldenExport(t *testing.T) {
	for _, tt := range []struct{ what, format, ext string }{
		{"mentions", "jsonl", "jsonl"},
		{"mentions", "csv", "csv"},
		{"mentions", "conll", "conll"},
		{"entities", "jsonl", "jsonl"},
		{"entities", "csv", "csv"},
		{"claims", "jsonl", "jsonl"},
		{"claims", "csv", "csv"},
		{"attributions", "jsonl", "jsonl"},
		{"attributions", "csv", "csv"},
	} {
		t.Run(tt.what+"."+tt.format, func(t *testing.T) {
			out, errs, code := naba(t, "", "export", tt.what, "--format", tt.format, "--date", "2024-07-01", seed)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			golden(t, "export-"+tt.what+"."+tt.ext, out)
		})
	}
}

// The mentions from export equal those from extract.
func TestExportMentionsRoundTrip(t *testing.T) {
	ext, _, c1 := naba(t, "", "extract", "--date", "2024-07-01", seed)
	exp, _, c2 := naba(t, "", "export", "mentions", "--date", "2024-07-01", seed)
	if c1 != 0 || c2 != 0 {
		t.Fatalf("exit %d, %d", c1, c2)
	}
	if ext != exp {
		t.Error("export mentions differs from extract")
	}
}

func TestExportUsage(t *testing.T) {
	for _, args := range [][]string{
		{"export", "entities", "--format", "conll", seed},
		{"export", "mentions", "--index", "x", seed},
		{"export", "mentions", "--type", "PEOPLE", seed},
		{"export", "claims", "--from", "July", seed},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			_, errs, code := naba(t, "", args...)
			if code != exitUsage {
				t.Errorf("exit %d (%s), want %d", code, errs, exitUsage)
			}
		})
	}
}

// An alias finds every mention of its entity, as its QID does.
func TestExportEntityByAlias(t *testing.T) {
	byQID, _, c1 := naba(t, "", "export", "mentions", "--entity", "Q7747", "--date", "2024-07-01", seed)
	byAlias, _, c2 := naba(t, "", "export", "mentions", "--entity", "بوتين", "--date", "2024-07-01", seed)
	if c1 != 0 || c2 != 0 || byQID == "" || byQID != byAlias {
		t.Errorf("--entity بوتين and --entity Q7747 differ (exit %d, %d): %d vs %d lines",
			c1, c2, strings.Count(byAlias, "\n"), strings.Count(byQID, "\n"))
	}
}
