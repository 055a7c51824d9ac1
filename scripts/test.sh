#!/usr/bin/env bash
# The whole check: Debian Chromium for the browser tests, then types, lint and every jest test.
# Browser tests never download a browser; without /usr/bin/chromium this fails instead of skipping.
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM=/usr/bin/chromium
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "test.sh: $CHROMIUM missing; installing Debian's chromium package"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
  else
    echo "test.sh: $CHROMIUM is missing. The browser tests need Debian's chromium package:" >&2
    echo "  sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi

# Types and lint run beside jest, at a lower priority (nice): jest's three suites keep two cores
# busy only about three quarters of the time (starting, waiting on Chromium, bot processes and
# sockets, its last suites), and the checks (about 36 s of CPU, 13 s side by side on a quiet
# machine) fill those gaps instead of running before jest starts. If either fails, jest is
# stopped at once and their output shown, as when they ran first; else it is shown only on failure.
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
nice -n 10 npm run --silent typecheck >"$logs/typecheck" 2>&1 & typecheck=$!
nice -n 10 npm run --silent lint >"$logs/lint" 2>&1 & lint=$!
# jest in a process group of its own, so that a failed check stops it with its workers and their
# browsers and bots; Ctrl-C and termination of this script reach that group too.
setsid npx jest --ci "$@" & jest=$!
trap 'kill -TERM -- -"$jest" 2>/dev/null; exit 130' INT TERM
checks=0
wait "$typecheck" || { checks=1; echo "test.sh: the type check failed:" >&2; cat "$logs/typecheck" >&2; }
wait "$lint" || { checks=1; echo "test.sh: lint failed:" >&2; cat "$logs/lint" >&2; }
if [ "$checks" -ne 0 ]; then
  kill -TERM -- -"$jest" 2>/dev/null || true
  wait "$jest" || true
  echo "test.sh: the type check or lint failed (above); jest stopped" >&2
  exit 1
fi
wait "$jest"
