package index

import (
	"context"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/naba-nlp/naba/pipeline"
)

func memIndex(t *testing.T) *Index {
	t.Helper()
	ix, err := NewMemOnly(Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func add(t *testing.T, ix *Index, docID string, claims []Claim) {
	t.Helper()
	w, err := ix.Writer(0)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.AddClaims(docID, claims); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func ids(t *testing.T, ix *Index, q Query) []string {
	t.Helper()
	if q.Limit == 0 {
		q.Limit = 100
	}
	res, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("%+v: %v", q, err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Claim.ID)
	}
	sort.Strings(out)
	return out
}

// syntheticClaims are hand-made claims with mentions and attributions of
// every kind the filters read.
func syntheticClaims() []Claim {
	num := func(x float64) *pipeline.Value { v := pipeline.Num(x); return &v }
	str := func(s string) *pipeline.Value { v := pipeline.Str(s); return &v }
	mk := func(doc string, i int, date, text string, ms []pipeline.MentionRecord, as []pipeline.AttributionRecord) Claim {
		for k := range ms {
			ms[k].Doc, ms[k].Sentence = doc, i
		}
		for k := range as {
			as[k].Doc, as[k].Sentence = doc, i
		}
		return Claim{ID: ClaimID(doc, i), Doc: doc, Sentence: i, Text: text, Date: date, Title: "عنوان " + doc,
			URL: "https://example.org/" + doc, Start: i * 100, End: i*100 + len([]rune(text)),
			Mentions: ms, Attributions: as}
	}
	return []Claim{
		mk("a", 0, "2021-03-04", "قال الرئيس بوتين إن روسيا مستعدة.",
			[]pipeline.MentionRecord{{Type: pipeline.Person, Start: 11, End: 16, Text: "بوتين", Canonical: "فلاديمير بوتين", Wikidata: "Q7747"},
				{Type: pipeline.GPE, Start: 20, End: 25, Text: "روسيا", Canonical: "روسيا", Wikidata: "Q159"}},
			[]pipeline.AttributionRecord{{Kind: "indirect", Cue: pipeline.SpanRecord{Start: 0, End: 3, Text: "قال"},
				Source:  &pipeline.SourceRecord{Start: 4, End: 16, Text: "الرئيس بوتين", Canonical: "فلاديمير بوتين", Wikidata: "Q7747"},
				Content: pipeline.SpanRecord{Start: 17, End: 33, Text: "إن روسيا مستعدة."}}}),
		mk("a", 1, "2021-03-04", "ارتفعت الأسعار بنسبة 5% في مارس 2022.",
			[]pipeline.MentionRecord{{Type: pipeline.Percent, Start: 121, End: 123, Text: "5%", Value: num(5)},
				{Type: pipeline.Date, Start: 127, End: 136, Text: "مارس 2022", Value: str("2022-03")}},
			nil),
		mk("b", 0, "2023-11-20", "بلغت الصفقة 3 مليارات دولار حتى 2030.",
			[]pipeline.MentionRecord{{Type: pipeline.Money, Start: 12, End: 27, Text: "3 مليارات دولار", Value: num(3e9), Unit: "USD"},
				{Type: pipeline.Date, Start: 32, End: 36, Text: "2030", Value: str("2030")}},
			nil),
		mk("b", 1, "2023-11-20", "وأكدت موسكو الاتفاق بين 2019 و2024.",
			[]pipeline.MentionRecord{{Type: pipeline.GPE, Start: 106, End: 111, Text: "موسكو", Canonical: "موسكو", Wikidata: "Q649"},
				{Type: pipeline.Date, Start: 124, End: 135, Text: "2019 و2024", Value: str("2019/2024")}},
			[]pipeline.AttributionRecord{{Kind: "direct", Cue: pipeline.SpanRecord{Start: 100, End: 105, Text: "وأكدت"},
				Source:  &pipeline.SourceRecord{Start: 106, End: 111, Text: "موسكو", Canonical: "موسكو", Wikidata: "Q649"},
				Content: pipeline.SpanRecord{Start: 112, End: 135, Text: "الاتفاق بين 2019 و2024."}}}),
		mk("c", 0, "", "لا تاريخ لهذا الخبر.", nil, nil),
	}
}

func indexSynthetic(t *testing.T) *Index {
	ix := memIndex(t)
	byDoc := map[string][]Claim{}
	var order []string
	for _, c := range syntheticClaims() {
		if byDoc[c.Doc] == nil {
			order = append(order, c.Doc)
		}
		byDoc[c.Doc] = append(byDoc[c.Doc], c)
	}
	for _, d := range order {
		add(t, ix, d, byDoc[d])
	}
	return ix
}

func TestFilters(t *testing.T) {
	ix := indexSynthetic(t)
	day := func(s string) time.Time {
		t0, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return t0
	}
	cases := []struct {
		name string
		q    Query
		want string
	}{
		{"everything", Query{}, "a#0 a#1 b#0 b#1 c#0"},
		{"entity by QID", Query{Filter: Filter{Entities: []string{"Q7747"}}}, "a#0"},
		{"entity by canonical name", Query{Filter: Filter{Entities: []string{"فلاديمير بوتين"}}}, "a#0"},
		{"entity by canonical name in another spelling", Query{Filter: Filter{Entities: []string{"موسكوْ"}}}, "b#1"},
		{"any of several entities", Query{Filter: Filter{Entities: []string{"Q7747", "Q649"}}}, "a#0 b#1"},
		{"unknown entity", Query{Filter: Filter{Entities: []string{"Q1"}}}, ""},
		{"type", Query{Filter: Filter{Types: []pipeline.Kind{pipeline.Money}}}, "b#0"},
		{"types", Query{Filter: Filter{Types: []pipeline.Kind{pipeline.Percent, pipeline.Person}}}, "a#0 a#1"},
		{"said by QID", Query{Filter: Filter{SaidBy: []string{"Q649"}}}, "b#1"},
		{"said by the source as written", Query{Filter: Filter{SaidBy: []string{"الرئيس بوتين"}}}, "a#0"},
		{"document", Query{Filter: Filter{Doc: "b"}}, "b#0 b#1"},
		{"article date from", Query{Filter: Filter{From: day("2022-01-01")}}, "b#0 b#1"},
		{"article date to", Query{Filter: Filter{To: day("2021-03-04")}}, "a#0 a#1"},
		{"article date range", Query{Filter: Filter{From: day("2021-03-04"), To: day("2021-03-04")}}, "a#0 a#1"},
		{"mentioned: a month inside", Query{Filter: Filter{From: day("2022-01-01"), To: day("2022-12-31"), Mentioned: true}}, "a#1 b#1"},
		{"mentioned: a year", Query{Filter: Filter{From: day("2030-06-01"), To: day("2030-06-30"), Mentioned: true}}, "b#0"},
		{"mentioned: interval end", Query{Filter: Filter{From: day("2024-12-31"), Mentioned: true}}, "b#0 b#1"},
		{"mentioned: nothing", Query{Filter: Filter{To: day("2018-12-31"), Mentioned: true}}, ""},
		{"text and filter", Query{Text: "روسيا", Filter: Filter{Types: []pipeline.Kind{pipeline.GPE}}}, "a#0"},
		{"field query on a keyword field", Query{Text: "entity_id:Q159"}, "a#0"},
		{"numeric field query", Query{Text: "money:>1000000"}, "b#0"},
		{"article year in the query string", Query{Text: "year:2023"}, "b#0 b#1"},
		{"article title, every claim", Query{Text: "title:عنوان"}, "a#0 a#1 b#0 b#1 c#0"},
		{"article title, with a proclitic", Query{Text: "title:وعنوان +title:b"}, "b#0 b#1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := strings.Join(ids(t, ix, c.q), " ")
			if got != c.want {
				t.Errorf("got [%s], want [%s]", got, c.want)
			}
		})
	}
}

func TestClaimsRoundTrip(t *testing.T) {
	ix := indexSynthetic(t)
	var got []Claim
	if err := ix.Claims(context.Background(), Filter{}, func(c Claim) error {
		got = append(got, c)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := syntheticClaims()
	for i := range want {
		if want[i].Mentions == nil {
			want[i].Mentions = []pipeline.MentionRecord{}
		}
		if want[i].Attributions == nil {
			want[i].Attributions = []pipeline.AttributionRecord{}
		}
		if want[i].Date == "" {
			want[i].Title, want[i].URL = "عنوان c", "https://example.org/c"
		}
	}
	if !reflect.DeepEqual(got, want) {
		for i := range max(len(got), len(want)) {
			if i >= len(got) || i >= len(want) || !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("claim %d:\n got %+v\nwant %+v", i, at(got, i), at(want, i))
			}
		}
	}
	// one filter on the stream
	n := 0
	if err := ix.Claims(context.Background(), Filter{Types: []pipeline.Kind{pipeline.Date}}, func(c Claim) error {
		n++
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("claims with dates: %d, want 3", n)
	}
}

func at(cs []Claim, i int) any {
	if i < len(cs) {
		return cs[i]
	}
	return nil
}

// TestClaimsOfDocument checks that a processed document's claims come back
// from the index exactly as ClaimsOf built them, in sentence order (also
// past sentence 9, where ids stop sorting as numbers).
func TestClaimsOfDocument(t *testing.T) {
	doc := plainSample(t)
	want := ClaimsOf(doc)
	if len(want) < 12 {
		t.Fatalf("%d sentences", len(want))
	}
	for i, c := range want {
		s, e := doc.SentenceSpan(i)
		if c.Text != doc.Text[s:e] || string([]rune(doc.Text)[c.Start:c.End]) != c.Text {
			t.Fatalf("claim %d: text and offsets disagree", i)
		}
	}
	ix := memIndex(t)
	w, _ := ix.Writer(0)
	if err := w.Add(doc); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var got []Claim
	if err := ix.Claims(context.Background(), Filter{Doc: doc.ID}, func(c Claim) error {
		got = append(got, c)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("claims read back differ from ClaimsOf (%d vs %d)", len(got), len(want))
	}
	c, ok, err := ix.Claim(context.Background(), ClaimID(doc.ID, 11))
	if err != nil || !ok || !reflect.DeepEqual(c, want[11]) {
		t.Errorf("Claim(%s): %v %v", ClaimID(doc.ID, 11), ok, err)
	}
}

func TestReindexReplaces(t *testing.T) {
	ix := memIndex(t)
	mk := func(doc string, texts ...string) []Claim {
		var out []Claim
		for i, s := range texts {
			out = append(out, Claim{ID: ClaimID(doc, i), Doc: doc, Sentence: i, Text: s})
		}
		return out
	}
	add(t, ix, "d", mk("d", "الأولى عن الغاز.", "الثانية عن الغاز.", "الثالثة عن الغاز.", "الرابعة عن الغاز."))
	add(t, ix, "e", mk("e", "خبر آخر عن الغاز."))
	if got := strings.Join(ids(t, ix, Query{Text: "الغاز"}), " "); got != "d#0 d#1 d#2 d#3 e#0" {
		t.Fatalf("first version: %s", got)
	}
	// a shorter second version, from a new writer
	add(t, ix, "d", mk("d", "نسخة جديدة عن النفط.", "والثانية عن الغاز."))
	if got := strings.Join(ids(t, ix, Query{}), " "); got != "d#0 d#1 e#0" {
		t.Errorf("after re-indexing a shorter version: %s", got)
	}
	// twice in one batch: the last version wins, stale claims go
	w, _ := ix.Writer(0)
	for _, v := range [][]Claim{mk("f", "أ.", "ب.", "ج."), mk("f", "د.")} {
		if err := w.AddClaims("f", v); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(ids(t, ix, Query{Filter: Filter{Doc: "f"}}), " "); got != "f#0" {
		t.Errorf("twice in one batch: %s", got)
	}
	st, err := ix.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 3 || st.Claims != 4 {
		t.Errorf("stats %+v, want 3 documents and 4 claims", st)
	}
	// an article that lost all its sentences loses all its claims
	add(t, ix, "d", nil)
	if got := strings.Join(ids(t, ix, Query{Filter: Filter{Doc: "d"}}), " "); got != "" {
		t.Errorf("after emptying d: %s", got)
	}
	// claims must belong to the document they are added under
	w, _ = ix.Writer(0)
	if err := w.AddClaims("g", mk("h", "خطأ.")); err == nil {
		t.Error("claims of h added under g")
	}
}

func TestStats(t *testing.T) {
	ix := indexSynthetic(t)
	st, err := ix.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := Stats{Documents: 3, Claims: 5, FirstDate: "2021-03-04", LastDate: "2023-11-20"}
	if st != want {
		t.Errorf("got %+v, want %+v", st, want)
	}
}

func TestFacetsAndHighlights(t *testing.T) {
	ix := indexSynthetic(t)
	res, err := ix.Search(context.Background(), Query{Text: "روسيا موسكو", Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 {
		t.Fatalf("total %d", res.Total)
	}
	f := res.Facets
	if !reflect.DeepEqual(f.Years, []FacetCount{{"2021", 1}, {"2023", 1}}) {
		t.Errorf("years %+v", f.Years)
	}
	if len(f.Types) != 3 || len(f.Entities) != 3 {
		t.Errorf("types %+v, entities %+v", f.Types, f.Entities)
	}
	for _, h := range res.Hits {
		rs := []rune(h.Claim.Text)
		if len(h.Highlights) != 1 {
			t.Errorf("%s: highlights %+v", h.Claim.ID, h.Highlights)
			continue
		}
		hl := string(rs[h.Highlights[0].Start:h.Highlights[0].End])
		if hl != "روسيا" && hl != "موسكو" {
			t.Errorf("%s: highlighted %+q", h.Claim.ID, hl)
		}
	}
	// a proclitic is part of the highlighted word
	ix2 := memIndex(t)
	add(t, ix2, "x", []Claim{{ID: "x#0", Doc: "x", Text: "وصل الوفد لروسيا أمس."}})
	res, err = ix2.Search(context.Background(), Query{Text: "روسيا"})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("%v %v", res, err)
	}
	if h := res.Hits[0].Highlights; !reflect.DeepEqual(h, []Highlight{{10, 16}}) {
		t.Errorf("highlights %+v, want the whole word لروسيا", h)
	}
}

func TestBadQuery(t *testing.T) {
	ix := memIndex(t)
	if _, err := ix.Search(context.Background(), Query{Text: `"unclosed`}); err == nil {
		t.Error("a query with an unclosed quote gave no error")
	}
}
