// The first view rendered at build time (src/ssr.rs): the KPI table is in the HTML itself, shown
// before the wasm has started, and taken over by the live calculator; a returning user whose
// save is not the example never sees the example's figures, in any frame.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, fileUrl, input, kpiTexts, chooseLanguage } from './harness.mjs';

const env = setUp();
const EXAMPLE_TOTAL = '13,093.57';

/**
 * A page whose every animation frame, from the first, records what a person could see: the
 * visible texts of the first view's and the live page's total, and whether the live page has
 * taken over. `hold` keeps the wasm from arriving until `release()` is called.
 */
async function recorded(context, { hold = false } = {}) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const outside = [];
  page.on('request', (r) => { if (!/^(http:\/\/127\.0\.0\.1|file:|data:)/.test(r.url())) outside.push(r.url()); });
  await page.addInitScript(() => {
    window.__frames = [];
    const seen = (sel) => {
      const el = document.querySelector(sel);
      return el && el.checkVisibility({ visibilityProperty: true }) ? el.textContent : null;
    };
    const tick = () => {
      window.__frames.push({
        first: seen('[data-first-kpi="ghg_total_t"]'),
        live: seen('[data-kpi="ghg_total_t"]'),
        hidden: document.documentElement.getAttribute('data-esg-first-view'),
      });
      if (window.__frames.length < 2000) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  let release = () => {};
  if (hold) {
    const gate = new Promise((ok) => { release = ok; });
    await page.route(/_bg\.wasm$/, async (route) => { await gate; await route.continue(); });
  }
  return { page, errors, outside, release: () => release() };
}

test('the hosted page shows the example from its HTML, read-only, then the live calculator takes over', async () => {
  const context = await env.browser.newContext();
  const { page, errors, outside, release } = await recorded(context, { hold: true });
  await page.goto(env.server.url, { waitUntil: 'domcontentloaded' });
  const first = page.locator('[data-first-kpi="ghg_total_t"]');
  await first.waitFor();
  // No wasm yet: the KPI table is the build's, with every KPI of the live one.
  assert.equal(await first.textContent(), EXAMPLE_TOTAL);
  assert.ok(await first.isVisible());
  assert.equal(await page.locator('[data-kpi]').count(), 0, 'no contract hook before the calculator runs');
  assert.equal(await page.evaluate(() => window.EsgKpi), undefined);
  const firstIds = await page.locator('[data-first-kpi]').evaluateAll((els) => els.map((e) => e.dataset.firstKpi));
  assert.ok(firstIds.length >= 16, `${firstIds.length} KPIs in the first view`);
  // Its fields are there, with the example's values, and cannot be typed into.
  const field = page.locator('[data-first-input="organisation.employees"]');
  assert.equal(await field.inputValue(), await page.evaluate(() => document.querySelector('[data-first-input="organisation.employees"]').value));
  assert.ok(await field.isDisabled());
  assert.equal(await page.locator('#esg-kpi-root input:not([disabled]), #esg-kpi-root button:not([disabled])').count(), 0);
  release();
  await page.waitForFunction(() => window.EsgKpi && document.querySelector('[data-kpi="ghg_total_t"]') && !document.querySelector('.esg-app[data-lang-loading]'));
  assert.equal(await page.locator('[data-first-kpi]').count(), 0, 'the first view is gone');
  assert.equal(await page.locator('#esg-kpi-root[data-first-view]').count(), 0);
  const live = await kpiTexts(page);
  assert.equal(live.ghg_total_t, EXAMPLE_TOTAL);
  assert.deepEqual(Object.keys(live).sort(), [...firstIds].sort(), 'the same KPIs, live');
  // The live page answers input.
  await input(page, 'organisation.employees').fill('1000');
  await page.waitForFunction(() => document.querySelector('[data-kpi="energy_mwh_per_employee"]')?.textContent !== undefined
    && document.querySelector('[data-input="organisation.employees"]').value === '1000');
  assert.notEqual((await kpiTexts(page)).energy_mwh_per_employee, live.energy_mwh_per_employee);
  // Every frame showed the example's total, first from the HTML, then live: never nothing
  // once the HTML had arrived, never two at once.
  const frames = await page.evaluate(() => window.__frames);
  const shown = frames.filter((f) => f.first || f.live);
  assert.ok(shown.length > 0 && shown[0].first === EXAMPLE_TOTAL, 'the first frame with a total is the build\'s');
  assert.ok(frames.every((f) => !(f.first && f.live)));
  const firstShown = frames.findIndex((f) => f.first || f.live);
  assert.ok(frames.slice(firstShown).every((f) => f.first || f.live), 'no frame without the KPI table after the first');
  assert.deepEqual(errors, []);
  assert.deepEqual(outside, []);
  await context.close();
});

/** Saves a scenario that differs from the example: employees 1,000 and no electricity line 2. */
async function saveOwnScenario(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.EsgKpi && document.querySelector('[data-kpi="ghg_total_t"]') && !document.querySelector('.esg-app[data-lang-loading]'));
  await input(page, 'energy[1].quantity').fill('1000');
  await page.waitForFunction((t) => document.querySelector('[data-kpi="ghg_total_t"]').textContent !== t, EXAMPLE_TOTAL);
  const own = (await kpiTexts(page)).ghg_total_t;
  // The autosave has happened once the page says so in storage.
  await page.waitForFunction(() => (localStorage.getItem('esg-kpi-calculator:scenario') || '').includes('"1000"'));
  await page.close();
  return own;
}

for (const [where, url] of [['hosted page', () => env.server.url], ['single file', fileUrl]]) {
  test(`${where}: a saved scenario that is not the example never shows the example's figures`, async () => {
    const context = await env.browser.newContext();
    const own = await saveOwnScenario(context, url());
    assert.notEqual(own, EXAMPLE_TOTAL);
    const hold = where === 'hosted page';
    const { page, errors, release } = await recorded(context, { hold });
    await page.goto(url(), { waitUntil: hold ? 'domcontentloaded' : 'load' });
    if (hold) {
      await page.locator('[data-first-kpi="ghg_total_t"]').waitFor({ state: 'attached' });
      // Decided in <head>: the first view is in the page but nobody can see it.
      assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-esg-first-view')), 'hidden');
      assert.equal(await page.locator('[data-first-kpi="ghg_total_t"]').isVisible(), false);
      await page.screenshot({ path: 'test-results/first-view-saved-waiting.png' });
      release();
    }
    await page.waitForFunction(() => window.EsgKpi && document.querySelector('[data-kpi="ghg_total_t"]') && !document.querySelector('.esg-app[data-lang-loading]'));
    assert.equal((await kpiTexts(page)).ghg_total_t, own, 'the user\'s own figures');
    assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-esg-first-view')), null);
    const frames = await page.evaluate(() => window.__frames);
    const wrong = frames.filter((f) => f.first === EXAMPLE_TOTAL || f.live === EXAMPLE_TOTAL);
    assert.deepEqual(wrong, [], `no frame shows the example's ${EXAMPLE_TOTAL} (${frames.length} frames)`);
    assert.ok(frames.some((f) => f.live === own));
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('a save of the example itself, and the language, decide too', async () => {
  /** Opens the hosted page with the wasm held back; says whether the first view was hidden. */
  const hiddenAtFirst = async (context) => {
    const { page, errors, release } = await recorded(context, { hold: true });
    await page.goto(env.server.url, { waitUntil: 'domcontentloaded' });
    await page.locator('[data-first-kpi="ghg_total_t"]').waitFor({ state: 'attached' });
    const hidden = await page.evaluate(() => document.documentElement.getAttribute('data-esg-first-view')) === 'hidden';
    const visible = await page.locator('[data-first-kpi="ghg_total_t"]').isVisible();
    assert.equal(visible, !hidden);
    release();
    await page.waitForFunction(() => window.EsgKpi && document.querySelector('[data-kpi="ghg_total_t"]') && !document.querySelector('.esg-app[data-lang-loading]'));
    assert.deepEqual(errors, []);
    return { page, hidden };
  };
  // A returning user who has not changed the example sees the first view at once.
  const context = await env.browser.newContext();
  let { page, hidden } = await hiddenAtFirst(context);
  assert.equal(hidden, false, 'nothing saved');
  await page.waitForFunction(() => localStorage.getItem('esg-kpi-calculator:scenario'));
  await page.close();
  ({ page, hidden } = await hiddenAtFirst(context));
  assert.equal(hidden, false, 'the example saved');
  assert.equal((await kpiTexts(page)).ghg_total_t, EXAMPLE_TOTAL);
  // Chinese chosen before: the English first view is not shown (no flash of another language).
  await chooseLanguage(page, 'zh-Hant');
  await page.close();
  ({ page, hidden } = await hiddenAtFirst(context));
  assert.equal(hidden, true, 'Chinese chosen');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-Hant');
  await context.close();
  // A browser in Chinese with nothing saved: the same.
  const zh = await env.browser.newContext({ locale: 'zh-HK' });
  ({ page, hidden } = await hiddenAtFirst(zh));
  assert.equal(hidden, true, 'a browser in Chinese');
  await zh.close();
});
