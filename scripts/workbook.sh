#!/usr/bin/env bash
# Trunk pre_build hook: builds crates/workbook (calamine) to a wasm module of its own, which the
# page loads only when a workbook is opened, into target/workbook/: wasm-bindgen's no-modules
# glue with the global `esgKpiWorkbook`, and the wasm (wasm-opt -Oz in release). The post_build
# hook (scripts/single-file.mjs) puts it beside the hosted page, and inline — not decoded until
# needed — in the single file and the drop-in script.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
profile="${TRUNK_PROFILE:-debug}"
flags=()
[ "$profile" = release ] && flags=(--release)
target="${CARGO_TARGET_DIR:-$ROOT/target}"
cargo build --locked -p esg-kpi-workbook --lib --target wasm32-unknown-unknown "${flags[@]}"
out="$target/workbook"
rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target no-modules --no-modules-global esgKpiWorkbook --no-typescript \
  --out-dir "$out" --out-name esg-kpi-workbook "$target/wasm32-unknown-unknown/$profile/esg_kpi_workbook.wasm"
if [ "$profile" = release ]; then
  wasm-opt -Oz --low-memory-unused --zero-filled-memory "$out/esg-kpi-workbook_bg.wasm" -o "$out/esg-kpi-workbook_bg.wasm"
fi
echo "workbook: $(wc -c < "$out/esg-kpi-workbook_bg.wasm") bytes of wasm, $(wc -c < "$out/esg-kpi-workbook.js") bytes of glue"
