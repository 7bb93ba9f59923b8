package normalize

import (
	"os"
	"testing"
)

func sample(b *testing.B) string {
	b.Helper()
	data, err := os.ReadFile("../../seeds/000_1701d300935b484f.txt")
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

func BenchmarkNormalize(b *testing.B) {
	text := sample(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		New(text)
	}
}
