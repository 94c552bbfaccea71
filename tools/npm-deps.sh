#!/bin/sh
# Installs the npm packages the receipt printer tests decode ESC/POS with (npos, iconv-lite), exactly as
# package-lock.json pins them, when they are not there yet. Called by `make deps`.
set -eu
dir="$(cd "$(dirname "$0")/.." && pwd)/tests/printer/escpos/npos"
if [ -d "$dir/node_modules/npos" ] && [ -d "$dir/node_modules/iconv-lite" ]; then
    exit 0
fi
command -v npm >/dev/null 2>&1 || { echo "npm-deps: npm not found (Debian: apt-get install npm)" >&2; exit 1; }
cd "$dir"
npm ci --omit=optional --no-audit --no-fund
