// Three languages, switched live and remembered; screenshots of each, wide and at phone width.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, fileUrl, kpiTexts } from './harness.mjs';

const env = setUp();

const ready = (page) => page.waitForFunction(() => window.EsgKpi && document.querySelector('[data-kpi="ghg_total_t"]'));
const kpiName = (page, id) => page.locator('tr', { has: page.locator(`[data-kpi="${id}"]`) }).locator('th .en').textContent();

test('the page switches language live, keeps the numbers, and remembers the choice', async () => {
  const ctx = await env.browser.newContext();
  const page = await ctx.newPage();
  await page.goto(fileUrl());
  await ready(page);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  const before = await kpiTexts(page);
  await page.locator('#language').selectOption('zh-Hant');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-Hant');
  assert.equal(await page.locator('h1').textContent(), 'ESG 關鍵績效指標計算器');
  assert.equal(await kpiName(page, 'ghg_total_t'), '溫室氣體排放總量(範圍一及範圍二)(噸)', "the report's own wording");
  assert.equal(await page.getByRole('button', { name: '匯出 JSON' }).count(), 1);
  assert.match(await page.locator('[data-kpi="ghg_total_t"]').locator('xpath=../following-sibling::td[1]').textContent(), /噸二氧化碳當量/);
  assert.deepEqual(await kpiTexts(page), before, 'numbers do not change with the language');
  await page.screenshot({ path: 'test-results/zh-Hant-wide.png', fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  await page.screenshot({ path: 'test-results/zh-Hant-phone.png' });

  await page.locator('#language').selectOption('zh-Hans');
  assert.equal(await page.locator('h1').textContent(), 'ESG 关键绩效指标计算器');
  assert.equal(await kpiName(page, 'ghg_total_t'), '温室气体排放总量(范围一及范围二)(吨)');
  await page.screenshot({ path: 'test-results/zh-Hans-phone.png' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: 'test-results/zh-Hans-wide.png', fullPage: true });

  await page.reload();
  await ready(page);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-Hans', 'remembered');
  assert.equal(await page.locator('#language').inputValue(), 'zh-Hans');
  await page.locator('#language').selectOption('en');
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
