// Importing activity rows: preview, cancel (nothing changes), confirm (and undo), drag and drop,
// pasted cells, Chinese encodings, the error fixture's located messages, the large fixture with
// paged lines and breakdowns, and files refused whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setUp, openPage, kpiTexts, input, ROOT, openTrace } from './harness.mjs';

const env = setUp();
const FIXTURES = join(ROOT, 'tests', 'fixtures');
const choose = (page, file) => page.locator('#import-rows').setInputFiles(typeof file === 'string' ? join(FIXTURES, file) : file);
/** Confirms the import and waits until it has been applied (it is applied a moment after the
 *  click, so that "Working…" shows first). */
const confirm = async (page, which) => {
  await page.getByTestId(which).click();
  await page.locator('[data-import-status]', { hasText: /Imported/ }).waitFor({ timeout: 60_000 });
};
const open = async (page) => {
  if (!(await page.locator('details.import').evaluate((d) => d.open))) await page.locator('details.import > summary').click();
};

test('a CSV is previewed first; cancel changes nothing; confirm adds the rows; undo brings the inputs back', async () => {
  const { page, record, close } = await openPage(env.browser, env.server.url);
  const before = await kpiTexts(page);
  await open(page);
  await choose(page, 'ledger-clean-en.csv');
  const summary = page.locator('[data-import-summary]');
  await summary.waitFor();
  assert.match(await summary.textContent(), /ledger-clean-en.csv: 10 rows read, 10 ready to import, 0 with problems/);
  assert.deepEqual(await kpiTexts(page), before, 'a preview changes nothing');
  await page.getByTestId('import-cancel').click();
  assert.match(await page.locator('[data-import-status]').textContent(), /Nothing was imported/);
  assert.deepEqual(await kpiTexts(page), before);
  // Confirm: 2 lines of the example + 10.
  await choose(page, 'ledger-clean-en.csv');
  await confirm(page, 'import-add');
  assert.equal(await input(page, 'energy[11].site').inputValue(), 'Hong Kong shop');
  assert.equal(await input(page, 'energy[8].density_kg_per_l').inputValue(), '0.84');
  assert.notEqual((await kpiTexts(page)).ghg_total_t, before.ghg_total_t);
  // The breakdowns add up to the table, by site, month and source.
  await page.getByTestId('breakdowns').locator('summary').click();
  // An opened panel renders a moment after the click.
  await page.locator('[data-breakdown="month"] tbody tr').first().waitFor();
  assert.equal(await page.locator('[data-breakdown="month"] tbody tr').count(), 3, '2018-01, 2018-02 and the example’s rows without a month');
  await page.getByTestId('undo-load').click();
  assert.deepEqual(await kpiTexts(page), before, 'undone');
  assert.equal(await input(page, 'energy[2].site').count(), 0);
  assert.deepEqual(record.pageErrors, []);
  await close();
});

test('the error fixture: one located message per bad line, the HTML site shown as text, and the good rows importable', async () => {
  const { page, record, close } = await openPage(env.browser, env.server.url);
  await open(page);
  await choose(page, 'ledger-errors.csv');
  await page.locator('[data-import-summary]').waitFor();
  assert.match(await page.locator('[data-import-summary]').textContent(), /14 rows read, 3 ready to import, 11 with problems/);
  const lines = await page.locator('[data-problem-line]').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
  assert.equal(lines.length, 11);
  assert.deepEqual(lines[0].slice(0, 3), ['3', 'quantity', '=SUM(A1:A3)']);
  assert.match(lines[0][3], /spreadsheet formula/);
  assert.deepEqual(lines[8].slice(0, 3), ['11', 'grid', 'atlantis']);
  await confirm(page, 'import-replace');
  // The script in the site name is text: nothing ran, and it is shown as typed.
  assert.equal(await input(page, 'energy[1].site').inputValue(), '<img src=x onerror=alert(1)><script>alert(2)</script>');
  assert.equal(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length), 0);
  assert.deepEqual(record.pageErrors, []);
  await close();
});

test('drag and drop, pasted cells, and files from Chinese Excel (GB18030, Big5)', async () => {
  const { page, close } = await openPage(env.browser, env.server.url);
  await open(page);
  const drop = async (name, hex) => {
    const dt = await page.evaluateHandle(([n, h]) => {
      const bytes = new Uint8Array(h.match(/../g).map((b) => parseInt(b, 16)));
      const d = new DataTransfer();
      d.items.add(new File([bytes], n, { type: 'text/csv' }));
      return d;
    }, [name, hex]);
    await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer: dt });
    await page.locator('[data-import-summary]').waitFor();
    return page.locator('[data-import-summary]').textContent();
  };
  const gb = 'b5d8b5e32cc4dcd4b42cd3c3c1bf2cb5a5cebb0ab1b1bea9b5ea2cb5e7c1a62c22312c303030222cc7a7cddfcab10a';
  // The file names no grid: its one electricity row is not ready until one is chosen for it.
  assert.match(await drop('simplified.csv', gb), /simplified.csv: 1 row read, 0 ready to import, 1 with problems.*Read as GB18030/);
  assert.match(await page.locator('[data-problem-line="2"]').textContent(), /no emission factor/);
  await page.getByTestId('grid-for-all').fill('北京');
  await page.getByTestId('grid-for-all').press('Enter');
  await page.locator('[data-import-summary]', { hasText: /1 ready to import/ }).waitFor();
  await confirm(page, 'import-replace');
  assert.equal(await input(page, 'energy[0].site').inputValue(), '北京店');
  const big5 = 'a661c2492cafe0b7bd2ca5ceb6712cb3e6a6ec0aa578a55fa9b12cb971a44f2c22322c303030222ca464a5cbaec90a';
  await open(page);
  assert.match(await drop('traditional.csv', big5), /Read as Big5/);
  await page.getByTestId('grid-for-all').fill('guangdong');
  await page.getByTestId('grid-for-all').press('Enter');
  await page.locator('[data-import-summary]', { hasText: /1 ready to import/ }).waitFor();
  await confirm(page, 'import-add');
  assert.equal(await input(page, 'energy[1].site').inputValue(), '台北店');
  // Cells pasted from a spreadsheet: tab-separated.
  await open(page);
  await page.locator('#import-paste').fill('Site\tSource\tQuantity\tUnit\tUtility\nKowloon\telectricity\t3,000\tkWh\tHK Electric');
  await page.getByRole('button', { name: 'Read the pasted cells' }).click();
  await confirm(page, 'import-add');
  assert.equal(await input(page, 'energy[2].site').inputValue(), 'Kowloon');
  assert.equal(await input(page, 'energy[2].quantity').inputValue(), '3,000');
  await close();
});

test('files refused whole: empty, only headers, binary, over the size limit — the scenario untouched', async () => {
  const { page, close } = await openPage(env.browser, env.server.url);
  const before = await kpiTexts(page);
  await open(page);
  for (const [name, body, reason] of [
    ['empty.csv', '', /the file is empty/],
    ['headers.csv', 'site,source,quantity,unit\n', /header line but no rows/],
    ['binary.csv', '\u0000\u0001PK\u0003\u0004', /not a text file/],
    ['big.csv', 'x'.repeat(21 * 1024 * 1024), /up to 20 MB/],
  ]) {
    await choose(page, { name, mimeType: 'text/csv', buffer: Buffer.from(body) });
    const refused = page.locator('[data-import-refused]');
    await refused.waitFor();
    assert.match(await refused.textContent(), reason, name);
    await page.getByRole('button', { name: 'Close' }).click();
  }
  assert.deepEqual(await kpiTexts(page), before);
  await close();
});

test('the large fixture (21,600 rows) imports; the lines are paged; breakdowns and data quality stay usable', async () => {
  const { page, record, close } = await openPage(env.browser, env.server.url);
  await open(page);
  // "Working…" shows while the file is read and while the import is applied.
  await page.evaluate(() => {
    window.__busy = 0;
    new MutationObserver(() => {
      const shown = !!document.querySelector('[data-testid="import-busy"]');
      if (shown && !window.__busyShown) window.__busy += 1;
      window.__busyShown = shown;
    }).observe(document.body, { childList: true, subtree: true });
  });
  await choose(page, 'ledger-large-zh.csv');
  await page.locator('[data-import-summary]').waitFor({ timeout: 60_000 });
  assert.equal(await page.evaluate(() => window.__busy), 1, 'shown while the file was read');
  // Beyond what a person edits line by line, rows are summed unless the user says not to; here
  // every row is a site, month and source of its own, so nothing is summed and nothing said.
  assert.equal(await page.getByTestId('sum-rows').isChecked(), true);
  assert.equal(await page.locator('[data-summed]').count(), 0);
  assert.match(await page.locator('[data-import-summary]').textContent(), /21600 rows read, 21600 ready to import, 0 with problems/);
  await confirm(page, 'import-replace');
  assert.equal(await page.evaluate(() => window.__busy), 2, 'and again while the import was applied');
  assert.equal(await page.getByTestId('import-busy').count(), 0, 'and gone once it is done');
  await page.getByTestId('energy-pager').waitFor({ timeout: 60_000 });
  assert.match(await page.getByTestId('energy-pager').textContent(), /Lines 1–50 of 21600/);
  assert.equal(await page.locator('[data-row^="energy["]').count(), 50, 'one page of lines in the page');
  await page.getByRole('button', { name: 'Next →' }).click();
  assert.equal(await input(page, 'energy[50].site').inputValue(), 'Store 002', '36 lines a store');
  // Typing in a line of a large scenario: the figure stays, the KPIs follow when typing pauses.
  await input(page, 'energy[50].quantity').fill('20000');
  await page.getByTestId('recalculating').waitFor({ state: 'detached', timeout: 30_000 });
  assert.equal(await input(page, 'energy[50].quantity').inputValue(), '20000');
  await page.getByTestId('breakdowns').locator('summary').click();
  await page.locator('[data-breakdown="month"] tbody tr').first().waitFor();
  assert.equal(await page.locator('[data-breakdown="month"] tbody tr').count(), 12);
  // Any line is two steps away: "Go to line" opens its page, with its factor's source.
  await page.getByTestId('go-to-line').fill('15,001');
  await page.getByTestId('go-to-line').press('Enter');
  assert.match(await page.getByTestId('energy-pager').textContent(), /Lines 15001–15050 of 21600/);
  assert.match(await page.locator('[data-factor-used="energy[15000]"]').textContent(), /Factor used: .+/);
  await page.getByRole('button', { name: 'Last »' }).click();
  assert.match(await page.getByTestId('energy-pager').textContent(), /Lines 21551–21600 of 21600/);
  // The page lists the first 300 calculation lines and says so; the CSV has every one.
  await openTrace(page);
  const trace = page.locator('details.trace');
  assert.match(await trace.locator('summary').textContent(), /Calculation lines \(2160\d\)/);
  assert.match(await trace.textContent(), /The first 300 of 2160\d lines; the calculation lines CSV has them all/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Calculation lines CSV' }).click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  const energyLines = csv.split('\n').filter((l) => /(^|,)"?energy\[\d+\]"?,/.test(l));
  assert.equal(energyLines.length, 21_600, 'one CSV line per activity line');
  assert.deepEqual(record.pageErrors, []);
  await close();
});

test('a ledger of 3,000 rows is summed by site, month and source, saying so: the same KPIs in far fewer lines, repeats named', async () => {
  const { page, record, close } = await openPage(env.browser, env.server.url);
  await open(page);
  const sites = ['Kwun Tong office', 'Shenzhen plant', 'Tsuen Wan store'];
  let csv = 'site,month,source,quantity,unit,grid\n';
  for (let i = 0; i < 3000; i += 1) {
    csv += `${sites[i % 3]},2018-${String(1 + (i % 12)).padStart(2, '0')},electricity,${100 + (i % 97)}.${i % 10},kWh,guangdong\n`;
  }
  // Line 3002 repeats line 2 exactly.
  csv += 'Kwun Tong office,2018-01,electricity,100.0,kWh,guangdong\n';
  const file = { name: 'meters.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };
  await choose(page, file);
  await page.locator('[data-summed]').waitFor({ timeout: 60_000 });
  assert.match(await page.locator('[data-summed]').textContent(), /^3001 rows summed into 12 lines, one per site, month, source, unit and factor/);
  assert.match(await page.locator('[data-import-notice]').allTextContents().then((t) => t.join(' ')), /1 row repeats an earlier row exactly .*3002 = 2/);
  await confirm(page, 'import-replace');
  const summed = await kpiTexts(page);
  assert.equal(await page.locator('[data-input$=".quantity"][data-input^="energy["]').count(), 12, 'twelve lines');
  // The first line: Kwun Tong office in January, rows 0, 12, … 2988 and the repeat, summed
  // (in tenths of a kWh, exactly).
  let tenths = 1000;
  for (let i = 0; i < 3000; i += 12) tenths += (100 + (i % 97)) * 10 + (i % 10);
  const expected = tenths % 10 === 0 ? String(tenths / 10) : `${Math.floor(tenths / 10)}.${tenths % 10}`;
  assert.equal(await input(page, 'energy[0].site').inputValue(), 'Kwun Tong office');
  assert.equal(await input(page, 'energy[0].quantity').inputValue(), expected);
  // The same file with every row kept gives the same KPIs.
  await page.getByTestId('undo-load').click();
  await choose(page, file);
  await page.getByTestId('sum-rows').waitFor();
  await page.getByTestId('sum-rows').uncheck();
  await page.locator('[data-summed]').waitFor({ state: 'detached', timeout: 60_000 });
  await confirm(page, 'import-replace');
  assert.deepEqual(await kpiTexts(page), summed);
  assert.deepEqual(record.pageErrors, []);
  await close();
});

test('a 100,000-row file is read a step at a time: the page draws between steps and shows the share read, and the preview sums every row', async () => {
  const { page, close } = await openPage(env.browser, env.server.url);
  await open(page);
  const sites = ['Kwun Tong office', 'Shenzhen plant', 'Tsuen Wan store', 'Shanghai office', 'Guangzhou DC'];
  const lines = ['site,month,source,quantity,unit,grid'];
  let tenths = 0;
  for (let i = 0; i < 100_000; i += 1) {
    const q = (1 + (i % 997)) * 10 + (i % 10);
    tenths += q;
    lines.push(`${sites[i % 5]},2018-${String(1 + (Math.floor(i / 5) % 12)).padStart(2, '0')},electricity,${Math.floor(q / 10)}.${q % 10},kWh,guangdong`);
  }
  const file = { name: 'meters-100k.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') };
  // The "Working…" note shows the share read, step by step: sampled at every frame, so that a
  // reading in one task (which would let no frame through while it reads) shows none of it.
  await page.evaluate(() => {
    window.__shares = new Set();
    const tick = () => {
      const share = document.querySelector('[data-testid="import-busy"]')?.getAttribute('data-progress');
      if (share !== null && share !== undefined) window.__shares.add(share);
      if (!document.querySelector('[data-summed]')) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await choose(page, file);
  await page.locator('[data-summed]').waitFor({ timeout: 120_000 });
  const shares = await page.evaluate(() => [...window.__shares].map(Number));
  assert.ok(shares.length >= 5, `shares seen while 100,000 rows were read: ${shares}`);
  assert.ok(shares.every((s) => s >= 0 && s <= 100), `${shares}`);
  assert.match(await page.locator('[data-summed]').textContent(), /^100000 rows summed into 60 lines/);
  assert.match(await page.locator('[data-import-summary]').textContent(), /100000 rows read, 60 ready to import, 0 with problems/);
  // The summed lines hold every row: indirect energy is the file's kWh, in MWh to the cent.
  await confirm(page, 'import-replace');
  const hundredths = (BigInt(tenths) + 50n) / 100n; // tenths of a kWh → hundredths of a MWh
  assert.notEqual(BigInt(tenths) % 100n, 50n, 'no tie to round');
  const mwh = `${(hundredths / 100n).toLocaleString('en-US')}.${String(hundredths % 100n).padStart(2, '0')}`;
  assert.equal((await kpiTexts(page)).energy_indirect_mwh, mwh);
  await close();
});
