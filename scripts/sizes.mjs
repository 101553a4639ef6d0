#!/usr/bin/env node
// Prints what a first visit to the hosted page transfers (raw and gzip) and the single file's size.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';

/**
 * The size budget of a first visit to the hosted page, gzip. `targetKb` is issue 7's target;
 * `limitKb` is what tests/browser/size.test.mjs enforces: the size as it is now plus a little,
 * so that it can only come down (lower it with every saving). BENCHMARKS.md says why the
 * target is not met yet.
 *
 * Raised once, from 335 to 382 KB, by issue 15's import (measured build against build):
 * the import reader that never guesses silently (header search, mapping, number formats,
 * periods, names, totals) +31.2 KB, its mapping step on the page +10.7 KB, the workbook
 * reader's loader and sheet choice +4.8 KB (calamine itself is fetched only when a workbook
 * is opened). The way back down: the reader into the module loaded on first import, and the
 * Chinese tables on demand (issue 19), about −31 and −16 KB.
 *
 * Raised a second time, from 382 to 384 KB, by issue 16's workspace (measured build against
 * build): the engine in a crate of its own, +3.1 KB (381.5 → 384.8 for the move alone: generic
 * functions the page and the engine both use — `Vec<T>` drop and clone, `IndexMap` clone, 19
 * more instances of `Vec::drop` before wasm-opt — are instantiated in each crate instead of
 * shared); the reader split into head, survey and rows for the streamed command line +0.7 KB;
 * overflow messages that name their line +0.3 KB; and back down −2.0 KB by building a
 * sentence of up to three arguments out of line (`t!` → `Text::with1..3`). 383.8 KB measured.
 *
 * Then down, to 363 KB: the import reader (crates/reader, the engine's ledger::read) moved into
 * a wasm module of its own, fetched on the first import (140.5 KB gzip then, once), −21.8 KB
 * on every first visit (383.8 → 362.0 KB measured). Then 364 KB: the choice in the import's
 * preview to sum a large ledger's rows by site, month, source, unit and factor (its checkbox,
 * its sentence, what summing did carried back from the reader), +1.9 KB (363.9 KB measured).
 *
 * Raised a third time, from 364 to 378 KB, by issue 16's incremental recalculation (measured
 * build against build): the tally each period's results are written from (exact sums, the
 * lines of each site, month, source and factor, the months of each site, each meter's
 * quantities in order), the calculation kept between edits (`live.rs`) and the reducer that
 * follows an edit with it, +13.2 KB (363.9 → 377.1 KB). First built at +30.2 KB; brought down
 * by keeping row indices in sorted vectors instead of B-tree sets, never removing entries
 * from the tally's maps (an emptied entry counts as absent; B-tree removal code is large), and
 * one sort over integer pairs instead of one per kind of list. What it buys: an edit at
 * 100,000 lines shown in 15 ms (p95) instead of about 950 ms (BENCHMARKS.md). Then 379 KB: the
 * calculation lines kept between edits (an edit writes again only its own) and the
 * data-quality warnings written from their first rows and a count instead of every row they
 * list, +1.5 KB (378.6 KB measured).
 *
 * Then down, to 375 KB (measured build against build, December 2026): one message catalogue
 * and one table of figures −1.0 KB; typed results +1.2 KB (377.6 → 378.8); lines inserted and
 * removed followed by renumbering (`Live::change_lines`, `Tally::shift`) +3.7 KB at first,
 * brought to +0.9 KB by one reducer path for rows and non-generic `before` closures; then
 * −5.4 KB by taking out sorts compiled once per element type: `number::order` for the few
 * lists of decimals the results order, maps built by insertion instead of collected (a
 * collected map sorts), and rust_decimal's `from_str` replaced by `from_str_radix(_, 10)`,
 * which leaves its scientific-notation parser out (374.3 KB measured). Then counts that agree
 * with their nouns +0.5 KB and grid factors shared by the rows +0.1 KB; and −1.6 KB by sorting
 * row indices through the one sort over integer pairs (`order.rs`) instead of one of their
 * own (373.3 KB measured): the limit down to 374 KB.
 *
 * Raised a fourth time, from 374 to 398 KB, by issue 17's fugitive emissions (measured build
 * against build, 373.7 → 397.4 KB, +23.7 KB): the catalogue of 37 gases with their GWPs in
 * four IPCC sets and aliases, 16 blends, 10 kinds of equipment with their leak rates and
 * sources; the refrigerant lines read, checked, worked out, traced and added to the
 * breakdowns; their editor on the page; about 45 new sentences in three languages. Before
 * wasm-opt the engine's share is about two thirds (`period_results_with` +11 KB,
 * `Reader::period` +10 KB, data +18 KB). Then 405 KB: vehicles and mobile machinery (the
 * mobile presets, distance × fuel economy, "Burnt in" and "Litres from" on the page), the
 * towngas switch, CLP's 2019–2023 factors and China's 2021–2023 national ones, +6.7 KB
 * (404.1 KB measured). Then 406 KB: a utility's latest year standing in for a later one and a
 * grid edition more than three years older than its lines, each flagged under the line on the
 * page, +1.9 KB (406.0 KB measured). Then 412 KB: 13 more sources (coal by kind, fuel oil,
 * kerosene, biofuels, heat, cooling) with their names in three languages and the importer's
 * spellings, 12 IPCC records with their citations, tonnes and refrigeration ton-hours,
 * biogenic CO2 apart, and financial years by months with the year-end month on the page,
 * +6.0 KB (412.0 KB measured). Then 424 KB: grid factors by the line's year (the MEE/NBS
 * tables, a seventh region, the national averages by year), A1.1 air emissions (three KPIs,
 * each combustion line's NOx, SOx and PM in the trace, the line's own factors read and written
 * back), Scope 1 by gas in CO2e, the published check against single factors, +11.8 KB
 * (423.8 KB measured). Then 426 KB: a fuel line's own NOx, SOx and PM factors entered on the
 * page, +1.7 KB (425.5 KB measured). Then 427 KB: the published check against every fuel and
 * a generator's own wording for a missing A1.1 factor, +1.2 KB (426.7 KB measured in the clean
 * clone's CI). Then 431 KB: Scope 2 by gas, financial years on the MEE/NBS editions, China's
 * 90 provincial averages (three opt-in editions with their citations), +3.6 KB (430.3 KB
 * measured). Then 460 KB: Scope 3 (issue 18's first step): the lines read, checked, worked
 * out and traced, comply or explain for fifteen categories in three languages, the DESNZ travel
 * set (174 factors with their cells), the Scope 3 editor and the categories table on the page,
 * +28.5 KB (458.8 KB measured). Then 506 KB: issue 18's second step, +45.5 KB (504.8 KB
 * measured; the wasm +43.8 KB gzip, +110 KB raw, of which 27 KB raw strings, most of them about
 * 80 new sentences in three languages): Hong Kong's usual lines (WSD and DSD series with their
 * citations), intensities per any denominator, the Part D table (engine rows, CSV, Excel paste,
 * the page's view), figures printed in kg, kWh or GJ with the published-table form for all 20
 * KPIs, and the Scope 3 chart. Then 533 KB: flights by airport pair, +27.0 KB (531.7 KB
 * measured): the 3,220 airports packed in 7 bytes each (22.5 KB raw, about 22 KB gzip; as text
 * they were 31 KB) and an exact-decimal great-circle distance (its own cosine series:
 * rust_decimal's `maths` feature cost 3.7 KB more). The airports are the first thing to load
 * on demand. Issue 19 owns the way down (Chinese tables on demand, the first view rendered at
 * build time).
 *
 * Raised a sixth time, from 533 to 548 KB, by issue 19's first view (measured build against
 * build, 532.1 → 547.6 KB, +15.5 KB): the page rendered at build time inside index.html,
 * +12.7 KB (each select cut to the option it shows: 16.4 KB before), and the script that
 * decides before the first paint whether to show it, +0.4 KB: what buys a KPI table painted
 * from the HTML before the wasm arrives (BENCHMARKS.md); then the wasm +2.0 KB and the
 * stylesheet +0.4 KB for the phone layout (folding groups, the bar that goes to the KPIs, the
 * KPI table as cards) and charts with HTML labels. Then 549 KB: the page mounted once it has
 * been read (the start-up script `async`) and `content-visibility` below the first screen,
 * +0.5 KB (548.1 KB measured).
 *
 * Then down, to 520 KB (measured build against build, 548.1 → 519.1 KB, −29.0 KB): the
 * catalogue's Chinese columns out of the page's wasm (the engine's feature `zh-fetched`: the
 * wasm keeps a constant of the English column only), each script a file of its own fetched
 * when it is chosen (`esg-kpi-text-zh-Hant-….js`, 14.8 KB gzip; inline in the single file and
 * the drop-in script, inflated only then). The import reader without them too, −26.5 KB on the
 * first import (247.7 → 221.2 KB).
 */
export const BUDGET = { targetKb: 200, limitKb: 520 };

const dist = resolve(import.meta.dirname, '..', 'dist');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
if (import.meta.url === `file://${process.argv[1]}`) main();

function main() {
  let raw = 0, gz = 0;
  const rows = [];
  const later = [];
  for (const name of readdirSync(dist).sort()) {
    // The single file and the drop-in script are not part of a visit to the hosted page.
    if (name === 'esg-kpi-calculator.html' || name === 'esg-kpi-calculator.js' || !/\.(html|js|wasm|css)$/.test(name)) continue;
    // The import reader is fetched on the first import, the workbook reader only when a
    // workbook is opened, a Chinese text file when that script is chosen.
    if (name.startsWith('esg-kpi-reader-') || name.startsWith('esg-kpi-workbook-') || name.startsWith('esg-kpi-text-')) {
      const bytes = readFileSync(join(dist, name));
      later.push(`  ${name.padEnd(48)} ${kb(bytes.length).padStart(10)} raw ${kb(gzipSync(bytes, { level: 9 }).length).padStart(10)} gzip`);
      continue;
    }
    const bytes = readFileSync(join(dist, name));
    const z = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length; gz += z;
    rows.push(`  ${name.padEnd(48)} ${kb(bytes.length).padStart(10)} raw ${kb(z).padStart(10)} gzip`);
  }
  if (later.length) console.log(`hosted page, only on the first import (reader), when a workbook is opened (workbook) or when Chinese is chosen (text):\n${later.join('\n')}`);
  const single = readFileSync(join(dist, 'esg-kpi-calculator.html'));
  console.log('hosted page, first visit:');
  console.log(rows.join('\n'));
  console.log(`  ${'total'.padEnd(48)} ${kb(raw).padStart(10)} raw ${kb(gz).padStart(10)} gzip`);
  console.log(`single file esg-kpi-calculator.html: ${kb(single.length)} raw, ${kb(gzipSync(single, { level: 9 }).length)} gzip`);
  const dropIn = readFileSync(join(dist, 'esg-kpi-calculator.js'));
  console.log(`drop-in script esg-kpi-calculator.js: ${kb(dropIn.length)} raw, ${kb(gzipSync(dropIn, { level: 9 }).length)} gzip`);
  console.log(`budget: first visit ${kb(gz)} gzip; target ${BUDGET.targetKb} KB, limit ${BUDGET.limitKb} KB (tests/browser/size.test.mjs)`);
}
