#!/usr/bin/env bash
# The crash harness at soak size: RUNS random kills (default 1,000), split over two independent harnesses (each with
# its own central-ref and kiosk state) so both cores work. Each prints its counts at the end.
#   tools/crash-soak.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1000}
cmake --build --preset dev --target crash_test kiosk central-ref
half=$(( (runs + 1) / 2 ))
for part in 1 2; do
    mkdir -p "out/crash-soak/$part"
    TEST_TMPDIR="$PWD/out/crash-soak/$part" HUKIOSK_CRASH_RUNS=$half HUKIOSK_CRASH_SEED=$((20261122 + part)) \
        build/dev/tests/crash/crash_test > "out/crash-soak/$part.log" 2>&1 &
done
status=0
wait -n || status=1
wait -n || status=1
grep -h "crash harness:" out/crash-soak/1.log out/crash-soak/2.log
[ "$status" -eq 0 ] || { echo "crash-soak: a harness failed; see out/crash-soak/*.log" >&2; exit 1; }
