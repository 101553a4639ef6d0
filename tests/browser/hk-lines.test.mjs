// Hong Kong's usual Scope 3 lines and the report's own intensities, as a person adds them on the
// page (issue 18): one button adds fresh water (WSD), sewage (DSD) and paper to landfill; water
// and sewage follow the period's water as it is typed; the paper line asks, next to its
// quantity, for the paper it has not got; sewage at a trade's 70 %; an intensity chosen from
// the inputs appears under the KPI table. In English and Simplified Chinese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, kpiTexts, openPage, input, errorFor, openTrace, chooseLanguage } from './harness.mjs';

const env = setUp();
const two = (x) => x.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const LANGUAGES = [
  { lang: 'en', add: /Add Hong Kong's usual lines/, paper: /add it to the waste items as paper/, intensity: '+ Add an intensity', wsd: /WSD|Water Supplies/ },
  { lang: 'zh-Hans', add: /加入香港常用项目/, paper: /在废弃物项目中以纸张类别加入/, intensity: '+ 加入密度指标', wsd: /WSD|Water Supplies/ },
];

for (const { lang, add, paper, intensity, wsd } of LANGUAGES) {
  test(`Hong Kong's usual lines and a chosen intensity on the page in ${lang}`, async () => {
    const { page, record, close } = await openPage(env.browser, env.server.url);
    await chooseLanguage(page, lang);
    await page.getByTestId('new-report').click();
    await page.getByTestId('new-report-confirm').click();
    await input(page, 'period').fill('2021/22');
    await input(page, 'water_m3').fill('3,450');
    await page.getByRole('button', { name: add }).click();
    assert.equal(await input(page, 'scope3[0].factor').inputValue(), 'hk-wsd-fresh-water');
    assert.equal(await input(page, 'scope3[1].factor').inputValue(), 'hk-dsd-sewage');
    assert.equal(await input(page, 'scope3[2].factor').inputValue(), 'hk-paper-landfill');
    assert.equal(await input(page, 'scope3[0].category').inputValue(), '1');
    assert.equal(await input(page, 'scope3[2].category').inputValue(), '5');
    // No paper among the waste items: said next to the paper line's quantity; no Scope 3 total.
    await errorFor(page, 'scope3[2].quantity').waitFor();
    assert.match(await errorFor(page, 'scope3[2].quantity').textContent(), paper);
    assert.equal((await kpiTexts(page)).ghg_scope3_t, '—');
    await input(page, 'scope3[2].quantity').fill('1,800');
    const water = (w) => (w * 0.621 * 0.7) / 1000;
    const sewage = (w) => (w * 0.29 * 0.7) / 1000;
    const paperT = (1800 * 4.8) / 1000;
    assert.equal((await kpiTexts(page)).ghg_scope3_t, two(water(3450) + sewage(3450) + paperT));
    // The water changes: both lines follow it.
    await input(page, 'water_m3').fill('6,900');
    assert.equal((await kpiTexts(page)).ghg_scope3_t, two(water(6900) + sewage(6900) + paperT));
    // A trade charged on 70 % of its water.
    await input(page, 'scope3[1].share').fill('70');
    assert.equal((await kpiTexts(page)).ghg_scope3_t, two(water(6900) + sewage(6900 * 0.7) + paperT));
    // CLP's 2021 factor for the water line, in place of the territory default.
    await input(page, 'scope3[0].electricity').selectOption('clp-2021');
    const waterClp = (6900 * 0.621 * 0.39) / 1000;
    const scope3 = waterClp + sewage(6900 * 0.7) + paperT;
    assert.equal((await kpiTexts(page)).ghg_scope3_t, two(scope3));

    // An intensity the report prints: Scope 3 per employee.
    await input(page, 'organisation.employees').fill('40');
    await page.getByRole('button', { name: intensity }).click();
    await input(page, 'intensities[0].kpi').selectOption('ghg_scope3_t');
    assert.equal((await kpiTexts(page)).ghg_scope3_t_per_employee, two(scope3 / 40));
    await input(page, 'intensities[0].per').selectOption('m2');
    await page.locator('[data-kpi="ghg_scope3_t_per_m2"]').waitFor();
    assert.equal((await kpiTexts(page)).ghg_scope3_t_per_m2, '—');

    await openTrace(page);
    const line = await page.locator('[data-trace="scope3[0]"]').textContent();
    assert.match(line, /0\.621/);
    assert.match(line, /2021\/22/);
    assert.match(line, /clp-2021/);
    assert.match(await page.locator('[data-trace="scope3[2]"]').textContent(), /hk-paper-landfill/);
    assert.deepEqual(record.pageErrors, []);
    await close();
  });
}

test('a flight entered by its airports: the great-circle passenger-km, an unknown code refused at its field', async () => {
  const { page, record, close } = await openPage(env.browser, env.server.url);
  await page.getByTestId('new-report').click();
  await page.getByTestId('new-report-confirm').click();
  await input(page, 'period').fill('2025');
  await page.getByRole('button', { name: '+ Add a Scope 3 line' }).click();
  await input(page, 'scope3[0].factor').selectOption('desnz-2025-air-long-haul-economy-rf');
  await input(page, 'scope3[0].from').fill('HKG');
  // One airport alone: said at the other; no total.
  await errorFor(page, 'scope3[0].to').waitFor();
  await input(page, 'scope3[0].to').fill('XQZ');
  assert.match(await errorFor(page, 'scope3[0].to').textContent(), /no “XQZ”/);
  await input(page, 'scope3[0].to').fill('LHR');
  await input(page, 'scope3[0].return').selectOption('true');
  await input(page, 'scope3[0].trips').fill('2');
  // 9,631 km × 2 people × 2 ways × 0.11704 kg (DESNZ 2025, long-haul economy with RF).
  assert.equal((await kpiTexts(page)).ghg_scope3_t, two((9631 * 4 * 0.11704) / 1000));
  assert.equal(await input(page, 'scope3[0].quantity').count(), 0, 'the airports give the quantity');
  await openTrace(page);
  assert.match(await page.locator('[data-trace="scope3[0]"]').textContent(), /HKG–LHR: 9,631 km great-circle distance × 4 journeys = 38,524 pkm/);
  // A flight loaded as the API writes it back (airports, no unit) shows its unit, pkm.
  await page.evaluate(() => window.EsgKpi.load({ period: '2025', scope3: [{ category: 6, from: 'HKG', to: 'SIN', factor: 'desnz-2025-air-international-economy-rf' }] }));
  assert.equal(await input(page, 'scope3[0].unit').inputValue(), 'pkm');
  assert.equal(await input(page, 'scope3[0].factor').inputValue(), 'desnz-2025-air-international-economy-rf');
  assert.deepEqual(record.pageErrors, []);
  await close();
});
