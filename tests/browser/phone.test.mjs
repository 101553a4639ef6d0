// The calculator on a phone, in each language: nothing scrolls sideways, the KPIs are one tap
// from the top, every column of the KPI table is readable as a card, a field can be edited,
// a group of inputs folds (and says what is wrong inside it), charts keep readable labels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { setUp, input, kpiTexts, ROOT } from './harness.mjs';
import { join } from 'node:path';

const env = setUp();
const SHOTS = join(ROOT, 'test-results', 'phone');
mkdirSync(SHOTS, { recursive: true });
const LOCALES = { en: 'en-GB', 'zh-Hant': 'zh-HK', 'zh-Hans': 'zh-CN' };

for (const [lang, locale] of Object.entries(LOCALES)) {
  for (const width of [360, 390]) {
    test(`${lang} at ${width} px: KPIs one tap away, cards with every column, editable, foldable`, async () => {
      const context = await env.browser.newContext({ viewport: { width, height: 740 }, locale, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(env.server.url);
      await page.waitForFunction(() => window.EsgKpi && document.querySelector('[data-kpi="ghg_total_t"]') && !document.querySelector('.esg-app[data-lang-loading]'));
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(await sideways(), 0, 'no page-level sideways scroll');
      await page.screenshot({ path: join(SHOTS, `${lang}-${width}-top.png`) });

      // One tap from the top: the bar's second button brings the KPI table into view.
      const total = page.locator('[data-kpi="ghg_total_t"]');
      const inView = async (loc) => {
        const box = await loc.boundingBox();
        return box && box.y >= 0 && box.y + box.height <= 740 && box.x >= 0 && box.x + box.width <= width;
      };
      assert.equal(await inView(total), false, 'the KPIs start below the first screen');
      const bar = page.locator('nav.jump');
      assert.ok(await inView(bar.getByRole('button').nth(1)), 'the bar is on the first screen');
      await bar.getByRole('button').nth(1).tap();
      // The KPI table's heading and its first KPI, below the bar (which stays at the top).
      await page.waitForFunction(() => {
        const bar = document.querySelector('nav.jump').getBoundingClientRect();
        return ['#kpi-title', '[data-kpi]'].every((sel) => {
          const r = document.querySelector(sel).getBoundingClientRect();
          return r.top >= bar.bottom - 1 && r.bottom <= innerHeight;
        });
      });
      // And they stay there: nothing above them takes its height later and pushes them away.
      const titleTop = () => page.evaluate(() => Math.round(document.querySelector('#kpi-title').getBoundingClientRect().top));
      const landed = await titleTop();
      await page.waitForTimeout(600);
      assert.equal(await titleTop(), landed, 'the KPI heading stays where the jump put it');
      await page.screenshot({ path: join(SHOTS, `${lang}-${width}-kpis.png`) });

      // Every cell of every KPI card inside the screen, nothing cut: the value, the unit, the
      // published figure (named by its column) and how it is obtained.
      const cut = await page.locator('table.kpis tbody tr:not(.group-row) > *').evaluateAll((cells, w) => cells
        .filter((c) => c.getClientRects().length > 0)
        .filter((c) => { const r = c.getBoundingClientRect(); return r.left < 0 || r.right > w + 0.5 || c.scrollWidth > c.clientWidth + 1; })
        .map((c) => `${c.className}: ${c.textContent.slice(0, 40)}`), width);
      assert.deepEqual(cut, [], 'KPI cells cut or off-screen');
      const published = page.locator('table.kpis td.published').nth(1);
      const label = await published.evaluate((td) => getComputedStyle(td, '::before').content);
      assert.ok(label.length > 4 && label !== 'none', `the published cell names its column: ${label}`);
      assert.match(label, lang === 'en' ? /: "?$/ : /："?$/, `the column's name ends in its language's colon: ${label}`);
      const unit = page.locator('table.kpis td.unit').nth(1);
      assert.ok(await inView(unit) || (await unit.boundingBox()).x + (await unit.boundingBox()).width <= width);

      // Editable: a field typed into changes the KPIs.
      const before = (await kpiTexts(page)).water_m3_per_employee;
      await input(page, 'organisation.employees').fill('1000');
      await page.waitForFunction((b) => document.querySelector('[data-kpi="water_m3_per_employee"]').textContent !== b, before);
      assert.equal(await sideways(), 0);

      // A group folds under its legend; folded, it says how many of its fields need fixing.
      const energy = page.locator('fieldset.group').filter({ has: page.locator('[data-input="energy[0].quantity"]') });
      await input(page, 'energy[0].quantity').fill('12..5');
      await page.locator('[data-error-for="energy[0].quantity"]').waitFor();
      const toggle = energy.locator('legend .group-toggle');
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      await toggle.tap();
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      assert.equal(await input(page, 'energy[0].quantity').isVisible(), false, 'folded');
      assert.equal(await energy.locator('[data-group-problems]').getAttribute('data-group-problems'), '1');
      await toggle.tap();
      assert.equal(await input(page, 'energy[0].quantity').inputValue(), '12..5', 'nothing typed is lost by folding');
      assert.equal(await energy.locator('[data-group-problems]').count(), 0);

      // Charts: labels and values at 11 px or more, inside the screen.
      await bar.getByRole('button').nth(2).tap();
      const texts = await page.locator('[data-chart] .bar-label, [data-chart] .bar-value').evaluateAll((els, w) => els.map((e) => {
        const r = e.getBoundingClientRect();
        return { px: parseFloat(getComputedStyle(e).fontSize), inside: r.left >= 0 && r.right <= w + 0.5 };
      }), width);
      assert.ok(texts.length >= 8);
      assert.ok(texts.every((t) => t.px >= 11 && t.inside), JSON.stringify(texts));
      await page.screenshot({ path: join(SHOTS, `${lang}-${width}-charts.png`) });
      assert.equal(await sideways(), 0);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}

test('at 768 px (a tablet) the page is one column with the bar, and nothing scrolls sideways', async () => {
  for (const [lang, locale] of Object.entries(LOCALES)) {
    const context = await env.browser.newContext({ viewport: { width: 768, height: 1000 }, locale });
    const page = await context.newPage();
    await page.goto(env.server.url);
    await page.waitForFunction(() => window.EsgKpi && document.querySelector('[data-kpi="ghg_total_t"]') && !document.querySelector('.esg-app[data-lang-loading]'));
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0, lang);
    assert.ok(await page.locator('nav.jump').isVisible());
    // At this width the KPI table is a table again, inside its own scroller if at all.
    assert.equal(await page.locator('table.kpis thead').evaluate((t) => getComputedStyle(t).position), 'static');
    await page.screenshot({ path: join(SHOTS, `${lang}-768.png`) });
    await context.close();
  }
  // On a desktop the bar is not needed: the KPIs sit beside the inputs.
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(env.server.url);
  await page.waitForFunction(() => window.EsgKpi && document.querySelector('[data-kpi="ghg_total_t"]') && !document.querySelector('.esg-app[data-lang-loading]'));
  assert.equal(await page.locator('nav.jump').isVisible(), false);
  await context.close();
});
