// Issue 18's "done when", on the page: a person enters a company with business flights, paper,
// water, purchased services and two categories left out with their reasons, gets the Part D
// table (each figure tracing to its factor's source) in Traditional Chinese and English,
// downloads it as CSV; and checks a real report's printed table typed as printed (kg, kWh),
// which shows what the figures imply instead of rows of "computed 0.00 ≠".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setUp, kpiTexts, openPage, input, chooseLanguage } from './harness.mjs';

const env = setUp();
const two = (x) => x.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const LANGUAGES = [
  { lang: 'en', add: '+ Add a Scope 3 line', hk: /Add Hong Kong's usual lines/, notRelevant: /^not relevant: /, csv: 'Part D CSV', section: /Scope 3, by GHG Protocol category/, control: 'operational control' },
  { lang: 'zh-Hant', add: '+ 新增範圍三項目', hk: /加入香港常用項目/, notRelevant: /^不適用：/, csv: 'D 部 CSV', section: /範圍三（按溫室氣體核算體系類別）/, control: '營運控制權' },
  { lang: 'zh-Hans', add: '+ 添加范围三项目', hk: /加入香港常用项目/, notRelevant: /^不适用：/, csv: 'D 部 CSV', section: /范围三（按温室气体核算体系类别）/, control: '运营控制权' },
];

for (const { lang, add, hk, notRelevant, csv, section, control } of LANGUAGES) {
  test(`a Part D table for a company with flights, paper, water and services, in ${lang}`, async () => {
    const { page, record, close } = await openPage(env.browser, env.server.url);
    await chooseLanguage(page, lang);
    await page.getByTestId('new-report').click();
    await page.getByTestId('new-report-confirm').click();
    await input(page, 'period').fill('2025');
    await input(page, 'water_m3').fill('2,400');
    await input(page, 'consolidation').selectOption('operational_control');
    // A flight on the library's factor (the line's default), 5,131 pkm.
    await page.getByRole('button', { name: add }).click();
    await input(page, 'scope3[0].quantity').fill('5,131');
    // Water and paper, Hong Kong's usual lines (sewage removed: this company does not report it).
    await page.getByRole('button', { name: hk }).click();
    await page.locator('[data-row="scope3[2]"]').getByRole('button', { name: /Remove|刪除|删除/ }).click();
    assert.equal(await input(page, 'scope3[2].factor').inputValue(), 'hk-paper-landfill');
    await input(page, 'scope3[2].quantity').fill('900');
    // Purchased services: HK$78,000 at 0.5 kg CO2e per US$, 7.8 HKD/USD.
    await page.getByRole('button', { name: add }).click();
    await input(page, 'scope3[3].category').selectOption('1');
    await input(page, 'scope3[3].method').selectOption('custom');
    await input(page, 'scope3[3].unit').selectOption('HKD');
    await input(page, 'scope3[3].quantity').fill('78,000');
    await input(page, 'scope3[3].factor.value').fill('0.5');
    await input(page, 'scope3[3].factor.unit').fill('kgCO2e/USD');
    await input(page, 'scope3[3].factor.source').fill('Supplier spend factor, 2025');
    await input(page, 'scope3[3].exchange_rate.value').fill('7.8');
    await input(page, 'scope3[3].exchange_rate.unit').fill('HKD/USD');
    // Two categories left out, with their reasons.
    const category = (c) => page.locator(`[data-category="${c}"]`);
    await category(11).locator('select').selectOption('not_relevant');
    await category(11).locator('input').fill('No products sold.');
    await category(15).locator('select').selectOption('not_measured');
    await category(15).locator('input').fill('Data from 2026.');

    const flight = (5131 * 0.14253) / 1000;
    const water = (2400 * 0.621 * 0.7) / 1000;
    const paper = (900 * 4.8) / 1000;
    const services = 5;
    assert.equal((await kpiTexts(page)).ghg_scope3_t, two(flight + water + paper + services));

    const partD = page.getByTestId('part-d');
    await partD.scrollIntoViewIfNeeded();
    const cell = async (id, n) => (await partD.locator(`[data-part-d="${id}"] > *`).nth(n).textContent()).trim();
    assert.equal(await cell('scope3_c6', 1), two(flight));
    assert.equal(await cell('scope3_c1', 1), two(water + services));
    assert.equal(await cell('scope3_c5', 1), two(paper));
    assert.equal(await cell('scope3', 1), two(flight + water + paper + services));
    assert.match(await cell('scope3_c11', 3), notRelevant);
    assert.match(await cell('scope3_c11', 3), /No products sold\./);
    assert.match(await cell('scope3_c15', 3), /Data from 2026\./);
    assert.match(await partD.textContent(), section);
    assert.equal(await cell('consolidation', 1), control);
    // Every factor traces to its source.
    assert.match(await cell('factor:desnz-2025-air-international-average-rf', 3), /DESNZ.*\[verified\]/);
    assert.match(await cell('factor:hk-wsd-fresh-water', 3), /Water Supplies Department/);
    assert.match(await cell('factor:hk-paper-landfill', 3), /\[unverified\]$/);
    assert.match(await cell('factor:Supplier spend factor, 2025', 3), /Supplier spend factor, 2025/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: csv }).click()]);
    assert.equal(download.suggestedFilename(), 'esg-part-d.csv');
    const text = readFileSync(await download.path(), 'utf8');
    assert.match(text, /No products sold\./);
    assert.ok(text.split('\n').some((l) => l.includes(two(flight)) || l.includes((flight).toFixed(6).slice(0, 6))), text);
    assert.deepEqual(record.pageErrors, []);
    await close();
  });
}

test('a report\'s printed table typed as printed (kg, kWh) shows what it implies, not "computed 0.00 ≠"', async () => {
  const { page, record, close } = await openPage(env.browser, env.server.url);
  await page.getByTestId('new-report').click();
  await page.getByTestId('new-report-confirm').click();
  const form = page.getByTestId('published-form');
  await form.locator('summary').click();
  const row = (id) => form.locator(`[data-published="${id}"]`);
  // The 2018 report's Scope 1 and direct energy, typed in kg CO2e and kWh.
  await row('ghg_scope1_t').locator('select').selectOption('kg CO2e');
  await input(page, 'published.ghg_scope1_t.value').fill('271,690');
  await row('energy_direct_mwh').locator('select').selectOption('kWh');
  await input(page, 'published.energy_direct_mwh.value').fill('1,389,450');
  await row('ghg_total_t').locator('select').selectOption('kg CO2e');
  await input(page, 'published.ghg_total_t.value').fill('13,093,570');
  await input(page, 'published.ghg_scope2_t').fill('12,821.88');
  const check = page.getByTestId('published-check');
  await check.waitFor();
  assert.notEqual(await check.getAttribute('open'), null, 'open: nothing to compare with');
  // 271.69 t ÷ 1,389.45 MWh.
  const implied = await check.locator('[data-implied="scope1_factor_t_per_mwh"]').textContent();
  assert.match(implied, /0\.195538/);
  assert.match(await check.textContent(), /consistent/);
  // The KPI table shows the figures as printed, with no ≠ beside a computed 0.00.
  const table = await page.locator('table.kpis').first().textContent();
  assert.doesNotMatch(table, /≠/);
  assert.match(table, /271,690 kg CO2e/);
  // The unit cannot meet its KPI: said at the figure, the rest kept.
  await row('water_m3').locator('select').selectOption('L');
  await input(page, 'published.water_m3.value').fill('5,000');
  assert.equal(await input(page, 'published.ghg_scope1_t.value').inputValue(), '271,690');
  assert.deepEqual(record.pageErrors, []);
  await close();
});
