package segment

import "strings"

// Analysis is one reading of a word as proclitics + stem + enclitic. It never
// replaces the token: lookups try the analyses of a token in order.
//
// All strings are matching keys (normalize.Key). Offsets are bytes relative
// to the start of the token.
type Analysis struct {
	Conj    string // و or ف
	Prep    string // ب ك ل, or the future marker س
	Article bool   // the stem carries the article ال (written, or contracted in لل)
	Stem    string // the stem, including ال when Article is true
	Enc     string // pronoun suffix: ه ها هم هما هن ك كم كن نا ي
	// SpanStart and SpanEnd delimit the part of the token a mention of the
	// stem covers: separable proclitics are left out, except the ل of the
	// ل+ال contraction (للصين), where the whole token is the span.
	SpanStart, SpanEnd int
}

// Bare returns the stem without its article.
func (a Analysis) Bare() string {
	if a.Article {
		return strings.TrimPrefix(a.Stem, "ال")
	}
	return a.Stem
}

// Stripped reports whether the analysis removed anything from the token.
func (a Analysis) Stripped() bool { return a.Conj != "" || a.Prep != "" || a.Enc != "" }

const minStem = 2 // letters a stem must keep (in runes)

func runeLen(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}

// Analyze returns the readings of a word (given as its matching key), the
// unstripped word first, then readings with fewer clitics before readings
// with more. Readings whose stem would be shorter than two letters are left
// out. buf is reused when it has room.
func Analyze(key string, buf []Analysis) []Analysis {
	conjs := [...]string{"", "و", "ف"}
	preps := [...]string{"", "ب", "ك", "ل", "س"}
	encs := [...]string{"هما", "هم", "هن", "ها", "كم", "كن", "نا", "ه", "ك", "ي"}
	out := buf[:0]
	out = append(out, Analysis{Stem: key, Article: strings.HasPrefix(key, "ال") && runeLen(key) > 3, SpanEnd: len(key)})
	for _, c := range conjs {
		if !strings.HasPrefix(key, c) {
			continue
		}
		r1 := key[len(c):]
		for _, p := range preps {
			if c == "" && p == "" {
				continue
			}
			if !strings.HasPrefix(r1, p) {
				continue
			}
			r2 := r1[len(p):]
			if runeLen(r2) < minStem {
				continue
			}
			if p == "ل" && strings.HasPrefix(r2, "ل") && !strings.HasPrefix(r2, "ال") && runeLen(r2) > 2 {
				// ل + ال contracted: للصين → الصين, the whole token is the span
				out = append(out, Analysis{Conj: c, Prep: p, Article: true, Stem: "ا" + r2,
					SpanStart: len(c), SpanEnd: len(key)})
			}
			if p == "س" && c == "" {
				// the future marker only stands before an imperfect verb
				if !strings.HasPrefix(r2, "ي") && !strings.HasPrefix(r2, "ت") && !strings.HasPrefix(r2, "ن") && !strings.HasPrefix(r2, "ا") {
					continue
				}
			}
			out = append(out, Analysis{Conj: c, Prep: p, Article: strings.HasPrefix(r2, "ال") && runeLen(r2) > 3, Stem: r2,
				SpanStart: len(c) + len(p), SpanEnd: len(key)})
		}
	}
	// enclitics, on every proclitic reading found so far
	n := len(out)
	for i := 0; i < n; i++ {
		a := out[i]
		if a.Article {
			continue // a definite noun takes no pronoun suffix
		}
		for _, e := range encs {
			if !strings.HasSuffix(a.Stem, e) {
				continue
			}
			s := a.Stem[:len(a.Stem)-len(e)]
			if runeLen(s) < minStem {
				continue
			}
			b := a
			b.Stem, b.Enc, b.SpanEnd = s, e, a.SpanEnd-len(e)
			out = append(out, b)
			if strings.HasSuffix(s, "ت") {
				// حكومته → حكومه (the key of حكومة)
				c := b
				c.Stem = s[:len(s)-len("ت")] + "ه"
				out = append(out, c)
			}
		}
	}
	return out
}
