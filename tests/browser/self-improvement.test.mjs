// Panel 17 in headless Chromium, in a reduced run (round 0 and one STaR round of 20 steps, a pool
// of 32): both loops, with and without the verifier, report one point per round, the heatmap has
// a row per round, and the sampled rationales are shown. The lessons at the defaults are asserted
// natively (tests/star.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, series } from './harness.mjs';

const SLUG = 'self-improvement';
const app = useApp();

test('panel 17: rounds with and without the verifier', { timeout: 120_000 }, async () => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&rounds=1&steps=20&pool=32&seed_set=8`);
  await p.waitForStatus('done', { slug: SLUG, timeout: 100_000 });
  const m = await p.metrics(SLUG);
  for (const k of ['accuracy', 'kept', 'accuracy_unfiltered', 'kept_unfiltered']) {
    assert.deepEqual(series(m, k).map((q) => q[0]), [0, 1], k);
  }
  assert.equal(series(m, 'kept')[0][1], 8, 'round 0 trains on the seed set');
  assert.equal(series(m, 'kept_unfiltered')[1][1], 32, 'without the verifier every sample is kept');
  assert.ok(series(m, 'kept')[1][1] <= 32);
  for (const q of series(m, 'accuracy')) assert.ok(q[1] >= 0 && q[1] <= 1, `${q}`);
  // The view follows the jobs a tick later: wait for it to show the last round, then count.
  await p.page.getByText('Rounds finished (with the verifier): 2 of 2').waitFor();
  const heat = p.page.getByRole('table', { name: /per round \(rows\) and number of digits/ });
  assert.equal(await heat.locator('tbody tr').count(), 2);
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});
