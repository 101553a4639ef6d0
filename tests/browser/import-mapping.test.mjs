// The import's mapping step with the files facilities teams really send (tests/fixtures/messy):
// a bill with a title line, an HK$ column beside the kWh and a Total row; changing what a column
// means; the decimal-comma switch; subtotals in Simplified Chinese; a mapping remembered for the
// same headers; "New report" and its undo; and the same step in the single file over file://.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setUp, openPage, kpiTexts, input, ROOT, fileUrl, REPORT_2018, chooseLanguage } from './harness.mjs';

const env = setUp();
const MESSY = join(ROOT, 'tests', 'fixtures', 'messy');
const choose = (page, name) => page.locator('#import-rows').setInputFiles(join(MESSY, name));
const open = async (page) => {
  if (!(await page.locator('details.import').evaluate((d) => d.open))) await page.locator('details.import > summary').click();
};
const summary = (page) => page.locator('[data-import-summary]').textContent();
/** Starts a new report for 2025 (the example is 2018: its rows would be outside the period). */
const newReport = async (page) => {
  await page.getByTestId('new-report').click();
  await page.getByTestId('new-report-confirm').click();
  await input(page, 'period').fill('2025');
};
const readRows = (page) => page.locator('[data-read-line]').evaluateAll((rows) => rows.map((r) => ({
  line: r.dataset.readLine,
  quantity: r.querySelector('[data-read-quantity]').textContent,
  readings: r.querySelector('[data-readings]').textContent,
})));

test('New report clears the example (figures, notes, published table) after asking, and undo brings it back', async () => {
  const { page, record, close } = await openPage(env.browser, env.server.url);
  const example = await kpiTexts(page);
  assert.equal(example.ghg_total_t, REPORT_2018.ghg_total_t);
  await page.getByTestId('new-report').click();
  // Asked first: nothing changed yet.
  assert.deepEqual(await kpiTexts(page), example);
  await page.getByTestId('new-report-confirm').click();
  await page.waitForFunction(() => document.querySelector('[data-kpi="ghg_total_t"]').textContent.trim() !== '13,093.57');
  const blank = await kpiTexts(page);
  // Nothing left of the example: sums of no lines are 0.00, everything else has no input.
  assert.ok(Object.values(blank).every((v) => v === '—' || v === '0.00'), `no figure left: ${JSON.stringify(blank)}`);
  assert.equal(await input(page, 'organisation.employees').inputValue(), '');
  assert.equal(await page.locator('td.published').filter({ hasText: /\d/ }).count(), 0, 'no published figure left');
  assert.equal(await page.locator('.field .note').filter({ hasText: /Implied by the report/ }).count(), 0, 'no example note left');
  assert.match(await input(page, 'period').inputValue(), /^\d{4}$/);
  assert.equal(await input(page, 'gwp').inputValue(), 'AR6', 'a new report takes the latest IPCC values');
  await page.getByTestId('undo-load').click();
  assert.deepEqual(await kpiTexts(page), example, 'undone: the example is back');
  assert.deepEqual(record.pageErrors, []);
  await close();
});

test('a CLP bill: title skipped, kWh (not HK$) is the quantity, bills split by days, the Total row left out; the user can remap', async () => {
  const { page, record, close } = await openPage(env.browser, env.server.url);
  await newReport(page);
  await open(page);
  await choose(page, 'clp-bill-en.csv');
  await page.locator('[data-import-summary]').waitFor();
  assert.match(await page.locator('[data-import-title]').textContent(), /Header on line 3.*CLP Power Hong Kong/);
  assert.match(await summary(page), /1 total row left out\./);
  assert.match(await page.locator('[data-unused-numeric]').textContent(), /Amount \(HK\$\)/);
  assert.equal(await page.getByTestId('map-2').inputValue(), 'quantity');
  assert.equal(await page.getByTestId('map-3').inputValue(), '');
  assert.match(await page.locator('[data-import-notice]').first().textContent(), /read as purchased electricity/);
  assert.match(await page.locator('[data-total-line="10"]').textContent(), /a total row \(“Total”\)/);
  // No grid in the file: not ready until one is chosen, and it says why at each line.
  assert.match(await summary(page), /0 ready to import/);
  await page.getByTestId('grid-for-all').fill('hk-default');
  await page.getByTestId('grid-for-all').press('Enter');
  await page.locator('[data-import-summary]', { hasText: /12 ready to import/ }).waitFor();
  const rows = await readRows(page);
  assert.equal(rows[0].line, '4');
  assert.match(rows[0].readings, /17 of 31 days of 2025-01-15 – 2025-02-14/);
  // "Amount (HK$) is the quantity": the page reads it so, and names the kWh column as unused.
  await page.getByTestId('map-3').selectOption('quantity');
  await page.locator('[data-unused-numeric]', { hasText: /Consumption \(kWh\)/ }).waitFor();
  assert.equal(await page.getByTestId('map-2').inputValue(), '', 'one column per meaning');
  // Back to kWh, and confirm.
  await page.getByTestId('map-2').selectOption('quantity');
  await page.locator('[data-import-summary]', { hasText: /12 ready to import/ }).waitFor();
  await page.getByTestId('import-replace').click();
  await page.locator('[data-import-status]', { hasText: /Imported 12 rows from clp-bill-en.csv/ }).waitFor();
  // Six bills from 15 January to 14 July: seven months, each bill in the two it spans.
  await page.getByTestId('breakdowns').locator('summary').click();
  await page.locator('[data-breakdown="month"] tbody tr').first().waitFor();
  const months = await page.locator('[data-breakdown="month"] tbody tr th').allTextContents();
  assert.deepEqual(months.map((m) => m.trim()), ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07']);
  assert.notEqual((await kpiTexts(page)).ghg_scope2_t, '—');
  // The same headers again: the confirmed mapping is remembered, beside the autosave.
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('import-mapping')));
  assert.deepEqual(keys, ['esg-kpi-calculator:import-mapping:accountno|billperiod|consumption|amount']);
  await open(page);
  await choose(page, 'clp-bill-en.csv');
  await page.locator('[data-import-summary]').waitFor();
  assert.equal(await page.getByTestId('map-2').inputValue(), 'quantity');
  assert.deepEqual(record.pageErrors, []);
  await close();
});

test('decimal commas: found from the cells, shown, switchable; switching flags the cells that contradict it', async () => {
  const { page, close } = await openPage(env.browser, env.server.url);
  await newReport(page);
  await open(page);
  await choose(page, 'european-semicolon.csv');
  await page.locator('[data-import-summary]').waitFor();
  assert.match(await page.getByTestId('number-format').locator('option:checked').textContent(), /As found: 1\.234,5/);
  assert.match(await page.locator('[data-number-why]').textContent(), /can only be read this way/);
  const gas = (await readRows(page)).find((r) => r.line === '5');
  assert.equal(gas.quantity, '1310', '1.310 m³ with decimal commas is one thousand three hundred and ten');
  await page.getByTestId('number-format').selectOption('point');
  await page.locator('[data-problem-line="6"]').waitFor();
  assert.match(await page.locator('[data-problem-line="6"]').textContent(), /1\.234,5.*decimal comma/);
  assert.match(await page.locator('[data-number-why]').textContent(), /chosen by you/);
  await page.getByTestId('number-format').selectOption('auto');
  await page.locator('[data-problem-line="6"]').waitFor({ state: 'detached' });
  await close();
});

test('a Simplified Chinese landlord statement: 小计 and 合计 left out, 深圳 read as Guangdong, in the page language', async () => {
  const { page, close } = await openPage(env.browser, env.server.url);
  await chooseLanguage(page, 'zh-Hans');
  await newReport(page);
  await open(page);
  await choose(page, 'bill-zh-hans.csv');
  await page.locator('[data-import-summary]').waitFor();
  for (const line of ['8', '13', '14']) {
    assert.match(await page.locator(`[data-total-line="${line}"]`).textContent(), /合计行（“(小计|合计)/);
  }
  const rows = await readRows(page);
  assert.equal(rows.length, 8);
  assert.ok(rows.some((r) => /“深圳”读作电网 guangdong/.test(r.readings)), JSON.stringify(rows));
  assert.ok(rows.some((r) => /度读作 kWh/.test(r.readings)));
  await close();
});

test('the single file over file:// shows the same mapping step and imports offline', async () => {
  const { page, record, close } = await openPage(env.browser, fileUrl());
  await newReport(page);
  await open(page);
  await choose(page, 'towngas-du.csv');
  await page.locator('[data-import-summary]').waitFor();
  const rows = await readRows(page);
  assert.match(rows[0].readings, /48 MJ/);
  assert.match(await page.locator('[data-problem-line="6"]').textContent(), /度 is a kWh for electricity.*LPG/);
  await page.getByTestId('import-add').click();
  await page.locator('[data-import-status]', { hasText: /Imported/ }).waitFor();
  assert.equal(await input(page, 'energy[0].unit').inputValue(), 'unit');
  assert.ok(record.requests.every((u) => u.startsWith('file:')), record.requests.join('\n'));
  assert.deepEqual(record.pageErrors, []);
  await close();
});

/** Opens the fixture workbook and waits for its first sheet with a header. */
const openWorkbook = async (page) => {
  await open(page);
  await page.locator('#import-rows').setInputFiles(join(ROOT, 'tests', 'fixtures', 'workbooks', 'facilities-workbook.xlsx'));
  await page.locator('[data-import-summary]').waitFor({ timeout: 30_000 });
};

for (const [where, url] of [['hosted', () => env.server.url], ['single file over file://', fileUrl]]) {
  test(`an Excel workbook (${where}): the reader loaded only then, a choice of sheet, the merged title skipped, Excel dates read as months`, async () => {
    const { page, record, close } = await openPage(env.browser, url());
    const before = [...record.requests];
    assert.ok(!before.some((u) => u.includes('workbook')), 'the first visit does not load the workbook reader');
    await newReport(page);
    await openWorkbook(page);
    // "Read me" has no header: the first sheet that has one is shown, and every sheet offered.
    const sheets = await page.getByTestId('workbook-sheet').locator('option').allTextContents();
    assert.deepEqual(sheets, ['Read me', 'Electricity 2025', '燃料']);
    assert.equal(await page.getByTestId('workbook-sheet').inputValue(), 'Electricity 2025');
    assert.match(await summary(page), /facilities-workbook.xlsx · Electricity 2025: 7 rows read, 6 ready to import, 0 with problems.*1 total row left out\./);
    assert.match(await page.locator('[data-import-title]').textContent(), /Header on line 3.*ABC Holdings/);
    assert.match(await page.locator('[data-unused-numeric]').textContent(), /Amount \(HK\$\)/);
    const rows = await readRows(page);
    assert.match(rows[0].readings, /“45658” read as 2025-01/);
    // The other sheet: the Chinese fuel log.
    await page.getByTestId('workbook-sheet').selectOption('燃料');
    await page.locator('[data-import-summary]', { hasText: /燃料: 3 rows read, 3 ready to import/ }).waitFor();
    await page.getByTestId('import-add').click();
    await page.locator('[data-import-status]', { hasText: /Imported 3 rows/ }).waitFor();
    assert.equal(await input(page, 'energy[0].unit').inputValue(), 'L');
    if (where === 'hosted') {
      assert.ok(record.requests.some((u) => /esg-kpi-workbook-[0-9a-f]+_bg\.wasm$/.test(u)), 'fetched when the workbook was opened');
    } else {
      assert.ok(record.requests.every((u) => u.startsWith('file:')), record.requests.join('\n'));
    }
    assert.deepEqual(record.pageErrors, []);
    await close();
  });
}

test('a file that is not a workbook but is named like one is refused with its reason, the scenario untouched', async () => {
  const { page, close } = await openPage(env.browser, env.server.url);
  const before = await kpiTexts(page);
  await open(page);
  await page.locator('#import-rows').setInputFiles({ name: 'broken.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\u0003\u0004 not really a zip') });
  const refused = page.locator('[data-import-refused]');
  await refused.waitFor({ timeout: 30_000 });
  assert.match(await refused.textContent(), /broken\.xlsx cannot be imported: this workbook cannot be read/);
  assert.deepEqual(await kpiTexts(page), before);
  await close();
});
