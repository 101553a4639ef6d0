#!/usr/bin/env bash
# Trunk pre_build hook: builds the page's two wasm modules of their own, which it loads only
# when first needed, each into target/<name>/: wasm-bindgen's no-modules glue with its own
# global, and the wasm (wasm-opt -Oz in release).
#   - crates/reader (the import reader: the engine's ledger::read), on the first import;
#   - crates/workbook (calamine), when a workbook is opened.
# Then the first view rendered at build time (scripts/ssr.sh).
# The post_build hook (scripts/single-file.mjs) puts them beside the hosted page, and inline —
# not decoded until needed — in the single file and the drop-in script.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
profile="${TRUNK_PROFILE:-debug}"
flags=()
[ "$profile" = release ] && flags=(--release)
target="${CARGO_TARGET_DIR:-$ROOT/target}"

module() { # crate, folder under target/, output name, global
  local crate="$1" dir="$2" name="$3" global="$4"
  cargo build --locked -p "$crate" --lib --target wasm32-unknown-unknown "${flags[@]}"
  local out="$target/$dir"
  rm -rf "$out"
  mkdir -p "$out"
  wasm-bindgen --target no-modules --no-modules-global "$global" --no-typescript \
    --out-dir "$out" --out-name "$name" "$target/wasm32-unknown-unknown/$profile/${crate//-/_}.wasm"
  if [ "$profile" = release ]; then
    wasm-opt -Oz --low-memory-unused --zero-filled-memory "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm"
  fi
  echo "$dir: $(wc -c < "$out/${name}_bg.wasm") bytes of wasm, $(wc -c < "$out/$name.js") bytes of glue"
}
module esg-kpi-reader reader esg-kpi-reader esgKpiReader
module esg-kpi-workbook workbook esg-kpi-workbook esgKpiWorkbook
# And the page's first view, rendered natively (scripts/ssr.sh).
bash "$ROOT/scripts/ssr.sh"
