package index

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
)

func TestSecondWriterIsLockedOut(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	ix, err := Open(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	_, err = OpenWith(dir, Options{LockWait: 100 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second writer: got %v, want ErrLocked", err)
	}
	if !strings.Contains(err.Error(), "index is locked by another naba process") {
		t.Errorf("message %q does not say the index is locked by another naba process", err)
	}
}

func TestSearchWhileIndexing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	ix, err := Open(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := ix.Writer(50)
	cs := replicasOf(plainSample(t), 1)[0]
	if err := w.AddClaims(cs[0].Doc, cs); err != nil {
		t.Fatal(err)
	}
	// While the writer holds the index, a search process either reads it
	// or is told clearly why it cannot.
	r, err := OpenWith(dir, Options{ReadOnly: true, LockWait: 100 * time.Millisecond})
	switch {
	case err == nil:
		if _, err := r.Search(context.Background(), Query{Text: "روسيا"}); err != nil {
			t.Errorf("search while indexing: %v", err)
		}
		r.Close()
	case errors.Is(err, ErrLocked):
		if !strings.Contains(err.Error(), "being written") {
			t.Errorf("message %q does not say the index is being written", err)
		}
	default:
		t.Fatalf("read-only open while indexing: %v", err)
	}
	// The writer's own index searches fine meanwhile.
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(context.Background(), Query{Text: "روسيا"})
	if err != nil || res.Total == 0 {
		t.Errorf("search in the writing process: %v, %v", res, err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	r, err = Open(dir, true)
	if err != nil {
		t.Fatalf("read-only open after indexing: %v", err)
	}
	r.Close()
}

// helperEnv makes the test binary an indexing process that never finishes
// (see TestHelperIndexer), to be killed.
const helperEnv = "NABA_INDEX_TEST_HELPER"

// TestHelperIndexer is not a test: run as a subprocess, it indexes the
// sample article over and over into $NABA_INDEX_TEST_HELPER, printing a
// line after each batch, until it is killed.
func TestHelperIndexer(t *testing.T) {
	dir := os.Getenv(helperEnv)
	if dir == "" {
		t.Skip("helper process for TestKillDuringIndexing")
	}
	ix, err := Open(dir, false)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	w, _ := ix.Writer(300)
	docs := replicasOf(plainSample(t), 30)
	for round := 0; ; round++ {
		for _, cs := range docs {
			if err := w.AddClaims(cs[0].Doc, cs); err != nil {
				fmt.Println("error", err)
				os.Exit(2)
			}
			if err := w.Flush(); err != nil {
				fmt.Println("error", err)
				os.Exit(2)
			}
			fmt.Println("batch", round)
		}
	}
}

func TestKillDuringIndexing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a subprocess")
	}
	dir := filepath.Join(t.TempDir(), "ix")
	docs := replicasOf(plainSample(t), 30)
	want := 0
	for _, cs := range docs {
		want += len(cs)
	}
	for _, after := range []int{3, 40} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperIndexer$", "-test.count=1")
		cmd.Env = append(os.Environ(), helperEnv+"="+dir)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		n := 0
		for n < after && sc.Scan() {
			if strings.HasPrefix(sc.Text(), "error") {
				t.Fatal(sc.Text())
			}
			if strings.HasPrefix(sc.Text(), "batch") {
				n++
			}
		}
		if err := cmd.Process.Kill(); err != nil { // SIGKILL
			t.Fatal(err)
		}
		cmd.Wait()
		if n < after {
			t.Fatalf("helper stopped after %d batches", n)
		}

		// The index opens, and indexing the same articles again completes
		// with every claim once.
		ix, err := Open(dir, false)
		if err != nil {
			t.Fatalf("after kill -9 at batch %d: %v", after, err)
		}
		w, _ := ix.Writer(0)
		for _, cs := range docs {
			if err := w.AddClaims(cs[0].Doc, cs); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		st, err := ix.Stats(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if st.Claims != uint64(want) || st.Documents != uint64(len(docs)) {
			t.Errorf("after kill -9 at batch %d and a re-run: %d claims of %d documents, want %d of %d",
				after, st.Claims, st.Documents, want, len(docs))
		}
		seen := map[string]bool{}
		if err := ix.Claims(context.Background(), Filter{}, func(c Claim) error {
			if seen[c.ID] {
				return fmt.Errorf("duplicate claim %s", c.ID)
			}
			seen[c.ID] = true
			return nil
		}); err != nil {
			t.Error(err)
		}
		if len(seen) != want {
			t.Errorf("iterated %d claims, want %d", len(seen), want)
		}
		if err := ix.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestForeignOrDamagedDirectory(t *testing.T) {
	good := func(t *testing.T) string {
		dir := filepath.Join(t.TempDir(), "ix")
		ix, err := Open(dir, false)
		if err != nil {
			t.Fatal(err)
		}
		w, _ := ix.Writer(0)
		cs := replicasOf(plainSample(t), 1)[0]
		if err := w.AddClaims(cs[0].Doc, cs); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	overwrite := func(t *testing.T, path string, data []byte) {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name  string
		make  func(t *testing.T) string
		want  error
		words string
	}{
		{"a file", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "notes.txt")
			overwrite(t, p, []byte("hello"))
			return p
		}, ErrNotAnIndex, "file"},
		{"a directory of other files", func(t *testing.T) string {
			d := t.TempDir()
			overwrite(t, filepath.Join(d, "a.txt"), []byte("hello"))
			return d
		}, ErrNotAnIndex, "holds no index"},
		{"a Bleve index of another program", func(t *testing.T) string {
			d := filepath.Join(t.TempDir(), "other")
			bi, err := bleve.New(d, bleve.NewIndexMapping())
			if err != nil {
				t.Fatal(err)
			}
			bi.Close()
			return d
		}, ErrNotAnIndex, "another program"},
		{"a naba index of an older format", func(t *testing.T) string {
			d := good(t)
			bi, err := bleve.Open(d)
			if err != nil {
				t.Fatal(err)
			}
			b := bi.NewBatch()
			b.SetInternal([]byte(formatInternal), []byte("1"))
			done := make(chan error, 1)
			b.SetPersistedCallback(func(err error) { done <- err })
			if err := bi.Batch(b); err != nil {
				t.Fatal(err)
			}
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			bi.Close()
			return d
		}, ErrNotAnIndex, "re-create it with naba index"},
		{"garbage index_meta.json", func(t *testing.T) string {
			d := good(t)
			overwrite(t, filepath.Join(d, "index_meta.json"), []byte("{not json"))
			return d
		}, ErrCorrupt, "damaged"},
		{"garbage root.bolt", func(t *testing.T) string {
			d := good(t)
			overwrite(t, filepath.Join(d, "store", "root.bolt"), []byte(strings.Repeat("naba", 2048)))
			return d
		}, ErrCorrupt, "damaged"},
		{"empty root.bolt", func(t *testing.T) string {
			d := good(t)
			overwrite(t, filepath.Join(d, "store", "root.bolt"), nil)
			return d
		}, nil, ""},
		{"truncated segment", func(t *testing.T) string {
			d := good(t)
			segs, _ := filepath.Glob(filepath.Join(d, "store", "*.zap"))
			for _, s := range segs {
				b, _ := os.ReadFile(s)
				overwrite(t, s, b[:len(b)/3])
			}
			return d
		}, nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := c.make(t)
			for _, ro := range []bool{true, false} {
				ix, err := OpenWith(dir, Options{ReadOnly: ro, LockWait: 100 * time.Millisecond})
				t.Logf("read-only %v: %v", ro, err)
				if err == nil {
					// Whatever opens must answer or fail cleanly.
					_, serr := ix.Search(context.Background(), Query{Text: "روسيا"})
					_, sterr := ix.Stats(context.Background())
					ix.Close()
					t.Logf("search: %v; stats: %v", serr, sterr)
					if c.want != nil {
						t.Errorf("read-only %v: opened, want %v (search: %v, stats: %v)", ro, c.want, serr, sterr)
					}
					continue
				}
				if c.want == nil {
					if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrNotAnIndex) {
						t.Errorf("read-only %v: %v, want a damaged or not-an-index error", ro, err)
					}
					continue
				}
				if !errors.Is(err, c.want) {
					t.Errorf("read-only %v: %v, want %v", ro, err, c.want)
				}
				if !strings.Contains(err.Error(), c.words) {
					t.Errorf("read-only %v: %q does not say %q", ro, err, c.words)
				}
			}
		})
	}
}
