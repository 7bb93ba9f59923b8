package entities

// filter is a one-hash Bloom filter over the keys of every lexicon map the
// recognizer looks words up in. Most words of a text are in none of them:
// the filter turns those map lookups into one hash and one bit test.
type filter struct {
	bits []uint64
}

const filterBits = 1 << 20

func newFilter() filter { return filter{bits: make([]uint64, filterBits/64)} }

const fnvOffset = uint32(2166136261)

// fnvAdd continues an FNV-1a hash over s, so that "ال"+rest hashes without
// building the string.
func fnvAdd(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

func hashKey(s string) uint32 { return fnvAdd(fnvOffset, s) }

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
