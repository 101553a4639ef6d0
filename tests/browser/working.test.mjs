// Show the working, edit rows, find a factor, read the charts: in the single file and hosted.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, fileUrl, openPage, kpiTexts, input } from './harness.mjs';

const env = setUp();

for (const [name, target] of [['hosted page', () => env.server.url], ['single file', fileUrl]]) {
  describe(name, () => {
    test('any KPI opens its working: lines, conversion, factor with source and status', async () => {
      const { page, record, close } = await openPage(env.browser, target());
      try {
        const button = page.locator('[data-working="ghg_scope2_t"]');
        assert.equal(await button.getAttribute('aria-expanded'), 'false');
        await button.click();
        assert.equal(await button.getAttribute('aria-expanded'), 'true');
        const panel = page.locator('[data-working-panel="ghg_scope2_t"]');
        const text = await panel.textContent();
        assert.match(text, /12821\.879321451 t CO2e \(exact\)/);
        assert.match(text, /Purchased electricity 17,467\.47 MWh × 0\.7340433 t CO2e\/MWh = 12,821\.8793 t CO2e/);
        assert.match(text, /Factor \(custom\): 0\.7340433 tCO2e\/MWh/);
        assert.match(text, /Implied by the report: 12,821\.88 t ÷ 17,467\.47 MWh/, 'the factor\'s source');
        assert.equal(await panel.locator('[data-working-line]').count(), 1, 'only the electricity line feeds Scope 2');
        // The per-employee energy KPI lists both energy lines and the headcount.
        await page.locator('[data-working="energy_mwh_per_employee"]').click();
        const lines = await page.locator('[data-working-panel="energy_mwh_per_employee"] [data-working-line]').evaluateAll((els) => els.map((e) => e.dataset.workingLine));
        assert.deepEqual(lines, ['energy[0]', 'energy[1]', 'organisation.employees']);
        // A library factor shows its status badge.
        await input(page, 'energy[1].factor').selectOption('cn-2016-om:cn-east');
        await page.locator('[data-working="ghg_scope2_t"]').click(); // one KPI's working is open at a time
        assert.match(await page.locator('[data-working-panel="ghg_scope2_t"] .status-badge').textContent(), /verified/);
        assert.deepEqual(record.pageErrors, []);
      } finally {
        await close();
      }
    });

    test('the prior year is edited in its own tab, and the table shows it with the change', async () => {
      const { page, record, close } = await openPage(env.browser, target());
      try {
        await page.getByRole('button', { name: '+ Add the prior year' }).click();
        assert.equal(await page.locator('[data-period-tab="prior"]').getAttribute('aria-selected'), 'true');
        await input(page, 'prior.period').fill('2017');
        await input(page, 'prior.organisation.employees').fill('11,000');
        await input(page, 'prior.water_m3').fill('80,000');
        await page.getByRole('button', { name: '+ Add an energy line' }).click();
        await input(page, 'prior.energy[0].quantity').fill('-5');
        assert.match(await page.locator('[data-error-for="prior.energy[0].quantity"]').textContent(), /negative/);
        await input(page, 'prior.energy[0].quantity').fill('15,000');
        await input(page, 'prior.energy[0].unit').selectOption('MWh');
        await input(page, 'prior.energy[0].grid').selectOption('beijing');
        assert.equal(await page.locator('[data-prior-kpi="water_m3"]').textContent(), '80,000.00');
        assert.equal(await page.locator('[data-change-kpi="water_m3"]').textContent(), '+1.7%'); // 81,345.33 vs 80,000
        assert.equal(await page.locator('[data-prior-kpi="water_m3_per_employee"]').textContent(), '7.27');
        assert.equal(await page.locator('[data-prior-kpi="ghg_scope2_t"]').textContent(), '11,397.00'); // 15,000 × 0.7598
        assert.match(await page.locator('th', { hasText: 'Prior (2017)' }).textContent(), /Prior \(2017\)/);
        // The current period's inputs are untouched, and come back with their tab.
        await page.locator('[data-period-tab=""]').click();
        assert.equal(await input(page, 'water_m3').inputValue(), '81345.33');
        await page.locator('[data-period-tab="prior"]').click();
        await page.getByRole('button', { name: 'Remove this period' }).click();
        assert.equal(await page.locator('[data-prior-kpi]').count(), 0);
        assert.deepEqual(record.pageErrors, []);
      } finally {
        await close();
      }
    });

    test('rows can be duplicated, and the factor library searched', async () => {
      const { page, close } = await openPage(env.browser, target());
      try {
        await page.getByRole('button', { name: 'Duplicate energy line 2' }).click();
        assert.equal(await input(page, 'energy[2].quantity').inputValue(), '17467.47');
        assert.equal((await kpiTexts(page)).energy_indirect_mwh, '34,934.94');
        await page.getByRole('button', { name: 'Remove energy line 3' }).click();
        const options = () => input(page, 'energy[1].factor').locator('option').evaluateAll((o) => o.map((x) => x.value));
        const all = (await options()).length;
        await page.locator('#factor-search-1').fill('2016 east');
        const found = await options();
        assert.ok(found.includes('cn-2016-om:cn-east'), found.join(','));
        assert.ok(found.length < all && found.length <= 4, `${found.length} of ${all}`);
        await page.locator('#factor-search-1').fill('hk electric 2019');
        assert.ok((await options()).includes('hk-electric-2019'));
      } finally {
        await close();
      }
    });

    test('charts show Scope 1 against Scope 2, the energy mix, sites, and the prior period', async () => {
      const { page, close } = await openPage(env.browser, target());
      try {
        const scopes = page.locator('[data-chart="scopes"]');
        // Labels and values are text at the page's size (at least 11 px), each value beside its bar.
        const sizes = await scopes.locator('.bar-label, .bar-value').evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
        assert.equal(sizes.length, 4);
        assert.ok(sizes.every((px) => px >= 11), `font sizes ${sizes}`);
        assert.equal(await scopes.locator('.bar-row').count(), 2);
        const t = await scopes.textContent();
        assert.match(t, /271\.69 t \(2\.1%\)/);
        assert.match(t, /12,821\.88 t \(97\.9%\)/);
        const widths = await scopes.locator('rect').evaluateAll((r) => r.map((x) => Number(x.getAttribute('width'))));
        assert.ok(widths[1] > widths[0] * 40, `bars in proportion: ${widths}`);
        assert.match(await page.locator('[data-chart="energy-mix"]').textContent(), /Natural gas.*1,389\.45 MWh \(7\.4%\)/s);
        assert.equal(await page.locator('[data-chart="periods"]').count(), 0, 'no prior period, no comparison');
        await page.evaluate(() => EsgKpi.load({
          period: '2019',
          energy: [
            { site: 'Beijing', source: 'electricity', quantity: '100', unit: 'MWh', grid: 'beijing' },
            { site: 'Shenzhen', source: 'electricity', quantity: '300', unit: 'MWh', grid: 'guangdong' },
          ],
          water_m3: '50',
          prior: { period: '2018', energy: [{ site: 'Beijing', source: 'electricity', quantity: '80', unit: 'MWh', grid: 'beijing' }], water_m3: '40' },
        }));
        await page.waitForSelector('[data-chart="periods"]');
        assert.match(await page.locator('[data-chart="sites"]').textContent(), /Beijing.*75\.98 t.*Shenzhen.*189\.11 t/s);
        const periods = await page.locator('[data-chart="periods"]').textContent();
        assert.match(periods, /GHG emissions 2019.*265\.09 t CO2e.*GHG emissions 2018.*60\.78 t CO2e/s);
        assert.match(periods, /Water 2019.*50\.00 m³.*Water 2018.*40\.00 m³/s);
        // Each KPI is scaled against its own prior value: the larger of each pair is full length.
        const w = await page.locator('[data-chart="periods"] rect').evaluateAll((r) => r.map((x) => Number(x.getAttribute('width'))));
        assert.equal(w.length, 6);
        assert.equal(w[0], w[2], 'GHG 2019 and energy 2019 are each the larger of their pair');
        assert.equal(w[2], w[4]);
        assert.ok(Math.abs(w[5] / w[4] - 0.8) < 0.01, `water 40 ÷ 50: ${w[5] / w[4]}`);
      } finally {
        await close();
      }
    });
  });
}
