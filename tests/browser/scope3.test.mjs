// Scope 3 as a person enters it on the page (issue 18, first step): a flight on the library's
// UK DESNZ factor, a purchased service in HK$ on a factor per US dollar (refused, next to the
// rate, until the rate is given), and the comply-or-explain table (a category left out asks
// for its reason); in English and Traditional Chinese. Scope 3 stays out of Scope 1 + 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, kpiTexts, openPage, input, errorFor, openTrace, chooseLanguage } from './harness.mjs';

const env = setUp();
const two = (x) => x.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const LANGUAGES = [
  { lang: 'en', add: '+ Add a Scope 3 line', rate: /exchange rate you used \(HKD\/USD\)/, reason: /give the reason/, travel: /Business travel/ },
  { lang: 'zh-Hant', add: '+ 新增範圍三項目', rate: /匯率（HKD\/USD）/, reason: /請說明原因/, travel: /商務差旅/ },
];

for (const { lang, add, rate, reason, travel } of LANGUAGES) {
  test(`Scope 3 is entered on the page in ${lang}: a flight, a service in HK$ at the user's rate, and comply or explain`, async () => {
    const { page, record, close } = await openPage(env.browser, env.server.url);
    await chooseLanguage(page, lang);
    await page.getByTestId('new-report').click();
    await page.getByTestId('new-report-confirm').click();
    await input(page, 'period').fill('2025');
    assert.equal((await kpiTexts(page)).ghg_scope3_t, '—');

    // A flight HKG–SIN and back, 5,131 passenger-km, on DESNZ 2025's international average
    // with radiative forcing (0.14253 kg CO2e per pkm), the line's default.
    await page.getByRole('button', { name: add }).click();
    assert.equal(await input(page, 'scope3[0].factor').inputValue(), 'desnz-2025-air-international-average-rf');
    await input(page, 'scope3[0].description').fill('HKG–SIN return');
    await input(page, 'scope3[0].quantity').fill('5,131');
    const flight = (5131 * 0.14253) / 1000;
    assert.equal((await kpiTexts(page)).ghg_scope3_t, two(flight));
    assert.equal((await kpiTexts(page)).ghg_total_t, '0.00', 'Scope 3 is not in Scope 1 + 2');

    // IT services: HK$78,000 on a factor of 0.5 kg CO2e per US dollar.
    await page.getByRole('button', { name: add }).click();
    await input(page, 'scope3[1].category').selectOption('1');
    await input(page, 'scope3[1].method').selectOption('custom');
    await input(page, 'scope3[1].unit').selectOption('HKD');
    await input(page, 'scope3[1].quantity').fill('78,000');
    await input(page, 'scope3[1].factor.value').fill('0.5');
    await input(page, 'scope3[1].factor.unit').fill('kgCO2e/USD');
    await input(page, 'scope3[1].factor.source').fill('Supplier spend factor, 2025');
    // No rate yet: said next to it; the last good figure stays.
    await errorFor(page, 'scope3[1].exchange_rate.value').waitFor();
    assert.match(await errorFor(page, 'scope3[1].exchange_rate.value').textContent(), rate);
    assert.equal((await kpiTexts(page)).ghg_scope3_t, two(flight));
    await input(page, 'scope3[1].exchange_rate.value').fill('7.8');
    await input(page, 'scope3[1].exchange_rate.unit').fill('HKD/USD');
    // 78,000 ÷ 7.8 = 10,000 USD × 0.5 kg = 5 t
    assert.equal(await errorFor(page, 'scope3[1].exchange_rate.value').count(), 0);
    assert.equal((await kpiTexts(page)).ghg_scope3_t, two(flight + 5));

    // Comply or explain: investments not relevant, with the reason it asks for.
    const row = (c) => page.locator(`[data-category="${c}"]`);
    assert.equal(await row(6).locator('[data-category-t]').textContent(), two(flight));
    assert.equal(await row(1).locator('[data-category-t]').textContent(), '5.00');
    await row(15).locator('select').selectOption('not_relevant');
    await row(15).locator('.error').waitFor();
    assert.match(await row(15).locator('.error').textContent(), reason);
    await row(15).locator('input').fill('The company holds no investments.');
    assert.equal(await row(15).locator('.error').count(), 0);
    assert.equal(await row(15).locator('select').inputValue(), 'not_relevant');

    await openTrace(page);
    const line = await page.locator('[data-trace="scope3[0]"]').textContent();
    assert.match(line, /desnz-2025-air-international-average-rf/);
    assert.match(line, /Company Reporting 2025/);
    assert.match(line, travel);
    assert.match(await page.locator('[data-trace="scope3[1]"]').textContent(), /7\.8 HKD\/USD/);
    assert.deepEqual(record.pageErrors, []);
    await close();
  });
}
