#!/usr/bin/env bash
# Builds the release outputs into dist/: index.html (hosted), esg-kpi-calculator.html (single
# file) and esg-kpi-calculator.js (the drop-in script for other pages).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
trunk build --release
for f in dist/index.html dist/esg-kpi-calculator.html dist/esg-kpi-calculator.js; do
  [ -s "$f" ] || { echo "build: $f is missing" >&2; exit 1; }
done
