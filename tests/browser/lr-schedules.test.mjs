// Panel 04: two schedules train side by side; at the defaults the no-warm-up run spikes, the warm-up run does not,
// and both the schedule series and the loss series are readable through window.trainlab.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, series } from './harness.mjs';

const SLUG = 'lr-schedules';
const app = useApp();

test('panel 04 at its defaults: the run without warm-up spikes, the warmed-up one ends lower', { timeout: 180_000 }, async (t) => {
  // The defaults a reader gets (1,000 steps: a few seconds), so the browser's floats are held to
  // the lesson the native test asserts (tests/lr_schedules.rs), with the same margins.
  const p = await app.open(`/concepts/${SLUG}?backend=cpu`);
  await p.waitForApp();
  await p.showPanel();
  await p.waitForStatus('done', { slug: SLUG, timeout: 120_000 });
  const m = await p.metrics(SLUG);
  const [lossA, lossB, lrA, lrB] = ['loss_a', 'loss_b', 'lr_a', 'lr_b'].map((n) => series(m, n).map(([, v]) => v));
  assert.equal(lossA.length, 1000);
  const max = (v) => Math.max(...v);
  t.diagnostic(`max loss: constant ${max(lossA)}, warm-up + cosine ${max(lossB)}; final ${lossA.at(-1)} vs ${lossB.at(-1)}`);
  // The schedules as trained: constant stays at the peak; B warms up from peak/100 to the peak at
  // step 100, then decays along the cosine.
  assert.ok(lrA.every((v) => Math.abs(v - 0.1) < 1e-6), 'constant schedule is not flat at 0.1');
  assert.ok(Math.abs(lrB[0] - 0.1 / 100) < 1e-6, `warm-up starts at ${lrB[0]}, want 0.001`);
  assert.ok(Math.abs(lrB[99] - 0.1) < 1e-6 && lrB.at(-1) < 0.01, 'B does not reach the peak, then decay');
  // The phenomenon, as natively: the spike, then the end.
  // What the Watch sentence says: B, warming up, never rises above its start.
  assert.ok(max(lossB) <= lossB[0], `run B rose to ${max(lossB)} from ${lossB[0]}`);
  assert.ok(max(lossA) >= 1.5 * max(lossB), `no-warm-up peak ${max(lossA)} vs warmed-up peak ${max(lossB)}`);
  assert.ok(lossA.at(-1) >= 1.5 * lossB.at(-1), `constant ends at ${lossA.at(-1)}, warm-up + cosine at ${lossB.at(-1)}`);
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});

test('panel 04: changing a schedule redraws it at once and restarts the runs', { timeout: 180_000 }, async () => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&autoplay=0`);
  await p.waitForApp();
  await p.showPanel();
  await p.page.getByLabel('Run A schedule').selectOption('cosine');
  await p.page.waitForFunction(() => new URL(location.href).searchParams.get('a') === 'cosine', null, { timeout: 10_000 });
  assert.equal(await p.status(SLUG), 'idle');
  await p.button('Step').click();
  await p.page.waitForFunction((s) => window.trainlab.steps(s) === 1, SLUG, { timeout: 10_000 });
  const lr = series(await p.metrics(SLUG), 'lr_a');
  assert.ok(Math.abs(lr[0][1] - 0.1) < 1e-6, `cosine starts at the peak, got ${lr[0][1]}`);
  p.assertNoPageErrors();
});
