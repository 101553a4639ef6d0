// Scope 1 beyond the stationary fuels, as a person enters it on the page: a refrigerant topped
// up (or estimated from its charge) and a van (its litres, or its distance × fuel economy), in
// each language, with their calculation lines and their errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, kpiTexts, openPage, input, errorFor, openTrace, REPORT_2018, chooseLanguage } from './harness.mjs';

const env = setUp();

// The built-in example computes on AR5: R-410A = 50 % × 677 + 50 % × 3,170 = 1,923.5.
const LANGUAGES = [
  { lang: 'en', addLine: '+ Add an energy line', burnt: 'Burnt in', van: /Diesel .* Scope 1: .*diesel-ipcc2006-road/, add: '+ Add a refrigerant line', remove: 'Remove refrigerant line 1', line: /R-410A 5 kg = 0\.005 t × GWP 1,923\.5 \(AR5\) = 9\.6175 t CO2e; Scope 1/ },
  { lang: 'zh-Hant', addLine: '+ 加入能源項目', burnt: '燃燒用途', van: /柴油.*範圍一.*diesel-ipcc2006-road/, add: '+ 新增冷媒項目', remove: '刪除冷媒項目 1', line: /R-410A 5 kg = 0\.005 噸 × GWP 1,923\.5（AR5）= 9\.6175 噸二氧化碳當量；範圍一/ },
  { lang: 'zh-Hans', addLine: '+ 加入能源项目', burnt: '燃烧用途', van: /柴油.*范围一.*diesel-ipcc2006-road/, add: '+ 添加制冷剂项目', remove: '删除制冷剂项目 1', line: /R-410A 5 kg = 0\.005 吨 × GWP 1,923\.5（AR5）= 9\.6175 吨二氧化碳当量；范围一/ },
];

for (const { lang, add, remove, line, addLine, burnt, van } of LANGUAGES) {
  test(`a van is entered on the page in ${lang}: its diesel takes the road factors`, async () => {
    const { page, record, close } = await openPage(env.browser, env.server.url);
    await chooseLanguage(page, lang);
    await page.getByRole('button', { name: addLine }).click();
    await input(page, 'energy[2].source').selectOption('diesel');
    await input(page, 'energy[2].unit').selectOption('L');
    await input(page, 'energy[2].quantity').fill('10000');
    // 10,000 L × 0.84 kg/L × 42,652 kJ/kg = 0.3582768 TJ; stationary: (74,100 + 10 × 28 + 0.6 × 265) kg/TJ → 26.7053 t
    assert.equal((await kpiTexts(page)).ghg_scope1_t, '298.40');
    assert.equal(await page.locator(`label[for="in-energy-2--mobile"]`).textContent(), burnt);
    await input(page, 'energy[2].mobile').selectOption('road');
    // road: (74,100 + 3.9 × 28 + 3.9 × 265) kg/TJ → 26.9577 t
    assert.equal((await kpiTexts(page)).ghg_scope1_t, '298.65');
    await openTrace(page);
    assert.match(await page.locator('[data-trace="energy[2]"]').textContent(), van);
    assert.deepEqual(record.pageErrors, []);
    await close();
  });

  test(`a refrigerant topped up is entered on the page in ${lang}: Scope 1 and the total follow, with its calculation line`, async () => {
    const { page, record, close } = await openPage(env.browser, env.server.url);
    await chooseLanguage(page, lang);
    assert.equal((await kpiTexts(page)).ghg_scope1_t, REPORT_2018.ghg_scope1_t);
    await page.getByRole('button', { name: add }).click();
    assert.equal(await input(page, 'refrigerants[0].gas').inputValue(), 'R-410A');
    await input(page, 'refrigerants[0].quantity').fill('5');
    // 271.6903 + 9.6175 t CO2e
    assert.equal((await kpiTexts(page)).ghg_scope1_t, '281.31');
    assert.equal((await kpiTexts(page)).ghg_total_t, '13,103.19');
    await openTrace(page);
    assert.match(await page.locator('[data-trace="refrigerants[0]"]').textContent(), line);
    await page.getByRole('button', { name: remove }).click();
    assert.equal((await kpiTexts(page)).ghg_scope1_t, REPORT_2018.ghg_scope1_t);
    assert.deepEqual(record.pageErrors, []);
    await close();
  });
}

test('a refrigerant estimated from its charge, R-22 beside the scopes, and a bad quantity located on its field', async () => {
  const { page, record, close } = await openPage(env.browser, env.server.url);
  await page.getByRole('button', { name: '+ Add a refrigerant line' }).click();
  await input(page, 'refrigerants[0].quantity').fill('5');
  assert.equal((await kpiTexts(page)).ghg_scope1_t, '281.31');
  // No refill records: the 5 typed moves to the charge, the kind of equipment gives 5 % a year.
  await input(page, 'refrigerants[0]').selectOption('screening');
  assert.equal(await input(page, 'refrigerants[0].charge').inputValue(), '5');
  assert.equal(await input(page, 'refrigerants[0].quantity').count(), 0);
  assert.equal(await input(page, 'refrigerants[0].equipment').inputValue(), 'air_conditioning');
  // 5 kg × 5 % = 0.25 kg; 0.00025 t × 1,923.5 = 0.480875 t CO2e
  assert.equal((await kpiTexts(page)).ghg_scope1_t, '272.17');
  await input(page, 'refrigerants[0].equipment').selectOption('chiller');
  // 5 kg × 15 % = 0.75 kg → 1.442625 t CO2e
  assert.equal((await kpiTexts(page)).ghg_scope1_t, '273.13');
  await input(page, 'refrigerants[0].leak_rate_percent').fill('120');
  await errorFor(page, 'refrigerants[0].leak_rate_percent').waitFor();
  assert.match(await errorFor(page, 'refrigerants[0].leak_rate_percent').textContent(), /at most 100/);
  assert.equal((await kpiTexts(page)).ghg_scope1_t, '273.13', 'the last good results stay');
  await input(page, 'refrigerants[0].leak_rate_percent').fill('');
  // Back to a refill record: the charge moves back to the quantity.
  await input(page, 'refrigerants[0]').selectOption('refill');
  assert.equal(await input(page, 'refrigerants[0].quantity').inputValue(), '5');
  // R-22 is an HCFC: reported beside the scopes, not in Scope 1.
  await input(page, 'refrigerants[0].gas').selectOption('R-22');
  assert.equal((await kpiTexts(page)).ghg_scope1_t, REPORT_2018.ghg_scope1_t);
  // 0.005 t × 1,760 (AR5) = 8.8 t CO2e
  assert.equal((await page.locator('[data-detail="beside_scopes_t"]').textContent()).trim(), '8.80 t CO2e');
  await input(page, 'refrigerants[0].quantity').fill('5 kg');
  await errorFor(page, 'refrigerants[0].quantity').waitFor();
  assert.deepEqual(record.pageErrors, []);
  await close();
});

test('a van entered as distance × fuel economy gives the same litres, and a missing economy is asked for next to its field', async () => {
  const { page, record, close } = await openPage(env.browser, env.server.url);
  await page.getByRole('button', { name: '+ Add an energy line' }).click();
  await input(page, 'energy[2].source').selectOption('diesel');
  await input(page, 'energy[2].mobile').selectOption('road');
  await input(page, 'energy[2].by').selectOption('distance');
  assert.equal(await input(page, 'energy[2].quantity').count(), 0);
  assert.equal(await input(page, 'energy[2].unit').inputValue(), 'L');
  await input(page, 'energy[2].distance_km').fill('100,000');
  await errorFor(page, 'energy[2].l_per_100km').waitFor();
  assert.match(await errorFor(page, 'energy[2].l_per_100km').textContent(), /fuel economy/);
  await input(page, 'energy[2].l_per_100km').fill('10');
  // 100,000 km × 10 L/100 km = 10,000 L
  assert.equal((await kpiTexts(page)).ghg_scope1_t, '298.65');
  await openTrace(page);
  assert.match(await page.locator('[data-trace="energy[2]"]').textContent(), /100,000 km × 10 L\/100 km = 10,000 L/);
  assert.deepEqual(record.pageErrors, []);
  await close();
});

test('towngas moves to Scope 2 when the HK EPD/EMSD convention is chosen, and back', async () => {
  const { page, record, close } = await openPage(env.browser, env.server.url);
  await page.evaluate(() => EsgKpi.load({ energy: [{ site: 'Kitchen', source: 'towngas', quantity: '10000', unit: 'unit' }] }));
  // 10,000 units × 0.592 kg CO2e
  assert.equal((await kpiTexts(page)).ghg_scope1_t, '5.92');
  assert.equal((await kpiTexts(page)).ghg_scope2_t, '0.00');
  await input(page, 'towngas_scope').selectOption('scope2');
  assert.equal((await kpiTexts(page)).ghg_scope1_t, '0.00');
  assert.equal((await kpiTexts(page)).ghg_scope2_t, '5.92');
  assert.equal((await kpiTexts(page)).energy_direct_mwh, '0.00');
  await chooseLanguage(page, 'zh-Hant');
  assert.match(await input(page, 'towngas_scope').locator('option:checked').textContent(), /範圍二/);
  await input(page, 'towngas_scope').selectOption('');
  assert.equal((await kpiTexts(page)).ghg_scope1_t, '5.92');
  assert.deepEqual(record.pageErrors, []);
  await close();
});

test('a CLP line of 2024 takes 2023, the latest year in the library, with a warning under the line', async () => {
  const { page, record, close } = await openPage(env.browser, env.server.url);
  await page.evaluate(() => EsgKpi.load({ period: '2024', energy: [
    { site: 'HK office', source: 'electricity', quantity: '100,000', unit: 'kWh', grid: 'clp' },
    { site: 'Shenzhen office', source: 'electricity', quantity: '100,000', unit: 'kWh', grid: 'guangdong' }] }));
  // 100 MWh × 0.39 (CLP 2023) + 100 MWh × the Guangdong factor of the 2015 edition
  await page.locator('[data-warning-for="energy[0].grid"]').waitFor();
  assert.match(await page.locator('[data-warning-for="energy[0].grid"]').textContent(), /clp-2023 is the latest year/);
  assert.match(await page.locator('[data-warning-for="energy[1].grid"]').textContent(), /more than three years older/);
  await chooseLanguage(page, 'zh-Hans');
  assert.match(await page.locator('[data-warning-for="energy[0].grid"]').textContent(), /最新年度/);
  assert.deepEqual(record.pageErrors, []);
  await close();
});

test('a van\'s NOx, SOx and particulates are entered on the page: the A1.1 KPIs go from a reason naming the van to figures', async () => {
  const { page, record, close } = await openPage(env.browser, env.server.url);
  await page.evaluate(() => EsgKpi.load({ gwp: 'AR6', energy: [
    { site: 'Kitchen', source: 'towngas', quantity: '10000', unit: 'unit' },
    { site: 'HK', source: 'diesel', quantity: '2000', unit: 'L', mobile: 'road' }] }));
  // Towngas alone would be 10,000 × 48 MJ × 4.02 kg per million MJ = 1.9296 kg; the van has no factor yet.
  assert.equal((await kpiTexts(page)).air_nox_kg, '—');
  const why = await page.locator('[data-kpi-row="air_nox_kg"], tr:has([data-kpi="air_nox_kg"])').first().textContent();
  assert.match(why, /energy line 2 \(HK\) has no NOx factor/);
  // The towngas line needs none: no air fields on it.
  assert.equal(await input(page, 'energy[0].air.nox').count(), 0);
  await page.locator('[data-row="energy[1]"] details.air > summary').click();
  await input(page, 'energy[1].air.nox').fill('0.01');
  await errorFor(page, 'energy[1].air.unit').waitFor();
  await input(page, 'energy[1].air.unit').selectOption('kg/L');
  // 2,000 L × 0.01 kg/L = 20 kg + 1.9296 kg
  assert.equal((await kpiTexts(page)).air_nox_kg, '21.93');
  assert.equal((await kpiTexts(page)).air_sox_kg, '—', 'SOx not given for the van yet');
  await input(page, 'energy[1].air.sox').fill('0.0001');
  await input(page, 'energy[1].air.pm').fill('0.0005');
  await input(page, 'energy[1].air.source').fill('HKEX Appendix 2, LGV diesel');
  // 0.2 kg + 0.0096 kg; 1 kg + 0
  assert.equal((await kpiTexts(page)).air_sox_kg, '0.21');
  assert.equal((await kpiTexts(page)).air_pm_kg, '1.00');
  await chooseLanguage(page, 'zh-Hant');
  assert.match(await page.locator('[data-row="energy[1]"] details.air > summary').textContent(), /廢氣排放（A1\.1）/);
  assert.deepEqual(record.pageErrors, []);
  await close();
});
