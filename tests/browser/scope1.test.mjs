// Scope 1 beyond the fuels, as a person enters it on the page: a refrigerant topped up (or
// estimated from its charge), in each language, with its calculation line and its errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, kpiTexts, openPage, input, errorFor, openTrace, REPORT_2018 } from './harness.mjs';

const env = setUp();

// The built-in example computes on AR5: R-410A = 50 % × 677 + 50 % × 3,170 = 1,923.5.
const LANGUAGES = [
  { lang: 'en', add: '+ Add a refrigerant line', remove: 'Remove refrigerant line 1', line: /R-410A 5 kg = 0\.005 t × GWP 1,923\.5 \(AR5\) = 9\.6175 t CO2e; Scope 1/ },
  { lang: 'zh-Hant', add: '+ 新增冷媒項目', remove: '刪除冷媒項目 1', line: /R-410A 5 kg = 0\.005 噸 × GWP 1,923\.5（AR5）= 9\.6175 噸二氧化碳當量；範圍一/ },
  { lang: 'zh-Hans', add: '+ 添加制冷剂项目', remove: '删除制冷剂项目 1', line: /R-410A 5 kg = 0\.005 吨 × GWP 1,923\.5（AR5）= 9\.6175 吨二氧化碳当量；范围一/ },
];

for (const { lang, add, remove, line } of LANGUAGES) {
  test(`a refrigerant topped up is entered on the page in ${lang}: Scope 1 and the total follow, with its calculation line`, async () => {
    const { page, record, close } = await openPage(env.browser, env.server.url);
    await page.locator('#language').selectOption(lang);
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
