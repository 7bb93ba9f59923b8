package index

import (
	"bytes"
	"reflect"
	"strconv"
	"testing"
	"unicode/utf8"

	"github.com/naba-nlp/naba/pipeline"
)

func TestPacked(t *testing.T) {
	for _, tc := range []struct{ name, s string }{
		{"empty", ""},
		{"arabic", "قال الرئيس بوتين إن روسيا مستعدة."},
		{"diacritics and digits", "مُسْتَعِدّة ٢٠٢٤ ـ 2024"},
		{"outside the block", "پ چ ک ی ﻻ \u200c € 😀"},
		{"control bytes", "a\x00b\x01c\x02"},
		{"invalid utf-8", "\xd8\xa7\xd8 \xff\xfe\x80\xd9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := appendPacked(nil, tc.s)
			got, err := appendUnpacked(nil, p)
			if err != nil || string(got) != tc.s {
				t.Fatalf("%+q: packed %x, unpacked %+q (%v)", tc.s, p, got, err)
			}
			if arabic := []rune(tc.s); tc.name == "arabic" && len(p) != len(arabic) {
				t.Errorf("%+q: %d packed bytes, want one per letter (%d)", tc.s, len(p), len(arabic))
			}
		})
	}
}

func FuzzPacked(f *testing.F) {
	f.Add("قال الرئيس بوتين\x00\x01\xff")
	f.Fuzz(func(t *testing.T, s string) {
		p := appendPacked(nil, s)
		got, err := appendUnpacked(nil, p)
		if err != nil || string(got) != s {
			t.Fatalf("%+q: packed %x, unpacked %+q (%v)", s, p, got, err)
		}
		// any bytes unpack without panicking
		appendUnpacked(nil, []byte(s))
	})
}

func TestSplitRule(t *testing.T) {
	for _, r := range []string{"", "temporal/range", "lexicons/data/entities/people.tsv:12", "a:b", "x.tsv:007", "x.tsv:+1", "x.tsv:", ":3", "x.tsv:99999999999"} {
		file, line := splitRule(r)
		got := file
		if line > 0 {
			got += ":" + strconv.FormatUint(line-1, 10)
		}
		if got != r {
			t.Errorf("%q: split %q %d, joined %q", r, file, line, got)
		}
	}
}

// TestRecordRoundTrip encodes the claims of the sample article with one
// string table and decodes them again.
func TestRecordRoundTrip(t *testing.T) {
	cs := append(ClaimsOf(sampleDoc(t)), syntheticClaims()...)
	tab := newStrtab(newHuffman())
	recs := make([][]byte, len(cs))
	for i := range cs {
		recs[i] = marshalRecord(&cs[i], tab)
	}
	read, err := unmarshalTable(tab.marshal(), tab.huff)
	if err != nil || len(read.strRaw) != len(tab.list) || len(read.kindRaw) != len(tab.klist) {
		t.Fatalf("table: %v, %d of %d strings, %d of %d kinds", err, len(read.strRaw), len(tab.list), len(read.kindRaw), len(tab.klist))
	}
	for i, want := range tab.list {
		if s, err := read.string(uint64(i)); s != want || err != nil {
			t.Fatalf("string %d: %+q (%v), want %+q", i, s, err, want)
		}
	}
	strs := &read
	var text, stored int
	for i, c := range cs {
		got, err := unmarshalRecord(recs[i], strs, c.Doc, c.Sentence)
		if err != nil {
			t.Fatalf("claim %s: %v", c.ID, err)
		}
		got.ID, got.Title, got.URL, got.Date = c.ID, c.Title, c.URL, c.Date
		if c.Mentions == nil {
			c.Mentions = []pipeline.MentionRecord{}
		}
		if c.Attributions == nil {
			c.Attributions = []pipeline.AttributionRecord{}
		}
		if !reflect.DeepEqual(got, c) {
			t.Fatalf("claim %s:\n got %+v\nwant %+v", c.ID, got, c)
		}
		// damaged records give errors, not panics
		for cut := range len(recs[i]) {
			unmarshalRecord(recs[i][:cut], strs, c.Doc, c.Sentence)
		}
		unmarshalRecord(bytes.Repeat([]byte{0xff}, 20), strs, c.Doc, c.Sentence)
		text += len(c.Text)
		stored += len(recs[i])
	}
	stored += len(tab.marshal())
	t.Logf("%d bytes of text, %d bytes of records and table (%.2f×), %d strings, %d mention kinds", text, stored, float64(stored)/float64(text), len(strs.strRaw), len(strs.kindRaw))
	// damaged tables give errors, not panics
	b := tab.marshal()
	for cut := range len(b) {
		unmarshalTable(b[:cut], tab.huff)
	}
	if utf8.RuneCountInString(cs[0].Text) == 0 {
		t.Fatal("empty sample")
	}
}

// FuzzRecord round-trips a claim with one mention and one attribution
// made of arbitrary strings and offsets.
func FuzzRecord(f *testing.F) {
	f.Add("قال الرئيس بوتين", "فلاديمير بوتين", "lexicons/data/entities/people.tsv:3", 10, 4, 15, 1.5)
	f.Add("", "", ":", -3, 0, -1, 0.0)
	f.Fuzz(func(t *testing.T, text, canon, rule string, start, ms, me int, x float64) {
		if x != x { // NaN never equals itself
			x = 0
		}
		v := pipeline.Range(&x, nil)
		c := Claim{ID: ClaimID("d", 2), Doc: "d", Sentence: 2, Start: start, End: start + len([]rune(text)), Text: text,
			Mentions: []pipeline.MentionRecord{{Doc: "d", Sentence: 2, Type: pipeline.Money, Start: ms, End: me,
				Text: sliceRunes([]rune(text), ms-start, me-start), Canonical: canon, Value: &v, Rule: rule}},
			Attributions: []pipeline.AttributionRecord{{Doc: "d", Sentence: 2, Kind: rule,
				Cue:    pipeline.SpanRecord{Start: ms, End: me, Text: canon},
				Source: &pipeline.SourceRecord{Start: me, End: ms, Text: text, Canonical: canon, Implied: true}}}}
		tab := newStrtab(newHuffman())
		rec := marshalRecord(&c, tab)
		read, err := unmarshalTable(tab.marshal(), tab.huff)
		if err != nil {
			t.Fatal(err)
		}
		got, err := unmarshalRecord(rec, &read, "d", 2)
		if err != nil {
			t.Fatal(err)
		}
		got.ID = c.ID
		if !reflect.DeepEqual(got, c) {
			t.Fatalf("\n got %+v\nwant %+v", got, c)
		}
	})
}
