// Panel 13 in headless Chromium, in a reduced family (three sizes, 2-digit sums, 40 steps): every
// model is its own job, each reports its scores at x = N, the page pools them into the contract's
// series and the product of per-digit accuracies, and switching the metric restarts nothing. The
// lessons at the defaults are asserted natively (tests/emergence.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, series } from './harness.mjs';

const SLUG = 'emergent-abilities';
const app = useApp();

test('panel 13: a reduced family, its pooled scores, and a metric switch', { timeout: 120_000 }, async () => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&digits=2&sizes=3&steps=40`);
  await p.waitForStatus('done', { slug: SLUG, timeout: 100_000 });
  const m = await p.metrics(SLUG);
  // Widths 4, 8, 16 on 2-digit sums: N = 41·h + (h+1)·h + (h+1)·30 = 334, 670, 1,438.
  for (const k of ['exact_match', 'token_acc', 'answer_logprob', 'exact_match_predicted']) {
    assert.deepEqual(series(m, k).map((q) => q[0]), [334, 670, 1438], k);
  }
  const [em, tok, lp] = ['exact_match', 'token_acc', 'answer_logprob'].map((k) => series(m, k).map((q) => q[1]));
  assert.ok(em.every((v, i) => v >= 0 && v <= tok[i] + 1e-9), `exact ${em} ≤ per-digit ${tok}`);
  assert.ok(lp.every((v) => v < 0), `${lp}`);
  await p.page.getByText('Models scored: 3 of 3').waitFor();
  assert.equal(await p.page.locator('table.emergence-table tbody tr').count(), 3);
  // Another metric on the chart: a redraw, not a retraining.
  const steps = await p.page.evaluate((s) => window.trainlab.steps(s), SLUG);
  await p.page.getByLabel('Metric', { exact: true }).selectOption('answer_logprob');
  await p.page.waitForURL(/metric=answer_logprob/);
  assert.equal(await p.page.evaluate((s) => window.trainlab.status(s), SLUG), 'done');
  assert.equal(await p.page.evaluate((s) => window.trainlab.steps(s), SLUG), steps);
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});
