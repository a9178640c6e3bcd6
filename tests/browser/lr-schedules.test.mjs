// Panel 04: two schedules train side by side; the no-warmup run spikes, the warmup run does not,
// and both the schedule series and the loss series are readable through window.trainlab.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, series } from './harness.mjs';

const SLUG = 'lr-schedules';
const app = useApp();

test('panel 04: constant vs WSD at a high peak LR', { timeout: 180_000 }, async (t) => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&a=constant&b=wsd&peak=0.1&warmup=50&total=400&seed=1`);
  await p.waitForApp();
  await p.showPanel();
  await p.waitForStatus('done', { slug: SLUG, timeout: 120_000 });
  const m = await p.metrics(SLUG);
  const [lossA, lossB, lrA, lrB] = ['loss_a', 'loss_b', 'lr_a', 'lr_b'].map((n) => series(m, n).map(([, v]) => v));
  assert.equal(lossA.length, 400);
  const max = (v) => Math.max(...v);
  t.diagnostic(`max loss: constant ${max(lossA)}, wsd ${max(lossB)}; final ${lossA.at(-1)} vs ${lossB.at(-1)}`);
  // The schedules as trained: constant stays at the peak; WSD warms up from peak/50 and decays at the end.
  assert.ok(lrA.every((v) => Math.abs(v - 0.1) < 1e-6), 'constant schedule is not flat at 0.1');
  assert.ok(Math.abs(lrB[0] - 0.1 / 50) < 1e-6, `WSD starts at ${lrB[0]}, want 0.002`);
  assert.ok(Math.abs(lrB[200] - 0.1) < 1e-6 && lrB.at(-1) < 0.01, 'WSD is not stable then decayed');
  // The phenomenon: without warmup the loss spikes above its start; with warmup it does not.
  assert.ok(max(lossA) > lossA[0] * 1.3, `no early spike without warmup: max ${max(lossA)}, start ${lossA[0]}`);
  assert.ok(max(lossB) < max(lossA), 'warmup did not keep the loss below the no-warmup spike');
  assert.ok(lossB.at(-1) < lossA.at(-1), 'WSD did not end below constant');
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
