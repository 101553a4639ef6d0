// Accessibility: axe-core (WCAG 2.1 A and AA rules) finds no serious or critical problem, in
// light and dark mode, on the hosted page and the single file; and the calculator can be used
// with the keyboard alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { setUp, fileUrl, kpiTexts, input, chooseLanguage } from './harness.mjs';

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const env = setUp();

async function axe(url, colorScheme, prepare = async () => {}) {
  const ctx = await env.browser.newContext({ colorScheme });
  const page = await ctx.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.EsgKpi && document.querySelector('[data-kpi="ghg_total_t"]') && !document.querySelector('.esg-app[data-lang-loading]'));
  await prepare(page);
  // Open the collapsed panels so that their contents are checked too.
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
  await ctx.close();
  return result;
}

for (const [name, target] of [['hosted page', () => env.server.url], ['single file', fileUrl]]) {
  for (const scheme of ['light', 'dark']) {
    test(`axe finds no serious or critical problem: ${name}, ${scheme} mode`, async () => {
      const r = await axe(target(), scheme);
      const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      const described = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
      assert.deepEqual(described, []);
      assert.ok(r.passes.length > 20, `axe ran ${r.passes.length} passing rules`);
    });
  }
}

test('axe finds no serious or critical problem with every optional part showing (foreign revenue and its error, production intensities, a waste item, refrigerant lines measured and screened, undo, Chinese)', async () => {
  const r = await axe(env.server.url, 'dark', async (page) => {
    await page.evaluate(() => EsgKpi.load({ organisation: { employees: '5', production_quantity: '10', production_unit: 't' }, water_m3: '3',
      waste: { items: [{ kind: 'paper', quantity: '1' }] },
      refrigerants: [{ gas: 'R-410A', quantity: '5', unit: 'kg' }, { gas: 'R-22', charge: '12', equipment: 'chiller', unit: 'kg' }] }));
    await page.locator('[data-intensity]').first().waitFor();
    await input(page, 'refrigerants[1].charge').fill('12 kg');
    await page.locator('[data-error-for="refrigerants[1].charge"]').waitFor();
    await input(page, 'organisation.revenue_currency').selectOption('HKD');
    await input(page, 'organisation.revenue_million').fill('5');
    await page.locator('[data-error-for="organisation.fx_rmb_per_unit"]').waitFor();
    await chooseLanguage(page, 'zh-Hant');
  });
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`), []);
});

test('keyboard only: reach an input, change it, and use the toolbar', async () => {
  const ctx = await env.browser.newContext();
  const page = await ctx.newPage();
  await page.goto(fileUrl());
  await page.waitForFunction(() => window.EsgKpi && document.querySelector('[data-kpi="ghg_total_t"]') && !document.querySelector('.esg-app[data-lang-loading]'));
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-input') ?? document.activeElement?.textContent?.trim());
  // Tab until the employees field has focus (no mouse).
  let steps = 0;
  while ((await focused()) !== 'organisation.employees' && steps < 60) {
    await page.keyboard.press('Tab');
    steps += 1;
  }
  assert.equal(await focused(), 'organisation.employees', `reached by Tab in ${steps} steps`);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('10000');
  assert.equal((await kpiTexts(page)).water_m3_per_employee, '8.13');
  // Back to the toolbar: Reset asks, and Escape-free keyboard choice keeps the inputs.
  await page.getByRole('button', { name: 'Reset to the example' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Keep my inputs' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await input(page, 'organisation.employees').inputValue(), '10000');
  // Every control that takes focus shows where focus is.
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  await ctx.close();
});
