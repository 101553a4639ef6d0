#!/usr/bin/env node
// Trunk post_build hook: writes esg-kpi-calculator.html, ONE file with the script, the wasm
// and the style inline, that works opened from file:// with no server and no network.
//
// Why not Trunk's own output: a file:// page cannot load a `type="module"` script nor fetch()
// a .wasm. So the same compiled wasm goes through wasm-bindgen's `no-modules` target (a
// classic script), wasm-opt -Oz in release, and is inlined as base64; `initSync` then starts
// the calculator synchronously while the page loads (CONTRACT.md §2).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const staging = process.env.TRUNK_STAGING_DIR;
const profile = process.env.TRUNK_PROFILE === 'release' ? 'release' : 'debug';
if (!staging) {
  console.error('single-file: TRUNK_STAGING_DIR is not set; run this through `trunk build`.');
  process.exit(1);
}
const targetDir = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(root, 'target');
const wasm = join(targetDir, 'wasm32-unknown-unknown', profile, 'esg-kpi-calculator.wasm');
if (!existsSync(wasm)) {
  console.error(`single-file: ${wasm} does not exist; cargo did not build the wasm binary.`);
  process.exit(1);
}

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
const work = mkdtempSync(join(tmpdir(), 'esg-single-'));
try {
  run('wasm-bindgen', ['--target', 'no-modules', '--no-typescript', '--out-dir', work, '--out-name', 'esg', wasm]);
  let wasmFile = join(work, 'esg_bg.wasm');
  if (profile === 'release') {
    const opt = join(work, 'esg_opt.wasm');
    run('wasm-opt', ['-Oz', wasmFile, '-o', opt]);
    wasmFile = opt;
  }
  const glue = readFileSync(join(work, 'esg.js'), 'utf8');
  const bytes = readFileSync(wasmFile);
  const css = readFileSync(join(root, 'assets', 'style.css'), 'utf8');
  for (const [what, text] of [['glue', glue], ['css', css]]) {
    if (/<\/(script|style)/i.test(text)) throw new Error(`single-file: the ${what} contains a closing tag`);
  }

  const template = readFileSync(join(root, 'index.html'), 'utf8');
  // Drop Trunk's directives; the style goes inline, the scripts at the end of <body> so that
  // the mount point exists when the wasm starts.
  let html = template.replace(/^\s*<link data-trunk[^>]*>\s*$/gm, '');
  html = html.replace('</head>', `    <style>\n${css}    </style>\n  </head>`);
  const boot = [
    '(function () {',
    `  var b64 = "${bytes.toString('base64')}";`,
    '  var bin = atob(b64), bytes = new Uint8Array(bin.length);',
    '  for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);',
    '  wasm_bindgen.initSync({ module: bytes });',
    '})();',
  ].join('\n');
  html = html.replace('</body>', `    <script>\n${glue}\n    </script>\n    <script>\n${boot}\n    </script>\n  </body>`);
  const out = join(staging, 'esg-kpi-calculator.html');
  writeFileSync(out, html);
  console.log(`single-file: wrote esg-kpi-calculator.html (${html.length} bytes; wasm ${bytes.length} bytes, glue ${glue.length} bytes)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
