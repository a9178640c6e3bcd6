// Panel 09 in headless Chromium, in a reduced configuration: the funnel the page draws matches
// the one the curated run trained on (`docs_kept`), turning a stage off changes the page's funnel
// at once, clusters open to their documents, and both language models report their series. The
// lessons at the defaults are asserted natively (tests/curation.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, series } from './harness.mjs';

const SLUG = 'data-curation';
const app = useApp();

test('panel 09: the funnel, the clusters and both language models', { timeout: 120_000 }, async () => {
  const p = await app.open(`/concepts/${SLUG}?backend=cpu&steps=20&noise=0.3`);
  await p.waitForStatus('done', { slug: SLUG });
  const m = await p.metrics(SLUG);
  const kept = series(m, 'docs_kept');
  assert.deepEqual(kept.map((q) => q[0]), [0, 1, 2, 3, 4]);
  assert.ok(kept.every((q, i) => i === 0 || q[1] <= kept[i - 1][1]), `the funnel grows: ${kept}`);
  assert.ok(kept[4][1] < kept[0][1], 'the stages drop something');
  for (const name of ['val_loss_raw', 'val_loss_curated', 'loss_duplicated', 'loss_unique']) {
    assert.equal(series(m, name).length, 20, name);
  }
  const docs = async (i) => Number(await p.textOf(p.page.locator(`[data-docs-kept="${i}"]`)));
  assert.equal(await docs(0), kept[0][1], 'the page’s raw count is the run’s');
  assert.equal(await docs(4), kept[4][1], 'the page’s funnel is the one the curated run trained on');
  // Exact dedup is always right: precision 100%.
  assert.equal(await p.textOf(p.page.locator('[data-precision="1"]')), '100%');
  // Turning the classifier off keeps everything the rules kept.
  await p.page.getByLabel('4. Quality classifier').uncheck();
  await p.page.waitForFunction(() => document.querySelector('[data-docs-kept="4"]').textContent === document.querySelector('[data-docs-kept="3"]').textContent);
  // A cluster opens to its documents.
  const first = p.page.locator('ol.clusters > li').first();
  const n = Number((await p.textOf(first.locator('summary'))).match(/^(\d+) documents$/)[1]);
  await first.locator('summary').click();
  assert.equal(await first.locator('.sample-text').count(), n);
  p.assertNoPageErrors();
  p.assertNoConsoleErrors();
});
