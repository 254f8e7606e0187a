#!/usr/bin/env bash
# The storefront configurator's browser test, run by .ci/run: builds
# examples/configurator, starts it on 127.0.0.1 (a port the OS picks), and
# drives its page in headless Debian Chromium (/usr/bin/chromium) with npm
# playwright-core (examples/configurator/browser/test.mjs); then runs the
# load test (go run ./examples/configurator --load 300).
#
# Needs the shared checkers installed by ../shared/tools/install.sh into
# $MANDREL_TOOLS (default ~/.cache/mandrel/tools): node_modules with
# playwright-core and @google/model-viewer. Screenshots go to
# $CONFIGURATOR_SCREENSHOTS (default: a temporary directory, removed).
# Exit status: 0 pass, 1 fail, 2 missing tool.
set -u -o pipefail
cd "$(dirname "$0")/.."

TOOLS="${MANDREL_TOOLS:-$HOME/.cache/mandrel/tools}"
CHROMIUM="${CONFIGURATOR_CHROMIUM:-/usr/bin/chromium}"
command -v node >/dev/null 2>&1 || { echo "configurator-test: node not found; run ../shared/tools/install.sh" >&2; exit 2; }
[ -x "$CHROMIUM" ] || { echo "configurator-test: $CHROMIUM not found; run ../shared/tools/install.sh" >&2; exit 2; }
for m in playwright-core @google/model-viewer; do
  [ -f "$TOOLS/node_modules/$m/package.json" ] || { echo "configurator-test: npm $m missing in $TOOLS/node_modules; run ../shared/tools/install.sh" >&2; exit 2; }
done

TMP="$(mktemp -d -t configurator-test.XXXXXX)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.3; done
    kill -KILL "$SERVER_PID" 2>/dev/null
  fi
  rm -rf -- "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

SHOTS="${CONFIGURATOR_SCREENSHOTS:-$TMP/screenshots}"
go build -o "$TMP/configurator" ./examples/configurator || exit 1
"$TMP/configurator" --addr 127.0.0.1:0 --model-viewer "$TOOLS/node_modules/@google/model-viewer/dist" >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
URL=""
for _ in $(seq 1 100); do
  URL="$(sed -n 's/^configurator: listening on \(http:[^ ]*\)$/\1/p' "$TMP/server.log" | head -n1)"
  [ -n "$URL" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$URL" ]; then
  echo "configurator-test: the server did not start:" >&2
  cat "$TMP/server.log" >&2
  exit 1
fi
echo "configurator-test: server $URL (pid $SERVER_PID)"

rc=0
timeout --kill-after=10 180 node examples/configurator/browser/test.mjs "--url=$URL" "--tools=$TOOLS" "--out=$SHOTS" || rc=1
if [ -s "$TMP/server.log" ] && grep -v '^configurator: listening' "$TMP/server.log" | grep -q .; then
  echo "configurator-test: server log:"; grep -v '^configurator: listening' "$TMP/server.log" | head -n 20
fi

# The load test: 300 builds from 8 clients on 127.0.0.1; fails on any
# unexpected answer or 5xx. Latencies are printed (and checked against the
# targets by the Go test with CONFIGURATOR_LATENCY=1).
timeout --kill-after=10 120 go run ./examples/configurator --load 300 --clients 8 || rc=1
exit "$rc"
