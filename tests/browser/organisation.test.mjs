// The organisation and waste as an analyst has them: revenue in another currency with its
// exchange rate, intensities per unit of production, waste by kind, and undo of a load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, kpiTexts, openPage, input, errorFor, openTrace, chooseLanguage } from './harness.mjs';

const env = setUp();

test('revenue in HKD: the amount is kept when the currency changes, the rate is asked for next to its field, then the KPI follows', async () => {
  const { page, record, close } = await openPage(env.browser, env.server.url);
  await input(page, 'packaging_t').fill('100');
  await input(page, 'organisation.revenue_rmb_million').fill('1,000');
  await input(page, 'organisation.revenue_currency').selectOption('HKD');
  // The figure typed moves to the HKD field; nothing typed is lost.
  assert.equal(await input(page, 'organisation.revenue_million').inputValue(), '1,000');
  assert.equal(await input(page, 'organisation.revenue_rmb_million').count(), 0);
  await errorFor(page, 'organisation.fx_rmb_per_unit').waitFor();
  assert.match(await errorFor(page, 'organisation.fx_rmb_per_unit').textContent(), /RMB per 1 HKD/);
  assert.equal((await kpiTexts(page)).packaging_t_per_rmb_million, '0.10', 'the last good results stay: 100 ÷ 1,000');
  await input(page, 'organisation.fx_rmb_per_unit').fill('0.5');
  await input(page, 'organisation.fx_source').fill('HKMA 2018 average');
  // 100 t ÷ (1,000 × 0.5) RMB million
  assert.equal((await kpiTexts(page)).packaging_t_per_rmb_million, '0.20');
  // The calculation lines are written when their panel is opened.
  await openTrace(page);
  const line = await page.locator('[data-trace="organisation.revenue_million"]').textContent();
  assert.match(line, /1,000 HKD million × 0.5 RMB per HKD \(exchange rate; HKMA 2018 average\) = 500 RMB million/);
  // Back to RMB: the amount moves back, the rate stays in the scenario for next time.
  await input(page, 'organisation.revenue_currency').selectOption('RMB');
  assert.equal(await input(page, 'organisation.revenue_rmb_million').inputValue(), '1,000');
  assert.equal((await kpiTexts(page)).packaging_t_per_rmb_million, '0.10');
  assert.deepEqual(record.pageErrors, []);
  await close();
});

test('a production volume adds intensities per unit of production', async () => {
  const { page, close } = await openPage(env.browser, env.server.url);
  assert.equal(await page.locator('[data-intensity]').count(), 0, 'none until a volume is given');
  await input(page, 'water_m3').fill('500');
  await input(page, 'organisation.production_quantity').fill('1,000');
  await errorFor(page, 'organisation.production_unit').waitFor();
  await input(page, 'organisation.production_unit').fill('t of product');
  const water = page.locator('[data-intensity="water_m3_per_production_unit"]');
  await water.waitFor();
  assert.equal(await water.textContent(), '0.50');
  assert.equal(await water.locator('xpath=following-sibling::td[1]').textContent(), 'm³ / t of product');
  assert.equal(await page.locator('[data-intensity]').count(), 6);
  await close();
});

test('a waste item removed leaves the totals above it and the items before it as they were: their fields, and what was typed in them', async () => {
  const { page, record, close } = await openPage(env.browser, env.server.url);
  await page.evaluate(() => window.EsgKpi.load({ organisation: { employees: '10' }, waste: { hazardous_t: '1', non_hazardous_t: '9',
    items: ['paper', 'food_waste', 'plastics'].map((kind, i) => ({ kind, quantity: String(i + 1), unit: 't' })) } }));
  await input(page, 'waste.items[2].quantity').waitFor();
  const fields = ['waste.hazardous_t', 'waste.non_hazardous_t', 'waste.items[0].quantity', 'waste.items[1].quantity'];
  await page.evaluate((fields) => fields.forEach((f) => { document.querySelector(`[data-input="${f}"]`).__made = f; }), fields);
  await page.getByRole('button', { name: 'Remove waste item 3', exact: true }).click();
  await page.waitForFunction(() => !document.querySelector('[data-input="waste.items[2].quantity"]'));
  const made = await page.evaluate((fields) => fields.map((f) => document.querySelector(`[data-input="${f}"]`)?.__made ?? null), fields);
  assert.deepEqual(made, fields, 'each field is still the element it was');
  assert.equal(await input(page, 'waste.items[1].quantity').inputValue(), '2');
  // An item removed above: the item below takes its place, its own values shown.
  await page.getByRole('button', { name: 'Remove waste item 1', exact: true }).click();
  await page.waitForFunction(() => !document.querySelector('[data-input="waste.items[1].quantity"]'));
  assert.equal(await input(page, 'waste.items[0].quantity').inputValue(), '2');
  assert.equal(await input(page, 'waste.items[0].kind').inputValue(), 'food_waste');
  assert.equal(await page.evaluate(() => document.querySelector('[data-input="waste.hazardous_t"]').__made), 'waste.hazardous_t');
  assert.deepEqual(record.pageErrors, []);
  await close();
});

test('waste by kind: items give the total, kg become t, a typed total is only compared, and the class can be overridden', async () => {
  const { page, record, close } = await openPage(env.browser, env.server.url);
  assert.equal((await kpiTexts(page)).non_hazardous_waste_t, '1,027.17');
  await page.getByRole('button', { name: '+ Add waste by kind' }).click();
  await input(page, 'waste.items[0].kind').selectOption('food_waste');
  await input(page, 'waste.items[0].unit').selectOption('kg');
  await input(page, 'waste.items[0].quantity').fill('2,500');
  assert.equal((await kpiTexts(page)).non_hazardous_waste_t, '2.50', '2,500 kg of food waste');
  assert.equal((await kpiTexts(page)).hazardous_waste_t, '1.16', 'no hazardous items: the typed total stands');
  const check = page.locator('[data-check="waste-items-total:non_hazardous_waste_t"]');
  assert.match(await check.textContent(), /Non-hazardous waste is 1,027.17 t, but its items add up to 2.5 t; the items are used/);
  // The calculation lines are written when their panel is opened.
  await openTrace(page);
  assert.match(await page.locator('[data-trace="waste.items[0]"]').textContent(), /Food waste 2,500 kg = 2.5 t \(non-hazardous\)/);
  // Counted as hazardous instead: it moves category, and the typed non-hazardous total is back.
  await input(page, 'waste.items[0].hazardous').selectOption('true');
  assert.equal((await kpiTexts(page)).hazardous_waste_t, '2.50');
  assert.equal((await kpiTexts(page)).non_hazardous_waste_t, '1,027.17');
  // A bad quantity is located on its field; the last good KPIs stay.
  await input(page, 'waste.items[0].quantity').fill('2,50,0');
  await errorFor(page, 'waste.items[0].quantity').waitFor();
  assert.equal((await kpiTexts(page)).hazardous_waste_t, '2.50');
  // The kinds read in the page's language.
  await chooseLanguage(page, 'zh-Hant');
  assert.match(await input(page, 'waste.items[0].kind').locator('option:checked').textContent(), /廚餘/);
  await page.getByRole('button', { name: '刪除廢棄物項目 1' }).click();
  assert.equal(await input(page, 'waste.items[0].kind').count(), 0);
  assert.equal((await kpiTexts(page)).hazardous_waste_t, '1.16');
  assert.deepEqual(record.pageErrors, []);
  await close();
});

test('a load can be undone and redone, from EsgKpi.load as from an import', async () => {
  const { page, close } = await openPage(env.browser, env.server.url);
  assert.equal(await page.getByTestId('undo-load').count(), 0, 'nothing to undo yet');
  await input(page, 'organisation.employees').fill('777');
  const loaded = await page.evaluate(() => EsgKpi.load({ organisation: { employees: '5' }, water_m3: '10' }));
  assert.deepEqual(loaded.errors, []);
  assert.equal(await input(page, 'organisation.employees').inputValue(), '5');
  assert.equal((await kpiTexts(page)).water_m3_per_employee, '2.00');
  await page.getByTestId('undo-load').click();
  assert.equal(await input(page, 'organisation.employees').inputValue(), '777', 'what was typed before the load is back');
  assert.equal(await page.getByTestId('undo-load').textContent(), 'Redo the load');
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('esg-kpi-calculator:scenario')).scenario.organisation.employees);
  assert.equal(saved, '777', 'the undo is autosaved');
  await page.getByTestId('undo-load').click();
  assert.equal(await input(page, 'organisation.employees').inputValue(), '5');
  await close();
});

test('energy lines are grouped by site with its total, and a line added at a site takes its site and grid', async () => {
  const { page, record, close } = await openPage(env.browser, env.server.url);
  await page.getByRole('button', { name: '+ Add an energy line' }).click();
  const row = (await page.locator('[data-row^="energy["]').count()) - 1;
  await input(page, `energy[${row}].site`).fill('Shenzhen plant');
  await input(page, `energy[${row}].grid`).selectOption('guangdong');
  await input(page, `energy[${row}].unit`).selectOption('MWh');
  await input(page, `energy[${row}].quantity`).fill('1,000');
  const site = page.locator('[data-site="Shenzhen plant"]');
  await site.waitFor();
  assert.match(await site.textContent(), /grid guangdong/);
  // The site's total is the engine's, for the scenario as it stands.
  const doc = await page.evaluate(() => JSON.parse(localStorage.getItem('esg-kpi-calculator:scenario')).scenario);
  const expected = await page.evaluate((d) => EsgKpi.calculate(d).details.emissions_by_site_t.find(([s]) => s === 'Shenzhen plant')[1], doc);
  const shown = (await site.locator('[data-site-total]').textContent()).replace(/[^0-9.]/g, '');
  assert.equal(Number(shown).toFixed(2), Number(expected).toFixed(2));
  await page.getByRole('button', { name: '+ Add a line at Shenzhen plant' }).click();
  assert.equal(await input(page, `energy[${row + 1}].site`).inputValue(), 'Shenzhen plant');
  assert.equal(await input(page, `energy[${row + 1}].grid`).inputValue(), 'guangdong');
  // Typing a new site into a line keeps the focus there, key after key.
  await page.getByRole('button', { name: '+ Add an energy line' }).click();
  const last = row + 2;
  await input(page, `energy[${last}].site`).click();
  await page.keyboard.type('Wuhan depot');
  assert.equal(await input(page, `energy[${last}].site`).inputValue(), 'Wuhan depot');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.input), `energy[${last}].site`);
  assert.deepEqual(record.pageErrors, []);
  await close();
});
