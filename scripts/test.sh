#!/usr/bin/env bash
# The README's second command (and .ci/run): installs what is missing, then runs every test —
# lints, the native engine tests, the release build, and the browser tests in headless Chromium.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/setup.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
step "format and lints"
cargo fmt --check
cargo clippy --locked --workspace --all-targets -- -D warnings
cargo clippy --locked --target wasm32-unknown-unknown -- -D warnings
cargo clippy --locked -p esg-kpi-workbook -p esg-kpi-reader --target wasm32-unknown-unknown -- -D warnings
cargo clippy --locked --target wasm32-unknown-unknown --features fault-injection -- -D warnings
# The page compiled natively for the first view rendered at build time (src/ssr.rs).
cargo clippy --locked --features ssr --all-targets -- -D warnings

step "engine tests (native): unit, table-driven, properties, doctests"
cargo test --locked -- --skip fuzz_the_ --skip fuzz_number_

step "first view (native): the page rendered at build time, its controls disabled, its hooks renamed"
cargo test --locked --features ssr --lib ssr::

step "workbook reader (native): sheets of a real workbook through the one reader; mutated workbooks never panic"
cargo test --locked -p esg-kpi-workbook -- --nocapture

step "fuzz: scenario, number entry (three languages), ledger, saved-state (both versions), link and message parsers, bounded (FUZZ_SECONDS, default 30; FUZZ_SEED, new each run)"
# A new seed each run, so that every run tries inputs the others did not (printed with the
# counts and with any failure: FUZZ_SEED=<seed> repeats a run exactly).
FUZZ_SEED="${FUZZ_SEED:-$(od -An -N8 -tu8 /dev/urandom | tr -d ' ')}" FUZZ_SECONDS="${FUZZ_SECONDS:-30}" \
  cargo test --locked --release --test fuzz_scenario -- --nocapture

step "release build: dist/index.html and dist/esg-kpi-calculator.html"
bash scripts/build.sh
node scripts/sizes.mjs

step "fault-injection build for the panic hook's test: target/fault-dist (never shipped)"
trunk build --release --features fault-injection --dist target/fault-dist

step "browser tests (headless Chromium: http://127.0.0.1 and file://)"
node --test --test-concurrency=1 tests/browser/
