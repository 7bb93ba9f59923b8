// Package normalize turns Arabic text into the forms naba matches on, while
// keeping a map from every offset of the normalized text back to the original.
//
// There are two levels:
//
//   - the light form removes harakat, superscript alef, tatweel, Quranic marks
//     and invisible characters, maps presentation forms through NFKC, maps
//     Arabic-Indic and Persian digits to ASCII and folds the Arabic decimal and
//     thousands separators inside numbers;
//   - the matching key is the light form with alef, hamza-carrier, alef
//     maqsura and ta marbuta variants folded, and ASCII lowercased.
//
// The key has exactly the byte length of the light form, so one alignment
// serves both. Every stage of the pipeline and every lexicon loader uses this
// package: there is no second normalization anywhere in naba.
package normalize

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Named runes, after Bleve's analysis/lang/ar.
const (
	Tatweel           = '\u0640'
	FirstHaraka       = '\u064B' // fathatan
	LastHaraka        = '\u0652' // sukun
	SuperscriptAlef   = '\u0670'
	FirstQuranicMark  = '\u06D6'
	LastQuranicMark   = '\u06ED'
	ArabicDecimalSep  = '\u066B' // ٫
	ArabicThousandSep = '\u066C' // ٬
	ArabicLetterMark  = '\u061C'
	ZeroWidthSpace    = '\u200B'
	ZWNJ              = '\u200C'
	ZWJ               = '\u200D'
	LRM               = '\u200E'
	RLM               = '\u200F'
	WordJoiner        = '\u2060'
	BOM               = '\uFEFF'
	SoftHyphen        = '\u00AD'

	Alef            = '\u0627'
	AlefHamzaAbove  = '\u0623'
	AlefHamzaBelow  = '\u0625'
	AlefMadda       = '\u0622'
	AlefWasla       = '\u0671'
	AlefMaksura     = '\u0649'
	Yeh             = '\u064A'
	FarsiYeh        = '\u06CC'
	Kaf             = '\u0643'
	Keheh           = '\u06A9'
	TehMarbuta      = '\u0629'
	Heh             = '\u0647'
	WawHamza        = '\u0624'
	Waw             = '\u0648'
	YehHamza        = '\u0626'
	ArabicIndicZero = '\u0660'
	PersianZero     = '\u06F0'
)

// Removed reports whether the light form drops r.
func Removed(r rune) bool {
	switch {
	case r >= FirstHaraka && r <= LastHaraka, r == SuperscriptAlef, r == Tatweel,
		r >= FirstQuranicMark && r <= LastQuranicMark:
		return true
	}
	return Invisible(r)
}

// Invisible reports whether r is a format or invisible character that the
// light form drops (as opposed to a diacritic).
func Invisible(r rune) bool {
	switch {
	case r == ZWNJ, r == ZWJ, r == LRM, r == RLM, r == ArabicLetterMark, r == BOM,
		r == SoftHyphen, r == ZeroWidthSpace, r == WordJoiner,
		r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069':
		return true
	}
	return false
}

// Diacritic reports whether r is a removed mark that belongs to the letter
// before it (harakat, superscript alef, tatweel, Quranic marks).
func Diacritic(r rune) bool { return Removed(r) && !Invisible(r) }

func presentationForm(r rune) bool {
	return (r >= '\uFB50' && r <= '\uFDFF') || (r >= '\uFE70' && r <= '\uFEFE')
}

// digitValue returns the ASCII digit for any of the three digit scripts.
func digitValue(r rune) (byte, bool) {
	switch {
	case r >= '0' && r <= '9':
		return byte(r), true
	case r >= ArabicIndicZero && r <= ArabicIndicZero+9:
		return byte('0' + r - ArabicIndicZero), true
	case r >= PersianZero && r <= PersianZero+9:
		return byte('0' + r - PersianZero), true
	}
	return 0, false
}

// Text is a normalized view of an original text with its alignment.
type Text struct {
	Orig  string // the original text, never modified
	Light string // the light form
	Key   string // the matching key, byte-aligned with Light
	// toOrig[i] is the original byte offset of the character that produced
	// byte i of Light; toOrig[len(Light)] == len(Orig).
	toOrig []int32
}

// New normalizes orig. Invalid UTF-8 bytes are kept as U+FFFD would be
// mapped: each invalid byte becomes one replacement character, aligned to it.
func New(orig string) *Text {
	out := make([]byte, 0, len(orig))
	to := make([]int32, 0, len(orig)+1)
	for i := 0; i < len(orig); {
		c := orig[i]
		if c < utf8.RuneSelf {
			out = append(out, c)
			to = append(to, int32(i))
			i++
			continue
		}
		// fast path: the common Arabic letters and punctuation are kept as is
		if (c == 0xD8 || c == 0xD9) && i+1 < len(orig) && orig[i+1]&0xC0 == 0x80 {
			r := rune(c&0x1F)<<6 | rune(orig[i+1]&0x3F)
			if (r >= '\u0621' && r <= '\u063A') || (r >= '\u0641' && r <= '\u064A') || r == '\u060C' || r == '\u061B' || r == '\u061F' {
				out = append(out, c, orig[i+1])
				to = append(to, int32(i), int32(i))
				i += 2
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(orig[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			out = append(out, "\uFFFD"...)
			to = append(to, int32(i), int32(i), int32(i))
		case Removed(r):
			// dropped: accounted for by the alignment gap
		default:
			if d, ok := digitValue(r); ok {
				out = append(out, d)
				to = append(to, int32(i))
			} else if (r == ArabicDecimalSep || r == ArabicThousandSep) && endsWithDigit(out) && nextIsDigit(orig, i+size) {
				if r == ArabicDecimalSep {
					out = append(out, '.')
				} else {
					out = append(out, ',')
				}
				to = append(to, int32(i))
			} else if presentationForm(r) {
				exp := expand(r)
				out = append(out, exp...)
				for k := 0; k < len(exp); k++ {
					to = append(to, int32(i))
				}
			} else {
				out = append(out, orig[i:i+size]...)
				for k := 0; k < size; k++ {
					to = append(to, int32(i))
				}
			}
		}
		i += size
	}
	to = append(to, int32(len(orig)))
	light := string(out)
	return &Text{Orig: orig, Light: light, Key: keyOf(out), toOrig: to}
}

// expand maps one presentation form through NFKC and then through the light
// form itself, so that the result is already normalized. A leading space
// (isolated harakat forms decompose to space + mark) is dropped.
func expand(r rune) string {
	s := norm.NFKC.String(string(r))
	var b strings.Builder
	for _, c := range s {
		if Removed(c) {
			continue
		}
		if d, ok := digitValue(c); ok {
			b.WriteByte(d)
			continue
		}
		b.WriteRune(c)
	}
	return strings.TrimLeft(b.String(), " ")
}

func endsWithDigit(b []byte) bool { return len(b) > 0 && b[len(b)-1] >= '0' && b[len(b)-1] <= '9' }

func nextIsDigit(s string, i int) bool {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if Removed(r) {
			i += size
			continue
		}
		_, ok := digitValue(r)
		return ok
	}
	return false
}

// keyOf folds the light form into the matching key. Every fold maps a
// two-byte letter to a two-byte letter (or an ASCII byte to an ASCII byte),
// so the key stays byte-aligned with the light form.
func keyOf(light []byte) string {
	k := make([]byte, len(light))
	copy(k, light)
	for i := 0; i < len(k); i++ {
		c := k[i]
		switch {
		case c < utf8.RuneSelf:
			if c >= 'A' && c <= 'Z' {
				k[i] = c + 'a' - 'A'
			}
		case i+1 >= len(k):
		case c == 0xD8: // أ إ آ ؤ ئ ة
			switch k[i+1] {
			case 0xA2, 0xA3, 0xA5: // آ أ إ → ا
				k[i+1] = 0xA7
			case 0xA4: // ؤ → و
				k[i], k[i+1] = 0xD9, 0x88
			case 0xA6: // ئ → ي
				k[i], k[i+1] = 0xD9, 0x8A
			case 0xA9: // ة → ه
				k[i], k[i+1] = 0xD9, 0x87
			}
			i++
		case c == 0xD9:
			switch k[i+1] {
			case 0x89: // ى → ي
				k[i+1] = 0x8A
			case 0xB1: // ٱ → ا
				k[i], k[i+1] = 0xD8, 0xA7
			}
			i++
		case c == 0xDA && k[i+1] == 0xA9: // ک → ك
			k[i], k[i+1] = 0xD9, 0x83
			i++
		case c == 0xDB && k[i+1] == 0x8C: // ی → ي
			k[i], k[i+1] = 0xD9, 0x8A
			i++
		}
	}
	return string(k)
}

func keyFold(r rune) (rune, bool) {
	switch r {
	case AlefHamzaAbove, AlefHamzaBelow, AlefMadda, AlefWasla:
		return Alef, true
	case AlefMaksura, YehHamza, FarsiYeh:
		return Yeh, true
	case TehMarbuta:
		return Heh, true
	case WawHamza:
		return Waw, true
	case Keheh:
		return Kaf, true
	}
	return 0, false
}

// KeyRune folds one rune as the matching key does.
func KeyRune(r rune) rune {
	if r >= 'A' && r <= 'Z' {
		return r + 'a' - 'A'
	}
	if f, ok := keyFold(r); ok {
		return f
	}
	return r
}

// Light returns the light form of s.
func Light(s string) string { return New(s).Light }

// Key returns the matching key of s. Lexicon loaders use it for every entry.
func Key(s string) string { return New(s).Key }

// OrigOffset maps a byte offset of the light form (or key) to the original
// text: the start of the character that produced it.
func (t *Text) OrigOffset(i int) int {
	if i <= 0 {
		return 0
	}
	if i >= len(t.toOrig) {
		return len(t.Orig)
	}
	return int(t.toOrig[i])
}

// OrigSpan maps a span [s,e) of the light form to the original text. The
// original span includes the diacritics and tatweel that follow its last
// letter, but not trailing invisible characters.
func (t *Text) OrigSpan(s, e int) (int, int) {
	if e <= s {
		o := t.OrigOffset(s)
		return o, o
	}
	start := t.OrigOffset(s)
	if e >= len(t.Light) {
		e = len(t.Light)
	}
	end := int(t.toOrig[e])
	if e < len(t.Light) && t.toOrig[e] == t.toOrig[e-1] {
		// the span ends inside the expansion of one original character
		_, size := utf8.DecodeRuneInString(t.Orig[end:])
		return start, end + size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(t.Orig[:end])
		if !Invisible(r) {
			break
		}
		end -= size
	}
	return start, end
}

// LightOffset maps an original byte offset to the light form: the first
// light byte whose source starts at or after o.
func (t *Text) LightOffset(o int) int {
	lo, hi := 0, len(t.toOrig)-1
	for lo < hi {
		m := (lo + hi) / 2
		if int(t.toOrig[m]) < o {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
