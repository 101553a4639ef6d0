#!/usr/bin/env node
// The baseline's engine outside the browser, for the "engine cost linear in rows" figure of
// BENCHMARKS.md: the same scenario as examples/profile.rs builds for the native engine (n energy
// lines, every third natural gas in m³, the rest electricity in kWh on Guangdong's grid, 600
// sites), serialised to JSON, then timed in Node (V8, the engine of Chromium):
//
//   parse JSON   JSON.parse of the text (one run)
//   calculate    the baseline page's calculate() (benches/baseline/baseline.js), fastest of 5
//
//   node benches/baseline-engine.mjs N
//
// Prints lines in examples/profile.rs's format ("label   12.3 ms"), which benches/run.mjs reads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

const n = Number(process.argv[2] ?? 100000);
// baseline.js is a page script: give it a window to publish BaselineKpi on and a document
// that is still loading (so that it only registers its start-up and renders nothing).
const sandbox = { window: {}, document: { readyState: 'loading', addEventListener() {} }, structuredClone };
vm.createContext(sandbox);
vm.runInContext(readFileSync(join(import.meta.dirname, 'baseline', 'baseline.js'), 'utf8'), sandbox);
const { calculate } = sandbox.window.BaselineKpi;

const energy = [];
for (let i = 0; i < n; i += 1) {
  energy.push(i % 3 === 0
    ? { site: `S${i % 600}`, source: 'natural_gas', quantity: String(1000 + i), unit: 'm3' }
    : { site: `S${i % 600}`, source: 'electricity', quantity: String(1000 + i), unit: 'kWh', grid: 'guangdong' });
}
const text = JSON.stringify({ organisation: { employees: '100' }, energy });
energy.length = 0;

let t = performance.now();
const doc = JSON.parse(text);
console.log(`parse JSON      ${(performance.now() - t).toFixed(1).padStart(8)} ms (${text.length} bytes)`);
let fastest = Infinity;
let total;
for (let i = 0; i < 5; i += 1) {
  t = performance.now();
  total = calculate(doc).ghg_total_t;
  fastest = Math.min(fastest, performance.now() - t);
}
console.log(`calculate       ${fastest.toFixed(1).padStart(8)} ms (fastest of 5; ghg_total_t ${total.toFixed(2)})`);
