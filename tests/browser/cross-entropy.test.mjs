// Panel 01: the single prediction (uniform costs ln V, a confident wrong answer costs far more,
// dragging a logit bar changes the loss and the URL) and the character model training live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useApp, series } from './harness.mjs';

const SLUG = 'cross-entropy';
const app = useApp();

const readout = async (p, name) => Number(await p.textOf(p.page.locator(`[data-readout="${name}"]`)));

test('panel 01: uniform logits cost ln V; confident and wrong costs far more', { timeout: 120_000 }, async () => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&autoplay=0&v=8&target=2`);
  await p.waitForApp();
  await p.showPanel();
  await p.button('Uniform').click();
  await p.page.waitForFunction(() => new URL(location.href).searchParams.get('logits') === '0,0,0,0,0,0,0,0');
  const uniform = await readout(p, 'loss_nats');
  assert.ok(Math.abs(uniform - Math.log(8)) < 0.01, `uniform loss ${uniform}, want ln 8 = ${Math.log(8)}`);
  assert.equal(await readout(p, 'ln_v'), uniform);
  assert.ok(Math.abs((await readout(p, 'perplexity')) - 8) < 0.05, 'uniform perplexity is not V');
  await p.button('Sure and wrong').click();
  await p.page.waitForFunction(() => document.querySelector('[data-readout="loss_nats"]').textContent !== '2.08');
  const wrong = await readout(p, 'loss_nats');
  assert.ok(wrong > 3 * uniform, `confident wrong ${wrong} is not far above unsure ${uniform}`);
  assert.ok(Math.abs((await readout(p, 'loss_bits')) - wrong / Math.LN2) < 0.02 * wrong, 'bits ≠ nats / ln 2');
  // Smoothing puts a floor under a confident right answer.
  await p.button('Sure and right').click();
  await p.page.waitForFunction(() => Number(document.querySelector('[data-readout="loss_nats"]').textContent) < 0.05);
  await p.page.getByLabel('Label smoothing').check();
  await p.page.waitForSelector('[data-readout="floor"]');
  const [floor, smoothed] = [await readout(p, 'floor'), await readout(p, 'loss_nats')];
  assert.ok(floor > 0.2 && smoothed >= floor, `floor ${floor}, smoothed loss ${smoothed}`);
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});

test('panel 01: dragging the target bar up raises p(target)', { timeout: 120_000 }, async () => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&autoplay=0&v=4&logits=0,0,0,0&target=1`);
  await p.waitForApp();
  await p.showPanel();
  const before = await readout(p, 'p_target');
  assert.ok(Math.abs(before - 0.25) < 1e-3, `p(target) starts at ${before}`);
  const box = await p.page.locator('svg.bars-svg.draggable').boundingBox();
  // Bar 1 of 4 sits in the second quarter; drag from the middle line up near the top.
  const x = box.x + box.width * 0.375;
  await p.page.mouse.move(x, box.y + box.height * 0.5);
  await p.page.mouse.down();
  await p.page.mouse.move(x, box.y + box.height * 0.2, { steps: 4 });
  await p.page.mouse.up();
  await p.page.waitForFunction(() => Number(document.querySelector('[data-readout="p_target"]').textContent) > 0.5);
  const logits = new URL(p.page.url()).searchParams.get('logits').split(',').map(Number);
  assert.ok(logits[1] > 2 && logits[0] === 0, `logits after the drag: ${logits}`);
  // The keyboard does the same: focus the bars (the target is chosen first), ←, then ↑ twice.
  await p.page.locator('svg.bars-svg.draggable').focus();
  for (const key of ['ArrowLeft', 'ArrowUp', 'ArrowUp']) await p.page.keyboard.press(key);
  await p.page.waitForFunction(() => new URL(location.href).searchParams.get('logits').split(',')[0] === '1');
  // The SVG chart's PNG: the picture at the screen's size (pixel ratio 1 here).
  const figure = p.page.locator('figure.chart').filter({ has: p.page.locator('svg.bars-svg.draggable') });
  const [download] = await Promise.all([
    p.page.waitForEvent('download', { timeout: 15_000 }),
    figure.getByRole('button', { name: 'Download PNG' }).click(),
  ]);
  const png = await readFile(await download.path());
  assert.deepEqual([...png.subarray(1, 4)], [80, 78, 71], `${download.suggestedFilename()} is not a PNG`);
  assert.equal(png.readUInt32BE(16), Math.round(box.width), 'the PNG is not as wide as the chart');
  p.assertNoPageErrors();
});

test('panel 01: the character model learns and samples text', { timeout: 180_000 }, async (t) => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&steps=400`);
  await p.waitForApp();
  await p.showPanel();
  await p.waitForStatus('done', { slug: SLUG, timeout: 150_000 });
  const m = await p.metrics(SLUG);
  const [train, val] = ['train_loss', 'val_loss'].map((n) => series(m, n).map(([, v]) => v));
  assert.equal(train.length, 400);
  assert.equal(val.length, 400);
  t.diagnostic(`train ${train[0]} -> ${train.at(-1)}, val ${val[0]} -> ${val.at(-1)}`);
  // Starts near ln 39 ≈ 3.66 (knowing nothing), ends well below it.
  assert.ok(Math.abs(val[0] - Math.log(39)) < 0.5, `initial val loss ${val[0]}`);
  assert.ok(val.at(-1) < 3.0, `val loss only reached ${val.at(-1)}`);
  const text = await p.textOf(p.page.getByLabel('Sampled text'));
  assert.ok(text.startsWith('call me ishmael. ') && text.length > 100, `sample: ${text}`);
  assert.match(text, /^[a-z .,;:'"\-?!()\n]+$/, 'the sample uses characters outside the vocabulary');
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});
