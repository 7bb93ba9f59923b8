package entities

// filter is a one-hash Bloom filter over the keys of every lexicon map the
// recognizer looks words up in. Most words of a text are in none of them:
// the filter turns those map lookups into one hash and one bit test.
type filter struct {
	bits []uint64
}

const filterBits = 1 << 20

func newFilter() filter { return filter{bits: make([]uint64, filterBits/64)} }

// The key hash runs over the bytes from the last to the first, so that the
// hashes of a word and of the word without its proclitic letters (the
// suffixes k[2:], k[4:]) come out of one pass: see state.variantHashes.
const hashSeed = uint32(2166136261)

func hashStep(h uint32, c byte) uint32 { return (h ^ uint32(c)) * 16777619 }

// hashFinish mixes a running hash into the value the filters use.
func hashFinish(h uint32) uint32 {
	h ^= h >> 15
	h *= 0x2C1B3C6D
	h ^= h >> 12
	return h
}

// hashKey hashes s (a key).
func hashKey(s string) uint32 {
	h := hashSeed
	for i := len(s) - 1; i >= 0; i-- {
		h = hashStep(h, s[i])
	}
	return hashFinish(h)
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
