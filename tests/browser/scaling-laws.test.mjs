// Panel 12 in headless Chromium, in a reduced grid (three sizes, two budgets): the runs are dealt
// to lanes that the pool spreads over its workers, every run reports its result at x = N, the page
// fits the law to them, and the fit and the calculator are on the page in words and numbers. The
// lessons at the defaults are asserted natively (tests/scaling_laws.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, series } from './harness.mjs';

const SLUG = 'scaling-laws';
const app = useApp();

test('panel 12: a reduced sweep, its results, the fit and the calculator', { timeout: 120_000 }, async () => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&sizes=3&budgets=2&flops=7.6&workers=2`);
  await p.waitForStatus('done', { slug: SLUG, timeout: 100_000 });
  const m = await p.metrics(SLUG);
  // Six runs, one point each at its parameter count: 767, 1,183 and 2,015 (tested natively).
  const finals = series(m, 'final_loss');
  assert.equal(finals.length, 6);
  assert.deepEqual([...new Set(finals.map((q) => q[0]))], [767, 1183, 2015]);
  assert.ok(finals.every((q) => q[1] > 0.5 && q[1] < Math.log(39) + 0.5), JSON.stringify(finals));
  // The fit, made on the page once six runs are in.
  for (const k of ['fit_alpha', 'fit_beta', 'fit_e']) {
    const s = series(m, k);
    assert.equal(s.at(-1)[0], 6, k);
    assert.ok(Number.isFinite(s.at(-1)[1]), k);
  }
  // The lanes ran as separate jobs, on both workers.
  const engine = await p.page.evaluate(() => window.trainlab.engine());
  const lanes = engine.jobs.filter((j) => j.panel === SLUG);
  assert.ok(lanes.length >= 2, JSON.stringify(engine.jobs));
  assert.equal(new Set(lanes.map((j) => j.worker)).size, 2, JSON.stringify(lanes));
  await p.page.getByText('Runs finished: 6 of 6').waitFor();
  const alpha = await p.page.locator('td[data-fit="α"]').textContent();
  assert.match(alpha, /^-?\d+\.\d\d ± \d+\.\d\d$/);
  const calc = p.page.locator('tr[data-fit-row="Chinchilla"] td');
  // Chinchilla's law at the default 10^23 FLOPs: N_opt ≈ 14.6B (G·(C/6)^0.4516 with G ≈ 1.345).
  assert.match(await calc.first().textContent(), /^\d+\.\dB$/);
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});
