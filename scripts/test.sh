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

# Types and lint side by side (one core each, about 9 s and 7 s), both reported before failing.
npm run typecheck & typecheck=$!
npm run lint & lint=$!
checks=0
wait "$typecheck" || checks=1
wait "$lint" || checks=1
if [ "$checks" -ne 0 ]; then
  echo "test.sh: the type check or lint failed (above); jest not run" >&2
  exit 1
fi
npx jest --ci
