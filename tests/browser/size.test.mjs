// The size budget (issue 7): what a first visit to the hosted page transfers — every file the
// browser asks for, gzipped as a server would send it — must not grow past the limit below.
// A size, not a time, so it is stable. `node scripts/sizes.mjs` prints the same figures per file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { setUp } from './harness.mjs';
import { BUDGET } from '../../scripts/sizes.mjs';

const env = setUp();

test(`a first visit to the hosted page transfers at most ${BUDGET.limitKb} KB gzip (target ${BUDGET.targetKb} KB)`, async () => {
  const bodies = new Map();
  const errors = [];
  const context = await env.browser.newContext();
  const fresh = await context.newPage();
  fresh.on('pageerror', (e) => errors.push(String(e)));
  fresh.on('response', async (r) => {
    if (r.url().startsWith('data:')) return;
    try { bodies.set(r.url(), await r.body()); } catch { /* a redirect has no body */ }
  });
  await fresh.goto(env.server.url);
  await fresh.locator('[data-kpi="ghg_total_t"]', { hasText: '13,093.57' }).waitFor();
  await fresh.waitForLoadState('networkidle');
  let raw = 0, gz = 0;
  const files = [];
  for (const [url, body] of bodies) {
    assert.ok(url.startsWith(env.server.url), `only its own files: ${url}`);
    const z = gzipSync(body, { level: 9 }).length;
    raw += body.length; gz += z;
    files.push(`${new URL(url).pathname} ${body.length} B raw, ${z} B gzip`);
  }
  console.log(`first visit: ${files.length} files, ${(raw / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzip\n  ${files.join('\n  ')}`);
  assert.ok(files.some((f) => f.includes('.wasm')), 'the wasm module is counted');
  assert.ok(gz <= BUDGET.limitKb * 1024, `${(gz / 1024).toFixed(1)} KB gzip is over the limit of ${BUDGET.limitKb} KB`);
  assert.deepEqual(errors, []);
  await context.close();
});
