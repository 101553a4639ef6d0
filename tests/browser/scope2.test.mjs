// Scope 2 beyond the grid, as a person enters it on the page: district cooling (whose operator
// publishes no factor, so the line asks for the supplier's, next to its field, in the page's
// language), in refrigeration ton-hours; and a financial year's utility factor by months.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, kpiTexts, openPage, input, errorFor, openTrace, REPORT_2018, chooseLanguage } from './harness.mjs';

const env = setUp();

const LANGUAGES = [
  { lang: 'en', addLine: '+ Add an energy line', option: 'Purchased cooling (district cooling)', ask: /supplier's/, scope: /Scope 2/ },
  { lang: 'zh-Hant', addLine: '+ 加入能源項目', option: '外購冷量（區域供冷）', ask: /供應商/, scope: /範圍二/ },
  { lang: 'zh-Hans', addLine: '+ 加入能源项目', option: '外购冷量（区域供冷）', ask: /供应商/, scope: /范围二/ },
];

for (const { lang, addLine, option, ask, scope } of LANGUAGES) {
  test(`district cooling is entered on the page in ${lang}: it asks for the supplier's factor, then counts in Scope 2`, async () => {
    const { page, record, close } = await openPage(env.browser, env.server.url);
    await chooseLanguage(page, lang);
    await page.getByRole('button', { name: addLine }).click();
    await input(page, 'energy[2].source').selectOption({ label: option });
    assert.equal(await input(page, 'energy[2].source').inputValue(), 'cooling');
    await input(page, 'energy[2].unit').selectOption('RTh');
    await input(page, 'energy[2].quantity').fill('10,000');
    await errorFor(page, 'energy[2].factor').waitFor();
    assert.match(await errorFor(page, 'energy[2].factor').textContent(), ask);
    // The rest stands: the example's Scope 2 is as it was.
    assert.equal((await kpiTexts(page)).ghg_scope2_t, REPORT_2018.ghg_scope2_t);
    await input(page, 'energy[2].factor').selectOption('custom');
    await input(page, 'energy[2].factor.value').fill('0.1');
    await input(page, 'energy[2].factor.unit').selectOption('kgCO2e/kWh');
    await input(page, 'energy[2].factor.source').fill('DCS operator, 2025');
    assert.equal(await errorFor(page, 'energy[2].factor').count(), 0);
    // 10,000 RTh × 12,660.67023144 kJ = 35,168.53 kWh of cooling × 0.1 kg = 3.5169 t CO2e
    const k = await kpiTexts(page);
    assert.equal(k.ghg_scope2_t, '12,825.40');
    assert.equal(k.ghg_total_t, '13,097.09');
    assert.equal(k.energy_indirect_mwh, '17,502.64');
    assert.equal(k.ghg_scope1_t, REPORT_2018.ghg_scope1_t);
    await openTrace(page);
    const line = await page.locator('[data-trace="energy[2]"]').textContent();
    assert.match(line, /10,000 RTh/);
    assert.match(line, scope);
    assert.deepEqual(record.pageErrors, []);
    await close();
  });
}

test('a financial year 2020/21 on CLP takes 9/12 of 2020 and 3/12 of 2021, and a June year-end half of each', async () => {
  const { page, record, close } = await openPage(env.browser, env.server.url);
  await page.evaluate(() => EsgKpi.load({ period: '2020/21', gwp: 'AR6', energy: [
    { site: 'HK office', source: 'electricity', quantity: '1,000', unit: 'MWh', grid: 'clp' }] }));
  // 1,000 MWh × (9/12 × 0.37 + 3/12 × 0.39) = 375 t
  assert.equal((await kpiTexts(page)).ghg_scope2_t, '375.00');
  await openTrace(page);
  assert.match(await page.locator('[data-trace="energy[0]"]').textContent(), /clp-2020\+clp-2021/);
  await input(page, 'year_end_month').selectOption('6');
  assert.equal((await kpiTexts(page)).ghg_scope2_t, '380.00');
  await chooseLanguage(page, 'zh-Hant');
  assert.match(await input(page, 'year_end_month').locator('option:checked').textContent(), /6 月/);
  assert.deepEqual(record.pageErrors, []);
  await close();
});

test('a provincial edition chosen on the page: Guangdong takes its own average, flagged as unverified at the line; Scope 2 by gas follows', async () => {
  const { page, record, close } = await openPage(env.browser, env.server.url);
  await page.evaluate(() => EsgKpi.load({ period: '2023', gwp: 'AR6', grid_edition: 'latest', energy: [
    { site: 'Shenzhen office', source: 'electricity', quantity: '1,000', unit: 'MWh', grid: 'guangdong' },
    { site: 'HK office', source: 'electricity', quantity: '1,000', unit: 'MWh', grid: 'clp' }] }));
  // 1,000 MWh × 0.4042 (Southern grid 2023) + 1,000 MWh × 0.39 (CLP 2023)
  assert.equal((await kpiTexts(page)).ghg_scope2_t, '794.20');
  assert.equal(await page.locator('[data-detail="scope2_CO2"]').textContent(), 'CO2 404.2 t');
  assert.equal(await page.locator('[data-detail="scope2_CO2e"]').textContent(), 'CO2e 390 t');
  await input(page, 'grid_edition').selectOption('cn-2023-mee-provinces');
  // Guangdong's own 2023 average, 0.4419
  assert.equal((await kpiTexts(page)).ghg_scope2_t, '831.90');
  assert.match(await page.locator('[data-warning-for="energy[0].factor"]').textContent(), /cn-2023-mee-provinces:guangdong.*unverified/);
  assert.equal(await page.locator('[data-warning-for="energy[1].factor"]').count(), 0);
  assert.equal(await page.locator('[data-detail="scope2_CO2"]').textContent(), 'CO2 441.9 t');
  assert.deepEqual(record.pageErrors, []);
  await close();
});
