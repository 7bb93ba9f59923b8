package index

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/naba-nlp/naba/pipeline"
)

// replicas returns the claims of the sample article copied n times under
// distinct document ids (extraction runs once).
func replicas(tb testing.TB, n int) [][]Claim {
	tb.Helper()
	return replicasOf(sampleDoc(tb), n)
}

// replicasOf copies the claims of doc n times under distinct ids.
func replicasOf(doc *pipeline.Document, n int) [][]Claim {
	base := ClaimsOf(doc)
	out := make([][]Claim, n)
	for i := range out {
		id := doc.ID + "_" + strconv.Itoa(i)
		cs := make([]Claim, len(base))
		for k, c := range base {
			c.Doc, c.ID = id, ClaimID(id, k)
			c.Mentions = append([]pipeline.MentionRecord(nil), c.Mentions...)
			for m := range c.Mentions {
				c.Mentions[m].Doc = id
			}
			cs[k] = c
		}
		out[i] = cs
	}
	return out
}

// cpuTime returns the CPU time (user and system) the process has used: on
// a shared machine, claims per CPU-second is steadier than claims per second.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// BenchmarkIndex measures indexing throughput (claims/s) into an on-disk
// index, extraction excluded. Each iteration indexes 50 copies of the
// sample article under distinct ids.
func BenchmarkIndex(b *testing.B) {
	docs := replicas(b, 50)
	var textBytes, claims int
	for _, cs := range docs {
		for _, c := range cs {
			textBytes += len(c.Text)
			claims++
		}
	}
	b.SetBytes(int64(textBytes))
	b.ResetTimer()
	cpu0 := cpuTime()
	var size int64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := filepath.Join(b.TempDir(), "ix")
		ix, err := Open(dir, false)
		if err != nil {
			b.Fatal(err)
		}
		w, _ := ix.Writer(0)
		b.StartTimer()
		for _, cs := range docs {
			if err := w.AddClaims(cs[0].Doc, cs); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		size = dirSize(dir)
		b.StartTimer()
	}
	b.ReportMetric(float64(claims*b.N)/b.Elapsed().Seconds(), "claims/s")
	b.ReportMetric(float64(claims*b.N)/(cpuTime()-cpu0).Seconds(), "claims/cpu-s")
	b.ReportMetric(float64(size)/float64(textBytes), "size/text")
}

// TestBigIndex builds an index of ≥ 100,000 claims and reports indexing
// throughput, size against text, and search latency percentiles. It is slow,
// so it runs only with NABA_BENCH_BIG=1 (optionally NABA_BENCH_COPIES=N).
func TestBigIndex(t *testing.T) {
	if os.Getenv("NABA_BENCH_BIG") == "" {
		t.Skip("set NABA_BENCH_BIG=1 to build a 100k-claim index and measure it")
	}
	copies := 1000
	if s := os.Getenv("NABA_BENCH_COPIES"); s != "" {
		copies, _ = strconv.Atoi(s)
	}
	docs := replicas(t, copies)
	dir := filepath.Join(t.TempDir(), "ix")
	if d := os.Getenv("NABA_BENCH_DIR"); d != "" {
		dir = d // kept, for TestSearchLatency
		os.RemoveAll(dir)
	}
	ix, err := Open(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := ix.Writer(0)
	var textBytes, claims int
	start, cpu0 := time.Now(), cpuTime()
	for _, cs := range docs {
		for _, c := range cs {
			textBytes += len(c.Text)
		}
		claims += len(cs)
		if err := w.AddClaims(cs[0].Doc, cs); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	el, cpu := time.Since(start), cpuTime()-cpu0
	size := dirSize(dir)
	t.Logf("indexed %d claims (%d KiB of text) in %s: %.0f claims/s, %.0f claims per CPU-second; index %d KiB = %.2f× text",
		claims, textBytes>>10, el.Round(time.Millisecond), float64(claims)/el.Seconds(), float64(claims)/cpu.Seconds(),
		size>>10, float64(size)/float64(textBytes))
	// naba index compacts after a run this large: measure that index too
	if ix, err = Open(dir, false); err != nil {
		t.Fatal(err)
	}
	cstart := time.Now()
	if err := ix.Compact(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	csize := dirSize(dir)
	t.Logf("compacted in %s: index %d KiB = %.2f× text", time.Since(cstart).Round(time.Millisecond), csize>>10, float64(csize)/float64(textBytes))

	ix, err = Open(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	searchLatency(t, ix)
	st, err := ix.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Claims != uint64(claims) || st.Documents != uint64(copies) {
		t.Errorf("stats %+v, want %d claims of %d documents", st, claims, copies)
	}
	fmt.Fprintf(os.Stderr, "claims/s %.0f claims/cpu-s %.0f size/text %.2f compacted %.2f\n", float64(claims)/el.Seconds(),
		float64(claims)/cpu.Seconds(), float64(size)/float64(textBytes), float64(csize)/float64(textBytes))
}

// TestSearchLatency measures search latency on the index TestBigIndex left
// in $NABA_BENCH_DIR.
func TestSearchLatency(t *testing.T) {
	dir := os.Getenv("NABA_BENCH_DIR")
	if dir == "" || os.Getenv("NABA_BENCH_BIG") != "" {
		t.Skip("set NABA_BENCH_DIR to an index built by TestBigIndex")
	}
	ix, err := Open(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	searchLatency(t, ix)
}

func searchLatency(t *testing.T, ix *Index) {
	queries := []string{"روسيا", "بوتين", "الغاز", `"خط أنابيب"`, "+الصين +روسيا", "الاتفاقية", "أوكرانيا -بوتين", "غازبروم", "سيبيريا", "الرئيس الروسي"}
	var lat []time.Duration
	for round := 0; round < 10; round++ {
		for _, q := range queries {
			s := time.Now()
			if _, err := ix.Search(context.Background(), Query{Text: q, Limit: 10}); err != nil {
				t.Fatal(err)
			}
			lat = append(lat, time.Since(s))
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	p := func(q float64) time.Duration { return lat[int(q*float64(len(lat)-1))] }
	t.Logf("search latency over %d queries: p50 %s, p99 %s", len(lat), p(0.5), p(0.99))
	fmt.Fprintf(os.Stderr, "search p50 %s p99 %s\n", p(0.5), p(0.99))
}

// BenchmarkAnalyzer measures the index side of the analyzer on the sample
// article, sentence by sentence.
func BenchmarkAnalyzer(b *testing.B) {
	cs := ClaimsOf(plainSample(b))
	n := 0
	for _, c := range cs {
		n += len(c.Text)
	}
	a := NewAnalyzer(false, nil)
	b.SetBytes(int64(n))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, c := range cs {
			a.Analyze([]byte(c.Text))
		}
	}
}

// BenchmarkSearch measures a one-word search with highlights over 20
// copies of the sample article (about 2,000 claims) in memory.
func BenchmarkSearch(b *testing.B) {
	ix, err := NewMemOnly(Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	w, _ := ix.Writer(0)
	for _, cs := range replicasOf(plainSample(b), 20) {
		if err := w.AddClaims(cs[0].Doc, cs); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ix.Search(context.Background(), Query{Text: "روسيا", Limit: 10}); err != nil {
			b.Fatal(err)
		}
	}
}
