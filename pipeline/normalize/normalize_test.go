package normalize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLightAndKey(t *testing.T) {
	tests := []struct {
		name, in, light, key string
	}{
		{"harakat removed", "قرارًا إستراتيجيًّا", "قرارا إستراتيجيا", "قرارا استراتيجيا"},
		{"tatweel removed", "روســـيا", "روسيا", "روسيا"},
		{"superscript alef", "هٰذا", "هذا", "هذا"},
		{"quranic marks", "الرحيم ۝", "الرحيم ", "الرحيم "},
		{"invisibles", "أو\u200cكرا\u200fنيا\u200e\u061c\uFEFF\u00ad", "أوكرانيا", "اوكرانيا"},
		{"bidi embeddings and isolates", "\u202bموسكو\u202c \u2066بكين\u2069", "موسكو بكين", "موسكو بكين"},
		{"arabic-indic digits", "٢٠٢٤", "2024", "2024"},
		{"persian digits", "۱۴۰۲", "1402", "1402"},
		{"decimal and thousands separators", "٢٦٬٠١٣٫٩٤", "26,013.94", "26,013.94"},
		{"separator outside a number is kept", "أ٫ب", "أ٫ب", "ا٫ب"},
		{"lam-alef ligature", "\uFEFB", "لا", "لا"},
		{"allah ligature", "\uFDF2", "الله", "الله"},
		{"presentation letters", "\uFE8D\uFEDF\uFEE4\uFEE0\uFEDA", "الملك", "الملك"},
		{"isolated harakat form", "ب\uFE70", "ب", "ب"},
		{"alef variants in key", "أإآٱا", "أإآٱا", "ااااا"},
		{"ya, ta marbuta, hamza carriers", "مستشفى مدينة مؤتمر رئيس", "مستشفى مدينة مؤتمر رئيس", "مستشفي مدينه موتمر رييس"},
		{"persian letters in key", "کی", "کی", "كي"},
		{"latin lowercased in key", "AvtoVAZ NBC", "AvtoVAZ NBC", "avtovaz nbc"},
		{"empty", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := New(tt.in)
			if n.Light != tt.light {
				t.Errorf("Light(%+q) = %+q, want %+q", tt.in, n.Light, tt.light)
			}
			if n.Key != tt.key {
				t.Errorf("Key(%+q) = %+q, want %+q", tt.in, n.Key, tt.key)
			}
			if len(n.Key) != len(n.Light) {
				t.Errorf("key and light differ in length: %d vs %d", len(n.Key), len(n.Light))
			}
		})
	}
}

func TestIdempotent(t *testing.T) {
	for _, in := range []string{
		"قرارًا إستراتيجيًّا -ولو متأخّرًا- بالتوجُّه شرقًا؛",
		"١\u064B٫٢ و ٣٫\u064B٤",
		"\uFEFB\uFDF2 \uFE70ب",
		"مستشفى مدينة مؤتمر رئيس AvtoVAZ",
	} {
		l := Light(in)
		if l2 := Light(l); l2 != l {
			t.Errorf("Light not idempotent on %+q: %+q then %+q", in, l, l2)
		}
		k := Key(in)
		if k2 := Key(k); k2 != k {
			t.Errorf("Key not idempotent on %+q: %+q then %+q", in, k, k2)
		}
	}
}

func TestOrigSpan(t *testing.T) {
	orig := "قال بوتينُ، إنّ روسيّا\u200f قويةٌ \uFEFB"
	n := New(orig)
	tests := []struct {
		name string
		word string // in the light form
		want string // original slice
	}{
		{"diacritic after the last letter stays", "بوتين", "بوتينُ"},
		{"shadda inside", "إن", "إنّ"},
		{"invisible after the word is left out", "روسيا", "روسيّا"},
		{"tanween at the end", "قوية", "قويةٌ"},
		{"part of a ligature maps to the whole ligature", "ل", "\uFEFB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i := strings.LastIndex(n.Light, tt.word)
			if i < 0 {
				t.Fatalf("%+q not in %+q", tt.word, n.Light)
			}
			s, e := n.OrigSpan(i, i+len(tt.word))
			if got := orig[s:e]; got != tt.want {
				t.Errorf("OrigSpan(%+q) = %+q, want %+q", tt.word, got, tt.want)
			}
		})
	}
}

// checkAlignment asserts the alignment invariants: monotonic, in range, every
// original character either kept or removed on purpose.
func checkAlignment(t *testing.T, orig string) {
	t.Helper()
	n := New(orig)
	if len(n.toOrig) != len(n.Light)+1 {
		t.Fatalf("alignment has %d entries for %d bytes", len(n.toOrig), len(n.Light))
	}
	if int(n.toOrig[len(n.Light)]) != len(orig) {
		t.Fatalf("alignment does not end at len(orig)")
	}
	covered := make(map[int32]bool)
	prev := int32(0)
	for i, o := range n.toOrig {
		if o < prev || o < 0 || int(o) > len(orig) {
			t.Fatalf("alignment not monotonic or out of range at %d: %d after %d (len %d)", i, o, prev, len(orig))
		}
		prev = o
		covered[o] = true
	}
	for i, r := range orig {
		if !covered[int32(i)] && !Removed(r) && !(presentationForm(r) && expand(r) == "") {
			t.Fatalf("original %+q at %d is neither kept nor removed on purpose", r, i)
		}
	}
	// every light span maps to a valid original span
	for s := 0; s <= len(n.Light); s++ {
		if s < len(n.Light) && !utf8.RuneStart(n.Light[s]) {
			continue
		}
		e := s
		for e < len(n.Light) && n.Light[e] != ' ' {
			e++
		}
		os, oe := n.OrigSpan(s, e)
		if os < 0 || oe > len(orig) || os > oe {
			t.Fatalf("OrigSpan(%d,%d) = (%d,%d) out of range", s, e, os, oe)
		}
	}
}

func TestAlignmentInvariants(t *testing.T) {
	for _, s := range []string{"", "abc", "قرارًا إستراتيجيًّا", "\uFEFB\uFDF2\uFE70", "١٬٢٣٤٫٥", "\xff\xfeبا"} {
		checkAlignment(t, s)
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"قرارًا إستراتيجيًّا", "\uFEFB\uFDF2\uFE70ب", "١٬٢٣٤٫٥ ۱۴", "أو\u200cكرا\u200fنيا", "AvtoVAZ 26،013.94"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkAlignment(t, s)
		if !utf8.ValidString(s) {
			return
		}
		n := New(s)
		if Light(n.Light) != n.Light {
			t.Fatalf("Light not idempotent on %+q", s)
		}
		if Key(n.Key) != n.Key {
			t.Fatalf("Key not idempotent on %+q", s)
		}
		if len(n.Key) != len(n.Light) {
			t.Fatalf("key and light lengths differ on %+q", s)
		}
	})
}
