package numeric

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline"
)

// TestUserLexicons checks that a user directory extends the numeric
// lexicons and that bad rows and unknown files are reported with file:line.
func TestUserLexicons(t *testing.T) {
	tests := []struct {
		name, file, content, wantErr string
	}{
		{"new unit", "units.tsv", "unit\tkind\tfactor\tsingular\tplural\tdual\nfurlong\tquantity\t1\tفرلنغ\t\t\n", ""},
		{"bad class", "numbers.tsv", "word\tvalue\tclass\nخمسة\t5\tfive\n", "numbers.tsv:2: unknown class"},
		{"bad value", "numbers.tsv", "word\tvalue\tclass\nخمسة\tخمسة\tunit\n", "numbers.tsv:2: value"},
		{"bad currency", "currencies.tsv", "code\tnoun\nusd\tدولار\n", "currencies.tsv:2: code"},
		{"unknown noun", "currencies.tsv", "code\tnoun\nXYZ\tفلان\n", "currencies.tsv:2: noun"},
		{"bad mod", "modifiers.tsv", "mod\tposition\tphrases\nabout\tbefore\tتقريبا\n", "modifiers.tsv:2: mod"},
		{"unknown file", "extra.tsv", "word\n", "extra.tsv: unknown numeric lexicon"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.MkdirAll(filepath.Join(dir, "numeric"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "numeric", tt.file), []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			set, err := lexicons.WithDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			st, err := NewStage(set)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
			case tt.wantErr == "":
				doc := &pipeline.Document{Text: "قطع الحصان 3 فرلنغ في السباق"}
				if err := pipeline.New(nil, st).Run(doc); err != nil {
					t.Fatal(err)
				}
				if len(doc.Mentions) != 1 || doc.Mentions[0].Unit != "furlong" {
					t.Errorf("user unit not read: %+v", doc.Mentions)
				}
			}
		})
	}
}
