package numeric

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/normalize"
	"github.com/naba-nlp/naba/pipeline/segment"
)

// trie matches phrases of token keys.
type trie[T any] struct {
	kids map[string]*trie[T]
	val  T
	ok   bool
}

func newTrie[T any]() *trie[T] { return &trie[T]{kids: map[string]*trie[T]{}} }

func (t *trie[T]) insert(keys []string, v T) {
	n := t
	for _, k := range keys {
		c := n.kids[k]
		if c == nil {
			c = &trie[T]{kids: map[string]*trie[T]{}}
			n.kids[k] = c
		}
		n = c
	}
	n.val, n.ok = v, true
}

// match returns the value of the longest phrase starting at token i and the
// token index after it.
func (t *trie[T]) match(doc *pipeline.Document, i int) (T, int, bool) {
	var best T
	end, ok := 0, false
	n := t
	for j := i; j < len(doc.Tokens); j++ {
		c := n.kids[doc.TokenKey(j)]
		if c == nil {
			break
		}
		n = c
		if n.ok {
			best, end, ok = n.val, j+1, true
		}
	}
	return best, end, ok
}

// phraseKeys tokenizes a lexicon phrase as the pipeline tokenizes text and
// returns the matching keys of its tokens.
func phraseKeys(phrase string) ([]string, error) {
	if err := lexicons.CheckTerm(phrase); err != nil {
		return nil, err
	}
	n := normalize.New(phrase)
	var out []string
	for _, t := range segment.Tokenize(n.Light) {
		out = append(out, n.Key[t.Start:t.End])
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%q is empty once normalized", phrase)
	}
	return out, nil
}

// prefixes a phrase's first word may carry, with the conjunction or
// preposition left outside the mention.
func cliticPrefixes() [7]string { return [...]string{"", "و", "ب", "ف", "ل", "وب", "فب"} }

// withClitics calls fn for the phrase and for each clitic form of its first
// word, giving the byte length of the clitic.
func withClitics(keys []string, fn func(keys []string, pre int)) {
	for _, p := range cliticPrefixes() {
		if p != "" && !isArabicWord(keys[0]) {
			continue
		}
		k := append([]string{p + keys[0]}, keys[1:]...)
		fn(k, len(p))
	}
}

func isArabicWord(k string) bool {
	for _, r := range k {
		return segment.IsArabicLetter(r)
	}
	return false
}

// accusative returns the form of a one-word phrase with the accusative
// alef (مترًا → مترا), or "" when the word takes none.
func accusative(k string) string {
	if !isArabicWord(k) {
		return ""
	}
	for _, suf := range []string{"ا", "ه", "ي", "و", "ات"} {
		if strings.HasSuffix(k, suf) {
			return ""
		}
	}
	return k + "ا"
}

// unitVal is what a unit phrase means.
type unitVal struct {
	kind   pipeline.Kind // Quantity or Percent
	unit   string
	factor float64
	dual   bool // a dual: an amount of two by itself
	before bool // a percent cue written before the number (نسبة)
	rule   string
}

// curVal is what a currency phrase means.
type curVal struct {
	code   string
	factor float64 // subunits: 0.01
	dual   bool
	noun   string // the noun, when the code is only its default (context may change it)
	symbol bool   // a symbol or abbreviation, which may stand before the amount
	rule   string
}

// modVal is a modifier phrase.
type modVal struct {
	mod   string
	rng   bool
	pre   int // bytes of clitic before the phrase
	after bool
}

// lexicon holds the phrase tables of the numeric stage.
type lexicon struct {
	units      *trie[unitVal]
	currencies *trie[curVal]
	modsBefore *trie[modVal]
	modsAfter  *trie[modVal]
	rates      *trie[string]
	yearBefore *trie[int]
	yearAfter  *trie[int]
	idCues     *trie[int]
	rankCues   *trie[int]
	// countries maps country phrases to the currency codes they suggest
	// for a bare currency noun; nounCodes lists the codes of each noun.
	countries *trie[[]string]
	nounCodes map[string][]string
}

func loadLexicon(set *lexicons.Set) (*lexicon, error) {
	lx := &lexicon{
		units: newTrie[unitVal](), currencies: newTrie[curVal](),
		modsBefore: newTrie[modVal](), modsAfter: newTrie[modVal](),
		rates: newTrie[string](), yearBefore: newTrie[int](), yearAfter: newTrie[int](), idCues: newTrie[int](), rankCues: newTrie[int](),
		countries: newTrie[[]string](), nounCodes: map[string][]string{},
	}
	files, err := set.Files("numeric")
	if err != nil {
		return nil, err
	}
	byName := map[string][]lexicons.File{}
	for _, f := range files {
		name := f.Name[strings.LastIndex(f.Name, "/")+1:]
		switch name {
		case "numbers.tsv", "ordinals.tsv", "fractions.tsv", "units.tsv", "currency_nouns.tsv",
			"currencies.tsv", "modifiers.tsv", "rates.tsv", "year_cues.tsv", "id_cues.tsv":
		default:
			// a user file under another name would be silently ignored
			return nil, &lexicons.Error{File: f.Name, Err: fmt.Errorf("unknown numeric lexicon: name it like one of lexicons/data/numeric")}
		}
		byName[name] = append(byName[name], f)
	}
	read := func(name string, cols []string, fn func(lexicons.Row) error) error {
		for _, f := range byName[name] {
			if err := lexicons.ReadTSV(f, cols, fn); err != nil {
				return err
			}
		}
		return nil
	}
	if err := read("units.tsv", []string{"unit", "kind", "factor", "singular"}, lx.unitRow); err != nil {
		return nil, err
	}
	nouns := map[string]nounRow{}
	if err := read("currency_nouns.tsv", []string{"noun", "singular", "default"}, func(r lexicons.Row) error {
		return lx.nounRow(r, nouns)
	}); err != nil {
		return nil, err
	}
	if err := read("currencies.tsv", []string{"code", "noun"}, func(r lexicons.Row) error {
		return lx.currencyRow(r, nouns)
	}); err != nil {
		return nil, err
	}
	if err := read("modifiers.tsv", []string{"mod", "position", "phrases"}, lx.modRow); err != nil {
		return nil, err
	}
	if err := read("rates.tsv", []string{"suffix", "phrases"}, func(r lexicons.Row) error {
		for _, ph := range r.List("phrases") {
			keys, err := phraseKeys(ph)
			if err != nil {
				return r.Errorf("%v", err)
			}
			lx.rates.insert(keys, r.Get("suffix"))
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := read("year_cues.tsv", []string{"position", "words"}, func(r lexicons.Row) error {
		t := lx.yearBefore
		switch r.Get("position") {
		case "before":
		case "after":
			t = lx.yearAfter
		default:
			return r.Errorf("position %q: want before or after", r.Get("position"))
		}
		for _, w := range r.List("words") {
			keys, err := phraseKeys(w)
			if err != nil {
				return r.Errorf("%v", err)
			}
			withClitics(keys, func(k []string, pre int) { t.insert(k, 1) })
			if t == lx.yearBefore {
				withClitics(append([]string{"ال" + keys[0]}, keys[1:]...), func(k []string, pre int) { t.insert(k, 1) })
			}
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := read("id_cues.tsv", []string{"words", "kind"}, func(r lexicons.Row) error {
		t := lx.idCues
		switch r.Get("kind") {
		case "id":
		case "rank":
			t = lx.rankCues
		default:
			return r.Errorf("kind %q: want id or rank", r.Get("kind"))
		}
		for _, w := range r.List("words") {
			keys, err := phraseKeys(w)
			if err != nil {
				return r.Errorf("%v", err)
			}
			withClitics(keys, func(k []string, pre int) { t.insert(k, 1) })
		}
		return nil
	}); err != nil {
		return nil, err
	}
	return lx, nil
}

func rowRule(r lexicons.Row) string { return fmt.Sprintf("%s:%d", r.File, r.Line) }

func (lx *lexicon) unitRow(r lexicons.Row) error {
	var kind pipeline.Kind
	before := false
	switch r.Get("kind") {
	case "quantity":
		kind = pipeline.Quantity
	case "percent":
		kind = pipeline.Percent
	case "percent_before":
		kind, before = pipeline.Percent, true
	default:
		return r.Errorf("kind %q: want quantity, percent or percent_before", r.Get("kind"))
	}
	f, err := strconv.ParseFloat(r.Get("factor"), 64)
	if err != nil {
		return r.Errorf("factor %q: %v", r.Get("factor"), err)
	}
	unit := r.Get("unit")
	if unit == "" {
		return r.Errorf("empty unit")
	}
	v := unitVal{kind: kind, unit: unit, factor: f, before: before, rule: rowRule(r)}
	for _, col := range []string{"singular", "plural", "dual"} {
		for _, ph := range r.List(col) {
			keys, err := phraseKeys(ph)
			if err != nil {
				return r.Errorf("%s: %v", col, err)
			}
			w := v
			w.dual = col == "dual"
			lx.units.insert(keys, w)
			if col == "singular" && len(keys) == 1 {
				if a := accusative(keys[0]); a != "" {
					lx.units.insert([]string{a}, w)
				}
			}
		}
	}
	return nil
}

type nounRow struct {
	forms  [][]string // every form, as phrase keys
	def    string
	factor float64
}

func (lx *lexicon) nounRow(r lexicons.Row, nouns map[string]nounRow) error {
	id, err := lexicons.Key(r.Get("noun"))
	if err != nil {
		return r.Errorf("noun: %v", err)
	}
	def := r.Get("default")
	if def == "" {
		return r.Errorf("no default currency")
	}
	factor := 1.0
	if s := r.Get("factor"); s != "" {
		if factor, err = strconv.ParseFloat(s, 64); err != nil {
			return r.Errorf("factor %q: %v", s, err)
		}
	}
	nr := nounRow{def: def, factor: factor}
	for _, col := range []string{"singular", "plural", "dual"} {
		for _, ph := range r.List(col) {
			keys, err := phraseKeys(ph)
			if err != nil {
				return r.Errorf("%s: %v", col, err)
			}
			v := curVal{code: def, factor: factor, dual: col == "dual", noun: id, rule: rowRule(r)}
			if factor != 1 || r.Get("context") == "no" {
				v.noun = "" // read as the default, not resolved from context
			}
			if !isArabicWord(keys[0]) {
				v.symbol = true
			}
			lx.currencies.insert(keys, v)
			nr.forms = append(nr.forms, keys)
			if col == "singular" && len(keys) == 1 {
				if a := accusative(keys[0]); a != "" {
					lx.currencies.insert([]string{a}, v)
					nr.forms = append(nr.forms, []string{a})
				}
			}
		}
	}
	nouns[id] = nr
	return nil
}

// nisba returns the forms of a qualifier: a nisba adjective (ending in ي)
// in its feminine, dual, accusative and definite forms; other qualifiers
// as written.
func nisba(keys []string) [][]string {
	last := keys[len(keys)-1]
	if !strings.HasSuffix(last, "ي") || !isArabicWord(last) {
		return [][]string{keys}
	}
	var out [][]string
	for _, suf := range []string{"", "ه", "ان", "ين", "ا", "تان", "تين"} {
		w := last + suf
		k := append(append([]string{}, keys[:len(keys)-1]...), w)
		out = append(out, k)
		d := append(append([]string{}, keys[:len(keys)-1]...), "ال"+w)
		out = append(out, d)
	}
	return out
}

func (lx *lexicon) currencyRow(r lexicons.Row, nouns map[string]nounRow) error {
	code := r.Get("code")
	if len(code) != 3 || strings.ToUpper(code) != code {
		return r.Errorf("code %q: want an ISO 4217 code", code)
	}
	rule := rowRule(r)
	id, err := lexicons.Key(r.Get("noun"))
	if err != nil {
		return r.Errorf("noun: %v", err)
	}
	nr, ok := nouns[id]
	if !ok {
		return r.Errorf("noun %q is not in currency_nouns.tsv", r.Get("noun"))
	}
	lx.nounCodes[id] = appendNew(lx.nounCodes[id], code)
	for _, q := range r.List("qualifiers") {
		qk, err := phraseKeys(q)
		if err != nil {
			return r.Errorf("qualifiers: %v", err)
		}
		for _, qf := range nisba(qk) {
			for _, nf := range nr.forms {
				lx.currencies.insert(append(append([]string{}, nf...), qf...), curVal{code: code, factor: 1, rule: rule})
			}
			// a qualifier in the text also tells the country
			withClitics(qf, func(k []string, pre int) { lx.addCountry(k, code) })
		}
	}
	for _, c := range r.List("countries") {
		ck, err := phraseKeys(c)
		if err != nil {
			return r.Errorf("countries: %v", err)
		}
		withClitics(ck, func(k []string, pre int) { lx.addCountry(k, code) })
	}
	syms := append(r.List("symbols"), code)
	for _, s := range syms {
		sk, err := phraseKeys(s)
		if err != nil {
			return r.Errorf("symbols: %v", err)
		}
		lx.currencies.insert(sk, curVal{code: code, factor: 1, symbol: true, rule: rule})
	}
	return nil
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func (lx *lexicon) addCountry(keys []string, code string) {
	cur, _, _ := lx.countries.matchKeys(keys)
	lx.countries.insert(keys, appendNew(append([]string{}, cur...), code))
}

// matchKeys looks up an exact phrase.
func (t *trie[T]) matchKeys(keys []string) (T, bool, bool) {
	n := t
	for _, k := range keys {
		n = n.kids[k]
		if n == nil {
			var zero T
			return zero, false, false
		}
	}
	return n.val, n.ok, true
}

func (lx *lexicon) modRow(r lexicons.Row) error {
	mod := r.Get("mod")
	switch mod {
	case "approx", "more_than", "less_than", "at_least", "at_most", "equal":
	default:
		return r.Errorf("mod %q: want approx, more_than, less_than, at_least, at_most or equal", mod)
	}
	t := lx.modsBefore
	switch r.Get("position") {
	case "before":
	case "after":
		t = lx.modsAfter
	default:
		return r.Errorf("position %q: want before or after", r.Get("position"))
	}
	for _, ph := range r.List("phrases") {
		keys, err := phraseKeys(ph)
		if err != nil {
			return r.Errorf("%v", err)
		}
		withClitics(keys, func(k []string, pre int) {
			t.insert(k, modVal{mod: mod, rng: r.Get("range") == "yes", pre: pre, after: t == lx.modsAfter})
		})
	}
	return nil
}
