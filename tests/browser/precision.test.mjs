// Panel 06 in headless Chromium, in a reduced configuration: the five recipes train on the CPU
// in the browser with Burn's f16 and bf16 tensors; the scaler overflows and skips (a high first
// scale); the formats table shows fp16's and bf16's nearest values for a typed number; the
// histogram and the memory table fill in. The lessons at the defaults are asserted natively
// (tests/precision_panel.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, series } from './harness.mjs';

const SLUG = 'mixed-precision';
const app = useApp();

test('panel 06: five recipes train, the scaler skips overflows, the formats read true', { timeout: 120_000 }, async (t) => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&steps=60&init_scale=36&x=65520`);
  await p.waitForStatus('done', { slug: SLUG });
  const m = await p.metrics(SLUG);
  for (const r of ['fp32', 'fp16', 'fp16_scaled', 'bf16', 'bf16_pure']) {
    assert.equal(series(m, `loss_${r}`).length, 60, r);
  }
  const scale = series(m, 'loss_scale').map(([, v]) => v);
  const skipped = series(m, 'skipped_fp16_scaled').at(-1)[1];
  const under = series(m, 'underflow_share').at(-1)[1];
  t.diagnostic(`scale ${scale[0]} → ${scale.at(-1)}; ${skipped} skipped; underflow share ${under}`);
  assert.equal(scale[0], 2 ** 36);
  assert.ok(skipped >= 1 && scale.at(-1) < scale[0], `the scaler should halve on overflow: ${skipped}, ${scale.at(-1)}`);
  assert.ok(under > 0.1 && under < 1, `underflow share ${under}`);
  // 65520 lies halfway between fp16's largest value and 2^16: it rounds to even, which is ∞.
  assert.equal(await p.textOf(p.page.locator('[data-readout="value_fp16"]')), '+∞');
  assert.equal(await p.textOf(p.page.locator('[data-readout="value_bf16"]')), '65536');
  assert.equal(await p.textOf(p.page.locator('[data-readout="value_fp32"]')), '65520');
  assert.match(await p.textOf(p.page.locator('[data-readout="zero_share"]')), /^[\d.]+%$/);
  assert.match(await p.textOf(p.page.locator('[data-readout="activations_bf16"]')), /KiB$/);
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});
