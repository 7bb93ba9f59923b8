package temporal

import (
	"math"
	"strconv"
	"strings"

	"github.com/naba-nlp/naba/lexicons"
	"github.com/naba-nlp/naba/pipeline"
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

// numberParser reads numbers in digits, and number words through the
// numeric stage's parser when it is available.
type numberParser struct{}

func newNumberParser(set *lexicons.Set) (numberParser, error) {
	return numberParser{}, nil
}

// wordAt reports whether a number word may start at token i.
func (numberParser) wordAt(doc *pipeline.Document, i int) bool { return false }

// at reads the number starting at token i.
func (np numberParser) at(doc *pipeline.Document, i int) (num, bool) {
	if i >= len(doc.Tokens) {
		return num{}, false
	}
	tk := doc.Tokens[i]
	if tk.Kind != segment.Number {
		return num{}, false
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
