#!/usr/bin/env bash
# Benchmark: generate a synthetic country with `ntm gen` and time `ntm eval` on it in
# each output format, at two scales, printing wall time, units/s, peak memory and the
# growth ratio (10× the units should cost ≤ 11× the time). Not part of `cargo test`.
#
#   bash bench/run.sh [XA_SMALL] [XA_LARGE] [YEARS]      (defaults: 100 1000 2021..2025)
set -euo pipefail
cd "$(dirname "$0")/.."
small=${1:-100}; large=${2:-1000}; years=${3:-2021..2025}
cargo build --release --quiet
ntm=target/release/ntm
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
printf '%-8s %-22s %10s %12s %12s %10s\n' xa format wall_s unit_years/s peak_MB out_MB
declare -A wall
for xa in "$small" "$large"; do
  "$ntm" gen --out "$work/d$xa" --xa "$xa" --thon-per-xa 8 --years "$years" --quiet 2>/dev/null \
    || "$ntm" gen --out "$work/d$xa" --xa "$xa" --thon-per-xa 8 --years "$years"
  nyears=$(ls "$work/d$xa"/xa-*.csv | wc -l)
  units=$(( xa * 9 * nyears ))
  for fmt in "csv" "json --detail summary" "jsonl --detail summary" "json"; do
    out="$work/out"
    /usr/bin/time -f '%e %M' -o "$work/t" "$ntm" eval --data "$work/d$xa" --format $fmt --output "$out" --quiet 2>/dev/null
    read -r s kb < "$work/t"
    size=$(( $(stat -c %s "$out") / 1048576 ))
    printf '%-8s %-22s %10s %12.0f %12d %10d\n' "$xa" "$fmt" "$s" "$(echo "$units / $s" | bc -l)" $(( kb / 1024 )) "$size"
    wall["$xa $fmt"]=$s
  done
done
ratio=$(echo "${wall["$large csv"]} / ${wall["$small csv"]}" | bc -l)
printf 'growth (csv, %s→%s xã): %.1f× the time for %.0f× the units\n' "$small" "$large" "$ratio" "$(echo "$large / $small" | bc -l)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB"
