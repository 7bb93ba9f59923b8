package index

import "errors"

// The claim text, once packed (pack.go), is stored with a fixed Huffman
// code: Arabic news uses a few dozen letters far more than the rest, and
// Snappy, which Bleve applies to stored fields, finds little to compress
// in a sentence. codeLengths holds the code length in bits (hex, 1 to f)
// of each packed byte value 0x00–0xff; the code is canonical. It was made
// from letter counts of Arabic news (see TestHuffmanTable) and is part of
// the index format: changing it needs a new formatVersion.
const codeLengths = "" +
	"afffffffffafffffffffffffffffffff3ffffcffccfffb7f9a9babccdaafffff" +
	"fdffffffffffffffffffffdfffdffffffffffffffffffffdffffdfefffffffff" +
	"ffffffffffff7ffffffffffffff9fffbf996b7835558767585767787958bffff" +
	"c66635564748dcaab7dfffffffffffffffffffffffffffffffffffffffffffff"

const maxCodeLen = 15

// huffman is the canonical code of codeLengths.
type huffman struct {
	code   [256]uint16
	length [256]uint8
	// decoding: per length, the first code, the number of codes and the
	// index of the first symbol in symbols
	first, count, offset [maxCodeLen + 1]int
	symbols              [256]byte
}

func newHuffman() *huffman {
	h := &huffman{}
	for i := range 256 {
		c := codeLengths[i]
		switch {
		case c >= '1' && c <= '9':
			h.length[i] = c - '0'
		case c >= 'a' && c <= 'f':
			h.length[i] = c - 'a' + 10
		}
	}
	var count [maxCodeLen + 1]int
	for _, l := range h.length {
		count[l]++
	}
	count[0] = 0
	code, n := 0, 0
	var next [maxCodeLen + 1]int
	for l := 1; l <= maxCodeLen; l++ {
		code = (code + count[l-1]) << 1
		next[l] = code
		h.first[l], h.count[l], h.offset[l] = code, count[l], n
		n += count[l]
	}
	for l := 1; l <= maxCodeLen; l++ {
		for s := range 256 {
			if int(h.length[s]) == l {
				h.code[s] = uint16(next[l])
				h.symbols[h.offset[l]+next[l]-h.first[l]] = byte(s)
				next[l]++
			}
		}
	}
	return h
}

// appendEncoded appends the code of p to dst (most significant bit first,
// the last byte padded with zeros).
func (h *huffman) appendEncoded(dst, p []byte) []byte {
	var acc uint64
	var n uint
	for _, b := range p {
		acc = acc<<h.length[b] | uint64(h.code[b])
		n += uint(h.length[b])
		for n >= 8 {
			n -= 8
			dst = append(dst, byte(acc>>n))
		}
	}
	if n > 0 {
		dst = append(dst, byte(acc<<(8-n)))
	}
	return dst
}

var errHuffman = errors.New("bad coded text")

// appendDecoded appends the n symbols coded in b to dst.
func (h *huffman) appendDecoded(dst, b []byte, n int) ([]byte, error) {
	bit := 0
	for range n {
		code := 0
		for l := 1; ; l++ {
			if l > maxCodeLen || bit >= 8*len(b) {
				return dst, errHuffman
			}
			code = code<<1 | int(b[bit>>3]>>(7-bit&7)&1)
			bit++
			if i := code - h.first[l]; i >= 0 && i < h.count[l] {
				dst = append(dst, h.symbols[h.offset[l]+i])
				break
			}
		}
	}
	return dst, nil
}
