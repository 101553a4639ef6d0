#!/usr/bin/env node
// Trunk post_build hook: writes esg-kpi-calculator.html, ONE file with the script, the wasm
// and the style inline, that works opened from file:// with no server and no network; and
// esg-kpi-calculator.js, the drop-in script for other pages: one classic script (glue and
// wasm inline) that defines <esg-kpi-calculator> and window.EsgKpi.
//
// Why not Trunk's own output: a file:// page cannot load a `type="module"` script nor fetch()
// a .wasm. So the same compiled wasm goes through wasm-bindgen's `no-modules` target (a
// classic script), wasm-opt -Oz in release, and is inlined gzipped as base64, inflated by a
// synchronous gunzip; `initSync` then starts the calculator synchronously while the page loads
// (CONTRACT.md §2).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { buildSync, transformSync } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
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

// The page's first view, rendered at build time (scripts/ssr.sh, src/ssr.rs), and the script
// that decides before the first paint whether to show it. Both pages get it: the hosted page
// loads the decision as a file of its own (its CSP allows no inline script), the single file
// has it inline.
const ssrDir = join(targetDir, 'ssr');
const firstView = readFileSync(join(ssrDir, 'first-view.en.html'), 'utf8');
const decide = readFileSync(join(ssrDir, 'decide.en.js'), 'utf8');
if (!firstView.includes('data-first-kpi="ghg_total_t"')) {
  console.error('single-file: the first view has no KPI table; scripts/ssr.sh did not render it.');
  process.exit(1);
}
const ROOT_EMPTY = '<div id="esg-kpi-root"></div>';
const withFirstView = (html) => {
  if (!html.includes(ROOT_EMPTY)) throw new Error('single-file: no empty #esg-kpi-root to render the first view into');
  return html.replace(ROOT_EMPTY, () => `<div id="esg-kpi-root" data-first-view>${firstView}</div>`);
};

/**
 * The page's stylesheet for a shadow root: custom properties on :host (so a host page can
 * theme them), the page's body rules on the widget's own root, which first resets everything
 * it could inherit from the host page (`all: initial`); rem (the host page's root size) as px;
 * narrow layouts by the widget's width (container queries), not the window's.
 */
function shadowCss(css) {
  const body = css
    .replace(/:root\b/g, ':host')
    .replace(/(^|\n)(\s*)body\s*\{/g, '$1$2.esg-app {')
    .replace(/@media \(max-width: (\d+)px\)/g, '@container esg (max-width: $1px)')
    .replace(/(\d*\.?\d+)rem\b/g, (_, v) => `${+(parseFloat(v) * 16).toFixed(3)}px`);
  // `all` leaves out `direction` and `unicode-bidi`: those are reset by name.
  const reset = 'all: initial; display: block; direction: ltr; unicode-bidi: isolate;';
  return `:host { display: block; }\n.esg-mount { ${reset} container: esg / inline-size; }\n`
    + `.esg-app { ${reset} }\n` + body;
}

// The page's modules of their own (scripts/workbook.sh, the pre_build hook), each loaded the
// first time it is needed: the import reader (on the first import) and the workbook reader
// (when a workbook is opened). Each no-modules glue defines its global (`esgKpiReader`,
// `esgKpiWorkbook`); the page asks `window.__esgKpiReader()` / `window.__esgKpiWorkbook()` for
// the started module. Inline here (single file, drop-in): the wasm gzipped, then base64 —
// the browser's DecompressionStream inflates it on that first call, so that it adds about a
// third of what the plain base64 would to the file as e-mailed.
const modules = [
  { dir: 'reader', name: 'esg-kpi-reader', global: 'esgKpiReader', hook: '__esgKpiReader', meta: 'esg-kpi-reader', when: 'on the first import' },
  { dir: 'workbook', name: 'esg-kpi-workbook', global: 'esgKpiWorkbook', hook: '__esgKpiWorkbook', meta: 'esg-kpi-workbook', when: 'when a workbook is opened' },
].map((m) => {
  const glue = readFileSync(join(targetDir, m.dir, `${m.name}.js`), 'utf8');
  const wasm = readFileSync(join(targetDir, m.dir, `${m.name}_bg.wasm`));
  if (/<\/script/i.test(glue)) throw new Error(`single-file: the ${m.dir} glue contains a closing tag`);
  const inline = [
    glue,
    '(function () {',
    `  var b64 = "${gzipSync(wasm, { level: 9 }).toString('base64')}", ready = null;`,
    `  if (window.${m.hook}) return;`,
    `  window.${m.hook} = function () {`,
    '    if (!ready) {',
    '      ready = esgKpiGunzipped(b64).arrayBuffer().then(function (buffer) {',
    `        ${m.global}.initSync({ module: new Uint8Array(buffer) });`,
    `        return ${m.global};`,
    '      });',
    '    }',
    '    return ready;',
    '  };',
    '})();',
  ].join('\n');
  return { ...m, glue, wasm, inline };
});
// The catalogue's Chinese columns (scripts/ssr.sh): the page's wasm carries English only and
// asks `window.__esgKpiTextzhHant()` / `__esgKpiTextzhHans()` for the file's text the first time
// that script is chosen. Inline here, gzipped then base64 like the modules, inflated only then.
const texts = ['zh-Hant', 'zh-Hans'].map((lang) => {
  const text = readFileSync(join(ssrDir, `text.${lang}.json`), 'utf8');
  if (!text.startsWith('{"schema":"esg-kpi-text/1"') || !text.includes(`"lang":"${lang}"`)) {
    throw new Error(`single-file: target/ssr/text.${lang}.json is not the ${lang} text file; scripts/ssr.sh did not write it.`);
  }
  const hook = `__esgKpiText${lang.replace('-', '')}`;
  const inline = [
    '(function () {',
    `  var b64 = "${gzipSync(Buffer.from(text, 'utf8'), { level: 9 }).toString('base64')}", ready = null;`,
    `  if (window.${hook}) return;`,
    `  window.${hook} = function () {`,
    '    if (!ready) ready = esgKpiGunzipped(b64).text();',
    '    return ready;',
    '  };',
    '})();',
  ].join('\n');
  return { lang, text, hook, inline };
});
// What the modules and texts above share: base64 of a gzip to a Response of its inflated bytes
// (the browser's DecompressionStream, asynchronous: used only on first need).
const gunzipped = [
  'var esgKpiGunzipped = function (b64) {',
  '  var bin = atob(b64), bytes = new Uint8Array(bin.length);',
  '  for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);',
  "  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')));",
  '};',
].join('\n');
const modulesInline = [gunzipped, ...modules.map((m) => m.inline), ...texts.map((t) => t.inline)].join('\n');

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
  html = html.replace('</head>', `    <style>\n${css}    </style>\n    <script>\n${decide}    </script>\n  </head>`);
  html = withFirstView(html);
  // The wasm gzipped, then base64 (about 40% of the plain base64's size, raw and gzipped), and
  // inflated synchronously by fflate's gunzip (4 KB): the calculator still starts during load,
  // as CONTRACT.md §2 asks of the single file (the browser's DecompressionStream is async).
  const inflater = buildSync({
    stdin: { contents: "export { gunzipSync } from 'fflate';", resolveDir: root, loader: 'js' },
    bundle: true, minify: true, format: 'iife', globalName: 'esgKpiInflate', write: false, legalComments: 'none',
    target: ['chrome100', 'firefox100', 'safari15', 'edge100'],
  }).outputFiles[0].text;
  if (/<\/script/i.test(inflater)) throw new Error('single-file: the inflater contains a closing tag');
  const boot = [
    inflater.trim(),
    '(function () {',
    `  var b64 = "${gzipSync(bytes, { level: 9 }).toString('base64')}";`,
    '  var bin = atob(b64), gz = new Uint8Array(bin.length);',
    '  for (var i = 0; i < bin.length; i++) gz[i] = bin.charCodeAt(i);',
    '  wasm_bindgen.initSync({ module: esgKpiInflate.gunzipSync(gz) });',
    '})();',
  ].join('\n');
  html = html.replace('</body>', () => `    <script>\n${glue}\n    </script>\n    <script>\n${boot}\n${modulesInline}\n    </script>\n  </body>`);
  const out = join(staging, 'esg-kpi-calculator.html');
  writeFileSync(out, html);
  // What the single file needs from a Content-Security-Policy, if one is set where it is
  // served: its inline scripts and style by hash (they change with every build), wasm
  // compilation, and its inline icon. Written beside it for whoever serves it.
  const hash = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  const inlineOf = (tag) => [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => hash(m[1]));
  const policy = `default-src 'none'; script-src ${inlineOf('script').join(' ')} 'wasm-unsafe-eval'; style-src ${inlineOf('style').join(' ')}; img-src data:`;
  writeFileSync(join(staging, 'esg-kpi-calculator.csp.txt'), policy + '\n');
  console.log(`single-file: wrote esg-kpi-calculator.html (${html.length} bytes; wasm ${bytes.length} bytes, glue ${glue.length} bytes)`);

  // The drop-in script: everything inside one function, so that the glue's `wasm_bindgen`
  // does not clash with anything on the host page, and a second copy does nothing.
  const element = readFileSync(join(root, 'scripts', 'element.js'), 'utf8')
    .replace('var ESG_KPI_CSS = __ESG_KPI_CSS__;', () => `var ESG_KPI_CSS = ${JSON.stringify(shadowCss(css))};`);
  if (!element.includes('var ESG_KPI_CSS = "')) throw new Error('single-file: the stylesheet did not go into the element script');
  const dropIn = [
    '/* ESG KPI Calculator — drop-in script: defines <esg-kpi-calculator> and window.EsgKpi. */',
    '(function () {',
    '"use strict";',
    "if (window.customElements && window.customElements.get('esg-kpi-calculator')) return;",
    glue,
    boot,
    modulesInline,
    element,
    '})();',
    '',
  ].join('\n');
  writeFileSync(join(staging, 'esg-kpi-calculator.js'), dropIn);
  console.log(`single-file: wrote esg-kpi-calculator.js (${dropIn.length} bytes)`);

  // The hosted page under a strict Content-Security-Policy: Trunk's start-up script is inline,
  // which `script-src 'self'` forbids, so it moves to a file of its own (named by its hash,
  // like Trunk's); and the host's allow-list of parent origins for iframe embedding goes in.
  const indexPath = join(staging, 'index.html');
  let index = readFileSync(indexPath, 'utf8');
  const inline = index.match(/<script type="module">([\s\S]*?)<\/script>/);
  if (inline) {
    const code = inline[1].trim() + '\n';
    const name = `esg-kpi-start-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
    writeFileSync(join(staging, name), code);
    // `async`: it runs as soon as it has loaded, so the wasm is fetched and compiled while the
    // first view is parsed and painted (src/embed.rs mounts once the page has been read).
    index = index.replace(inline[0], `<script type="module" async src="./${name}"></script>`);
  }
  // A smaller first visit: Trunk copies wasm-bindgen's glue and the stylesheet as written
  // (comments, long names); in a release build they are minified here, and the integrity
  // hashes Trunk put in index.html follow them (a hash that is not found stops the build).
  if (profile === 'release') {
    const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
    for (const name of readdirSync(staging)) {
      const loader = /^esg-kpi-calculator-[0-9a-f]+\.js$/.test(name) ? 'js' : /^style-[0-9a-f]+\.css$/.test(name) ? 'css' : null;
      if (!loader) continue;
      const file = join(staging, name);
      const before = readFileSync(file);
      const { code } = transformSync(before.toString('utf8'), {
        loader,
        minify: true,
        legalComments: 'none',
        // The browsers the page supports; esbuild writes nothing newer than they read.
        target: ['chrome100', 'firefox100', 'safari15', 'edge100'],
        ...(loader === 'js' ? { format: 'esm' } : {}),
      });
      if (!index.includes(sri(before))) throw new Error(`single-file: index.html has no integrity hash for ${name}`);
      index = index.replaceAll(sri(before), sri(code));
      writeFileSync(file, code);
      console.log(`single-file: minified ${name} (${before.length} → ${Buffer.byteLength(code)} bytes)`);
    }
  }
  // The hosted page: each module beside it, named by its hash, fetched only when first needed
  // (same origin: a strict `script-src 'self'; connect-src 'self'` allows it), and named to the
  // page by a <meta>.
  for (const m of modules) {
    const hashed = `${m.name}-${createHash('sha256').update(m.glue).update(m.wasm).digest('hex').slice(0, 16)}`;
    const hostedLoader = [
      m.glue,
      '(function () {',
      '  var here = document.currentScript && document.currentScript.src, ready = null;',
      `  if (window.${m.hook}) return;`,
      `  window.${m.hook} = function () {`,
      `    if (!ready) ready = ${m.global}({ module_or_path: new URL('${hashed}_bg.wasm', here) }).then(function () { return ${m.global}; });`,
      '    return ready;',
      '  };',
      '})();',
      '',
    ].join('\n');
    writeFileSync(join(staging, `${hashed}.js`), hostedLoader);
    writeFileSync(join(staging, `${hashed}_bg.wasm`), m.wasm);
    if (!index.includes(`<meta name="${m.meta}"`)) {
      index = index.replace('</head>', `  <meta name="${m.meta}" content="./${hashed}.js" />\n  </head>`);
    }
    console.log(`single-file: ${m.dir} module ${hashed} (${m.wasm.length} bytes of wasm), loaded ${m.when}`);
  }
  // The Chinese text files beside the hosted page, each a script that hands the page its text
  // (a script, so that `script-src 'self'` is all a strict policy needs), named to the page by
  // a <meta>, fetched only when that script is chosen.
  for (const t of texts) {
    const name = `esg-kpi-text-${t.lang}-${createHash('sha256').update(t.text).digest('hex').slice(0, 16)}.js`;
    const code = `(function () {\n  if (window.${t.hook}) return;\n  var text = ${JSON.stringify(t.text)};\n  window.${t.hook} = function () { return Promise.resolve(text); };\n})();\n`;
    writeFileSync(join(staging, name), code);
    if (!index.includes(`<meta name="esg-kpi-text-${t.lang}"`)) {
      index = index.replace('</head>', `  <meta name="esg-kpi-text-${t.lang}" content="./${name}" />\n  </head>`);
    }
    console.log(`single-file: ${t.lang} text ${name} (${Buffer.byteLength(code)} bytes), loaded when chosen`);
  }
  // The first view, and its decision as a blocking script in <head> (a few hundred bytes,
  // fetched beside the stylesheet, which blocks the first paint anyway).
  const decideName = `esg-kpi-first-${createHash('sha256').update(decide).digest('hex').slice(0, 16)}.js`;
  writeFileSync(join(staging, decideName), decide);
  index = index.replace('</head>', `  <script src="./${decideName}"></script>\n  </head>`);
  index = withFirstView(index);
  const origins = (process.env.ESG_KPI_ALLOWED_ORIGINS || '').trim();
  if (origins) {
    if (/["<>&]/.test(origins)) throw new Error('single-file: ESG_KPI_ALLOWED_ORIGINS holds a character that is not in an origin');
    index = index.replace('name="esg-kpi-allowed-origins" content=""', `name="esg-kpi-allowed-origins" content="${origins}"`);
  }
  writeFileSync(indexPath, index);
} finally {
  rmSync(work, { recursive: true, force: true });
}
