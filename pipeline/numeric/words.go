package numeric

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/naba-nlp/naba/lexicons"
)

// class is what a number word does in a number.
type class uint8

const (
	cUnit         class = iota + 1 // 1-10
	cTeenHead                      // أحد، اثنا: only before عشر
	cTeen                          // a teen in one word
	cTens                          // 20-90
	cHundreds                      // 100-900
	cHundredsWeak                  // مية، متين: only inside a longer number
	cScale                         // ألف، مليون
	cScalePlural                   // آلاف، ملايين
	cScaleDual                     // ألفان، مليونين
	cApprox                        // عشرات، مئات
	cSign                          // سالب، ناقص
	cPoint                         // فاصلة
	cFrac                          // نصف، ثلث (single)
	cFracDual                      // ثلثان
	cFracPlural                    // أرباع
	cOrd                           // الأول … العاشر
	cOrdHead                       // الحادي (compound only)
)

// numberClass names the classes of numbers.tsv.
func numberClass(name string) (class, bool) {
	switch name {
	case "unit":
		return cUnit, true
	case "teen_head":
		return cTeenHead, true
	case "teen":
		return cTeen, true
	case "tens":
		return cTens, true
	case "hundreds":
		return cHundreds, true
	case "hundreds_weak":
		return cHundredsWeak, true
	case "scale":
		return cScale, true
	case "scale_plural":
		return cScalePlural, true
	case "scale_dual":
		return cScaleDual, true
	case "approx":
		return cApprox, true
	case "sign":
		return cSign, true
	case "point":
		return cPoint, true
	}
	return 0, false
}

// entry is one number word as written in a lexicon.
type entry struct {
	val   float64
	cls   class
	bare  bool     // ordinals: allowed without the article; fractions: standalone
	not   []string // ordinals: following words that cancel the reading
	after []string // ordinals: preceding words that cancel a bare reading
	rule  string   // file:line
	plain bool     // the word was listed as is (not a clitic form)
}

// form is one written form of a number word: the entry with the clitics
// found on the token.
type form struct {
	*entry
	pre  int  // bytes of proclitics (conjunction, preposition) before the stem
	conj bool // starts with the conjunction و or ف
	prep bool // carries a preposition (ب ل ك)
	art  bool // carries the article
}

// words maps every clitic form of every number word (as a matching key) to
// its readings.
type words map[string][]form

func (w words) add(key string, f form) {
	for _, g := range w[key] {
		if g.entry == f.entry {
			return
		}
	}
	w[key] = append(w[key], f)
}

// addForms registers key with its proclitic and article forms.
func (w words) addForms(key string, e *entry) {
	type pfx struct {
		s          string
		conj, prep bool
	}
	// no ك: كمية "quantity" and كميات "quantities" are not ك + مئة / مئات
	plain := []pfx{{"", false, false}, {"و", true, false}, {"ف", true, false},
		{"ب", false, true}, {"ل", false, true},
		{"وب", true, true}, {"ول", true, true},
		{"فب", true, true}, {"فل", true, true}}
	short := utf8.RuneCountInString(key) <= 2
	for _, p := range plain {
		if short && p.prep {
			continue // لست، بست are not numbers
		}
		w.add(p.s+key, form{entry: e, pre: len(p.s), conj: p.conj, prep: p.prep})
	}
	for _, p := range plain {
		w.add(p.s+"ال"+key, form{entry: e, pre: len(p.s), conj: p.conj, prep: p.prep, art: true})
		if p.s == "ل" || p.s == "ول" || p.s == "فل" {
			// ل + ال contracted (للثالث): the whole token after the conjunction is the span
			c := strings.TrimSuffix(p.s, "ل")
			w.add(p.s+"ل"+key, form{entry: e, pre: len(c), conj: c != "", prep: true, art: true})
		}
	}
}

// load reads numeric/numbers.tsv, ordinals.tsv and fractions.tsv.
func loadWords(set *lexicons.Set) (words, error) {
	files, err := set.Files("numeric")
	if err != nil {
		return nil, err
	}
	w := words{}
	for _, f := range files {
		name := f.Name[strings.LastIndex(f.Name, "/")+1:]
		var err error
		switch name {
		case "numbers.tsv":
			err = lexicons.ReadTSV(f, []string{"word", "value", "class"}, func(r lexicons.Row) error {
				c, ok := numberClass(r.Get("class"))
				if !ok {
					return r.Errorf("unknown class %q", r.Get("class"))
				}
				_, err := addRow(w, r, c, true, nil)
				return err
			})
		case "ordinals.tsv":
			err = lexicons.ReadTSV(f, []string{"word", "value", "class", "bare"}, func(r lexicons.Row) error {
				var c class
				switch r.Get("class") {
				case "unit":
					c = cOrd
				case "head":
					c = cOrdHead
				default:
					return r.Errorf("unknown class %q (want unit or head)", r.Get("class"))
				}
				var lists [2][]string
				for n, col := range []string{"not_before", "not_after"} {
					for _, t := range r.List(col) {
						k, err := lexicons.Key(t)
						if err != nil {
							return r.Errorf("%s: %v", col, err)
						}
						lists[n] = append(lists[n], k)
					}
				}
				e, err := addRow(w, r, c, r.Get("bare") == "yes", lists[0])
				if err != nil {
					return err
				}
				e.after = lists[1]
				return nil
			})
		case "fractions.tsv":
			err = lexicons.ReadTSV(f, []string{"word", "value", "class", "standalone"}, func(r lexicons.Row) error {
				var c class
				switch r.Get("class") {
				case "single":
					c = cFrac
				case "dual":
					c = cFracDual
				case "plural":
					c = cFracPlural
				default:
					return r.Errorf("unknown class %q (want single, dual or plural)", r.Get("class"))
				}
				_, err := addRow(w, r, c, r.Get("standalone") == "yes", nil)
				return err
			})
		}
		if err != nil {
			return nil, err
		}
	}
	return w, nil
}

func addRow(w words, r lexicons.Row, c class, bare bool, not []string) (*entry, error) {
	k, err := lexicons.Key(r.Get("word"))
	if err != nil {
		return nil, r.Errorf("%v", err)
	}
	if strings.ContainsRune(k, ' ') {
		return nil, r.Errorf("%q: one word per entry", r.Get("word"))
	}
	v, err := strconv.ParseFloat(r.Get("value"), 64)
	if err != nil {
		return nil, r.Errorf("value %q: %v", r.Get("value"), err)
	}
	e := &entry{val: v, cls: c, bare: bare, not: not, rule: fmt.Sprintf("%s:%d", r.File, r.Line), plain: true}
	w.addForms(k, e)
	return e, nil
}

// lookup returns the readings of a token key.
func (w words) lookup(key string) []form { return w[key] }
