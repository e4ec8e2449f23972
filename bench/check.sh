#!/usr/bin/env bash
# Benchmark: `ntm check` on a made-up rule set of N and 5·N indicators (one field and one
# parameter each), printing both times and their ratio (linear: about 5×).
#   bash bench/check.sh [N]      (default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
cargo build --release --quiet
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
gen() {
  local k=$1 f=$2
  {
    printf 'ruleset:\n  id: bench/set\n  title: Bench\n  level: xã\n  stage: NTM\n  valid_from: 2020-01-01\n'
    printf '  document: {number: 1/BENCH, date: 2020-01-01, issuer: T, title: T}\nfields:\n'
    for ((i = 0; i < k; i++)); do printf '  - {id: f%d, label: F%d, type: percent}\n' "$i" "$i"; done
    printf 'parameters:\n'
    for ((i = 0; i < k; i++)); do printf '  - {id: p%d, label: P%d, values: [{value: 50, citation: {document: 1/BENCH}, source_level: none}]}\n' "$i" "$i"; done
    printf 'criteria:\n'
    for ((c = 0; c < k / 10; c++)); do
      printf '  - id: "%d"\n    name: C%d\n    indicators:\n' "$c" "$c"
      for ((j = 0; j < 10; j++)); do i=$((c * 10 + j)); printf '      - {id: "%d.%d", name: I%d, expr: f%d >= p%d, citation: {document: 1/BENCH}}\n' "$c" "$j" "$i" "$i" "$i"; done
    done
  } > "$f"
}
gen "$n" "$work/a.yaml"; gen $((n * 5)) "$work/b.yaml"
t() { /usr/bin/time -f '%e' target/release/ntm check "$1" >/dev/null 2>"$work/err" || true; tail -1 "$work/err"; }
a=$(t "$work/a.yaml"); b=$(t "$work/b.yaml")
printf 'check %d indicators: %s s; %d indicators: %s s; ratio %.1f× for 5× the size\n' "$n" "$a" $((n * 5)) "$b" "$(echo "$b / $a" | bc -l)"
