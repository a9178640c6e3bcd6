// Panel 05 in headless Chromium on the CPU backend, in a reduced configuration: both runs train;
// the share of clipped steps is a fraction; the accumulated copy stays within float rounding of
// the big-batch copy; the readouts show measured times and memory labelled as from the shapes.
// The lessons themselves, at the defaults, are asserted natively (tests/clipping_panel.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, series } from './harness.mjs';

const SLUG = 'clipping-accumulation';
const app = useApp();

test('panel 05: the clipping and accumulation runs train and report their series', { timeout: 120_000 }, async (t) => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&steps=200&accum_steps=40`);
  await p.waitForStatus('done', { slug: SLUG });
  const m = await p.metrics(SLUG);
  const share = series(m, 'clipped_share').at(-1)[1];
  const norms = series(m, 'grad_norm').map(([, v]) => v);
  const diff = Math.max(...series(m, 'param_diff').map(([, v]) => v));
  t.diagnostic(`clipped share ${share}; largest ‖g‖ ${Math.max(...norms)}; largest |Δθ| ${diff}`);
  assert.ok(share > 0 && share < 1, `clipped share ${share}`);
  assert.ok(norms.every((v) => Number.isFinite(v) && v >= 0));
  assert.ok(diff < 1e-4, `the accumulated copy drifted: ${diff}`);
  assert.equal(series(m, 'loss_big_batch').length, 40);
  assert.match(await p.textOf(p.page.locator('[data-readout="ms_accumulated"]')), /^[\d.]+ ms$/);
  assert.match(await p.textOf(p.page.locator('[data-readout="act_micro"]')), /KiB$/);
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});
