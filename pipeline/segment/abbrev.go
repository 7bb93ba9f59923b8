package segment

import "github.com/naba-nlp/naba/lexicons"

// AbbreviationSet is a set of abbreviation keys loaded from the lexicons.
type AbbreviationSet map[string]struct{}

// IsAbbreviation implements Abbreviations.
func (s AbbreviationSet) IsAbbreviation(key string) bool {
	_, ok := s[key]
	return ok
}

// LoadAbbreviations reads segment/*.tsv (column "abbreviation"). An entry
// with inner dots (ص.ب) registers the word before its final dot.
func LoadAbbreviations(set *lexicons.Set) (AbbreviationSet, error) {
	files, err := set.Files("segment")
	if err != nil {
		return nil, err
	}
	out := AbbreviationSet{}
	for _, f := range files {
		err := lexicons.ReadTSV(f, []string{"abbreviation"}, func(r lexicons.Row) error {
			k, err := lexicons.Key(r.Get("abbreviation"))
			if err != nil {
				return r.Errorf("%v", err)
			}
			// the token before the final '.' is the part after the last inner dot
			for i := len(k) - 1; i >= 0; i-- {
				if k[i] == '.' {
					k = k[i+1:]
					break
				}
			}
			out[k] = struct{}{}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
