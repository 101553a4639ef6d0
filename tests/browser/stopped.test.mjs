// If the impossible happens: a panic in the wasm module. Run against a build with the
// `fault-injection` feature (scripts/test.sh writes it to target/fault-dist/; never shipped),
// where typing `esg-kpi:panic` into a field panics in the reducer, in the middle of an update,
// as a bug would. The panic hook must stop every save (the last autosave stays as it was), say
// so in each calculator with a button to reload, and report in the console and to the host.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launch, ROOT } from './harness.mjs';
import { serve } from '../../scripts/static-server.mjs';

const FAULT_DIST = resolve(ROOT, 'target', 'fault-dist');
const KEY = 'esg-kpi-calculator:scenario';
const PANIC = 'esg-kpi:panic';

let browser, server, url, hostDir;
before(async () => {
  if (!existsSync(join(FAULT_DIST, 'index.html'))) {
    throw new Error(`${FAULT_DIST} is missing: scripts/test.sh builds it (trunk build --release --features fault-injection)`);
  }
  browser = await launch();
  // A host page with two elements, next to the fault build's drop-in script.
  hostDir = mkdtempSync(join(tmpdir(), 'esg-stopped-'));
  cpSync(join(FAULT_DIST, 'esg-kpi-calculator.js'), join(hostDir, 'esg-kpi-calculator.js'));
  writeFileSync(join(hostDir, 'host.html'), `<!doctype html><meta charset="utf-8"><title>Host</title>
<link rel="icon" href="data:,">
<script src="esg-kpi-calculator.js"></script>
<esg-kpi-calculator id="a" example storage-key="unit-a"></esg-kpi-calculator>
<esg-kpi-calculator id="b" lang="zh-Hant" example storage-key="unit-b"></esg-kpi-calculator>`);
  cpSync(FAULT_DIST, join(hostDir, 'page'), { recursive: true });
  server = await serve(hostDir, 0);
  url = `http://127.0.0.1:${server.address().port}`;
});
after(async () => {
  await browser?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok()));
  if (hostDir) rmSync(hostDir, { recursive: true, force: true });
});

async function open(path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const record = { consoleErrors: [], pageErrors: [], requests: [] };
  page.on('console', (m) => { if (m.type() === 'error') record.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => record.pageErrors.push(String(e)));
  page.on('request', (r) => record.requests.push(r.url()));
  await page.addInitScript(() => {
    window.__stopped = [];
    window.addEventListener('esg-kpi-stopped', (e) => window.__stopped.push(e.detail));
  });
  await page.goto(`${url}${path}`);
  return { context, page, record };
}

test('a panic on the page: saving stops, the last autosave is kept, a message says so, and Reload brings the inputs back', async () => {
  const { context, page, record } = await open('/page/index.html');
  await page.locator('[data-kpi="ghg_total_t"]').waitFor();
  const field = (path) => page.locator(`[data-input="${path}"]`);
  await field('organisation.employees').fill('10,000');
  await page.waitForFunction((k) => (localStorage.getItem(k) ?? '').includes('"10,000"'), KEY);
  const before = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
  assert.equal(await page.locator('[data-testid="stopped"]').count(), 0);

  await field('name').fill(PANIC);
  const banner = page.locator('[data-testid="stopped"]');
  await banner.waitFor();
  assert.equal(await banner.getAttribute('role'), 'alert');
  assert.match(await banner.textContent(), /The calculator stopped on an internal error\. Nothing more is saved: your last autosave is kept as it was\. Reload the page to continue/);
  assert.equal(await page.locator('[data-testid="stopped"]').count(), 1, 'one message, however often the dead module is called');
  // The console has the details; the host page is told.
  assert.ok(record.consoleErrors.some((e) => /ESG KPI Calculator stopped: [\s\S]*fault injection at name/.test(e)), record.consoleErrors.join('\n'));
  const stopped = await page.evaluate(() => window.__stopped);
  assert.equal(stopped.length, 1);
  assert.match(stopped[0], /fault injection at name/);
  assert.equal(await page.evaluate(() => window.EsgKpi.stopped), true);

  // The inputs are inert: nothing can be typed into a calculator that can no longer save it.
  assert.equal(await field('organisation.employees').evaluate((e) => e.closest('[inert]') !== null), true);
  assert.equal(await banner.evaluate((e) => e.closest('[inert]') === null), true, 'the message and its button are not');
  // Whatever happens after it, nothing more reaches storage.
  await field('organisation.employees').evaluate((e) => { e.value = '20,000'; e.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  await page.evaluate(() => { try { window.EsgKpi.load({ organisation: { employees: '30,000' } }); } catch { /* a stopped module may throw */ } });
  const after = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
  assert.deepEqual(after, before, 'storage is exactly as it was before the panic');
  assert.deepEqual(record.requests.filter((r) => !r.startsWith(url) && !r.startsWith('data:')), []);

  // Reload: the page starts again from the last autosave.
  await banner.getByRole('button', { name: 'Reload the page' }).click();
  await page.waitForFunction(() => window.EsgKpi && document.querySelector('[data-kpi="ghg_total_t"]') && !document.querySelector('.esg-app[data-lang-loading]') && !document.querySelector('[data-testid="stopped"]'));
  assert.equal(await field('organisation.employees').inputValue(), '10,000');
  assert.equal(await page.locator('[data-kpi="water_m3_per_employee"]').textContent(), '8.13');
  assert.match(await page.locator('[data-notice]').first().textContent(), /Restored your inputs/);
  await context.close();
});

test('a save still waiting when the panic comes (a large scenario, typed, the pause not over) is never written: not on its timer, not when the page is left', async () => {
  const { context, page } = await open('/page/index.html');
  await page.locator('[data-kpi="ghg_total_t"]').waitFor();
  await page.evaluate(() => {
    const energy = Array.from({ length: 2000 }, (_, i) => ({ site: `S${i % 50}`, source: 'electricity', quantity: String(1000 + i), unit: 'kWh', grid: 'guangdong' }));
    window.EsgKpi.load({ organisation: { employees: '10' }, energy });
  });
  await page.waitForFunction((k) => (localStorage.getItem(k) ?? '').includes('"2999"'), KEY);
  const field = (path) => page.locator(`[data-input="${path}"]`);
  // Kept in memory at once, saved only after a 500 ms pause: still pending when the panic comes.
  await field('energy[0].quantity').fill('123456');
  await field('name').fill(PANIC);
  await page.locator('[data-testid="stopped"]').waitFor();
  const before = await page.evaluate((k) => localStorage.getItem(k), KEY);
  assert.equal(before.includes('"123456"'), false, 'the pause had not ended');
  await page.waitForTimeout(800);
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), before, 'nothing written after the panic');
  await context.close();
});

test('a panic in one element stops every calculator on the host page, each saying so in its language; their saves are kept', async () => {
  const { context, page, record } = await open('/host.html');
  const inA = (sel) => page.locator('#a').locator(sel);
  const inB = (sel) => page.locator('#b').locator(sel);
  await inA('[data-kpi="ghg_total_t"]').waitFor();
  await inB('[data-kpi="ghg_total_t"]').waitFor();
  await inB('[data-input="organisation.employees"]').fill('12,000');
  await page.waitForFunction(() => (localStorage.getItem('unit-b') ?? '').includes('"12,000"'));
  const before = await page.evaluate(() => [localStorage.getItem('unit-a'), localStorage.getItem('unit-b')]);

  await inA('[data-input="name"]').fill(PANIC);
  await inA('[data-testid="stopped"]').waitFor();
  await inB('[data-testid="stopped"]').waitFor();
  assert.match(await inA('[data-testid="stopped"]').textContent(), /The calculator stopped on an internal error/);
  assert.match(await inB('[data-testid="stopped"]').textContent(), /計算器因內部錯誤而停止/, 'lang="zh-Hant"');
  assert.equal(await page.locator('body > [data-testid="stopped"]').count(), 0, 'nothing is added to the host page itself');
  assert.ok(record.consoleErrors.some((e) => /ESG KPI Calculator stopped/.test(e)));
  assert.equal((await page.evaluate(() => window.__stopped)).length, 1);

  assert.equal(await inB('[data-input="organisation.employees"]').evaluate((e) => e.closest('[inert]') !== null), true);
  await inB('[data-input="organisation.employees"]').evaluate((e) => { e.value = '13,000'; e.dispatchEvent(new Event('input', { bubbles: true })); });
  assert.deepEqual(await page.evaluate(() => [localStorage.getItem('unit-a'), localStorage.getItem('unit-b')]), before);
  await inB('[data-testid="stopped"]').getByRole('button', { name: '重新載入頁面' }).click();
  await page.waitForFunction(() => {
    const b = document.getElementById('b')?.shadowRoot;
    return b && b.querySelector('[data-kpi="ghg_total_t"]') && !b.querySelector('[data-testid="stopped"]');
  });
  assert.equal(await inB('[data-input="organisation.employees"]').inputValue(), '12,000');
  await context.close();
});
