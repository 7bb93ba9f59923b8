package index

import (
	"encoding/binary"
	"errors"
	"math"
	"unicode/utf8"
)

// Stored records are binary (see record.go). Their strings are packed:
// Arabic is most of what an index stores, and each letter of the block
// U+0600–U+067F takes one byte instead of two. Packed bytes:
//
//	0x80–0xFF  the rune U+0600 + (b − 0x80)
//	0x02–0x7F  that ASCII byte
//	0x00 R     the rune R, in UTF-8 (also NUL itself: 0x00 0x00)
//	0x01 B     the byte B as it is (a byte of invalid UTF-8, or 0x01)
//
// Zap compresses stored fields with Snappy on top of this.

// appendPacked appends the packed form of s to dst.
func appendPacked(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x02 && c < 0x80 {
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			dst = append(dst, 0x01, c)
			n = 1
		case c == 0x01:
			dst = append(dst, 0x01, c)
		case r >= 0x600 && r < 0x680:
			dst = append(dst, byte(0x80+r-0x600))
		default:
			dst = append(dst, 0x00)
			dst = append(dst, s[i:i+n]...)
		}
		i += n
	}
	return dst
}

var errPacked = errors.New("bad packed string")

// appendUnpacked appends the string that packed bytes p hold to dst.
func appendUnpacked(dst, p []byte) ([]byte, error) {
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c >= 0x80:
			r := rune(c-0x80) + 0x600
			dst = append(dst, byte(0xC0|r>>6), byte(0x80|r&0x3F))
		case c >= 0x02:
			dst = append(dst, c)
		case c == 0x01:
			if i+1 >= len(p) {
				return dst, errPacked
			}
			i++
			dst = append(dst, p[i])
		default:
			if i+1 >= len(p) {
				return dst, errPacked
			}
			_, n := utf8.DecodeRune(p[i+1:])
			if n == 0 || i+1+n > len(p) {
				return dst, errPacked
			}
			dst = append(dst, p[i+1:i+1+n]...)
			i += n
		}
	}
	return dst, nil
}

// recWriter builds a binary record.
type recWriter struct{ b []byte }

func (w *recWriter) uint(x uint64) { w.b = binary.AppendUvarint(w.b, x) }
func (w *recWriter) int(x int)     { w.b = binary.AppendVarint(w.b, int64(x)) }
func (w *recWriter) float(x float64) {
	w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(x))
}

// str writes a packed string with its packed length.
func (w *recWriter) str(s string) {
	n := len(w.b)
	w.b = append(w.b, 0, 0, 0, 0, 0) // room for the length: rewritten below
	w.b = appendPacked(w.b, s)
	l := len(w.b) - n - 5
	var tmp [binary.MaxVarintLen64]byte
	k := binary.PutUvarint(tmp[:], uint64(l))
	copy(w.b[n:], tmp[:k])
	w.b = append(w.b[:n+k], w.b[n+5:]...)
}

// recReader reads a binary record; the first error sticks.
type recReader struct {
	b   []byte
	err error
}

func (r *recReader) fail() {
	if r.err == nil {
		r.err = errPacked
	}
	r.b = nil
}

func (r *recReader) uint() uint64 {
	x, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return x
}

func (r *recReader) int() int {
	x, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return int(x)
}

func (r *recReader) float() float64 {
	if len(r.b) < 8 {
		r.fail()
		return 0
	}
	x := math.Float64frombits(binary.LittleEndian.Uint64(r.b))
	r.b = r.b[8:]
	return x
}

func (r *recReader) byte() byte {
	if len(r.b) < 1 {
		r.fail()
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *recReader) str() string {
	n := r.uint()
	if r.err != nil || n > uint64(len(r.b)) {
		r.fail()
		return ""
	}
	s, err := appendUnpacked(make([]byte, 0, 2*n), r.b[:n])
	if err != nil {
		r.fail()
		return ""
	}
	r.b = r.b[n:]
	return string(s)
}

// text reads a claim text: packed, then coded with h.
func (r *recReader) text(h *huffman) string {
	n := r.uint()
	l := r.uint()
	if r.err != nil || l > uint64(len(r.b)) || n > 8*l {
		r.fail()
		return ""
	}
	p, err := h.appendDecoded(make([]byte, 0, n), r.b[:l], int(n))
	if err != nil {
		r.fail()
		return ""
	}
	r.b = r.b[l:]
	s, err := appendUnpacked(make([]byte, 0, 2*n), p)
	if err != nil {
		r.fail()
		return ""
	}
	return string(s)
}
