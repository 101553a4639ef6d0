#!/usr/bin/env bash
# The benchmark (issue 7), separate from the tests: installs what is missing (scripts/setup.sh),
# builds the release outputs (scripts/build.sh), then measures them against the plain-JavaScript
# baseline in headless Chromium and the native engine (benches/run.mjs). Writes BENCHMARKS.md
# (targets, table, machine, date; ends with benches/NOTES.md, which is written by hand) and
# benches/results.json (every sample), and prints the report. About 8 minutes on 2 cores.
#   bash benches/run.sh              # set-up, build, measure
#   bash benches/run.sh --no-build   # measure the current dist/ (other options go to run.mjs:
#                                    # --quick, --skip-native, --skip-browser, --native-max=N,
#                                    # --out=FILE, --json=FILE)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
build=1
opts=()
for a in "$@"; do
  if [ "$a" = --no-build ]; then build=0; else opts+=("$a"); fi
done
if [ "$build" = 1 ]; then
  bash scripts/setup.sh
  bash scripts/build.sh
fi
node benches/run.mjs "${opts[@]+"${opts[@]}"}"
