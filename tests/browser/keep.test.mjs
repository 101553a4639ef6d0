// Nothing lost, and everything exportable: autosave and restore, unreadable data set aside,
// share links, JSON export and import, CSV and Excel exports, reset that asks, print to PDF.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { setUp, fileUrl, kpiTexts, input, chooseLanguage } from './harness.mjs';

const env = setUp();

const KEY = 'esg-kpi-calculator:scenario';
const ready = (page) => page.waitForFunction(() => window.EsgKpi && document.querySelector('[data-kpi="ghg_total_t"]') && !document.querySelector('.esg-app[data-lang-loading]'));

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
      await page.waitForFunction((k) => (localStorage.getItem(k) ?? '').includes('Beijing HQ'), KEY, { timeout: 5000 });
      const saved = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
      assert.equal(saved.format, 'esg-kpi-autosave/2');
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
      // A header, the report's 16 KPIs, A1.1's three (null for the example's natural gas, with
      // the reason) and Scope 3 (null: the 2018 example has no Scope 3 lines).
      assert.equal(csv.trim().split('\n').length, 21);
      assert.match(csv, /\nA1\.1,air_nox_kg,/);
      assert.match(csv, /\nA1\.2,ghg_scope3_t,Other indirect GHG emissions \(Scope 3\),/);
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

test('a keystroke whose save has not run yet when the page is left is written on the way out', async () => {
  // Yew's scheduler yields to the browser once it has rendered for 16 ms, so the effect that
  // saves a change can run a task after the keystroke; a reload or a closed tab in between must
  // not lose it. The CPU slowed 20× makes the render long enough to yield on every machine; the
  // page is then left (`pagehide`) in the very microtask after the render, before the effect.
  const { ctx, errors } = await context();
  const page = await ctx.newPage();
  await page.goto(env.server.url);
  await ready(page);
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
  const savedAtHide = await page.evaluate((k) => new Promise((done) => {
    const field = document.querySelector('[data-input="organisation.employees"]');
    field.value = '777';
    field.dispatchEvent(new Event('input', { bubbles: true }));
    // Queued after the scheduler's own microtask: runs once the render is done.
    queueMicrotask(() => {
      const before = localStorage.getItem(k) ?? '';
      window.dispatchEvent(new Event('pagehide'));
      done({ before: before.includes('"employees":"777"'), after: (localStorage.getItem(k) ?? '').includes('"employees":"777"') });
    });
  }), KEY);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  assert.equal(savedAtHide.before, false, 'the save had not run when the page was left (else this test proves nothing)');
  assert.equal(savedAtHide.after, true, 'written on pagehide');
  await page.reload();
  await ready(page);
  assert.equal(await input(page, 'organisation.employees').inputValue(), '777');
  assert.deepEqual(errors, []);
  await ctx.close();
});

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
  assert.equal(rows.length, 21);
  assert.ok(rows.some((r) => r[0] === 'A1.1'), 'the A1.1 KPIs are in the table');
  assert.ok(rows.some((r) => r[2] === '其他間接溫室氣體排放總量(範圍三)(噸)'), 'Scope 3 is in the table');
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
  // The Part D table prints, without its copy button.
  const partD = page.getByTestId('part-d');
  assert.equal(await partD.isVisible(), true, 'the Part D table prints');
  assert.equal(await partD.locator('[data-part-d="scope2_location"]').isVisible(), true);
  assert.equal(await page.getByTestId('copy-part-d').isVisible(), false);
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

test('two tabs on the same saved inputs: neither overwrites the other silently; the user chooses', async () => {
  const context = await env.browser.newContext();
  const [a, b] = [await context.newPage(), await context.newPage()];
  const errors = [];
  for (const p of [a, b]) p.on('pageerror', (e) => errors.push(String(e)));
  await a.goto(env.server.url);
  await ready(a);
  await b.goto(env.server.url);
  await ready(b);
  const saved = () => a.evaluate((k) => JSON.parse(localStorage.getItem(k)).scenario.organisation.employees, KEY);
  // Tab A saves; tab B is told, and stops saving.
  await input(a, 'organisation.employees').fill('5000');
  await a.waitForFunction((k) => localStorage.getItem(k).includes('"5000"'), KEY);
  const notice = b.locator('[data-conflict="other-tab"]');
  await notice.waitFor();
  assert.match(await notice.textContent(), /Another tab has just saved different inputs/);
  await input(b, 'organisation.employees').fill('7000');
  await b.waitForTimeout(300);
  assert.equal(await saved(), '5000', 'B did not overwrite what A saved');
  // B loads A's inputs: B shows them, and saves again from then on.
  await notice.getByRole('button', { name: "Load the other tab's inputs" }).click();
  assert.equal(await input(b, 'organisation.employees').inputValue(), '5000');
  assert.equal(await notice.count(), 0);
  await input(b, 'organisation.employees').fill('6000');
  await b.waitForFunction((k) => localStorage.getItem(k).includes('"6000"'), KEY);
  // Now A is told. A keeps its own inputs and saves them over B's.
  const noticeA = a.locator('[data-conflict="other-tab"]');
  await noticeA.waitFor();
  await noticeA.getByRole('button', { name: 'Keep mine and save them' }).click();
  assert.equal(await saved(), '5000', 'A saved its inputs when asked');
  assert.equal(await input(a, 'organisation.employees').inputValue(), '5000');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a large scenario saved after a pause is still saved when the page is left before the pause ends', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(env.server.url);
  await ready(page);
  await page.evaluate(() => {
    const energy = Array.from({ length: 2000 }, (_, i) => ({ site: `S${i % 50}`, source: 'electricity', quantity: String(1000 + i), unit: 'kWh', grid: 'guangdong' }));
    window.EsgKpi.load({ organisation: { employees: '10' }, energy });
  });
  await page.waitForFunction((k) => (localStorage.getItem(k) ?? '').includes('"2999"'), KEY);
  // Typed, then the page is reloaded at once: the save waiting for the 500 ms pause is written
  // as the page goes.
  await input(page, 'energy[0].quantity').fill('123456');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k).includes('"123456"'), KEY), false, 'not saved yet: the pause has not ended');
  await page.reload();
  await ready(page);
  await input(page, 'energy[0].quantity').waitFor();
  assert.equal(await input(page, 'energy[0].quantity').inputValue(), '123456');
  await context.close();
});

test('storage full or disabled: the calculator works and says that autosave is off', async () => {
  for (const [why, init] of [
    ['full', () => { Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); }; }],
    ['disabled', () => { Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('Access is denied for this document.', 'SecurityError'); } }); }],
  ]) {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addInitScript(init);
    await page.goto(env.server.url);
    await ready(page);
    assert.equal((await kpiTexts(page)).ghg_total_t, '13,093.57', why);
    await input(page, 'organisation.employees').fill('10000');
    assert.equal((await kpiTexts(page)).water_m3_per_employee, '8.13', `${why}: it still computes`);
    await page.locator('[data-notice="warning"]', { hasText: /Autosave is off/ }).first().waitFor();
    assert.deepEqual(errors, [], why);
    await context.close();
  }
});

/** Waits until the autosave holds `text` (a value typed): Yew renders, and then saves, in its
 *  own tasks, which can come a moment after the keystroke when the machine is busy. */
const savedWith = (page, text) => page.waitForFunction(([k, t]) => (localStorage.getItem(k) ?? '').includes(t), [KEY, text], { timeout: 5000 });

/** A fresh browser (its own storage) on the hosted page; `init` runs before the page's own
 *  scripts, e.g. to make some storage writes fail. Page errors are collected. */
async function hosted(init) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  if (init) await page.addInitScript(init);
  await page.goto(env.server.url);
  await ready(page);
  return { context, page, errors };
}

/** Leaves `text` under the autosave key, as a crash or an older version would, and starts again. */
async function restartWith(page, text) {
  await page.evaluate(([k, t]) => localStorage.setItem(k, t), [KEY, text]);
  await page.reload();
  await ready(page);
}

/** The scenario in a stored save, or null. */
const storedEmployees = (page, key) => page.evaluate((k) => {
  const t = localStorage.getItem(k);
  return t === null ? null : JSON.parse(t).scenario.organisation.employees;
}, key);

test('a save cut short or altered never replaces a good one: the save before it is restored, the bad one kept aside', async () => {
  const { context, page, errors } = await hosted();
  await input(page, 'organisation.employees').fill('10,000');
  await savedWith(page, '"10,000"');
  await input(page, 'organisation.employees').fill('11,000');
  await savedWith(page, '"11,000"');
  // The latest save, whole (its length and checksum), and the one before it.
  const latest = await page.evaluate((k) => localStorage.getItem(k), KEY);
  const envelope = JSON.parse(latest);
  assert.equal(envelope.format, 'esg-kpi-autosave/2');
  assert.equal(typeof envelope.bytes, 'number');
  assert.match(envelope.fnv1a64, /^[0-9a-f]{16}$/);
  assert.equal(envelope.scenario.organisation.employees, '11,000');
  assert.equal(await storedEmployees(page, `${KEY}:previous`), '10,000');

  // As a crash in the middle of writing would leave it: the first half of the latest save.
  const half = latest.slice(0, Math.floor(latest.length / 2));
  await restartWith(page, half);
  let notice = await page.locator('[data-notice="warning"]').textContent();
  assert.match(notice, /Your latest autosave could not be read: it is cut off after \d+ characters/);
  assert.match(notice, /Nothing was deleted: it was kept aside in this browser under “esg-kpi-calculator:scenario:unreadable:/);
  assert.match(notice, /The save before it \(\d{4}-\d\d-\d\dT[\d:.]+Z\) is restored/);
  assert.equal(await input(page, 'organisation.employees').inputValue(), '10,000');
  assert.equal((await kpiTexts(page)).water_m3_per_employee, '8.13');
  const aside = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':unreadable:')).map((k) => localStorage.getItem(k)));
  assert.deepEqual(aside, [half], 'the damaged save is kept, byte for byte');

  // Still valid JSON, but not what was written (one digit changed): refused the same way.
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k)).format === 'esg-kpi-autosave/2', KEY);
  const altered = (await page.evaluate((k) => localStorage.getItem(k), KEY)).replace('"10,000"', '"90,000"');
  await restartWith(page, altered);
  notice = await page.locator('[data-notice="warning"]').textContent();
  assert.match(notice, /it is damaged: its length or checksum is not what was saved/);
  assert.equal(await input(page, 'organisation.employees').inputValue(), '10,000');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a save that fails (storage full) leaves the last good save as it was', async () => {
  const { context, page } = await hosted(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (window.__full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return set.call(this, k, v);
    };
  });
  await input(page, 'organisation.employees').fill('10,000');
  await savedWith(page, '"10,000"');
  const good = await page.evaluate((k) => localStorage.getItem(k), KEY);
  await page.evaluate(() => { window.__full = true; });
  await input(page, 'organisation.employees').fill('12,000');
  await page.locator('[data-notice="warning"]', { hasText: /Autosave is off: The quota has been exceeded/ }).waitFor();
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), good, 'the good save is untouched');
  await page.reload();
  await ready(page);
  assert.equal(await input(page, 'organisation.employees').inputValue(), '10,000');
  await context.close();
});

/** A save as the first version of the calculator wrote it (esg-kpi-autosave/1). */
async function firstVersionSave(page, employees) {
  return page.evaluate((employees) => {
    const scenario = { schema: 'esg-kpi-scenario/1', name: 'Saved by version 1', period: '2018',
      organisation: { floor_area_m2: '145,484', employees, revenue_rmb_million: '176,436' },
      energy: [{ site: 'Plant', source: 'electricity', quantity: '17,467.47', unit: 'MWh', grid: 'cn-east' }],
      water_m3: '81,345.33' };
    return JSON.stringify({ format: 'esg-kpi-autosave/1', saved_at: '2026-11-20T08:00:00.000Z', scenario });
  }, employees);
}

test('an older save is migrated, and its original is kept unchanged before anything is saved over it', async () => {
  const { context, page, errors } = await hosted();
  const v1 = await firstVersionSave(page, '9,999');
  await restartWith(page, v1);
  const BACKUP = `${KEY}:before-migration:esg-kpi-autosave/1`;
  const notice = await page.locator('[data-notice="info"]').first().textContent();
  assert.match(notice, /Restored your inputs, saved in an older format \(esg-kpi-autosave\/1\); the original is kept unchanged under “esg-kpi-calculator:scenario:before-migration:esg-kpi-autosave\/1”/);
  assert.equal(await input(page, 'organisation.employees').inputValue(), '9,999');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), BACKUP), v1, 'the original, byte for byte');
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k)).format === 'esg-kpi-autosave/2', KEY);
  // Later starts read the new format; the backup stays as it was.
  await input(page, 'organisation.employees').fill('8,888');
  await savedWith(page, '"8,888"');
  await page.reload();
  await ready(page);
  assert.equal(await input(page, 'organisation.employees').inputValue(), '8,888',
    `restored: ${await page.locator('[data-notice]').allTextContents()}; stored: ${await page.evaluate((k) => localStorage.getItem(k), KEY)}`);
  assert.doesNotMatch(await page.locator('[data-notice]').first().textContent(), /older format/);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), BACKUP), v1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an older save that cannot be backed up is not saved over until the user says so', async () => {
  const { context, page } = await hosted(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (k.includes(':before-migration:')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return set.call(this, k, v);
    };
  });
  const v1 = await firstVersionSave(page, '7,777');
  await restartWith(page, v1);
  const notice = page.locator('[data-notice="warning"]', { hasText: /The original could not be copied \(The quota has been exceeded\.\), so autosave is paused/ });
  await notice.waitFor();
  await input(page, 'organisation.employees').fill('7,000');
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), v1, 'the only copy of the original is untouched');
  await notice.getByRole('button', { name: 'Keep mine and save them' }).click();
  assert.equal(await storedEmployees(page, KEY), '7,000');
  assert.equal(await page.evaluate((k) => JSON.parse(localStorage.getItem(k)).format, KEY), 'esg-kpi-autosave/2');
  await context.close();
});

test('notices follow the page language, even those shown at start-up', async () => {
  const { context, page } = await hosted();
  await input(page, 'organisation.employees').fill('10,000');
  await page.reload();
  await ready(page);
  const notice = page.locator('[data-notice="info"]').first();
  assert.match(await notice.textContent(), /Restored your inputs from this browser's autosave/);
  await chooseLanguage(page, 'zh-Hant');
  assert.match(await notice.textContent(), /已從本瀏覽器的自動儲存恢復你的輸入/);
  await chooseLanguage(page, 'zh-Hans');
  assert.match(await notice.textContent(), /已从本浏览器的自动保存恢复你的输入/);
  await context.close();
});
