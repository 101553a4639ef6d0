// Embedding: the drop-in script and <esg-kpi-calculator> on the example pages (two instances,
// events, a hostile stylesheet, a strict Content-Security-Policy, file://), and the hosted page
// in an iframe that talks only to allowed parent origins.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, ROOT, DIST } from './harness.mjs';
import { serve } from '../../scripts/static-server.mjs';

let browser, repo, other;
const servers = [];
async function server(dir, options) {
  const s = await serve(dir, 0, options);
  servers.push(s);
  return `http://127.0.0.1:${s.address().port}`;
}
before(async () => {
  browser = await launch();
  repo = await server(ROOT);   // examples/ and dist/ side by side, as in the repository
  other = await server(ROOT);  // the same files from another origin (another port)
});
after(async () => {
  await browser?.close();
  for (const s of servers) await new Promise((ok) => s.close(ok));
});

/** A page with every request, console error and CSP violation recorded. */
async function open(url, { route } = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const record = { requests: [], errors: [], violations: [] };
  page.on('request', (r) => record.requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') record.errors.push(m.text()); });
  page.on('pageerror', (e) => record.errors.push(String(e)));
  await page.exposeFunction('__violation', (v) => record.violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.__violation(`${e.violatedDirective} ${e.blockedURI}`));
  });
  if (route) await page.route(...route);
  await page.goto(url);
  return { page, record, close: () => context.close() };
}

const widget = (page, id) => page.locator(`#${id}`);
const kpi = (page, id, kpiId) => widget(page, id).locator(`[data-kpi="${kpiId}"]`);
const field = (page, id, path) => widget(page, id).locator(`[data-input="${path}"]`);

for (const [how, url] of [['over http', () => `${repo}/examples/intranet.html`], ['from file://', () => pathToFileURL(join(ROOT, 'examples', 'intranet.html')).href]]) {
  test(`two widgets on one intranet page (${how}): independent state and storage, events feed the page's summary`, async () => {
    const { page, record, close } = await open(url());
    await kpi(page, 'team-a', 'ghg_total_t').waitFor();
    // Each in its own shadow root, with its own language and start.
    assert.equal(await page.evaluate(() => document.getElementById('team-a').shadowRoot !== null), true);
    assert.equal(await kpi(page, 'team-a', 'ghg_total_t').textContent(), '13,093.57', 'the example');
    assert.equal(await kpi(page, 'team-b', 'ghg_total_t').textContent(), '0.00', 'empty, no example attribute');
    assert.match(await widget(page, 'team-b').locator('h1').textContent(), /ESG 關鍵績效指標計算器/, 'lang="zh-Hant"');
    // The page's summary box got the results through kpi-change / results.
    const summary = (id) => page.locator(`[data-summary="${id}"] [data-summary-kpi="ghg_total_t"]`).textContent();
    assert.equal(await summary('team-a'), '13,093.57');
    // Typing in one changes only that one, and its event updates the summary.
    await field(page, 'team-b', 'energy').count();
    await widget(page, 'team-b').getByRole('button', { name: '+ 加入能源項目' }).click();
    await field(page, 'team-b', 'energy[0].unit').selectOption('MWh');
    await field(page, 'team-b', 'energy[0].factor').selectOption('custom');
    await field(page, 'team-b', 'energy[0].factor.value').fill('0.5');
    await field(page, 'team-b', 'energy[0].factor.unit').selectOption('tCO2e/MWh');
    await field(page, 'team-b', 'energy[0].quantity').fill('1,000');
    assert.equal(await kpi(page, 'team-b', 'ghg_total_t').textContent(), '500.00');
    assert.equal(await summary('team-b'), '500.00');
    assert.equal(await kpi(page, 'team-a', 'ghg_total_t').textContent(), '13,093.57', 'the other is untouched');
    // Each autosaves under its own key.
    const stored = await page.evaluate(() => ({
      a: JSON.parse(localStorage.getItem('intranet-retail')).scenario.organisation.employees,
      b: JSON.parse(localStorage.getItem('intranet-logistics')).scenario.energy[0].quantity,
      page: localStorage.getItem('esg-kpi-calculator:scenario'),
    }));
    assert.deepEqual(stored, { a: '12016', b: '1,000', page: null });
    // The properties: results read, scenario set; a bad scenario fires input-error and changes nothing.
    const props = await page.evaluate(() => {
      const b = document.getElementById('team-b');
      const seen = [];
      b.addEventListener('input-error', (e) => seen.push(e.detail.errors[0].path));
      const before = b.results.kpis.ghg_total_t.value;
      b.scenario = { organisation: { employees: 'many' } };
      const after = b.results.kpis.ghg_total_t.value;
      b.scenario = { organisation: { employees: '4' }, water_m3: '2' };
      return { before, after, seen, water: b.results.kpis.water_m3_per_employee.value, employees: b.scenario.organisation.employees };
    });
    assert.deepEqual(props, { before: '500', after: '500', seen: ['organisation.employees'], water: '0.5', employees: '4' });
    assert.match(await page.locator('#summary-error').textContent(), /organisation.employees/);
    // Reload: both come back from their own storage.
    await page.reload();
    await kpi(page, 'team-b', 'water_m3_per_employee').waitFor();
    assert.equal(await kpi(page, 'team-b', 'water_m3_per_employee').textContent(), '0.50');
    assert.equal(await kpi(page, 'team-a', 'ghg_total_t').textContent(), '13,093.57');
    assert.deepEqual(record.errors, []);
    const own = how === 'over http' ? repo : 'file://';
    assert.deepEqual(record.requests.filter((r) => !r.startsWith(own) && !r.startsWith('data:')), [], 'nothing from elsewhere');
    await close();
  });
}

test('a hostile stylesheet changes nothing inside the widget', async () => {
  const measure = async (route) => {
    const { page, close } = await open(`${repo}/examples/hostile.html`, { route });
    await page.locator('#widget [data-kpi="ghg_total_t"]').waitFor();
    const m = await page.evaluate(() => {
      const root = document.getElementById('widget').shadowRoot;
      const pick = (el) => {
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return [s.fontSize, s.fontFamily, s.fontStyle, s.color, s.letterSpacing, s.textTransform, s.lineHeight, s.direction, s.display, Math.round(r.height), Math.round(r.width)].join(' | ');
      };
      return [...root.querySelectorAll('[data-kpi], th, caption, table')].map(pick);
    });
    await close();
    return m;
  };
  // The baseline: the same page with a neutral stylesheet (no body margin, as `all: unset`
  // leaves none, so that the widget has the same width to fill).
  const plain = await measure(['**/hostile.css', (r) => r.fulfill({ status: 200, contentType: 'text/css', body: 'body { margin: 0 }' })]);
  const hostile = await measure();
  assert.ok(plain.length > 30, `${plain.length} elements compared`);
  const differ = hostile.map((h, i) => (h === plain[i] ? null : `${i}: ${h}  ≠  ${plain[i]}`)).filter(Boolean);
  assert.deepEqual(differ, []);
});

test('theming through the documented custom properties reaches inside', async () => {
  const { page, close } = await open(`${repo}/examples/intranet.html`);
  await kpi(page, 'team-b', 'ghg_total_t').waitFor();
  const styles = await page.evaluate(() => ['team-a', 'team-b'].map((id) => {
    const root = document.getElementById(id).shadowRoot;
    const button = root.querySelector('.toolbar button');
    return [getComputedStyle(root.querySelector('.esg-app')).fontFamily.split(',')[0], getComputedStyle(button).borderTopLeftRadius];
  }));
  assert.notDeepEqual(styles[0], styles[1]);
  assert.deepEqual(styles[1], ['Georgia', '0px']);
  await close();
});

test('under a strict Content-Security-Policy: no violation, and the page reads the results', async () => {
  const { page, record, close } = await open(`${repo}/examples/strict-csp.html`);
  await page.locator('#widget [data-kpi="ghg_total_t"]').waitFor();
  assert.equal(await page.locator('#total').textContent(), '13,093.57');
  await page.locator('#widget [data-input="organisation.floor_area_m2"]').fill('100');
  assert.equal(await page.locator('#widget [data-kpi="ghg_intensity_t_per_m2"]').textContent(), '130.94');
  assert.deepEqual(record.violations, []);
  assert.deepEqual(record.errors, []);
  await close();
});

test('the hosted page under a strict policy (plus its own wasm fetch and icon): no violation', async () => {
  const csp = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src data:";
  const hosted = await server(DIST, { headers: { 'content-security-policy': csp } });
  const { page, record, close } = await open(`${hosted}/`);
  await page.locator('[data-kpi="ghg_total_t"]').waitFor();
  assert.equal(await page.locator('[data-kpi="ghg_total_t"]').textContent(), '13,093.57');
  await page.locator('[data-input="organisation.employees"]').fill('10000');
  assert.equal(await page.locator('[data-kpi="water_m3_per_employee"]').textContent(), '8.13');
  assert.deepEqual(record.violations, []);
  assert.deepEqual(record.errors, []);
  await close();
});

test('in an iframe: results go only to an allowed parent, and other origins are ignored', async () => {
  // The hosted build, with the host page's origin in its allow-list, on an origin of its own.
  const dir = mkdtempSync(join(tmpdir(), 'esg-frame-'));
  try {
    cpSync(DIST, dir, { recursive: true });
    const index = join(dir, 'index.html');
    writeFileSync(index, readFileSync(index, 'utf8').replace('name="esg-kpi-allowed-origins" content=""', `name="esg-kpi-allowed-origins" content="${repo}"`));
    const calculator = await server(dir);
    const host = (origin) => `${origin}/examples/iframe-host.html?calculator=${encodeURIComponent(`${calculator}/index.html`)}&lang=zh-Hans`;

    const allowed = await open(host(repo));
    await allowed.page.locator('#total', { hasText: '13,093.57' }).waitFor();
    const frame = allowed.page.frameLocator('#calculator');
    assert.match(await frame.locator('h1').textContent(), /ESG 关键绩效指标计算器/, 'the language from the fragment');
    await allowed.page.locator('#load').click();
    await allowed.page.locator('#total', { hasText: '50.00' }).waitFor();
    assert.equal(await frame.locator('[data-input="organisation.employees"]').inputValue(), '10');
    // Garbage and unknown messages from the allowed parent are ignored too.
    await allowed.page.evaluate((o) => {
      const w = document.getElementById('calculator').contentWindow;
      w.postMessage('esg-kpi:hello', o);
      w.postMessage({ type: 'esg-kpi:reset' }, o);
      w.postMessage({ type: 'esg-kpi:load', scenario: '<img src=x onerror=alert(1)>' }, o);
    }, calculator);
    assert.deepEqual(allowed.record.errors, []);
    await allowed.close();

    const denied = await open(host(other));
    const deniedFrame = denied.page.frameLocator('#calculator');
    await deniedFrame.locator('[data-kpi="ghg_total_t"]').waitFor();
    await denied.page.locator('#load').click();
    await denied.page.waitForTimeout(1500);
    assert.equal(await denied.page.locator('#received').textContent(), '0', 'nothing posted to an origin not in the list');
    assert.equal(await deniedFrame.locator('[data-input="organisation.employees"]').inputValue(), '12016', 'its load was ignored');
    await denied.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('attributes: compact shows the KPI table only, readonly locks the inputs, and lang, compact and readonly follow changes', async () => {
  const { page, record, close } = await open(`${repo}/examples/intranet.html`);
  await kpi(page, 'team-a', 'ghg_total_t').waitFor();
  await page.evaluate(() => {
    const add = (id, attrs) => {
      const el = document.createElement('esg-kpi-calculator');
      el.id = id;
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      document.body.append(el);
    };
    add('small', { example: '', compact: '' });
    add('locked', { example: '', readonly: '' });
  });
  await kpi(page, 'small', 'ghg_total_t').waitFor();
  assert.equal(await kpi(page, 'small', 'ghg_total_t').textContent(), '13,093.57');
  assert.equal(await widget(page, 'small').locator('[data-input]').count(), 0, 'no inputs in compact');
  assert.equal(await widget(page, 'small').locator('.toolbar').count(), 0);
  assert.equal(await field(page, 'locked', 'organisation.employees').isDisabled(), true);
  assert.equal(await widget(page, 'locked').getByRole('button', { name: 'Import JSON' }).count(), 0);
  assert.equal(await widget(page, 'locked').getByRole('button', { name: 'Reset to the example' }).count(), 0);
  // Live attribute changes.
  await page.evaluate(() => {
    document.getElementById('small').removeAttribute('compact');
    document.getElementById('locked').removeAttribute('readonly');
    document.getElementById('locked').setAttribute('lang', 'zh-Hans');
  });
  await field(page, 'small', 'organisation.employees').waitFor();
  assert.equal(await field(page, 'locked', 'organisation.employees').isDisabled(), false);
  assert.match(await widget(page, 'locked').locator('h1').textContent(), /ESG 关键绩效指标计算器/);
  // A widget without storage-key stores nothing.
  await field(page, 'small', 'organisation.employees').fill('1000');
  const keys = await page.evaluate(() => Object.keys(localStorage).sort());
  assert.deepEqual(keys, ['intranet-logistics', 'intranet-retail']);
  assert.deepEqual(record.errors, []);
  await close();
});

test("the README's drop-in snippet, saved as a file next to the script, shows a calculator whose results the page reads", async () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const snippet = readme.match(/<!-- snippet: drop-in -->\s*```html\n([\s\S]*?)```/)[1];
  const dir = mkdtempSync(join(tmpdir(), 'esg-snippet-'));
  try {
    cpSync(join(DIST, 'esg-kpi-calculator.js'), join(dir, 'esg-kpi-calculator.js'));
    writeFileSync(join(dir, 'my-page.html'), snippet);
    const { page, record, close } = await open(pathToFileURL(join(dir, 'my-page.html')).href);
    await page.locator('#total', { hasText: '13,093.57' }).waitFor();
    await page.locator('esg-kpi-calculator [data-input="organisation.floor_area_m2"]').fill('1,000');
    await page.locator('esg-kpi-calculator [data-input="energy[0].quantity"]').fill('0');
    assert.notEqual(await page.locator('#total').textContent(), '13,093.57', 'the page follows the widget');
    assert.deepEqual(record.errors, []);
    await close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the single file under the policy the build writes for it (hashes of its inline script and style): no violation', async () => {
  const csp = readFileSync(join(DIST, 'esg-kpi-calculator.csp.txt'), 'utf8').trim();
  // Three inline scripts: the first view's decision (in <head>), the glue, the start.
  assert.match(csp, /script-src 'sha256-[^']+' 'sha256-[^']+' 'sha256-[^']+' 'wasm-unsafe-eval'; style-src 'sha256-[^']+'/);
  const hosted = await server(DIST, { headers: { 'content-security-policy': csp } });
  const { page, record, close } = await open(`${hosted}/esg-kpi-calculator.html`);
  await page.locator('[data-kpi="ghg_total_t"]').waitFor();
  assert.equal(await page.locator('[data-kpi="ghg_total_t"]').textContent(), '13,093.57');
  assert.deepEqual(record.violations, []);
  assert.deepEqual(record.errors, []);
  await close();
});

test('a workbook under the strict policies: the drop-in element reads it inline, the hosted page fetches its reader from itself; no violation', async () => {
  const book = join(ROOT, 'tests', 'fixtures', 'workbooks', 'facilities-workbook.xlsx');
  const importInto = async (page, scope) => {
    const root = scope ? page.locator(scope) : page;
    if (!(await root.locator('details.import').evaluate((d) => d.open))) await root.locator('details.import > summary').click();
    await root.locator('#import-rows').setInputFiles(book);
    const summary = root.locator('[data-import-summary]');
    await summary.waitFor({ timeout: 30_000 });
    return summary.textContent();
  };
  // The drop-in script under script-src 'self' 'wasm-unsafe-eval' (no connect-src at all).
  const dropIn = await open(`${repo}/examples/strict-csp.html`);
  await dropIn.page.locator('#widget [data-kpi="ghg_total_t"]').waitFor();
  assert.match(await importInto(dropIn.page, '#widget'), /facilities-workbook\.xlsx · Electricity 2025: 7 rows read/);
  assert.ok(!dropIn.record.requests.some((u) => u.includes('workbook')), 'inline: nothing fetched');
  assert.deepEqual(dropIn.record.violations, []);
  assert.deepEqual(dropIn.record.errors, []);
  await dropIn.close();
  // The hosted page under script-src 'self'; connect-src 'self'.
  const csp = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src data:";
  const hosted = await server(DIST, { headers: { 'content-security-policy': csp } });
  const page = await open(`${hosted}/`);
  await page.page.locator('[data-kpi="ghg_total_t"]').waitFor();
  assert.match(await importInto(page.page), /facilities-workbook\.xlsx · Electricity 2025: 7 rows read/);
  assert.ok(page.record.requests.some((u) => /esg-kpi-workbook-[0-9a-f]+_bg\.wasm$/.test(u)));
  assert.deepEqual(page.record.violations, []);
  assert.deepEqual(page.record.errors, []);
  await page.close();
});
