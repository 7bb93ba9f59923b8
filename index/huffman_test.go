package index

import (
	"bufio"
	"container/heap"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestHuffmanTable checks that codeLengths is a complete prefix code over
// every byte. With NABA_HUFFMAN=1 it prints a table made from the sample
// article and the retrieval test articles instead.
func TestHuffmanTable(t *testing.T) {
	if os.Getenv("NABA_HUFFMAN") != "" {
		t.Logf("codeLengths = %q", makeCodeLengths(t))
		return
	}
	if len(codeLengths) != 256 {
		t.Fatalf("%d code lengths, want 256", len(codeLengths))
	}
	h := newHuffman()
	kraft := 0
	for s, l := range h.length {
		if l == 0 || l > maxCodeLen {
			t.Fatalf("symbol %#x: length %d", s, l)
		}
		kraft += 1 << (maxCodeLen - l)
	}
	if kraft != 1<<maxCodeLen {
		t.Errorf("Kraft sum %d/%d: the code is not complete", kraft, 1<<maxCodeLen)
	}
}

func TestHuffmanRoundTrip(t *testing.T) {
	h := newHuffman()
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	for _, p := range [][]byte{nil, all, appendPacked(nil, "قال الرئيس بوتين إن روسيا مستعدة."), []byte("\x00\x00\xff\xff a")} {
		enc := h.appendEncoded(nil, p)
		got, err := h.appendDecoded(nil, enc, len(p))
		if err != nil || string(got) != string(p) {
			t.Fatalf("%x: coded %x, decoded %x (%v)", p, enc, got, err)
		}
		if _, err := h.appendDecoded(nil, enc, len(p)+8*len(enc)+1); err == nil && len(p) > 0 {
			t.Errorf("%x: decoding past the end gave no error", p)
		}
	}
}

func FuzzHuffman(f *testing.F) {
	f.Add([]byte("قال الرئيس"), 3)
	h := newHuffman()
	f.Fuzz(func(t *testing.T, p []byte, n int) {
		enc := h.appendEncoded(nil, p)
		got, err := h.appendDecoded(nil, enc, len(p))
		if err != nil || string(got) != string(p) {
			t.Fatalf("%x: coded %x, decoded %x (%v)", p, enc, got, err)
		}
		h.appendDecoded(nil, p, min(max(n, 0), 1<<12)) // any bytes: no panic
	})
}

// makeCodeLengths builds code lengths from the packed text of the sample
// article and the test articles; every byte gets a code, and no code is
// longer than maxCodeLen.
func makeCodeLengths(t *testing.T) string {
	var counts [256]int
	add := func(s string) {
		for _, b := range appendPacked(nil, s) {
			counts[b]++
		}
	}
	for _, c := range ClaimsOf(sampleDoc(t)) {
		add(c.Text)
	}
	f, err := os.Open("../testdata/index/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var a struct{ Text, Title string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		add(a.Text)
		add(a.Title)
	}
	for k := 1; ; k *= 2 {
		var w [256]int
		for i, c := range counts {
			w[i] = c*16 + k // every byte possible; k flattens until lengths fit
		}
		ls := huffmanLengths(w)
		ok := true
		var b strings.Builder
		for _, l := range ls {
			if l > maxCodeLen {
				ok = false
			}
			fmt.Fprintf(&b, "%x", l)
		}
		if ok {
			return b.String()
		}
	}
}

type hnode struct {
	w    int
	syms []int
}
type hheap []hnode

func (h hheap) Len() int           { return len(h) }
func (h hheap) Less(i, j int) bool { return h[i].w < h[j].w }
func (h hheap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *hheap) Push(x any)        { *h = append(*h, x.(hnode)) }
func (h *hheap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func huffmanLengths(w [256]int) [256]int {
	var ls [256]int
	h := &hheap{}
	for i, x := range w {
		heap.Push(h, hnode{x, []int{i}})
	}
	for h.Len() > 1 {
		a, b := heap.Pop(h).(hnode), heap.Pop(h).(hnode)
		for _, s := range a.syms {
			ls[s]++
		}
		for _, s := range b.syms {
			ls[s]++
		}
		heap.Push(h, hnode{a.w + b.w, append(append([]int{}, a.syms...), b.syms...)})
	}
	return ls
}
