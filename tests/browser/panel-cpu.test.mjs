// Tests 2, 4 and 11 (+ CSV download): panel 02 training on the CPU backend.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { useApp, series, sliderLearningRate, closeRel, SLUG } from './harness.mjs';

const app = useApp();
const PANEL = `/concepts/${SLUG}`;

test('panel 02 trains on CPU: loss falls, status done at the step budget', { timeout: 180_000 }, async (t) => {
  const p = await app.open(`${PANEL}?backend=cpu&steps=1000`);
  await p.waitForApp();
  await p.showPanel();
  await p.waitForStatus('done', { timeout: 120_000 });
  assert.equal(await p.steps(), 1000, 'steps() at "done" is not the step budget');

  const m = await p.metrics();
  const loss = series(m, 'train_loss');
  for (const name of ['train_acc', 'grad_norm_layer_0', 'grad_norm_layer_1']) series(m, name);
  assert.ok(loss.length >= 2, `train_loss has ${loss.length} points`);
  for (let i = 1; i < loss.length; i++) {
    assert.ok(loss[i][0] > loss[i - 1][0], `train_loss steps not increasing at ${i}: ${loss[i - 1][0]}, ${loss[i][0]}`);
  }
  const first = loss[0][1];
  const last = loss.at(-1)[1];
  t.diagnostic(`train_loss: ${loss.length} points, ${first} -> ${last}`);
  assert.ok(Number.isFinite(first) && Number.isFinite(last), `loss not finite: first ${first}, last ${last}`);
  assert.ok(last < first * 0.8, `loss did not fall by 20%: first ${first}, last ${last}`);

  const backend = await p.backend();
  assert.equal(backend?.name, 'cpu', `backend(): ${JSON.stringify(backend)}`);
  assert.match(await p.textOf(p.badge()), /cpu/i, 'the backend badge does not mention CPU');
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});

test('reload reproduces the run and the learning-rate slider', { timeout: 240_000 }, async (t) => {
  const query = 'backend=cpu&seed=7&dataset=circles&width=8&depth=2&lr=0.3&steps=60&noise=0.1';
  const p = await app.open(`${PANEL}?${query}`);

  const run = async (label) => {
    await p.waitForApp();
    await p.showPanel();
    await p.waitForStatus('done', { timeout: 120_000 });
    assert.equal(await p.steps(), 60, `${label}: steps() at "done"`);
    const loss = series(await p.metrics(), 'train_loss');
    assert.ok(loss.length >= 2, `${label}: train_loss has ${loss.length} points`);
    const slider = p.lrSlider();
    await slider.waitFor({ state: 'attached', timeout: 10_000 });
    const attrs = await slider.evaluate((el) => ({
      value: el.value,
      min: el.min,
      max: el.max,
      valuetext: el.getAttribute('aria-valuetext'),
    }));
    return { loss, attrs };
  };

  const before = await run('first load');
  await p.page.reload({ waitUntil: 'load', timeout: 60_000 });
  const after = await run('after reload');

  assert.deepEqual(after.loss, before.loss, 'train_loss differs after reload');
  assert.deepEqual(after.attrs, before.attrs, 'the learning-rate slider differs after reload');
  const { lr, how } = sliderLearningRate(after.attrs);
  t.diagnostic(`slider ${JSON.stringify(after.attrs)} -> lr ${lr} (${how})`);
  assert.ok(closeRel(lr, 0.3, 0.03), `the slider shows lr ${lr} (${how}), want 0.3`);
  p.assertNoPageErrors();
});

test('diverged run is flagged, and Reset clears it', { timeout: 180_000 }, async (t) => {
  const p = await app.open(`${PANEL}?backend=cpu&lr=10&act=relu&dataset=spiral&steps=2000`);
  await p.waitForApp();
  await p.showPanel();
  await p.waitForStatus('diverged', { timeout: 30_000, stopOn: ['done'] });
  await p.page.getByText('Diverged').filter({ visible: true }).first().waitFor({ state: 'visible', timeout: 10_000 });
  const stepsAtDivergence = await p.steps();

  // Same seed after Reset: the run may diverge again within milliseconds, so click and read in
  // the same task; fall back to polling if the reset is asynchronous.
  const reset = p.button('Reset');
  await reset.scrollIntoViewIfNeeded();
  let after = await reset.evaluate((el, slug) => {
    el.click();
    return { status: window.trainlab.status(slug), steps: Number(window.trainlab.steps(slug)) };
  }, SLUG);
  if (after.status === 'diverged') {
    const h = await p.page.waitForFunction(
      (slug) => {
        const status = window.trainlab.status(slug);
        return status !== 'diverged' && { status, steps: Number(window.trainlab.steps(slug)) };
      },
      SLUG,
      { timeout: 10_000, polling: 'raf' },
    );
    after = await h.jsonValue();
  }
  t.diagnostic(`diverged at step ${stepsAtDivergence}; after Reset: ${JSON.stringify(after)}`);
  assert.ok(['idle', 'running'].includes(after.status), `status after Reset: ${after.status}`);
  assert.ok(after.steps === 0 || after.steps < stepsAtDivergence, `steps after Reset: ${after.steps} (diverged at ${stepsAtDivergence})`);
  p.assertNoPageErrors();
});

test('Download CSV gives a file with a header and rows', { timeout: 180_000 }, async (t) => {
  const p = await app.open(`${PANEL}?backend=cpu&steps=50`);
  await p.waitForApp();
  await p.showPanel();
  await p.waitForStatus('done', { timeout: 120_000 });
  const buttons = p.button('Download CSV');
  assert.ok((await buttons.count()) >= 1, 'no "Download CSV" button');
  const [download] = await Promise.all([p.page.waitForEvent('download', { timeout: 15_000 }), buttons.first().click()]);
  const file = await download.path();
  const lines = (await fs.readFile(file, 'utf8')).split(/\r?\n/).filter((l) => l.trim() !== '');
  t.diagnostic(`${download.suggestedFilename()}: ${lines.length} lines; header "${lines[0]}"`);
  assert.match(download.suggestedFilename(), /\.csv$/i);
  assert.ok(lines.length >= 2, `CSV has ${lines.length} non-empty lines`);
  assert.ok(lines[0].includes(','), `CSV header has no comma: "${lines[0]}"`);
  p.assertNoPageErrors();
});

test('Download PNG gives the chart at the screen\'s pixel ratio (2 here), and its text alternative follows the data', { timeout: 180_000 }, async (t) => {
  const p = await app.open(`${PANEL}?backend=cpu&steps=50`, { deviceScaleFactor: 2 });
  await p.showPanel();
  await p.waitForStatus('done', { timeout: 120_000 });
  const figure = p.page.locator('figure.chart').filter({ has: p.page.locator('canvas.chart-canvas') }).first();
  const css = await figure.locator('canvas').evaluate((c) => ({ w: c.clientWidth, h: c.clientHeight }));
  const [download] = await Promise.all([
    p.page.waitForEvent('download', { timeout: 15_000 }),
    figure.getByRole('button', { name: 'Download PNG' }).click(),
  ]);
  const png = await fs.readFile(await download.path());
  assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'not a PNG');
  const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  t.diagnostic(`${download.suggestedFilename()}: ${w}×${h} px for a ${css.w}×${css.h} CSS px canvas`);
  assert.match(download.suggestedFilename(), /\.png$/);
  assert.deepEqual([w, h], [Math.round(css.w * 2), Math.round(css.h * 2)], 'the PNG is not at the pixel ratio');
  // The text alternative names the latest value of a series that metrics() reports.
  const summary = await figure.getByTestId('chart-summary').textContent();
  const metrics = await p.metrics();
  const last = Object.values(metrics).map((s) => s.at(-1)).filter(Boolean);
  assert.ok(last.some(([step]) => summary.includes(`step ${step}`)), `"${summary}" names no series' last step`);
  p.assertNoPageErrors();
});
