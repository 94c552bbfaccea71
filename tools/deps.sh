#!/usr/bin/env bash
# Installs exactly the Debian packages from tools/debian-packages.txt that are missing, non-interactively.
# Works as root or through sudo; says what it installs. Does nothing (and needs no network) when all are present.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
list=${1:-$here/debian-packages.txt}

wanted=$(grep -vE '^\s*(#|$)' "$list" | awk '{print $1}')
missing=()
for pkg in $wanted; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = "installed" ] || missing+=("$pkg")
done
# The receipt tests decode ESC/POS with an npm package (tools/npm-deps.sh): Debian's node and npm, unless the
# machine already has a Node.js of its own.
if ! command -v npm >/dev/null 2>&1; then
    missing+=(nodejs npm)
    wanted="$wanted nodejs npm"
fi

if [ ${#missing[@]} -eq 0 ]; then
    echo "deps: all $(echo "$wanted" | wc -w) Debian packages present"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo -n env DEBIAN_FRONTEND=noninteractive)
else
    echo "deps: missing ${missing[*]} and neither root nor sudo is available" >&2
    exit 1
fi

echo "deps: installing ${#missing[@]} missing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "deps: done"
