#!/usr/bin/env bash
# The HTML report checked in a real browser: headless Chromium renders
# `ntm plan … --format html` (summary, heat maps, bars, plan progress, work lists,
# explanations), the check fails on a console error or when the page does not mark
# itself `data-charts-ready="yes"` (its inline script does so only when every chart is
# drawn), and a screenshot is saved.
#
#   bash .ci/browser-check.sh [NTM_BINARY] [SCREENSHOT.png]
#
# Defaults: target/release/ntm, else target/debug/ntm; /tmp/ntm-report.png.
set -euo pipefail
cd "$(dirname "$0")/.."

ntm=${1:-}
if [ -z "$ntm" ]; then
  if [ -x target/release/ntm ]; then ntm=target/release/ntm; else ntm=target/debug/ntm; fi
fi
shot=${2:-/tmp/ntm-report.png}
[ -x "$ntm" ] || { echo "browser-check: $ntm not built" >&2; exit 1; }

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "browser-check: installing chromium (Debian package)"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/tmp/ntm-chromium-install.log 2>&1; then
    # A check that skips itself cannot fail: no browser is a failed run.
    echo "browser-check: FAILED — chromium could not be installed (see /tmp/ntm-chromium-install.log)" >&2
    cat /tmp/ntm-chromium-install.log >&2 || true
    exit 1
  fi
  browser=$(command -v chromium || command -v chromium-browser)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
html="$work/bao-cao.html"
"$ntm" plan datasets/ngan-son/ke-hoach-2021.yaml --format html --output "$html" --quiet

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --disable-dev-shm-usage --hide-scrollbars)

# The DOM after scripts ran, and the console (chrome_debug.log under the profile).
profile="$work/profile"
"$browser" "${flags[@]}" --user-data-dir="$profile" --enable-logging=stderr --v=0 \
  --virtual-time-budget=5000 --dump-dom "file://$html" >"$work/dom.html" 2>"$work/console.log" || true

status=0
if ! grep -q 'data-charts-ready="yes"' "$work/dom.html"; then
  echo "browser-check: FAILED — the page did not mark every chart drawn" >&2
  status=1
fi
charts=$(grep -o '<svg class="chart"' "$work/dom.html" | wc -l)
if [ "$charts" -lt 3 ]; then
  echo "browser-check: FAILED — only $charts chart(s) in the rendered page" >&2
  status=1
fi
if grep -E 'CONSOLE|Uncaught|console\.error|ntm: ' "$work/console.log" | grep -vE 'dbus|DevTools|gpu|GPU' | grep -q .; then
  echo "browser-check: FAILED — console messages:" >&2
  grep -E 'CONSOLE|Uncaught|ntm: ' "$work/console.log" >&2 || true
  status=1
fi

rm -rf "$profile"
"$browser" "${flags[@]}" --user-data-dir="$profile" --window-size=1280,2400 \
  --virtual-time-budget=5000 --screenshot="$shot" "file://$html" >/dev/null 2>&1 || true
if [ ! -s "$shot" ]; then
  echo "browser-check: FAILED — no screenshot at $shot" >&2
  status=1
fi

if [ "$status" -eq 0 ]; then
  echo "browser-check: ok — $charts charts drawn, no console error; screenshot $shot"
fi
exit "$status"
