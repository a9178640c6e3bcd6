// Panel 10 in headless Chromium, in reduced configurations: the online rule's weights start
// uniform, stay on the simplex and move after their first update; a linked slider makes the
// weights the reader's own and the run trains with them; the sweep trains its points and reports
// its best mixtures. The lessons at the defaults are asserted natively (tests/data_mixing.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, series } from './harness.mjs';

const SLUG = 'data-mixing';
const DOMAINS = ['prose', 'speeches', 'email', 'arithmetic'];
const app = useApp();

const weightsAt = (m, i) => DOMAINS.map((d) => series(m, `weight_${d}`)[i][1]);

test('panel 10: the online weights, a linked slider, and the sweep', { timeout: 150_000 }, async () => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&steps=40&sweep=1&points=3&sweep_steps=10`);
  await p.waitForStatus('done', { slug: SLUG, timeout: 120_000 });
  const m = await p.metrics(SLUG);
  for (const d of DOMAINS) assert.equal(series(m, `val_loss_${d}`).length, 40, d);
  for (let i = 0; i < 40; i++) {
    const sum = weightsAt(m, i).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 1e-5, `step ${i + 1}: weights sum to ${sum}`);
  }
  assert.deepEqual(weightsAt(m, 0), [0.25, 0.25, 0.25, 0.25]);
  assert.notDeepEqual(weightsAt(m, 39), weightsAt(m, 0), 'the update after step 20 moved the weights');
  // The sweep: three points of ten steps, and the page names the best of them.
  assert.equal(series(m, 'sweep_point').at(-1)[1], 2);
  assert.match(await p.textOf(p.page.locator('section.sweep .readout-line')), /best mean \([\d.]+\) at arithmetic weight/);
  // Moving the arithmetic slider makes the weights the reader's own; the others keep summing to 1.
  const slider = p.page.getByLabel('arithmetic (a+b=c)', { exact: true });
  await slider.fill('0.7');
  await p.page.waitForFunction(() => new URL(location.href).searchParams.get('preset') === 'custom');
  const shown = await Promise.all(DOMAINS.map((_, i) => p.page.locator('fieldset.mix input[type=range]').nth(i).inputValue()));
  assert.ok(Math.abs(shown.map(Number).reduce((a, b) => a + b, 0) - 1) < 1e-3, `sliders ${shown}`);
  // The run restarts by itself under the new weights.
  await p.page.waitForFunction((s) => {
    const w = window.trainlab.metrics(s).weight_arithmetic ?? [];
    return w.length === 40 && Math.abs(w[0][1] - 0.7) < 1e-6;
  }, SLUG, { timeout: 100_000 });
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});
