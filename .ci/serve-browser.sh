#!/usr/bin/env bash
# The web app of `ntm serve` in a real browser: headless Chromium (the Debian package,
# as .ci/browser-check.sh installs it) driven by playwright-core (npm, pinned) through
# .ci/serve-browser.mjs. A browser, node or playwright-core that cannot be installed
# fails the run: a check that skips itself cannot fail.
#
#   bash .ci/serve-browser.sh [NTM_BINARY] [SCREENSHOT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
ntm=${1:-target/release/ntm}
shot=${2:-/tmp/ntm-serve.png}
[ -x "$ntm" ] || { echo "serve-browser: $ntm not built" >&2; exit 1; }
PLAYWRIGHT=1.65.2

install() {
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >/tmp/ntm-serve-install.log 2>&1; then
    echo "serve-browser: FAILED — could not install $* (see /tmp/ntm-serve-install.log)" >&2
    cat /tmp/ntm-serve-install.log >&2 || true
    exit 1
  fi
}
command -v chromium >/dev/null 2>&1 || install chromium
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || install nodejs npm
command -v curl >/dev/null 2>&1 || install curl

# playwright-core, pinned, in a folder of its own (kept between runs on this machine).
pw=${NTM_PLAYWRIGHT_DIR:-/tmp/ntm-playwright-$PLAYWRIGHT}
if [ ! -f "$pw/node_modules/playwright-core/package.json" ]; then
  mkdir -p "$pw"
  if ! (cd "$pw" && npm install --no-save --no-audit --no-fund "playwright-core@$PLAYWRIGHT") >/tmp/ntm-serve-npm.log 2>&1; then
    echo "serve-browser: FAILED — playwright-core could not be installed (see /tmp/ntm-serve-npm.log)" >&2
    cat /tmp/ntm-serve-npm.log >&2 || true
    exit 1
  fi
fi

work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
"$ntm" serve --data datasets/ngan-son --addr "127.0.0.1:$port" >"$work/log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
cp .ci/serve-browser.mjs "$pw/check.mjs"
NODE_PATH="$pw/node_modules" node "$pw/check.mjs" "http://127.0.0.1:$port" "$PWD/tests/fixtures/serve/upload" "$shot" || {
  echo "serve-browser: server log:" >&2; tail -20 "$work/log" >&2; exit 1; }
