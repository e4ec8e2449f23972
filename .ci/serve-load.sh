#!/usr/bin/env bash
# A bounded load test of `ntm serve` on loopback: N requests (default 400), C at a time
# (default 16), to the evaluation of one year, then the same number of what-if POSTs.
# Every answer must be 200 and the server's peak memory (VmHWM) at most 300 MiB.
# Prints p50/p99 latency and requests per second (the numbers in the README).
#
#   bash .ci/serve-load.sh [NTM_BINARY] [N] [C]
set -euo pipefail
cd "$(dirname "$0")/.."
ntm=${1:-target/release/ntm}
n=${2:-400}
c=${3:-16}
[ -x "$ntm" ] || { echo "serve-load: $ntm not built" >&2; exit 1; }
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
"$ntm" serve --data datasets/ngan-son --addr "127.0.0.1:$port" >"$work/log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

status=0
run() { # label, then curl arguments
  local label=$1; shift
  local out start end
  out="$work/codes-$RANDOM"
  start=$(date +%s.%N)
  seq "$n" | xargs -P"$c" -I{} curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$@" >"$out"
  end=$(date +%s.%N)
  local ok p50 p99 rps
  ok=$(grep -c '^200 ' "$out" || true)
  p50=$(awk '{print $2}' "$out" | sort -n | awk -v n="$n" 'NR==int(n*0.50+0.5){printf "%.0f", $1*1000}')
  p99=$(awk '{print $2}' "$out" | sort -n | awk -v n="$n" 'NR==int(n*0.99+0.5){printf "%.0f", $1*1000}')
  rps=$(awk -v n="$n" -v s="$start" -v e="$end" 'BEGIN{printf "%.0f", n/(e-s)}')
  echo "serve-load: $label: $ok/$n ok, p50 ${p50} ms, p99 ${p99} ms, ${rps} req/s ($c at a time)"
  [ "$ok" -eq "$n" ] || { echo "serve-load: FAILED — $((n-ok)) answers were not 200" >&2; status=1; }
}
run "GET /api/v1/eval?year=2021" "$base/api/v1/eval?year=2021"
run "POST /api/v1/eval (what-if)" -X POST -H 'content-type: application/json' \
  -d '{"year": 2021, "set": {"ho_dien_min": 99.9}, "detail": "summary"}' "$base/api/v1/eval"
rss=$(awk '/VmHWM/{print $2}' "/proc/$pid/status")
echo "serve-load: peak memory $((rss / 1024)) MiB"
[ "$rss" -le 307200 ] || { echo "serve-load: FAILED — peak memory over 300 MiB" >&2; status=1; }
kill -0 "$pid" || { echo "serve-load: FAILED — the server is gone" >&2; status=1; }
exit "$status"
