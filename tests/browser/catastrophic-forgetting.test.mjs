// Panel 16 in headless Chromium, in a reduced run (40 steps on A, 20 on B, a short language
// pair, no λ sweep): both pairs train through both phases, every method reports both tasks at the
// start of phase B and at its end, the Fisher heatmap arrives, and the end-of-run table names
// every method. The lessons at the defaults are asserted natively (tests/forgetting.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, series } from './harness.mjs';

const SLUG = 'catastrophic-forgetting';
const app = useApp();
const METHODS = ['finetune', 'replay', 'ewc', 'l2', 'low_lr'];

test('panel 16: both pairs, five methods, both tasks', { timeout: 120_000 }, async () => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&steps_a=40&steps_b=20&text_a=20&text_b=10&sweep=false`);
  await p.waitForStatus('done', { slug: SLUG, timeout: 100_000 });
  const m = await p.metrics(SLUG);
  for (const k of METHODS) {
    for (const [metric, last] of [['acc', 20], ['loss', 10]]) {
      for (const t of ['a', 'b']) {
        const s = series(m, `${metric}_${t}_${k}`);
        assert.equal(s[0][0], 0, `${metric}_${t}_${k} starts where phase A ended`);
        assert.equal(s.at(-1)[0], last, `${metric}_${t}_${k} ends with phase B`);
        assert.ok(s.every((q) => Number.isFinite(q[1])), `${metric}_${t}_${k}`);
      }
    }
  }
  // Every method starts from the same network.
  const starts = METHODS.map((k) => series(m, `acc_a_${k}`)[0][1]);
  assert.ok(starts.every((v) => v === starts[0]), `${starts}`);
  assert.ok(!('acc_a_ewc_x10' in m), 'no sweep when it is off');
  const table = p.page.getByRole('table', { name: /accuracy at the end of phase B/ });
  assert.equal(await table.locator('tbody tr').count(), 6, 'after phase A, then five methods');
  await p.page.getByText(/The largest tenth of these weights hold \d+% of their total Fisher information/).waitFor();
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});
