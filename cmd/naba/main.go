// Command naba extracts entities, dates, numbers and quotes from Arabic news
// articles, indexes their claims for search, and exports what it found.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], &stdio{in: os.Stdin, out: os.Stdout, err: os.Stderr}))
}
