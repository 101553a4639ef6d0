// Nothing lost, and everything exportable: autosave and restore, unreadable data set aside,
// share links, JSON export and import, CSV and Excel exports, reset that asks, print to PDF.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { setUp, fileUrl, kpiTexts, input } from './harness.mjs';

const env = setUp();

const KEY = 'esg-kpi-calculator:scenario';
const ready = (page) => page.waitForFunction(() => window.EsgKpi && document.querySelector('[data-kpi="ghg_total_t"]'));

/** A fresh browser context (its own storage), with console errors collected. */
async function context(options = {}) {
  const ctx = await env.browser.newContext({ acceptDownloads: true, ...options });
  const errors = [];
  ctx.on('page', (p) => p.on('pageerror', (e) => errors.push(String(e))));
  return { ctx, errors };
}

for (const [name, target] of [['hosted page', () => env.server.url], ['single file', fileUrl]]) {
  describe(name, () => {
    test('every change is autosaved and restored on reload', async () => {
      const { ctx, errors } = await context();
      const page = await ctx.newPage();
      await page.goto(target());
      await ready(page);
      await input(page, 'organisation.employees').fill('10,000');
      await input(page, 'energy[0].site').fill('Beijing HQ');
      const saved = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
      assert.equal(saved.format, 'esg-kpi-autosave/1');
      assert.equal(saved.scenario.organisation.employees, '10,000', 'saved as typed');
      await page.reload();
      await ready(page);
      assert.equal(await input(page, 'organisation.employees').inputValue(), '10,000');
      assert.equal(await input(page, 'energy[0].site').inputValue(), 'Beijing HQ');
      assert.equal((await kpiTexts(page)).water_m3_per_employee, '8.13');
      assert.match(await page.locator('[data-notice]').first().textContent(), /Restored your inputs/);
      assert.deepEqual(errors, []);
      await ctx.close();
    });

    test('unreadable saved data is set aside with a message, never discarded', async () => {
      const { ctx } = await context();
      const page = await ctx.newPage();
      await page.goto(target());
      await ready(page);
      await page.evaluate((k) => localStorage.setItem(k, '{"format":"esg-kpi-autosave/1","scenario": [broken'), KEY);
      await page.reload();
      await ready(page);
      const notice = await page.locator('[data-notice="warning"]').textContent();
      assert.match(notice, /could not be read/);
      assert.match(notice, /Nothing was deleted/);
      const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':unreadable:')).map((k) => localStorage.getItem(k)));
      assert.deepEqual(kept, ['{"format":"esg-kpi-autosave/1","scenario": [broken']);
      assert.equal((await kpiTexts(page)).ghg_total_t, '13,093.57', 'the example is shown');
      await ctx.close();
    });

    test('a JSON export imports back to the same inputs', async () => {
      const { ctx } = await context();
      const page = await ctx.newPage();
      await page.goto(target());
      await ready(page);
      await input(page, 'water_m3').fill('90,000.5');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
      assert.equal(download.suggestedFilename(), 'esg-kpi-scenario.json');
      const path = new URL(`../../test-results/esg-kpi-scenario-${name.replace(' ', '-')}.json`, import.meta.url).pathname;
      await download.saveAs(path);
      const exported = JSON.parse(await readFile(path, 'utf8'));
      assert.equal(exported.water_m3, '90,000.5');
      await input(page, 'water_m3').fill('1');
      await page.locator('#import-json').setInputFiles(path);
      await page.waitForFunction(() => document.querySelector('[data-input="water_m3"]').value === '90,000.5');
      assert.equal((await kpiTexts(page)).water_m3, '90,000.50');
      assert.match(await page.locator('[data-notice]').last().textContent(), /Imported esg-kpi-scenario-.*\.json/);
      // A file that is not a scenario changes nothing.
      await page.locator('#import-json').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('[1,2') });
      await page.waitForFunction(() => [...document.querySelectorAll('[data-notice]')].some((n) => n.textContent.includes('notes.json was not imported')));
      assert.equal(await input(page, 'water_m3').inputValue(), '90,000.5');
      await ctx.close();
    });

    test('the KPI table and the calculation lines download as CSV', async () => {
      const { ctx } = await context();
      const page = await ctx.newPage();
      await page.goto(target());
      await ready(page);
      const [kpi] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'KPI table CSV' }).click()]);
      const csv = await readFile(await kpi.path(), 'utf8');
      assert.ok(csv.startsWith('\ufeffhkex,kpi_id,'), 'UTF-8 with BOM, for Excel');
      assert.match(csv, /\nA1\.2,ghg_total_t,Total GHG emissions \(Scope 1 and 2\),溫室氣體排放總量\(範圍一及範圍二\)\(噸\),2018,13093\.569595551,"13,093\.57",t CO2e,13093\.57,true,/);
      assert.equal(csv.trim().split('\n').length, 17);
      const [trace] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Calculation lines CSV' }).click()]);
      const lines = await readFile(await trace.path(), 'utf8');
      assert.match(lines, /energy\[1\].*0\.7340433/);
      await ctx.close();
    });

    test('reset to the example asks first, and keeps a backup', async () => {
      const { ctx } = await context();
      const page = await ctx.newPage();
      await page.goto(target());
      await ready(page);
      await input(page, 'packaging_t').fill('5');
      await page.getByRole('button', { name: 'Reset to the example' }).click();
      await page.getByRole('button', { name: 'Keep my inputs' }).click();
      assert.equal(await input(page, 'packaging_t').inputValue(), '5');
      await page.getByRole('button', { name: 'Reset to the example' }).click();
      await page.getByRole('button', { name: 'Replace my inputs' }).click();
      assert.equal(await input(page, 'packaging_t').inputValue(), '65281.37');
      const backup = JSON.parse(await page.evaluate(() => localStorage.getItem('esg-kpi-calculator:before-reset')));
      assert.equal(backup.scenario.packaging_t, '5');
      await ctx.close();
    });
  });
}

test('a share link opens the same inputs in a fresh browser, and the previous inputs can come back', async () => {
  const first = await context({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await first.ctx.newPage();
  await page.goto(env.server.url);
  await ready(page);
  await input(page, 'organisation.employees').fill('13000');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-notice]')].some((n) => n.textContent.includes('Link copied')));
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(link.startsWith(`${env.server.url}#scenario=`), link.slice(0, 80));
  assert.equal(link, await page.evaluate(() => location.href), 'the address bar holds the link too');
  await first.ctx.close();

  const second = await context();
  const other = await second.ctx.newPage();
  await other.goto(env.server.url);
  await ready(other);
  await input(other, 'organisation.employees').fill('500'); // this browser's own inputs
  await other.goto(link);
  await other.reload();
  await ready(other);
  assert.equal(await input(other, 'organisation.employees').inputValue(), '13000');
  assert.match(await other.locator('[data-notice]').first().textContent(), /Loaded the scenario from the link/);
  await other.getByRole('button', { name: 'Restore my previous inputs' }).click();
  assert.equal(await input(other, 'organisation.employees').inputValue(), '500');
  await second.ctx.close();
});

test('copy for Excel puts a tab-separated KPI table on the clipboard', async () => {
  const { ctx } = await context({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await ctx.newPage();
  await page.goto(env.server.url);
  await ready(page);
  await page.getByRole('button', { name: 'Copy for Excel' }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-notice]')].some((n) => n.textContent.includes('KPI table copied')));
  const tsv = await page.evaluate(() => navigator.clipboard.readText());
  const rows = tsv.trim().split('\n').map((r) => r.split('\t'));
  assert.equal(rows.length, 17);
  assert.deepEqual(rows[1], ['A1.2', 'Total GHG emissions (Scope 1 and 2)', '溫室氣體排放總量(範圍一及範圍二)(噸)', '13093.57', 't CO2e', '13093.57']);
  await ctx.close();
});

test('printing shows the KPI table and an appendix of methods and sources, not the form', async () => {
  const { ctx } = await context();
  const page = await ctx.newPage();
  await page.goto(fileUrl());
  await ready(page);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.inputs').isVisible(), false);
  assert.equal(await page.locator('.toolbar').isVisible(), false);
  assert.equal(await page.locator('table.kpis').isVisible(), true);
  const published = page.locator('tr', { has: page.locator('[data-kpi="ghg_total_t"]') }).locator('td.published');
  assert.equal(await published.isVisible(), true, 'the published column prints');
  assert.match(await published.textContent(), /13,093\.57/);
  const appendix = page.locator('.appendix');
  assert.equal(await appendix.isVisible(), true);
  assert.match(await appendix.textContent(), /12,821\.88 t ÷ 17,467\.47 MWh/);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.ok(pages >= 2, `the table and its appendix: ${pages} pages`);
  await page.screenshot({ path: 'test-results/print-preview.png', fullPage: true });
  await ctx.close();
});
