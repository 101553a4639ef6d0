#!/usr/bin/env bash
# Renders the page's first view at build time (src/ssr.rs: Yew's server-side rendering, run
# natively) into target/ssr/: first-view.en.html (what goes inside #esg-kpi-root) and
# decide.en.js (the script that decides before the first paint whether to show it); and the
# catalogue's Chinese columns, text.zh-Hant.json and text.zh-Hans.json, which the page fetches
# when that script is chosen (its wasm carries English only).
# Called by the Trunk pre_build hook (scripts/workbook.sh); scripts/single-file.mjs puts both
# into dist/index.html and the single file. Built in the dev profile: it renders once.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
target="${CARGO_TARGET_DIR:-$ROOT/target}"
# Trunk's hooks run with the wasm target's settings in the environment; this is a native build.
unset CARGO_BUILD_TARGET
cargo build --locked --features ssr --bin esg-kpi-ssr
out="$target/ssr"
mkdir -p "$out"
"$target/debug/esg-kpi-ssr" en > "$out/first-view.en.html.tmp"
"$target/debug/esg-kpi-ssr" en --decide > "$out/decide.en.js.tmp"
for lang in zh-Hant zh-Hans; do
  "$target/debug/esg-kpi-ssr" "$lang" --text > "$out/text.$lang.json.tmp"
  mv "$out/text.$lang.json.tmp" "$out/text.$lang.json"
done
mv "$out/first-view.en.html.tmp" "$out/first-view.en.html"
mv "$out/decide.en.js.tmp" "$out/decide.en.js"
echo "ssr: first view $(wc -c < "$out/first-view.en.html") bytes, decision $(wc -c < "$out/decide.en.js") bytes, Chinese $(wc -c < "$out/text.zh-Hant.json") + $(wc -c < "$out/text.zh-Hans.json") bytes"
