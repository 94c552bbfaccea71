#!/usr/bin/env bash
# The crash harness at soak size: 1,000 random kills (about 40 minutes on 2 cores). Prints the counts at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build --preset dev --target crash_test
HUKIOSK_CRASH_RUNS=${1:-1000} build/dev/tests/crash/crash_test
