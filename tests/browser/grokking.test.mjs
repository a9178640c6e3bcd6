// Panel 14: the default run groks in headless Chromium on the CPU backend (training accuracy
// saturates long before validation accuracy climbs; the λ = 0 copy never generalises), and a bad
// URL leaves the page working with a note.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, series } from './harness.mjs';

const SLUG = 'grokking';
const app = useApp();

const firstAt = (s, level) => s.find(([, v]) => v >= level)?.[0];
const valueAt = (s, step) => s.find(([x]) => x >= step)?.[1];

test('panel 14: the default run groks on the CPU, and without weight decay it does not', { timeout: 420_000 }, async (t) => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu`);
  await p.waitForApp();
  await p.showPanel();
  const t0 = Date.now();
  await p.waitForStatus('running', { slug: SLUG, timeout: 60_000 });
  await p.waitForStatus('done', { slug: SLUG, timeout: 360_000, stopOn: ['diverged'] });
  const seconds = (Date.now() - t0) / 1000;
  const m = await p.metrics(SLUG);
  const [train, val, nodecay] = ['train_acc', 'val_acc', 'nodecay_val_acc'].map((n) => series(m, n));
  t.diagnostic(`default run: ${await p.steps(SLUG)} steps in ${seconds.toFixed(1)} s wall time`);
  const memorised = firstAt(train, 0.99);
  const generalised = firstAt(val, 0.9);
  t.diagnostic(`train ≥ 99% at step ${memorised}, val ≥ 90% at step ${generalised}, λ = 0 val ${nodecay.at(-1)[1]}`);
  assert.ok(memorised, 'training accuracy never reached 99%');
  assert.ok(valueAt(val, memorised) < 0.5, `val accuracy ${valueAt(val, memorised)} when training reached 99%`);
  assert.ok(generalised > 2 * memorised, `grokked at ${generalised}, memorised at ${memorised}`);
  assert.ok(Math.max(...nodecay.map(([, v]) => v)) < 0.5, 'the λ = 0 run generalised');
  for (const [name, s] of Object.entries(m)) {
    assert.ok(s.every(([, v]) => Number.isFinite(v)), `${name} has a non-finite value`);
  }
  assert.match(await p.textOf(p.page.locator('[data-readout="generalised"]')), /^step \d+$/);
  const share = await p.textOf(p.page.locator('[data-readout="top5_share"]'));
  const [grokked, plain] = [...share.matchAll(/([\d.]+)%/g)].map((x) => Number(x[1]));
  t.diagnostic(share);
  assert.ok(grokked > 1.5 * plain, `top-5 spectral share ${grokked}% vs ${plain}% at λ = 0`);
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
  await new Promise((r) => setTimeout(r, 800));
  assert.equal(await p.steps(SLUG), held, 'steps advanced while paused');
  await p.button('Play').click();
  await p.waitForSteps(held + 10, { slug: SLUG, timeout: 60_000 });
  p.assertNoPageErrors();
});
