// Three languages, switched live and remembered; screenshots of each, wide and at phone width.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, fileUrl, kpiTexts, openPage, input, errorFor, openTrace, chooseLanguage } from './harness.mjs';

const env = setUp();

const ready = (page) => page.waitForFunction(() => window.EsgKpi && document.querySelector('[data-kpi="ghg_total_t"]') && !document.querySelector('.esg-app[data-lang-loading]'));
const kpiName = (page, id) => page.locator('tr', { has: page.locator(`[data-kpi="${id}"]`) }).locator('th .en').textContent();

test('the page switches language live, keeps the numbers, and remembers the choice', async () => {
  const ctx = await env.browser.newContext();
  const page = await ctx.newPage();
  await page.goto(fileUrl());
  await ready(page);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  const before = await kpiTexts(page);
  await chooseLanguage(page, 'zh-Hant');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-Hant');
  assert.equal(await page.locator('h1').textContent(), 'ESG 關鍵績效指標計算器');
  assert.equal(await kpiName(page, 'ghg_total_t'), '溫室氣體排放總量(範圍一及範圍二)(噸)', "the report's own wording");
  assert.equal(await page.getByRole('button', { name: '匯出 JSON' }).count(), 1);
  assert.match(await page.locator('[data-kpi="ghg_total_t"]').locator('xpath=../following-sibling::td[1]').textContent(), /噸二氧化碳當量/);
  assert.deepEqual(await kpiTexts(page), before, 'numbers do not change with the language');
  // The built-in example's notes on where each input comes from follow the language too.
  const floorNote = page.locator('#note-organisation-floor-area-m2');
  assert.match(await floorNote.textContent(), /^報告未披露。由報告的每平方米 0\.09 噸二氧化碳當量推算：13,093\.57 ÷ 0\.09 ≈ 145,484 平方米/);
  assert.match(await page.locator('#note-energy-1--quantity').textContent(), /外購電力/);
  await page.screenshot({ path: 'test-results/zh-Hant-wide.png', fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  await page.screenshot({ path: 'test-results/zh-Hant-phone.png' });

  await chooseLanguage(page, 'zh-Hans');
  assert.equal(await page.locator('h1').textContent(), 'ESG 关键绩效指标计算器');
  assert.equal(await kpiName(page, 'ghg_total_t'), '温室气体排放总量(范围一及范围二)(吨)');
  assert.match(await floorNote.textContent(), /^报告未披露。/);
  await page.screenshot({ path: 'test-results/zh-Hans-phone.png' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: 'test-results/zh-Hans-wide.png', fullPage: true });

  await page.reload();
  await ready(page);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-Hans', 'remembered');
  assert.equal(await page.locator('#language').inputValue(), 'zh-Hans');
  await chooseLanguage(page, 'en');
  assert.match(await floorNote.textContent(), /^Not published\. Implied by the report's 0\.09 t CO2e\/m²/);
  await page.screenshot({ path: 'test-results/en-wide.png', fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  await page.screenshot({ path: 'test-results/en-phone.png' });
  await ctx.close();
});

test('a Chinese browser starts in its own script', async () => {
  for (const [locale, expected] of [['zh-HK', 'zh-Hant'], ['zh-CN', 'zh-Hans'], ['en-GB', 'en']]) {
    const ctx = await env.browser.newContext({ locale });
    const page = await ctx.newPage();
    await page.goto(env.server.url);
    await ready(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), expected, locale);
    await ctx.close();
  }
});

test("the engine's sentences follow the language: a field's error, the checks, the working and the calculation lines", async () => {
  const { page, close } = await openPage(env.browser, env.server.url);
  await chooseLanguage(page, 'zh-Hant');
  await input(page, 'organisation.employees').fill('12,34');
  await errorFor(page, 'organisation.employees').waitFor();
  assert.equal(await errorFor(page, 'organisation.employees').textContent(),
    '「12,34」的千位分隔符位置不正確（請寫作 1,234,567.89 或 1234567.89）');
  await chooseLanguage(page, 'zh-Hans');
  assert.equal(await errorFor(page, 'organisation.employees').textContent(),
    '“12,34”的千位分隔符位置不正确（请写作 1,234,567.89 或 1234567.89）', 'switches live');
  // The list above the KPI table names the field by its label, in the page's language.
  const listed = page.locator('[data-testid="error-banner"] [data-error-path="organisation.employees"]');
  assert.equal(await listed.textContent(), '雇员人数：“12,34”的千位分隔符位置不正确（请写作 1,234,567.89 或 1234567.89）');
  await chooseLanguage(page, 'zh-Hant');
  assert.match(await listed.textContent(), /^僱員人數：「12,34」/);
  await input(page, 'organisation.employees').fill('');
  await chooseLanguage(page, 'zh-Hant');
  // The checks name the missing denominator in Chinese.
  const missing = page.locator('[data-check="denominator-missing:organisation.employees"]');
  await missing.waitFor();
  assert.match(await missing.textContent(), /未填寫僱員人數，因此無法計算/);
  // The working of Scope 2 and every calculation line read in Chinese, numbers as they were.
  await page.locator('[data-working="ghg_scope2_t"]').click();
  const working = page.locator('[data-working-panel="ghg_scope2_t"]');
  await working.waitFor();
  const text = await working.textContent();
  assert.match(text, /範圍二：/, text);
  assert.match(text, /12,821\.88|12821\.88/, text);
  // The example's site name and its factor's source note are the user's own words, shown as
  // typed; every word the calculator adds is Chinese.
  assert.doesNotMatch(text, /\b(Scope|Conversion|Formula|Factor|exact|already|custom factor|calculation lines)\b/, text);
  // The calculation lines are written when their panel is opened.
  await openTrace(page);
  const lines = await page.locator('[data-trace]').allTextContents();
  assert.ok(lines.length > 2);
  for (const l of lines) assert.doesNotMatch(l, /\b(as entered|calorific|Scope)\b/, l);
  await close();
});
