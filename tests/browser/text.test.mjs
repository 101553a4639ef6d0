// The Chinese text on demand (issue 19): the page's wasm carries English only; each Chinese
// script's text is a file of its own, fetched the first time that script is chosen (inline in
// the single file and the drop-in script, inflated only then). An English visit never fetches
// it, a Chinese one never shows English first, and a file that cannot be had — or is from
// another build — is said on the page, which stays usable in English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, fileUrl, kpiTexts, openPage, chooseLanguage, REPORT_2018 } from './harness.mjs';

const env = setUp();

const started = (page) => page.waitForFunction(() => window.EsgKpi && document.querySelector('[data-kpi="ghg_total_t"]') && !document.querySelector('.esg-app[data-lang-loading]'));

/** Records, from before the first paint, whether any English was ever visible: the first
 * view (unless hidden before the paint) or the app shown in another language. */
const watchLanguage = (page, tag) => page.addInitScript((t) => {
  window.__seen = { otherLanguage: [], hiddenAfterShown: false, shown: false };
  const look = () => {
    const root = document.getElementById('esg-kpi-root');
    if (root && root.hasAttribute('data-first-view') && root.childElementCount > 0
        && document.documentElement.dataset.esgFirstView !== 'hidden') {
      window.__seen.otherLanguage.push('the first view');
    }
    for (const app of document.querySelectorAll('.esg-app')) {
      if (app.closest('[data-first-view]')) continue; // the first view: checked above
      if (app.hasAttribute('data-lang-loading')) {
        if (window.__seen.shown) window.__seen.hiddenAfterShown = true;
        continue;
      }
      window.__seen.shown = true;
      if (t && app.lang !== t && !window.__seen.otherLanguage.includes(app.lang)) window.__seen.otherLanguage.push(app.lang);
    }
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}, tag);

test('an English visit fetches no Chinese; a Chinese one fetches its own script once and shows no English first', async () => {
  const en = await openPage(env.browser, env.server.url);
  assert.deepEqual(en.record.requests.filter((u) => u.includes('esg-kpi-text-')), [], 'English: no text file');
  await en.close();

  const context = await env.browser.newContext({ locale: 'zh-HK' });
  const page = await context.newPage();
  const requests = [], errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await watchLanguage(page, 'zh-Hant');
  await page.goto(env.server.url);
  await started(page);
  assert.equal(await page.locator('h1').textContent(), 'ESG 關鍵績效指標計算器');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-Hant');
  assert.deepEqual(await kpiTexts(page).then((k) => k.ghg_total_t), REPORT_2018.ghg_total_t);
  const texts = requests.filter((u) => u.includes('esg-kpi-text-'));
  assert.equal(texts.length, 1, texts.join(' '));
  assert.match(texts[0], /esg-kpi-text-zh-Hant-[0-9a-f]{16}\.js$/);
  assert.deepEqual(await page.evaluate(() => window.__seen.otherLanguage), [], 'nothing in another language was ever visible');

  // Switched to the other script: the page stays visible, in Traditional, until Simplified is in.
  await page.evaluate(() => { window.__seen.otherLanguage = []; });
  await chooseLanguage(page, 'zh-Hans');
  assert.equal(await page.locator('h1').textContent(), 'ESG 关键绩效指标计算器');
  assert.equal(await page.evaluate(() => window.__seen.hiddenAfterShown), false, 'never hidden once shown');
  assert.deepEqual((await page.evaluate(() => window.__seen.otherLanguage)).filter((l) => l === 'en'), [], 'no English on the way');
  assert.equal(requests.filter((u) => u.includes('esg-kpi-text-zh-Hans-')).length, 1);
  // Back to Traditional: already in, no second request.
  await chooseLanguage(page, 'zh-Hant');
  assert.equal(requests.filter((u) => u.includes('esg-kpi-text-')).length, 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the single file in Chinese from file:// inflates its own copy: no request, Chinese shown', async () => {
  const context = await env.browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  const requests = [], errors = [];
  page.on('request', (r) => { if (!r.url().startsWith('data:') && !r.url().startsWith('blob:')) requests.push(r.url()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await watchLanguage(page, 'zh-Hans');
  await page.goto(fileUrl());
  await started(page);
  assert.equal(await page.locator('h1').textContent(), 'ESG 关键绩效指标计算器');
  assert.deepEqual(requests, [fileUrl()], 'only the file itself');
  assert.deepEqual(await page.evaluate(() => window.__seen.otherLanguage), []);
  assert.equal((await kpiTexts(page)).ghg_total_t, REPORT_2018.ghg_total_t);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a Chinese text file that cannot be had, or is from another build, is said; the page works in English', async () => {
  for (const [what, handle, said] of [
    ['not found', (route) => route.fulfill({ status: 404, body: 'no' }), /\(the text could not be loaded\)/],
    ['from another build', async (route) => {
      const body = (await (await route.fetch()).text()).replace(/\\"english\\":\\"[0-9a-f]{16}\\"/, '\\"english\\":\\"0123456789abcdef\\"');
      assert.match(body, /0123456789abcdef/, 'the fingerprint was replaced');
      await route.fulfill({ status: 200, contentType: 'text/javascript', body });
    }, /another build of the calculator/],
  ]) {
    const context = await env.browser.newContext({ locale: 'zh-HK' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.route(/esg-kpi-text-zh-Hant-/, handle);
    await page.goto(env.server.url);
    const alert = page.locator('[data-testid="text-failed"]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /繁體中文/, what);
    assert.match(await alert.textContent(), said, what);
    assert.ok(await alert.isVisible(), what);
    await started(page);
    assert.equal(await page.locator('h1').textContent(), 'ESG KPI Calculator', `${what}: shown in English`);
    assert.ok(await page.locator('h1').isVisible(), what);
    assert.equal((await kpiTexts(page)).ghg_total_t, REPORT_2018.ghg_total_t, what);
    // The page still answers input, and English stays chosen-able.
    await page.locator('#language').selectOption('en');
    await page.locator('[data-testid="text-failed"]').waitFor({ state: 'detached' });
    assert.deepEqual(errors, [], what);
    await context.close();
  }
});
