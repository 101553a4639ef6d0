#!/usr/bin/env bash
# The README's first command: installs what is missing, builds, and serves the calculator
# (with the built-in 2018 example loaded) on http://127.0.0.1:8080 until interrupted.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/setup.sh
bash scripts/build.sh
port="${PORT:-8080}"
echo "Serving dist/ on http://127.0.0.1:$port/ (the single offline file: dist/esg-kpi-calculator.html). Ctrl-C stops."
exec node scripts/static-server.mjs dist "$port"
