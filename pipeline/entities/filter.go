package entities

// filter is a one-hash Bloom filter over the keys of every lexicon map the
// recognizer looks words up in. Most words of a text are in none of them:
// the filter turns those map lookups into one hash and one bit test.
type filter struct {
	bits []uint64
}

const filterBits = 1 << 20

func newFilter() filter { return filter{bits: make([]uint64, filterBits/64)} }

// hashKey is a fast non-cryptographic hash of s, eight bytes at a time.
func hashKey(s string) uint32 {
	h := uint64(len(s)) * 0x9E3779B97F4A7C15
	for len(s) >= 8 {
		w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		h = (h ^ w) * 0xFF51AFD7ED558CCD
		h ^= h >> 32
		s = s[8:]
	}
	var w uint64
	for i := 0; i < len(s); i++ {
		w |= uint64(s[i]) << (8 * i)
	}
	h = (h ^ w) * 0xC4CEB9FE1A85EC53
	h ^= h >> 29
	return uint32(h) ^ uint32(h>>32)
}

func (f filter) add(s string) {
	h := hashKey(s) & (filterBits - 1)
	f.bits[h>>6] |= 1 << (h & 63)
}

// mayContain reports false when s is surely not a key.
func (f filter) mayContain(s string) bool {
	if f.bits == nil {
		return true // the empty filter lets every key through
	}
	return f.mayContainHash(hashKey(s))
}

// mayContainHash is mayContain for a key hashed with hashKey.
func (f filter) mayContainHash(h uint32) bool {
	h &= filterBits - 1
	return f.bits[h>>6]&(1<<(h&63)) != 0
}

// smallFilter is a filter for a few keys (a document's aliases).
type smallFilter [64]uint64

func (f *smallFilter) add(s string) {
	h := hashKey(s) & 4095
	f[h>>6] |= 1 << (h & 63)
}

func (f *smallFilter) mayContainHash(h uint32) bool {
	h &= 4095
	return f[h>>6]&(1<<(h&63)) != 0
}
