#!/usr/bin/env bash
# The shared serve contract (../shared/checks/serve-contract.sh), run as CI runs it.
#
# The shared script counts its passes in `ok` and also stores the load step's count
# of 200 answers in `ok` (`ok=$(grep -c '^200$' …)`), so a run in which every check
# passes ends "406 passed, -391 failed" with exit 1. Its list of failed checks is kept
# apart and is right: this wrapper passes when the script exits 0, or when it printed
# its summary line and no `FAIL` line. Any failed check still fails the run.
set -uo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/ntm}
contract=../shared/checks/serve-contract.sh
[ -f "$contract" ] || { echo "error: $contract not found" >&2; exit 1; }
for tool in curl jq ss; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is needed by $contract" >&2; exit 1; }
done
out=$(bash "$contract" "$bin" 2>&1); rc=$?
echo "$out"
[ "$rc" -eq 0 ] && exit 0
if grep -q '^FAIL' <<<"$out" || ! grep -qE '^[0-9]+ passed, -?[0-9]+ failed$' <<<"$out"; then
  exit 1
fi
echo "serve contract: every check passed (the script's own total is miscounted, see .ci/serve-contract.sh)"
