// Panel 14 in headless Chromium on the CPU backend, in a reduced configuration (p = 23, a short
// budget): both runs train and fill the charts, the readouts and the spectrum, and a bad URL leaves
// the page working with a note. Grokking itself, at the defaults a reader gets, is asserted by the
// native test (tests/grokking.rs), where the default run takes seconds instead of a minute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, series } from './harness.mjs';

const SLUG = 'grokking';
const app = useApp();

const STEPS = 300;

test('panel 14: a short run trains both models and fills charts, readouts and the spectrum', { timeout: 180_000 }, async (t) => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&p=23&hidden=32&steps=${STEPS}`);
  await p.waitForApp();
  await p.showPanel();
  await p.waitForStatus('done', { slug: SLUG, timeout: 120_000, stopOn: ['diverged'] });
  assert.equal(await p.steps(SLUG), STEPS);
  const m = await p.metrics(SLUG);
  for (const name of ['train_acc', 'val_acc', 'train_loss', 'val_loss', 'weight_norm']) {
    for (const prefix of ['', 'nodecay_']) {
      const s = series(m, prefix + name);
      assert.ok(s.length > 1, `${prefix + name} has ${s.length} points`);
      assert.ok(s.every(([, v]) => Number.isFinite(v)), `${prefix + name} has a non-finite value`);
      if (name.endsWith('_acc')) assert.ok(s.every(([, v]) => v >= 0 && v <= 1), `${prefix + name} is not a fraction`);
    }
  }
  const [loss, norm, plainNorm] = ['train_loss', 'weight_norm', 'nodecay_weight_norm'].map((n) => series(m, n));
  t.diagnostic(`train_loss ${loss[0][1]} -> ${loss.at(-1)[1]}; weight norm ${norm.at(-1)[1]} (λ = 0: ${plainNorm.at(-1)[1]})`);
  assert.ok(loss.at(-1)[1] < loss[0][1], 'the training loss did not fall');
  assert.ok(norm.at(-1)[1] < plainNorm.at(-1)[1], 'weight decay did not keep the weights smaller than λ = 0');
  const acc = await p.textOf(p.page.locator('[data-readout="train_acc"]'));
  assert.match(acc, /^[\d.]+%$/, `training accuracy readout: ${acc}`);
  assert.match(await p.textOf(p.page.locator('[data-readout="generalised"]')), /^(step \d+|not yet)$/);
  assert.match(await p.textOf(p.page.locator('[data-readout="top5_share"]')), /[\d.]+%/);
  assert.equal(await p.page.getByRole('img', { name: 'Fourier spectrum of the embedding' }).count(), 1);
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});

test('panel 14: pause holds the run and bad URL values are reported', { timeout: 120_000 }, async () => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&p=60&wd=-3&frac=abc&steps=400`);
  await p.waitForApp();
  await p.showPanel();
  const notes = await p.textOf(p.testId('url-notes'));
  assert.match(notes, /p: 60 is not offered; using 59/);
  assert.match(notes, /wd/);
  await p.waitForSteps(20, { slug: SLUG, timeout: 60_000 });
  await p.button('Pause').click();
  await p.waitForStatus('paused', { slug: SLUG });
  const held = await p.steps(SLUG);
  await p.frames(48);
  assert.equal(await p.steps(SLUG), held, 'steps advanced while paused');
  await p.button('Play').click();
  await p.waitForSteps(held + 10, { slug: SLUG, timeout: 60_000 });
  p.assertNoPageErrors();
});

test('panel 14: switching the λ = 0 comparison on starts its run, and off removes it', { timeout: 120_000 }, async () => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&p=23&hidden=32&steps=60&compare=0`);
  await p.waitForStatus('done', { slug: SLUG });
  assert.ok(!('nodecay_val_acc' in (await p.metrics(SLUG))), 'a λ = 0 run trained with the comparison off');
  const compare = p.page.getByRole('checkbox', { name: /λ = 0/ });
  await compare.check();
  await p.page.waitForFunction((s) => (window.trainlab.metrics(s).nodecay_val_acc ?? []).length === 60, SLUG);
  await p.waitForStatus('done', { slug: SLUG });
  await compare.uncheck();
  await p.page.waitForFunction((s) => !('nodecay_val_acc' in window.trainlab.metrics(s)), SLUG);
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});
