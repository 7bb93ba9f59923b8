// Package segment splits normalized Arabic text into tokens and sentences.
//
// It works on the light form of a normalize.Text, so that diacritics and
// invisible characters never split a word, and reports every span in bytes of
// the light form; normalize.Text.OrigSpan maps them back to the original.
// Sentences are built from tokens, so a token always belongs to exactly one
// sentence.
package segment

import (
	"unicode"
	"unicode/utf8"

	"github.com/naba-nlp/naba/pipeline/normalize"
)

// TokenKind classifies a token.
type TokenKind uint8

// Token kinds.
const (
	Word   TokenKind = iota + 1 // an Arabic word
	Number                      // digits with their separators and decimal point
	Latin                       // a Latin-script (or other non-Arabic) word
	Punct                       // one punctuation mark or symbol
)

func (k TokenKind) String() string {
	switch k {
	case Word:
		return "word"
	case Number:
		return "number"
	case Latin:
		return "latin"
	case Punct:
		return "punct"
	}
	return "unknown"
}

// MarshalText writes the kind by name.
func (k TokenKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Token is one token. Start and End are byte offsets into the light form
// (and the key, which has the same offsets).
type Token struct {
	Start, End int
	Kind       TokenKind
	// Glued is true when no whitespace separates this token from the one
	// before it (e.g. the 2 of سيبيريا2, the % of 26%).
	Glued bool
	// Sentence is the index of the sentence the token belongs to.
	Sentence int
}

// Sentence is a span of tokens [TokStart,TokEnd) and of the light form.
type Sentence struct {
	Start, End       int // light-form byte offsets
	TokStart, TokEnd int
	Paragraph        int // index of the paragraph (line block) it belongs to
}

// Abbreviations decides whether a full stop after a word ends a sentence.
type Abbreviations interface {
	// IsAbbreviation reports whether key (a token's matching key) followed
	// by '.' is an abbreviation, not a sentence end.
	IsAbbreviation(key string) bool
}

// Result is what Segment produces.
type Result struct {
	Tokens    []Token
	Sentences []Sentence
}

// IsArabicLetter reports whether r is an Arabic-script letter.
func IsArabicLetter(r rune) bool {
	switch {
	case r >= '\u0621' && r <= '\u064A':
		return true
	case r >= '\u066E' && r <= '\u06D3', r == '\u06D5', r >= '\u06EE' && r <= '\u06EF',
		r >= '\u06FA' && r <= '\u06FF', r >= '\u0750' && r <= '\u077F',
		r >= '\u08A0' && r <= '\u08C9':
		return r != '\u06D4'
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// Tokenize splits the light form into tokens (Sentence left at 0).
func Tokenize(light string) []Token {
	toks := make([]Token, 0, len(light)/5)
	glued := false
	for i := 0; i < len(light); {
		c := light[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' {
			glued = false
			i++
			continue
		}
		start := i
		var kind TokenKind
		switch {
		case isDigit(c):
			kind = Number
			i = scanNumber(light, i)
		case c < utf8.RuneSelf:
			if isASCIILetter(c) {
				kind = Latin
				i = scanLatin(light, i)
			} else {
				kind = Punct
				i++
			}
		default:
			r, size := utf8.DecodeRuneInString(light[i:])
			switch {
			case IsArabicLetter(r):
				kind = Word
				i += size
				for i < len(light) {
					// fast path: two-byte letters of the basic Arabic block
					if c2 := light[i]; (c2 == 0xD8 && i+1 < len(light) && light[i+1] >= 0xA1 && light[i+1] <= 0xBA) ||
						(c2 == 0xD9 && i+1 < len(light) && light[i+1] >= 0x81 && light[i+1] <= 0x8A) {
						i += 2
						continue
					}
					r2, s2 := utf8.DecodeRuneInString(light[i:])
					if !IsArabicLetter(r2) {
						break
					}
					i += s2
				}
			case unicode.IsSpace(r):
				glued = false
				i += size
				continue
			case unicode.IsLetter(r):
				kind = Latin
				i = scanLatin(light, i)
			default:
				kind = Punct
				i += size
			}
		}
		toks = append(toks, Token{Start: start, End: i, Kind: kind, Glued: glued && len(toks) > 0})
		glued = true
	}
	return toks
}

func isASCIILetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

// scanLatin scans letters and digits of non-Arabic scripts (AvtoVAZ, F16).
func scanLatin(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if isASCIILetter(c) || isDigit(c) {
				i++
				continue
			}
			return i
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if IsArabicLetter(r) || !(unicode.IsLetter(r) || unicode.IsMark(r)) {
			return i
		}
		i += size
	}
	return i
}

// scanNumber scans digits with inner separators: '.' and ',' followed by a
// digit, and the Arabic comma when exactly three digits follow (26،013.94).
func scanNumber(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	for i < len(s) {
		switch {
		case (s[i] == '.' || s[i] == ',') && i+1 < len(s) && isDigit(s[i+1]):
			i++
		case s[i] == 0xD8 && i+1 < len(s) && s[i+1] == 0x8C && threeDigits(s, i+2): // ،
			i += 2
		default:
			return i
		}
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	return i
}

func threeDigits(s string, i int) bool {
	if i+3 > len(s) {
		return false
	}
	for k := i; k < i+3; k++ {
		if !isDigit(s[k]) {
			return false
		}
	}
	return i+3 == len(s) || !isDigit(s[i+3])
}

// terminal reports whether a punctuation token ends a sentence.
func terminal(tok string) bool {
	switch tok {
	case ".", "!", "?", "؟", "۔", "…":
		return true
	}
	return false
}

// closer reports whether a punctuation token closes a quote or bracket and so
// stays with the sentence it ends.
func closer(tok string) bool {
	switch tok {
	case "»", "\"", "”", "’", "'", ")", "]", "›", "}":
		return true
	}
	return false
}

// Segment tokenizes t and groups the tokens into sentences. Sentences end at
// . ! ? ؟ ۔ … (with any closing quotes or brackets that follow) and at line
// breaks; a full stop after an abbreviation (a single letter, or a word that
// abbr knows) does not end a sentence, except for the year markers م and ه
// after a number ("عام 2021م.").
func Segment(t *normalize.Text, abbr Abbreviations) Result {
	toks := Tokenize(t.Light)
	var sents []Sentence
	light, key := t.Light, t.Key
	para := 0
	sentStart := 0
	lastEnd := 0
	flush := func(end int) {
		if end > sentStart {
			sents = append(sents, Sentence{
				Start: toks[sentStart].Start, End: toks[end-1].End,
				TokStart: sentStart, TokEnd: end, Paragraph: para,
			})
		}
		sentStart = end
	}
	for i := 0; i < len(toks); i++ {
		tk := toks[i]
		// a line break between the previous token and this one
		if i > 0 {
			nl := newlines(light[lastEnd:tk.Start])
			if nl > 0 {
				flush(i)
				para++
			}
		}
		lastEnd = tk.End
		if tk.Kind != Punct || !terminal(light[tk.Start:tk.End]) {
			continue
		}
		if light[tk.Start:tk.End] == "." && i > 0 && toks[i-1].End == tk.Start {
			if isAbbrev(toks, i-1, key, abbr) {
				continue
			}
			// a dot between letters with no space after it is inside an
			// abbreviation or a name (سي.أن.أن، U.S.A)
			if i+1 < len(toks) && toks[i+1].Glued && (toks[i+1].Kind == Word || toks[i+1].Kind == Latin) {
				continue
			}
		}
		// absorb repeated terminals and closing quotes/brackets
		j := i + 1
		for j < len(toks) && toks[j].Kind == Punct && toks[j].Glued &&
			(terminal(light[toks[j].Start:toks[j].End]) || closer(light[toks[j].Start:toks[j].End])) {
			j++
		}
		lastEnd = toks[j-1].End
		flush(j)
		i = j - 1
	}
	flush(len(toks))
	for si := range sents {
		for k := sents[si].TokStart; k < sents[si].TokEnd; k++ {
			toks[k].Sentence = si
		}
	}
	return Result{Tokens: toks, Sentences: sents}
}

func newlines(gap string) int {
	n := 0
	for i := 0; i < len(gap); i++ {
		if gap[i] == '\n' || (gap[i] == '\r' && (i+1 == len(gap) || gap[i+1] != '\n')) {
			n++
		}
	}
	// U+2029 PARAGRAPH SEPARATOR and U+2028 LINE SEPARATOR
	for _, r := range gap {
		if r == '\u2028' || r == '\u2029' {
			n++
		}
	}
	return n
}

// isAbbrev decides whether the word token w, directly followed by '.', is an
// abbreviation.
func isAbbrev(toks []Token, w int, key string, abbr Abbreviations) bool {
	tk := toks[w]
	k := key[tk.Start:tk.End]
	if tk.Kind == Number {
		return false
	}
	if utf8.RuneCountInString(k) == 1 {
		// the year markers م / هـ after a number end a sentence
		if (k == "م" || k == "ه") && w > 0 && toks[w-1].Kind == Number {
			return false
		}
		return tk.Kind == Word || tk.Kind == Latin
	}
	return abbr != nil && abbr.IsAbbreviation(k)
}
