// Panel 07 in headless Chromium, in a reduced configuration: every strategy's gradient equals the
// store-everything one, the peaks are ordered, the recomputed layers match the formulas, times
// are measured, and the memory timeline and trade-off charts have their data. The claims at the
// defaults are asserted natively (tests/checkpointing.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, series } from './harness.mjs';

const SLUG = 'gradient-checkpointing';
const app = useApp();

test('panel 07: four strategies, one gradient, ordered peaks, measured times', { timeout: 120_000 }, async (t) => {
  const n = 9;
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&steps=20&n=${n}&width=32&k=2`);
  await p.waitForStatus('done', { slug: SLUG });
  const m = await p.metrics(SLUG);
  const last = (name) => series(m, name).at(-1)[1];
  const peaks = ['all', 'every_k', 'sqrt', 'none'].map((s) => last(`peak_bytes_${s}`));
  t.diagnostic(`peaks ${peaks}; ms ${['all', 'every_k', 'sqrt', 'none'].map((s) => last(`step_ms_${s}`))}`);
  assert.ok(peaks[0] > peaks[1] && peaks[1] > peaks[3] && peaks[2] > peaks[3], `peaks ${peaks}`);
  for (const s of ['every_k', 'sqrt', 'none']) assert.ok(last(`grad_diff_${s}`) <= 1e-7, s);
  assert.ok(last('grad_diff_autodiff') < 1e-5);
  // n − ⌈n/k⌉ for k = 2 and k = √9 = 3; n(n − 1)/2 for none.
  assert.deepEqual(['all', 'every_k', 'sqrt', 'none'].map((s) => last(`recomputed_${s}`)), [0, 4, 6, 36]);
  assert.equal(await p.textOf(p.page.locator('[data-readout="recomputed_none"]')), '36');
  assert.match(await p.textOf(p.page.locator('[data-readout="ms_sqrt"]')), /^[\d.]+$/);
  assert.match(await p.textOf(p.page.locator('[data-readout="grad_diff"]')), /^0 \(bit for bit\)$|e-/);
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});
