package index

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline/normalize"
)

// LexiconNames returns the one-word names of the entity lexicons (the
// canonical names and aliases of every entry file in lexicons/data/entities,
// columns id and canonical, see lexicons/README.md), as matching keys: the
// names the analyzer should keep whole (Options.Protected). Names shorter
// than three letters are left out.
func LexiconNames(set *lexicons.Set) ([]string, error) {
	files, err := set.Files("entities")
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, f := range files {
		err := lexicons.ReadTSV(f, nil, func(r lexicons.Row) error {
			if r.Get("id") == "" || r.Get("canonical") == "" {
				return nil // not an entry file (given names, particles, triggers ...)
			}
			for _, name := range append([]string{r.Get("canonical")}, r.List("aliases")...) {
				k := normalize.Key(strings.TrimSpace(name))
				if k != "" && !strings.ContainsAny(k, " \t-") && utf8.RuneCountInString(k) >= 3 {
					seen[k] = true
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out, nil
}
