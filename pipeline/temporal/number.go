package temporal

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline"
	"github.com/naba-nlp/naba/pipeline/numeric"
	"github.com/naba-nlp/naba/pipeline/segment"
)

// num is a number read at a token: its value, the token after it, whether
// it was written in words and whether it is an ordinal (الثالثة).
type num struct {
	val     float64
	end     int
	words   bool
	ordinal bool
	digits  int // digits of an integer written in digits, else 0
}

func (n num) int() (int, bool) {
	if n.val != math.Trunc(n.val) || n.val < 0 || n.val > 1e9 {
		return 0, false
	}
	return int(n.val), true
}

// numberParser reads integers and decimals in digits itself, and number
// words (ثلاثة، خمسة وعشرين، الثالثة) through the numeric stage's parser.
type numberParser struct {
	words *numeric.Parser
}

func newNumberParser(set *lexicons.Set) (numberParser, error) {
	w, err := numeric.NewParser(set)
	if err != nil {
		return numberParser{}, fmt.Errorf("temporal: number words: %w", err)
	}
	return numberParser{words: w}, nil
}

// at reads the number starting at token i.
func (np numberParser) at(doc *pipeline.Document, i int) (num, bool) {
	return np.read(doc, i, true)
}

// read reads the number at token i; scale asks the number parser to look
// for a scale word after digits.
func (np numberParser) read(doc *pipeline.Document, i int, scale bool) (num, bool) {
	if i < 0 || i >= len(doc.Tokens) {
		return num{}, false
	}
	tk := doc.Tokens[i]
	if tk.Kind == segment.Word {
		n, ok := np.words.ParseAt(doc, i)
		if !ok || !n.Words || n.Fraction || n.End <= i {
			return num{}, false
		}
		return num{val: n.Value, end: n.End, words: true, ordinal: n.Ordinal}, true
	}
	if tk.Kind != segment.Number {
		return num{}, false
	}
	// 90 ألف، 3 ملايين: digits with a scale word are read by the number parser
	if scale && i+1 < len(doc.Tokens) && doc.Tokens[i+1].Kind == segment.Word {
		if n, ok := np.words.ParseAt(doc, i); ok && n.End > i+1 && !n.Fraction && n.Value == math.Trunc(n.Value) &&
			doc.TokenKey(i+1) != "و" {
			return num{val: n.Value, end: n.End}, true
		}
	}
	s := doc.TokenLight(i)
	if strings.IndexByte(s, ',') >= 0 || strings.Contains(s, "،") {
		return num{}, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return num{}, false
	}
	n := num{val: v, end: i + 1}
	if strings.IndexByte(s, '.') < 0 {
		n.digits = len(s)
	}
	return n, true
}
