#!/usr/bin/env bash
# Benchmark: ntm, a hand-written native evaluator and GoRules ZEN on the same rule sets and
# the same synthetic data, each timed in its own process, checked against each other and
# printed side by side (see docs/benchmark.md). A thin wrapper over the one command:
#
#   cargo run --release -p ntm-bench -- [--xa 1000] [--thon-per-xa 8] [--years 2021..2025] [--small N]
#
#   bash bench/run.sh [ARGS…]      (arguments are passed to ntm-bench; --help lists them)
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo run --release --quiet -p ntm-bench -- "$@"
