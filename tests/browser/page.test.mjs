// The calculator as a person and a host page meet it, in headless Chromium: the hosted page
// over http on 127.0.0.1 and the single file over file://. Run by scripts/test.sh.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setUp, serveDist, fileUrl, openPage, kpiTexts, input, errorFor, REPORT_2018 } from './harness.mjs';

const env = setUp();

const TARGETS = [
  ['hosted page over http', () => env.server.url],
  ['single file over file://', fileUrl],
];

/** No console error, no uncaught exception, no request outside the page's own files. */
function assertCleanPage(record, url) {
  assert.deepEqual(record.failed, [], 'failed requests');
  assert.deepEqual(record.pageErrors, [], 'uncaught exceptions');
  assert.deepEqual(record.consoleErrors, [], 'console errors');
  if (url.startsWith('file:')) {
    assert.deepEqual(record.requests, [url], 'the single file requests nothing but itself');
  } else {
    const origin = new URL(url).origin;
    const outside = record.requests.filter((r) => new URL(r).origin !== origin);
    assert.deepEqual(outside, [], 'requests outside the page origin');
  }
}

/** Opens `url`, runs `body(page, record)`, then checks the page stayed clean, and closes it. */
async function withPage(url, body) {
  const { page, record, close } = await openPage(env.browser, url);
  try {
    await body(page, record);
    assertCleanPage(record, url);
  } finally {
    await close();
  }
}

for (const [name, target] of TARGETS) {
  describe(name, () => {
    test('shows the example: the report table, with energy per employee computed from one headcount', async () => {
      await withPage(target(), async (page) => {
      const shown = await kpiTexts(page);
      assert.equal(Object.keys(shown).length, 20, 'all 20 KPIs (the 16 of the report, the 3 of A1.1 and Scope 3) are on the page');
      const status = await page.locator('.results > .status').boundingBox();
      assert.equal(status.height, 0, 'with no input error, nothing shows above the KPI table');
      for (const [id, printed] of Object.entries(REPORT_2018)) {
        // 18,856.92 MWh ÷ 12,016 people; the report printed 1.32 (≈ 14,286 people).
        const expected = id === 'energy_mwh_per_employee' ? '1.57' : printed;
        assert.equal(shown[id], expected, id);
      }
      const energyRow = page.locator('tr', { has: page.locator('[data-kpi="energy_mwh_per_employee"]') });
      assert.match(await energyRow.textContent(), /1\.32 ≠/, 'the published 1.32 stands beside the computed 1.57');
      const check = page.locator('[data-check="published-differs:energy_mwh_per_employee"]');
      assert.match(await check.textContent(), /14,286/);
      assert.match(await page.locator('[data-check="headcount-inconsistent"]').textContent(), /12,016/);
      // How the example is built is said next to its inputs.
      assert.match(await page.locator('#note-organisation-employees').textContent(), /6\.77/);
      const used = await page.locator('[data-factor-used="energy[1]"]').textContent();
      assert.match(used, /Implied by the report: 12,821\.88 t ÷ 17,467\.47 MWh = 0\.7340433/);
      assert.equal(await page.locator('[data-detail="grid_factor_effective_t_per_mwh"]').textContent(), '0.7340433 t CO2e/MWh');
      });
    });

    test('typing a new value updates the dependent KPIs at once, and only those', async () => {
      await withPage(target(), async (page) => {
      const before = await kpiTexts(page);
      await input(page, 'organisation.employees').fill('10,000');
      const after = await kpiTexts(page);
      assert.equal(after.water_m3_per_employee, '8.13'); // 81,345.33 ÷ 10,000
      assert.equal(after.hazardous_waste_t_per_employee, '0.00012'); // 1.16 ÷ 10,000 = 0.000116
      assert.equal(after.non_hazardous_waste_t_per_employee, '0.10'); // 0.102717
      assert.equal(after.energy_mwh_per_employee, '1.89'); // 1.885692
      for (const id of ['ghg_total_t', 'ghg_intensity_t_per_m2', 'water_m3', 'packaging_t_per_rmb_million']) {
        assert.equal(after[id], before[id], `${id} does not depend on employees`);
      }
      // Keystroke by keystroke: every key recomputes.
      const gas = input(page, 'energy[0].quantity');
      await gas.fill('');
      await gas.pressSequentially('2000');
      assert.equal((await kpiTexts(page)).energy_direct_mwh, '2,000.00');
      assert.equal((await kpiTexts(page)).ghg_scope1_t, '391.08'); // 2,000 × 0.195538
      await gas.press('Backspace');
      assert.equal((await kpiTexts(page)).energy_direct_mwh, '200.00');
      });
    });

    test('a bad value gets a message by its field, keeps what was typed, and the last good KPIs stay', async () => {
      await withPage(target(), async (page) => {
      const employees = input(page, 'organisation.employees');
      await employees.fill('12,0x6');
      await assert.doesNotReject(errorFor(page, 'organisation.employees').waitFor());
      assert.match(await errorFor(page, 'organisation.employees').textContent(), /“12,0x6” is not a number/);
      assert.equal(await employees.inputValue(), '12,0x6', 'the text typed is kept');
      assert.equal(await employees.getAttribute('aria-invalid'), 'true');
      const kept = await kpiTexts(page);
      assert.equal(kept.water_m3_per_employee, '6.77', 'last good result stays');
      assert.match(await page.locator('[data-testid="error-banner"]').textContent(), /last valid input/);

      await input(page, 'water_m3').fill('-5');
      assert.match(await errorFor(page, 'water_m3').textContent(), /must not be negative/);
      await input(page, 'energy[1].quantity').fill('1e40');
      assert.match(await errorFor(page, 'energy[1].quantity').textContent(), /too large/);
      await input(page, 'energy[1].unit').selectOption('GJ');
      // The list above the KPI table names each field by its label, as beside the field.
      const listed = (path) => page.locator(`[data-testid="error-banner"] [data-error-path="${path}"]`).textContent();
      assert.match(await listed('organisation.employees'), /^Employees: “12,0x6” is not a number/);
      assert.match(await listed('water_m3'), /^Water consumption: .*must not be negative/);
      assert.match(await listed('energy[1].quantity'), /^Energy line 2 · Quantity: .*too large/);
      assert.equal((await kpiTexts(page)).ghg_total_t, '13,093.57', 'still the last good results');

      // Mending every field brings the KPIs back to life.
      await employees.fill('12016');
      await input(page, 'water_m3').fill('81345.33');
      await input(page, 'energy[1].quantity').fill('62882.892'); // GJ: 17,467.47 MWh × 3.6
      assert.equal(await errorFor(page, 'organisation.employees').count(), 0);
      assert.equal(await page.locator('[data-testid="error-banner"]').count(), 0);
      const mended = await kpiTexts(page);
      assert.equal(mended.energy_indirect_mwh, '17,467.47');
      assert.equal(mended.ghg_scope2_t, '12,821.88');
      });
    });

    test('energy lines can be added and removed', async () => {
      await withPage(target(), async (page) => {
      await page.getByRole('button', { name: '+ Add an energy line' }).click();
      await input(page, 'energy[2].quantity').fill('1,000,000');
      await input(page, 'energy[2].factor').selectOption('custom');
      await input(page, 'energy[2].factor.value').fill('0.7');
      const added = await kpiTexts(page);
      assert.equal(added.energy_indirect_mwh, '18,467.47');
      assert.equal(added.ghg_scope2_t, '13,521.88');
      await page.getByRole('button', { name: 'Remove energy line 3' }).click();
      assert.equal((await kpiTexts(page)).ghg_scope2_t, '12,821.88');
      });
    });

    test('the method can be chosen: grid by province, library factors, GWP set', async () => {
      await withPage(target(), async (page) => {
        // Electricity line by grid: Guangdong, 2015 combined margin (0.8959 + 0.3648) / 2.
        await input(page, 'energy[1].factor').selectOption('auto');
        await input(page, 'energy[1].grid').selectOption('guangdong');
        assert.equal((await kpiTexts(page)).ghg_scope2_t, '11,010.62'); // 17,467.47 × 0.63035
        assert.match(await page.locator('[data-factor-used="energy[1]"]').textContent(), /combined margin 0\.5 × OM 0\.8959 \+ 0\.5 × BM 0\.3648/);
        await input(page, 'grid_edition').selectOption('cn-2016-om');
        assert.equal((await kpiTexts(page)).ghg_scope2_t, '15,154.78'); // 17,467.47 × 0.8676
        assert.equal(await input(page, 'grid_om_weight').count(), 0, 'no weight for an operating-margin edition');
        // Natural gas on the IPCC default: CH4 and N2O follow the GWP set.
        await input(page, 'energy[0].factor').selectOption('ng-ipcc2006-default');
        assert.equal((await kpiTexts(page)).ghg_scope1_t, '281.45'); // AR5 by default
        await input(page, 'gwp').selectOption('SAR');
        assert.equal((await kpiTexts(page)).ghg_scope1_t, '281.29'); // 1,389.45 × 0.2024496
        assert.match(await page.locator('[data-detail="scope1_CH4"]').textContent(), /CH4 0\.025/);
        // A custom factor asks for its source.
        await input(page, 'energy[0].factor').selectOption('custom');
        await input(page, 'energy[0].factor.value').fill('0.2');
        await input(page, 'energy[0].factor.unit').selectOption('tCO2e/MWh');
        assert.equal((await kpiTexts(page)).ghg_scope1_t, '277.89');
        assert.match(await page.locator('[data-check="custom-factor-without-source"]').textContent(), /no source note/);
        await input(page, 'energy[0].factor.source').fill('Supplier invoice 2018');
        assert.equal(await page.locator('[data-check="custom-factor-without-source"]').count(), 0);
      });
    });

    test('the published table is analysed: implied headcounts and factors', async () => {
      await withPage(target(), async (page) => {
        await page.getByText('What the published table implies').click();
        const water = page.locator('[data-implied="employees:water_m3_per_employee"]');
        assert.match(await water.textContent(), /12,016 people.*12,007–12,024/s);
        const s2 = await page.locator('[data-implied="scope2_factor_t_per_mwh"]').textContent();
        assert.match(s2, /No single grid or utility factor/);
      });
    });

    test('EsgKpi.calculate answers good, bad and absurd input without throwing', async () => {
      await withPage(target(), async (page) => {
      const out = await page.evaluate(() => {
        const good = {
          schema: 'esg-kpi-scenario/1',
          organisation: { floor_area_m2: '12500', employees: '820', revenue_rmb_million: '2450' },
          energy: [
            { site: 'HK office', source: 'electricity', quantity: '1250000', unit: 'kWh', factor: { value: '0.39', unit: 'kgCO2e/kWh' } },
            { site: 'Plant', source: 'natural_gas', quantity: 85000, unit: 'm3', factor: { value: '2.1622', unit: 'kgCO2e/m3' } },
          ],
          water_m3: '15600', waste: { hazardous_t: '0.85', non_hazardous_t: '64.2' }, packaging_t: '310.5',
        };
        const cyclic = {}; cyclic.self = cyclic;
        const absurd = [
          'not json', '', undefined, null, 42, true, [], cyclic, { water_m3: 10n }, Symbol('x'), () => 1,
          { energy: [{ source: 'electricity', quantity: '-3', unit: 'kWh' }] },
          { water_m3: 1e40 }, { organisation: { employees: 'many' } }, '{"energy": "x"}', { energy: [null] },
        ];
        const rows = [];
        for (const bad of absurd) {
          let threw = null, r = null;
          try { r = EsgKpi.calculate(bad); } catch (e) { threw = String(e); }
          const next = EsgKpi.calculate(good);
          rows.push({
            threw, errors: r?.errors ?? null, schema: r?.schema,
            kpiCount: r ? Object.keys(r.kpis).length : 0,
            nextTotal: next.kpis.ghg_total_t.value, nextErrors: next.errors.length,
          });
        }
        const r = EsgKpi.calculate(good);
        const fromJson = EsgKpi.calculate(JSON.stringify(good));
        return { rows, good: r, fromJson, version: EsgKpi.version, factors: EsgKpi.factors(), scope3Factors: EsgKpi.scope3Factors() };
      });
      assert.equal(out.version, '0.1.0');
      // The count the README gives (a native test keeps the README true to the library).
      const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
      const counted = Number(/factor library: (\d+) records/.exec(readme)?.[1]);
      assert.ok(counted > 100, `the README counts the library (${counted})`);
      assert.equal(out.factors.length, counted);
      assert.deepEqual(out.factors.find((f) => f.id === 'clp-2023').values, { CO2e: '0.39' });
      assert.deepEqual(out.factors.find((f) => f.id === 'hk-electric-2018').values, { CO2e: '0.80' });
      const hotel = out.scope3Factors.find((f) => f.id === 'desnz-2025-hotel-hong-kong');
      assert.equal(hotel.value, '51.5');
      assert.equal(hotel.status, 'verified');
      assert.equal(out.scope3Factors.find((f) => f.id === 'hk-wsd-fresh-water').by_year.at(-1).value, '0.621');
      assert.deepEqual(out.good.errors, []);
      assert.equal(out.good.schema, 'esg-kpi-results/1');
      assert.equal(out.good.kpis.ghg_total_t.value, '671.287'); // 1,250 × 0.39 + 85,000 × 2.1622 / 1,000
      assert.equal(out.good.kpis.ghg_total_t.display, '671.29');
      assert.equal(out.good.kpis.ghg_total_t.hkex, 'A1.2');
      assert.equal(out.good.kpis.hazardous_waste_t_per_employee.display, '0.0010');
      assert.equal(out.good.trace.filter((t) => t.scope).length, 2, 'one trace line per energy row');
      assert.equal(out.good.trace.find((t) => t.path === 'water_m3').quantity, '15600');
      assert.deepEqual(out.fromJson.kpis, out.good.kpis);
      for (const [i, row] of out.rows.entries()) {
        assert.equal(row.threw, null, `absurd input #${i} threw`);
        assert.equal(row.schema, 'esg-kpi-results/1', `absurd input #${i}`);
        assert.ok(row.errors.length > 0, `absurd input #${i} reported no error`);
        assert.equal(row.kpiCount, 20, `absurd input #${i} still lists every KPI`);
        assert.equal(row.nextTotal, '671.287', `the good call after absurd input #${i}`);
        assert.equal(row.nextErrors, 0);
      }
      const paths = out.rows.map((r) => r.errors.map((e) => e.path).join(','));
      assert.equal(paths[0], '$');
      assert.equal(paths[11], 'energy[0].quantity');
      assert.match(out.rows[11].errors[0].message, /negative/);
      assert.equal(paths[12], 'water_m3');
      assert.match(out.rows[12].errors[0].message, /too large/);
      assert.equal(paths[13], 'organisation.employees');
      });
    });

    test('EsgKpi.load replaces the page scenario; bad input leaves it as it was', async () => {
      await withPage(target(), async (page) => {
      const bad = await page.evaluate(() => EsgKpi.load({ water_m3: 'lots' }));
      assert.equal(bad.errors[0].path, 'water_m3');
      assert.equal((await kpiTexts(page)).water_m3, '81,345.33', 'a bad load leaves the page as it was');
      const good = await page.evaluate(() => EsgKpi.load({ organisation: { employees: '100' }, water_m3: '250' }));
      assert.deepEqual(good.errors, []);
      await page.waitForFunction(() => document.querySelector('[data-kpi="water_m3"]').textContent === '250.00');
      assert.equal((await kpiTexts(page)).water_m3_per_employee, '2.50');
      assert.equal(await input(page, 'water_m3').inputValue(), '250');
      await page.getByRole('button', { name: 'Reset to the example' }).click();
      await page.getByRole('button', { name: 'Replace my inputs' }).click();
      assert.equal((await kpiTexts(page)).water_m3, '81,345.33');
      });
    });
  });
}

test('the single file starts synchronously while it loads; the hosted page signals when ready', async () => {
  const single = await openPage(env.browser, fileUrl());
  const hosted = await openPage(env.browser, env.server.url);
  try {
    assert.deepEqual(await single.page.evaluate(() => window.__readyStates), ['loading']);
    assert.equal((await hosted.page.evaluate(() => window.__readyStates)).length, 1);
  } finally {
    await single.close();
    await hosted.close();
  }
});

test('the hosted folder works under a sub-path (relative references)', async () => {
  const sub = await serveDist('/tools/esg/');
  try {
    await withPage(sub.url, async (page, record) => {
      assert.equal((await kpiTexts(page)).ghg_total_t, '13,093.57');
      assert.ok(record.requests.every((r) => new URL(r).pathname.startsWith('/tools/esg/')), record.requests.join('\n'));
    });
  } finally {
    await sub.close();
  }
});
