// Panel 03: the optimiser race, Adam's internals, one racer diverging alone, the draggable start,
// and Adam + L2 against AdamW, read through window.trainlab.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, series } from './harness.mjs';

const SLUG = 'adam-adamw';
const OPTIMIZERS = ['sgd', 'momentum', 'rmsprop', 'adam', 'adamw'];
const app = useApp();

test('panel 03: the race on the narrow valley, Adam internals, and decoupled decay', { timeout: 240_000 }, async (t) => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&surface=quadratic&steps=200&wd=0.01`);
  await p.waitForApp();
  await p.showPanel();
  await p.waitForStatus('done', { slug: SLUG, timeout: 200_000 });
  const m = await p.metrics(SLUG);
  const last = (n) => series(m, n).at(-1)[1];
  for (const o of OPTIMIZERS) {
    assert.equal(series(m, `loss_${o}`).length, 200, `loss_${o}`);
    assert.ok(last(`loss_${o}`) < series(m, `loss_${o}`)[0][1], `${o} did not descend`);
  }
  t.diagnostic(`final: ${OPTIMIZERS.map((o) => `${o} ${last(`loss_${o}`).toExponential(2)}`).join(', ')}`);
  assert.ok(last('loss_momentum') < last('loss_sgd'), 'momentum did not beat SGD in the valley');
  // Adam's first step is exactly η (bias-corrected); uncorrected it would be ≈ 3.16 η.
  assert.ok(Math.abs(series(m, 'adam_step')[0][1] - 1) < 1e-3, `first Adam step ${series(m, 'adam_step')[0][1]} η`);
  assert.ok(Math.abs(series(m, 'adam_step_raw')[0][1] - 3.162) < 0.01);
  const [l2, w] = ['weight_norm_adam_l2', 'weight_norm_adamw'].map((n) => series(m, n));
  assert.equal(l2.length, 1500);
  t.diagnostic(`weight norms after 1500 steps at λ=0.01: Adam+L2 ${l2.at(-1)[1]}, AdamW ${w.at(-1)[1]}`);
  assert.ok(Math.abs(l2.at(-1)[1] - w.at(-1)[1]) > 0.2 * Math.min(l2.at(-1)[1], w.at(-1)[1]), 'norms did not part');
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});

test('panel 03: a racer that diverges is frozen and flagged; the rest finish', { timeout: 180_000 }, async () => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&surface=rosenbrock&lr=0.01&steps=150&hide=decay`);
  await p.waitForApp();
  await p.showPanel();
  await p.page.getByRole('alert').filter({ hasText: /^SGD diverged/ }).waitFor({ timeout: 60_000 });
  await p.page.waitForFunction((s) => window.trainlab.steps(s) >= 150 || window.trainlab.status(s) === 'diverged', SLUG, { timeout: 120_000 });
  const m = await p.metrics(SLUG);
  assert.equal(series(m, 'alive_sgd').at(-1)[1], 0);
  assert.equal(series(m, 'alive_adam').at(-1)[1], 1);
  assert.equal(series(m, 'loss_adam').length, 150);
  assert.notEqual(await p.status(SLUG), 'diverged');
  p.assertNoPageErrors();
});

test('panel 03: pressing on the surface moves the start and restarts the race', { timeout: 120_000 }, async () => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&autoplay=0&surface=bumpy`);
  await p.waitForApp();
  await p.showPanel();
  const canvas = p.page.locator('canvas.heatmap-canvas');
  const box = await canvas.boundingBox();
  // Upper-left quadrant of [-4, 4]²: x < 0, y > 0.
  await p.page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.25);
  await p.page.waitForFunction(() => Number(new URL(location.href).searchParams.get('x0')) < -1);
  const q = new URL(p.page.url()).searchParams;
  assert.ok(Number(q.get('y0')) > 1, `y0 = ${q.get('y0')}`);
  await p.button('Step').click();
  await p.page.waitForFunction((s) => window.trainlab.steps(s) >= 1, SLUG, { timeout: 20_000 });
  const m = await p.metrics(SLUG);
  assert.ok(Math.abs(series(m, 'x_sgd')[0][1] - Number(q.get('x0'))) < 0.5, 'the race did not start from the new point');
  // From the keyboard: focused, → moves the start right by a tenth of the extent.
  const x0 = Number(q.get('x0'));
  await canvas.focus();
  await p.page.keyboard.press('ArrowRight');
  await p.page.waitForFunction((x) => Number(new URL(location.href).searchParams.get('x0')) > x + 0.2, x0);
  p.assertNoPageErrors();
});
