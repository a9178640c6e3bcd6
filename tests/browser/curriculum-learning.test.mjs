// Panel 11 in headless Chromium, in a reduced configuration: all four orderings train their three
// seeds and report their series; the curriculum's first batches are the easiest problems and the
// anti-curriculum's the hardest; the heatmap shows every ordering's accuracy by difficulty. The
// lessons at the defaults are asserted natively (tests/curriculum.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, series } from './harness.mjs';

const SLUG = 'curriculum-learning';
const ORDERINGS = ['random', 'easy_to_hard', 'hard_to_easy', 'self_paced'];
const app = useApp();

test('panel 11: four orderings, their difficulty and the heatmap', { timeout: 120_000 }, async () => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&steps=40`);
  await p.waitForStatus('done', { slug: SLUG, timeout: 100_000 });
  const m = await p.metrics(SLUG);
  for (const o of ORDERINGS) {
    const acc = series(m, `test_acc_${o}`);
    assert.equal(acc.length, 40, o);
    const [lo, hi] = [series(m, `test_acc_${o}_min`), series(m, `test_acc_${o}_max`)];
    assert.ok(acc.every((q, i) => lo[i][1] <= q[1] + 1e-6 && q[1] <= hi[i][1] + 1e-6), `${o}: the mean lies within the seeds`);
    assert.equal(series(m, `batch_difficulty_${o}`).length, 40, o);
  }
  // Competence starts at 0.1 of the set sorted by digits: only 1-digit problems, or only 4-digit.
  assert.equal(series(m, 'batch_difficulty_easy_to_hard')[0][1], 1);
  assert.equal(series(m, 'batch_difficulty_hard_to_easy')[0][1], 4);
  // The heatmap: a table per ordering, four difficulties by ten slices, each a percentage.
  const tables = p.page.locator('table.acc-heatmap');
  assert.equal(await tables.count(), 4);
  const cells = await tables.first().locator('td.acc-cell').allTextContents();
  assert.equal(cells.length, 40);
  assert.ok(cells.every((c) => /^\d+$/.test(c) && Number(c) <= 100), cells.join(' '));
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});
