// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core, the built
// dist/ served on 127.0.0.1, and a recorder of console errors and requests for every page.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '../../scripts/static-server.mjs';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const DIST = resolve(ROOT, 'dist');
export const SINGLE_FILE = resolve(DIST, 'esg-kpi-calculator.html');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for Chromium as root in a sandbox with no network (../shared/research/toolchain.md). */
const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export async function launch() {
  for (const f of [resolve(DIST, 'index.html'), SINGLE_FILE]) {
    if (!existsSync(f)) throw new Error(`${f} is missing: run scripts/build.sh first`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

/** Starts a server for dist/ under `prefix`; returns { url, close }. */
export async function serveDist(prefix = '/') {
  const server = await serve(DIST, 0, { prefix });
  const url = `http://127.0.0.1:${server.address().port}${prefix}`;
  return { url, close: () => new Promise((ok) => server.close(ok)) };
}

export const fileUrl = () => pathToFileURL(SINGLE_FILE).href;

/**
 * For a test file: Chromium and a server for dist/ (at the root), started before its tests
 * and stopped after them. The returned object's `browser` and `server` are live from then on.
 */
export function setUp() {
  const env = { browser: null, server: null };
  before(async () => {
    env.browser = await launch();
    env.server = await serveDist('/');
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * Opens `url` in a fresh context and records what the page does: console errors, uncaught
 * exceptions, every request, and when `esg-kpi-ready` fired (document.readyState then).
 */
export async function openPage(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const record = { consoleErrors: [], pageErrors: [], requests: [], failed: [] };
  page.on('console', (m) => { if (m.type() === 'error') record.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => record.pageErrors.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith('data:')) record.requests.push(r.url()); });
  page.on('response', (r) => { if (r.status() >= 400) record.failed.push(`${r.status()} ${r.url()}`); });
  page.on('requestfailed', (r) => record.failed.push(`failed ${r.url()}`));
  await page.addInitScript(() => {
    window.__readyStates = [];
    window.addEventListener('esg-kpi-ready', () => window.__readyStates.push(document.readyState));
  });
  await page.goto(url);
  await page.waitForFunction(() => window.EsgKpi && document.querySelector('[data-kpi="ghg_total_t"]') && !document.querySelector('.esg-app[data-lang-loading]'));
  return { page, record, close: () => context.close() };
}

/**
 * Chooses a language in the page's switch and waits until the page shows it: a Chinese
 * script's text is a file of its own, fetched the first time that script is chosen.
 */
export async function chooseLanguage(page, tag) {
  await page.locator('#language').selectOption(tag);
  await page.waitForFunction((t) => {
    const apps = [...document.querySelectorAll('.esg-app')];
    return apps.length > 0 && apps.every((a) => a.lang === t && !a.hasAttribute('data-lang-loading'));
  }, tag);
}

/** The text of every `data-kpi` element, by KPI id. */
export function kpiTexts(page) {
  return page.$$eval('[data-kpi]', (els) => Object.fromEntries(els.map((e) => [e.dataset.kpi, e.textContent.trim()])));
}

export const input = (page, path) => page.locator(`[data-input="${path}"]`);
export const errorFor = (page, path) => page.locator(`[data-error-for="${path}"]`);

/** The report's environmental KPI table, as printed (the 2018 ESG report). */
export const REPORT_2018 = {
  ghg_total_t: '13,093.57',
  ghg_scope1_t: '271.69',
  ghg_scope2_t: '12,821.88',
  ghg_intensity_t_per_m2: '0.09',
  hazardous_waste_t: '1.16',
  hazardous_waste_t_per_employee: '0.000097',
  non_hazardous_waste_t: '1,027.17',
  non_hazardous_waste_t_per_employee: '0.09',
  energy_total_mwh: '18,856.92',
  energy_direct_mwh: '1,389.45',
  energy_indirect_mwh: '17,467.47',
  energy_mwh_per_employee: '1.32',
  water_m3: '81,345.33',
  water_m3_per_employee: '6.77',
  packaging_t: '65,281.37',
  packaging_t_per_rmb_million: '0.37',
};

/** Opens the "Calculation lines" panel (its lines are written only while it is open). */
export async function openTrace(page) {
  const trace = page.locator('details.trace');
  // A click can land where the summary was: the sections above it (`content-visibility: auto`)
  // take their real height as the page scrolls to it. So until it is open, click again.
  for (let i = 0; i < 3 && !(await trace.evaluate((d) => d.open)); i += 1) {
    await trace.locator('summary').click();
    await page.waitForFunction(() => document.querySelector('details.trace')?.open, null, { timeout: 2000 }).catch(() => {});
  }
  await trace.locator('[data-trace]').first().waitFor();
}
