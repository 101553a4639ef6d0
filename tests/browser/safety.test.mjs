// Nothing sent and nothing injected (issue 8). Every string a user, a file, a link or a host
// page supplies is shown as text. Script payloads go into every free-text place the scenario has — the name,
// the period, site names, notes, a custom factor's source, a waste item's kind and note, the
// production unit, the exchange rate's source, a currency code, a grid — through the API, a
// share link, the single file, the drop-in element under a strict CSP, pasted cells in the
// import (sites, notes, a quantity) and messages from an allowed parent page to the iframe;
// every panel that shows them is opened, and nothing may run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, openPage, fileUrl, openTrace, ROOT, chooseLanguage } from './harness.mjs';
import { serve } from '../../scripts/static-server.mjs';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const env = setUp();

/** Each payload, if it ran, would count itself in window.__xss. */
const PAYLOADS = [
  '<img src=x onerror="window.__xss=(window.__xss||0)+1">',
  '<script>window.__xss=(window.__xss||0)+1</script>',
  '<svg onload="window.__xss=(window.__xss||0)+1"></svg>',
  '"><iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  'javascript:window.__xss=1',
];
const P = PAYLOADS.join(' ');

const hostile = {
  name: P,
  period: `2018 ${P}`,
  organisation: { employees: '100', floor_area_m2: '1000', production_quantity: '10', production_unit: P, revenue_currency: P, revenue_million: '5', fx_rmb_per_unit: '0.9', fx_source: P },
  energy: [
    { site: P, source: 'electricity', quantity: '100', unit: 'MWh', factor: { value: '0.5', unit: 'tCO2e/MWh', source: P } },
    { site: P, source: 'electricity', quantity: '50', unit: 'MWh', grid: P },
  ],
  waste: { items: [{ kind: P, quantity: '1', unit: 't' }, { kind: 'paper', quantity: '2', unit: 't', note: P }] },
  notes: { 'energy[0].quantity': P, water_m3: P },
  water_m3: '10',
};

/** The hostile scenario without what the calculator refuses outright (an unknown currency,
 *  grid and waste kind: their errors quote them, as text): one it loads. */
function loadable() {
  const s = structuredClone(hostile);
  s.organisation.revenue_currency = 'HKD';
  delete s.energy[1].grid;
  s.waste.items = s.waste.items.slice(1);
  return s;
}

/** Opens every panel that shows user text, then checks that nothing ran and that the text is shown as text. */
async function assertInert(page, root = 'document') {
  await page.evaluate((root) => {
    const scope = root === 'document' ? document : document.querySelector(root).shadowRoot;
    for (const d of scope.querySelectorAll('details')) if (!d.open) d.querySelector('summary')?.click();
    for (const b of scope.querySelectorAll('[data-working]')) b.click();
  }, root);
  await page.waitForTimeout(300);
  const seen = await page.evaluate((root) => {
    const scope = root === 'document' ? document : document.querySelector(root).shadowRoot;
    const text = (scope.body ?? scope).textContent;
    return {
      xss: window.__xss ?? 0,
      injected: scope.querySelectorAll('img, svg[onload], iframe').length
        + [...scope.querySelectorAll('script')].filter((s) => s.textContent.includes('__xss')).length,
      handlers: [...scope.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
      shownAsText: text.includes('<img src=x onerror=') && text.includes('<script>window.__xss'),
    };
  }, root);
  assert.equal(seen.xss, 0, 'no payload ran');
  assert.equal(seen.injected, 0, 'no element came from a payload');
  assert.equal(seen.handlers, 0, 'no inline event handler anywhere');
  assert.ok(seen.shownAsText, 'the payloads are shown, as text');
}

test('payloads in every text field, loaded through the API into the hosted page, are shown as text and never run', async () => {
  const { page, record, close } = await openPage(env.browser, env.server.url);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const answer = await page.evaluate((s) => window.EsgKpi.load(s), hostile);
  // An unknown currency code, grid and waste kind are refused at their fields (the message
  // quotes them as text), so the load is refused: load the scenario without them.
  assert.ok(answer.errors.some((e) => e.path === 'organisation.revenue_currency'), JSON.stringify(answer.errors));
  const ok = await page.evaluate((s) => window.EsgKpi.load(s), loadable());
  assert.deepEqual(ok.errors, []);
  await page.locator('[data-input="energy[0].site"]').waitFor();
  assert.equal(await page.locator('[data-input="energy[0].site"]').inputValue(), P);
  await openTrace(page);
  await assertInert(page);
  // Typed in, too.
  await page.locator('[data-input="energy[1].site"]').fill(`${P} typed`);
  await page.locator('[data-input="organisation.fx_source"]').fill(`${P} typed`);
  await assertInert(page);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(record.pageErrors, []);
  await close();
});

test('a share link carrying payloads, and the single file over file://, show them as text', async () => {
  const fragment = `#scenario=${Buffer.from(JSON.stringify(loadable())).toString('base64url')}`;
  for (const url of [`${env.server.url}${fragment}`, `${fileUrl()}${fragment}`]) {
    const { page, record, close } = await openPage(env.browser, url);
    await page.locator('[data-input="energy[0].site"]').waitFor();
    assert.equal(await page.locator('[data-input="energy[0].site"]').inputValue(), P, url);
    await assertInert(page);
    assert.deepEqual(record.pageErrors, []);
    await close();
  }
});

test('the drop-in element under the strict CSP: payloads set through its scenario property are shown as text', async () => {
  const server = await serve(ROOT, 0, { prefix: '/' });
  const base = `http://127.0.0.1:${server.address().port}`;
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const violations = [];
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${base}/examples/strict-csp.html`);
  await page.waitForFunction(() => document.querySelector('#widget')?.shadowRoot?.querySelector('[data-kpi="ghg_total_t"]'));
  await page.evaluate((s) => { document.querySelector('#widget').scenario = s; }, loadable());
  await page.waitForFunction((p) => document.querySelector('#widget').shadowRoot.querySelector('[data-input="energy[0].site"]')?.value === p, P);
  await assertInert(page, '#widget');
  violations.push(...await page.evaluate(() => window.__violations));
  assert.deepEqual(violations, [], 'no CSP violation: nothing tried to run inline');
  assert.deepEqual(errors, []);
  await context.close();
  await new Promise((ok) => server.close(ok));
});

test('nothing sent: after its own files, a whole session asks for nothing', async () => {
  for (const url of [env.server.url, fileUrl()]) {
    const context = await env.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const requests = [];
    context.on('request', (r) => { if (!/^(data|blob):/.test(r.url())) requests.push(r.url()); });
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('[data-kpi="ghg_total_t"]', { hasText: '13,093.57' }).waitFor();
    await page.waitForLoadState('networkidle');
    const first = requests.splice(0);
    if (url.startsWith('file:')) assert.deepEqual(first, [url], 'the single file asks for nothing but itself');
    else assert.deepEqual(first.filter((r) => new URL(r).origin !== new URL(url).origin), [], 'only its own files');
    assert.ok(!first.some((r) => r.includes('esg-kpi-reader')), 'a first visit does not fetch the import reader');
    assert.ok(!first.some((r) => r.includes('esg-kpi-text-')), 'nor any Chinese text');
    // A session: type, change language, open the working and the panels, import a ledger,
    // export everything, copy a link, print.
    await page.locator('[data-input="organisation.employees"]').fill('10000');
    await chooseLanguage(page, 'zh-Hant');
    await chooseLanguage(page, 'en');
    await page.locator('[data-working="ghg_total_t"]').click();
    await openTrace(page);
    await page.getByTestId('breakdowns').locator('summary').click();
    if (!(await page.locator('details.import').evaluate((d) => d.open))) await page.locator('details.import > summary').click();
    await page.locator('#import-rows').setInputFiles(`${ROOT}/tests/fixtures/ledger-clean-en.csv`);
    await page.getByTestId('import-add').click();
    await page.locator('[data-import-status]', { hasText: /Imported/ }).waitFor();
    for (const name of ['KPI table CSV', 'Calculation lines CSV', 'Export JSON']) {
      await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
    }
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.emulateMedia({ media: 'print' });
    await page.pdf().catch(() => null);
    await page.waitForTimeout(500);
    // The two things a session may fetch, hosted: the page's own import reader on the first
    // import, and its Traditional Chinese text when that script is chosen, each from its own
    // folder (the single file carries both inline).
    const own = (pattern) => (r) => url.startsWith('http') && new URL(r).origin === new URL(url).origin
      && pattern.test(new URL(r).pathname);
    const reader = own(/\/esg-kpi-reader-[0-9a-f]{16}(\.js|_bg\.wasm)$/);
    const text = own(/\/esg-kpi-text-zh-Hant-[0-9a-f]{16}\.js$/);
    assert.deepEqual(requests.filter((r) => !reader(r) && !text(r)), [], `${url}: no request after the page's own files`);
    if (url.startsWith('http')) {
      assert.equal(requests.filter(reader).length, 2, 'the import reader, glue and wasm, once');
      assert.equal(requests.filter(text).length, 1, 'the Chinese text, once');
    }
    await context.close();
  }
});

test('imported cells and messages from a parent page carrying payloads are shown as text and never run', async () => {
  // Pasted cells: in a site, a note, and as a quantity (a located problem quoting the cell).
  const { page, record, close } = await openPage(env.browser, env.server.url);
  if (!(await page.locator('details.import').evaluate((d) => d.open))) await page.locator('details.import > summary').click();
  const cells = `Site\tSource\tQuantity\tUnit\tNote\tGrid\n${P}\telectricity\t3,000\tkWh\t${P}\tguangdong\nKowloon\telectricity\t${P}\tkWh\t\tguangdong\n`;
  await page.locator('#import-paste').fill(cells);
  await page.getByRole('button', { name: 'Read the pasted cells' }).click();
  await page.getByTestId('import-add').waitFor();
  await assertInert(page);
  await page.getByTestId('import-add').click();
  await page.locator('[data-import-status]', { hasText: /Imported/ }).waitFor();
  assert.equal(await page.locator('[data-input="energy[2].site"]').inputValue(), P);
  await assertInert(page);
  assert.deepEqual(record.pageErrors, []);
  await close();

  // postMessage from an allowed parent: a scenario to load and a language that is a payload.
  const repo = await serve(ROOT, 0, { prefix: '/' });
  const origin = `http://127.0.0.1:${repo.address().port}`;
  const dir = mkdtempSync(join(tmpdir(), 'esg-frame-safety-'));
  cpSync(`${ROOT}/dist`, dir, { recursive: true });
  const index = join(dir, 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace('name="esg-kpi-allowed-origins" content=""', `name="esg-kpi-allowed-origins" content="${origin}"`));
  const calc = await serve(dir, 0, { prefix: '/' });
  const calculator = `http://127.0.0.1:${calc.address().port}`;
  try {
    const context = await env.browser.newContext();
    const host = { page: await context.newPage(), record: { pageErrors: [] }, close: () => context.close() };
    host.page.on('pageerror', (e) => host.record.pageErrors.push(String(e)));
    await host.page.goto(`${origin}/examples/iframe-host.html?calculator=${encodeURIComponent(`${calculator}/index.html`)}`);
    await host.page.locator('#total', { hasText: '13,093.57' }).waitFor();
    await host.page.evaluate(([o, s, p]) => {
      const w = document.getElementById('calculator').contentWindow;
      w.postMessage({ type: 'esg-kpi:lang', lang: p }, o);
      w.postMessage({ type: 'esg-kpi:load', scenario: s }, o);
    }, [calculator, loadable(), P]);
    const frame = host.page.frames().find((f) => f !== host.page.mainFrame());
    await frame.waitForFunction((p) => document.querySelector('[data-input="energy[0].site"]')?.value === p, P);
    await assertInert(frame);
    assert.equal(await host.page.evaluate(() => window.__xss ?? 0), 0, 'nothing ran in the host page either');
    assert.deepEqual(host.record.pageErrors, []);
    await host.close();
  } finally {
    await new Promise((ok) => calc.close(ok));
    await new Promise((ok) => repo.close(ok));
    rmSync(dir, { recursive: true, force: true });
  }
});
