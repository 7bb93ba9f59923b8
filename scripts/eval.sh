#!/usr/bin/env bash
# Development evaluation: runs naba on the shared development sets and prints
# the score tables. Needs ../shared/eval (not part of the repository) and
# python3. Not part of `go test`: users' machines have no ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir=${NABA_EVAL:-../shared/eval}
if [ ! -d "$eval_dir" ]; then
	echo "no evaluation data at $eval_dir (set NABA_EVAL)" >&2
	exit 1
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
go build -o "$out/naba" ./cmd/naba

echo "### sample article (seed-gold.jsonl, reference date 2024-07-01)"
"$out/naba" extract --date 2024-07-01 seeds/000_1701d300935b484f.txt >"$out/seed.jsonl"
python3 "$eval_dir/score.py" "$eval_dir/seed-gold.jsonl" "$out/seed.jsonl"

echo
echo "### who said what (seed-attributions.jsonl)"
"$out/naba" extract --date 2024-07-01 --format documents seeds/000_1701d300935b484f.txt >"$out/seed.docs.jsonl"
python3 "$eval_dir/score_attributions.py" "$eval_dir/seed-attributions.jsonl" "$out/seed.docs.jsonl"

echo
echo "### numtime-dev (--family, by dimension)"
"$out/naba" extract "$eval_dir/numtime-dev/docs.dev.jsonl" >"$out/numtime.jsonl" || true
python3 "$eval_dir/score.py" "$eval_dir/numtime-dev/gold.dev.jsonl" "$out/numtime.jsonl" --family --by dimension

for set in anercorp-train aqmar-dev; do
	echo
	echo "### ner-dev/$set (coarse PERS/LOC/ORG, token level)"
	docs="$eval_dir/ner-dev/$set.docs.jsonl"
	"$out/naba" extract "$docs" >"$out/$set.jsonl" || true
	python3 "$eval_dir/score.py" "$eval_dir/ner-dev/$set.gold.jsonl" "$out/$set.jsonl" --coarse --labels PERS,LOC,ORG --docs "$docs" --tokens
done
for set in wojood-dev; do
	echo
	echo "### ner-dev/$set (Wojood labels)"
	docs="$eval_dir/ner-dev/$set.docs.jsonl"
	"$out/naba" extract "$docs" >"$out/$set.jsonl" || true
	python3 "$eval_dir/score.py" "$eval_dir/ner-dev/$set.gold.jsonl" "$out/$set.jsonl" --map wojood
done
