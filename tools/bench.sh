#!/usr/bin/env bash
# `make bench`: runs every benchmark program; each prints its figures and their ratios to in-process baselines.
set -euo pipefail
cd "$(dirname "$0")/.."
for program in build/dev/bench/*_bench; do
    echo "== $program"
    "$program" --benchmark_min_time=0.2
done
