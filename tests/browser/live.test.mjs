// The KPIs follow every keystroke in a large scenario: an edit of a line or of a figure is
// computed by difference (crates/engine/src/live.rs), at once, and what the page shows is what
// a full calculation of the same scenario gives (EsgKpi.calculate).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, kpiTexts, openPage, input, errorFor } from './harness.mjs';

const env = setUp();

/** 6,000 lines: 50 sites × 12 months × electricity, natural gas and diesel, and a few more. */
function scenario() {
  const energy = [];
  const grids = ['guangdong', 'beijing', 'shanghai', 'zhejiang'];
  for (let s = 1; energy.length < 6000; s += 1) {
    const site = `Store ${String(s).padStart(3, '0')}`;
    for (let m = 1; m <= 12 && energy.length < 6000; m += 1) {
      const period = `2024-${String(m).padStart(2, '0')}`;
      energy.push({ site, period, source: 'electricity', quantity: String(8000 + ((s * 37 + m * 11) % 4000)), unit: 'kWh', grid: grids[s % 4] });
      energy.push({ site, period, source: 'natural_gas', quantity: `${100 + ((s + m) % 50)}.5`, unit: 'm3' });
      energy.push({ site, period, source: 'diesel', quantity: String(20 + (m % 7)), unit: 'L', density_kg_per_l: '0.84' });
    }
  }
  return {
    schema: 'esg-kpi-scenario/1',
    period: '2024',
    organisation: { floor_area_m2: '12500', employees: '600', revenue_rmb_million: '1500' },
    energy,
    water_m3: '35000',
    waste: { hazardous_t: '1.16', non_hazardous_t: '100' },
    packaging_t: '4500',
  };
}

/** An exact decimal as the page shows it: 2 places (half away from zero), thousands grouped. */
function display(exact) {
  const negative = exact.startsWith('-');
  const [int, frac = ''] = exact.replace('-', '').split('.');
  const digits = frac.padEnd(3, '0');
  const cents = (BigInt(int + digits.slice(0, 2)) + (Number(digits[2]) >= 5 ? 1n : 0n)).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${BigInt(cents.slice(0, -2)).toLocaleString('en-US')}.${cents.slice(-2)}`;
}

/** What `shown()` reads once it equals `w`, or after 5 s what it reads then. */
async function settledTo(page, shown, w) {
  let got;
  for (const end = Date.now() + 5000; Date.now() < end; await page.waitForTimeout(10)) {
    got = await shown();
    if (JSON.stringify(got) === JSON.stringify(w)) break;
  }
  return got;
}

/** What EsgKpi.calculate shows for `s`, as the KPI table writes it (`display`, or the dash). */
const expected = (page, s) => page.evaluate((s) => {
  const r = window.EsgKpi.calculate(s);
  return { kpis: Object.fromEntries(Object.entries(r.kpis).map(([id, k]) => [id, k.display ?? null])), sites: r.details.breakdowns.by_site };
}, s);

test('in a 6,000-line scenario, each keystroke in a line or a figure updates the KPIs at once, to what a full calculation gives', async () => {
  const { page, record, close } = await openPage(env.browser, env.server.url);
  const s = scenario();
  await page.evaluate((s) => window.EsgKpi.load(s), s);
  await page.getByTestId('energy-pager').waitFor();
  // Count every appearance of the "Recalculating" note: there is none any more.
  await page.evaluate(() => {
    window.__pending = 0;
    new MutationObserver(() => { if (document.querySelector('[data-testid="recalculating"]')) window.__pending += 1; })
      .observe(document.body, { childList: true, subtree: true });
  });
  const shown = async () => {
    const t = await kpiTexts(page);
    return { total: t.ghg_total_t, scope1: t.ghg_scope1_t, scope2: t.ghg_scope2_t, energy: t.energy_total_mwh, perEmployee: t.ghg_t_per_employee };
  };
  // The KPI table once the key has been handled (the render follows the keystroke's task;
  // there is no timer to wait for: `__pending` below proves none was set).
  const settled = (w) => settledTo(page, shown, w);
  const want = (e) => ({ total: e.kpis.ghg_total_t, scope1: e.kpis.ghg_scope1_t, scope2: e.kpis.ghg_scope2_t, energy: e.kpis.energy_total_mwh, perEmployee: e.kpis.ghg_t_per_employee });
  const before = await shown();
  assert.deepEqual(before, want(await expected(page, s)), 'as loaded');

  // An electricity line: typed key by key, the table follows each key without a pause.
  const field = input(page, 'energy[0].quantity');
  await field.fill('');
  for (const key of '250000') {
    await field.press(key);
    const typed = await field.inputValue();
    s.energy[0].quantity = typed;
    const w = want(await expected(page, s));
    assert.deepEqual(await settled(w), w, `after typing “${typed}”`);
  }
  assert.notEqual((await shown()).total, before.total);
  // The site's line in the breakdown by site follows too.
  const exp = await expected(page, s);
  const site = exp.sites.find((g) => g.key === 'Store 001');
  await page.getByTestId('breakdowns').locator('summary').click();
  const row = page.locator('[data-breakdown="site"] tbody tr', { hasText: 'Store 001' }).first();
  assert.ok((await row.textContent()).includes(display(site.ghg_t)), `${await row.textContent()} shows ${display(site.ghg_t)}`);

  // A line that cannot be read: its message beside it, the last good KPIs stay.
  const good = await shown();
  await field.fill('25O000');
  await errorFor(page, 'energy[0].quantity').waitFor();
  assert.deepEqual(await shown(), good, 'the last good results stay visible');
  assert.equal(await field.inputValue(), '25O000', 'what was typed is kept');
  await field.fill('260000');
  s.energy[0].quantity = '260000';
  let w = want(await expected(page, s));
  assert.deepEqual(await settled(w), w);
  assert.equal(await errorFor(page, 'energy[0].quantity').count(), 0);

  // A line's source changes (it moves from Scope 2 to Scope 1): its grid no longer applies,
  // and says so beside it, where it can be cleared; the last good KPIs stay meanwhile.
  const lastGood = await shown();
  await input(page, 'energy[0].source').selectOption('natural_gas');
  s.energy[0].source = 'natural_gas';
  await errorFor(page, 'energy[0].grid').waitFor();
  assert.match(await errorFor(page, 'energy[0].grid').textContent(), /applies to electricity only/);
  assert.deepEqual(await shown(), lastGood);
  await input(page, 'energy[0].grid').selectOption('');
  s.energy[0].grid = '';
  await input(page, 'energy[0].unit').selectOption('m3');
  s.energy[0].unit = 'm3';
  w = want(await expected(page, s));
  assert.deepEqual(await settled(w), w);

  // A denominator: the per-employee KPIs follow.
  await input(page, 'organisation.employees').fill('750');
  s.organisation.employees = '750';
  w = want(await expected(page, s));
  assert.deepEqual(await settled(w), w);
  assert.equal(await page.evaluate(() => window.__pending), 0, 'the "Recalculating" note never appeared');
  assert.deepEqual(record.pageErrors, []);
  await close();
});

test('in a 6,000-line scenario, lines removed, duplicated and added update the KPIs, the errors and the calculation lines to what a full calculation gives', async () => {
  const { page, record, close } = await openPage(env.browser, env.server.url);
  const s = scenario();
  await page.evaluate((s) => window.EsgKpi.load(s), s);
  await page.getByTestId('energy-pager').waitFor();
  await input(page, 'energy[4].quantity').fill('abc');
  s.energy[4].quantity = 'abc';
  await errorFor(page, 'energy[4].quantity').waitFor();
  const shown = async () => {
    const t = await kpiTexts(page);
    return { total: t.ghg_total_t, scope1: t.ghg_scope1_t, energy: t.energy_total_mwh };
  };
  const want = async () => {
    const e = await expected(page, s);
    return { total: e.kpis.ghg_total_t, scope1: e.kpis.ghg_scope1_t, energy: e.kpis.energy_total_mwh };
  };
  const settled = (w) => settledTo(page, shown, w);
  // The invalid line keeps the KPIs at their last good values; fix it after the moves.
  const lastGood = await shown();

  // Line 2 removed: the invalid line moves up to line 4, its message with it.
  await page.getByRole('button', { name: 'Remove energy line 2', exact: true }).click();
  s.energy.splice(1, 1);
  await errorFor(page, 'energy[3].quantity').waitFor();
  assert.equal(await errorFor(page, 'energy[4].quantity').count(), 0, 'no message left at the old place');
  assert.equal(await input(page, 'energy[3].quantity').inputValue(), 'abc');
  assert.deepEqual(await shown(), lastGood, 'the last good results stay while a line is invalid');

  // Line 1 duplicated (a new line 2): the invalid line is line 5 again.
  await page.getByRole('button', { name: 'Duplicate energy line 1', exact: true }).click();
  s.energy.splice(1, 0, { ...s.energy[0] });
  await errorFor(page, 'energy[4].quantity').waitFor();

  // Fixed: the KPIs are those of a full calculation of the scenario as it now is.
  await input(page, 'energy[4].quantity').fill('30');
  s.energy[4].quantity = '30';
  let w = await want();
  assert.deepEqual(await settled(w), w, 'after a removal, a duplicate and a fix');
  assert.notDeepEqual(w, lastGood);

  // A line added at the first site (electricity, on the site's grid, whichever line closes
  // the site's run), typed in: the KPIs follow.
  await page.getByRole('button', { name: '+ Add a line at Store 001', exact: true }).click();
  const added = s.energy.filter((l) => l.site === 'Store 001').length;
  s.energy.splice(added, 0, { site: 'Store 001', source: 'electricity', quantity: '', unit: 'kWh', grid: 'beijing' });
  await input(page, `energy[${added}].quantity`).fill('123456');
  s.energy[added].quantity = '123456';
  w = await want();
  assert.deepEqual(await settled(w), w, 'after a line added and typed in');

  // The calculation lines the page keeps are renumbered with the lines: the first ones read
  // as a full calculation writes them.
  await page.locator('details.trace summary').click();
  const lines = await page.locator('details.trace li[data-trace]').evaluateAll((ls) => ls.slice(0, 8).map((l) => [l.dataset.trace, l.querySelector('p').textContent]));
  const full = await page.evaluate((s) => window.EsgKpi.calculate(s).trace.slice(0, 8).map((t) => [t.path, t.text]), s);
  assert.equal(lines.length, 8);
  assert.deepEqual(lines, full);
  assert.deepEqual(record.pageErrors, []);
  await close();
});

test('a line keeps its editor: lines removed or added above it, a setting changed, its editor moves with it and keeps what was typed', async () => {
  const { page, record, close } = await openPage(env.browser, env.server.url);
  const s = scenario();
  s.energy = s.energy.slice(0, 12);
  await page.evaluate((s) => window.EsgKpi.load(s), s);
  await input(page, 'energy[4].quantity').waitFor();
  // Each line's quantity field marked with the line's quantity: what its element was made for.
  const mark = () => page.locator('[data-input$="].quantity"]').evaluateAll((els) => els.forEach((el) => { el.__line = el.value; }));
  const marks = () => page.locator('[data-input$="].quantity"]').evaluateAll((els) => els.map((el) => [el.value, el.__line ?? null]));
  const own = (got) => got.every(([value, line]) => value === line);
  await mark();
  const first = await marks();
  assert.equal(first.length, 12);

  // Line 2 removed: the eleven others keep their elements, each now one place up.
  await page.getByRole('button', { name: 'Remove energy line 2', exact: true }).click();
  s.energy.splice(1, 1);
  await page.waitForFunction(() => document.querySelectorAll('[data-input$="].quantity"]').length === 11);
  let got = await marks();
  assert.deepEqual(got.map(([v]) => v), s.energy.map((l) => l.quantity));
  assert.ok(own(got), `every field is the one made for its line: ${JSON.stringify(got)}`);
  assert.equal(await input(page, 'energy[3].quantity').inputValue(), s.energy[3].quantity);

  // A line duplicated above: a new element for the copy, the others kept.
  await page.getByRole('button', { name: 'Duplicate energy line 1', exact: true }).click();
  s.energy.splice(1, 0, { ...s.energy[0] });
  await page.waitForFunction(() => document.querySelectorAll('[data-input$="].quantity"]').length === 12);
  got = await marks();
  assert.deepEqual(got.map(([v]) => v), s.energy.map((l) => l.quantity));
  assert.equal(got[1][1], null, 'the copy has an element of its own');
  assert.ok(own([got[0], ...got.slice(2)]), JSON.stringify(got));

  // A setting every line depends on (the whole scenario read again): still the same elements.
  await input(page, 'gwp').selectOption('AR6');
  await page.waitForTimeout(100);
  got = await marks();
  assert.ok(own([got[0], ...got.slice(2)]), JSON.stringify(got));

  // Something typed in a line below a removed one stays in that line.
  await input(page, 'energy[6].quantity').fill('4321');
  s.energy[6].quantity = '4321';
  await page.getByRole('button', { name: 'Remove energy line 3', exact: true }).click();
  s.energy.splice(2, 1);
  await page.waitForFunction(() => document.querySelectorAll('[data-input$="].quantity"]').length === 11);
  assert.equal(await input(page, 'energy[5].quantity').inputValue(), '4321');
  got = await marks();
  assert.deepEqual(got.map(([v]) => v), s.energy.map((l) => l.quantity));
  assert.deepEqual(record.pageErrors, []);
  await close();
});
